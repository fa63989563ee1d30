"""The `trocha` command: thin wrappers that parse arguments and call the library."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from trocha import __version__, commands_geo, commands_store, commands_web
from trocha.api import Extractor, parse_published
from trocha.batch import Reject, Summary, code_lines
from trocha.errors import Rejected, TrochaError
from trocha.model import Article, Event

if TYPE_CHECKING:
    from rich.console import Console


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="trocha", description="Code English/Spanish security reports into events.")
    p.add_argument("--version", action="version", version=f"trocha {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="code one text (FILE or -) or a JSONL batch (--input)")
    ex.add_argument("file", nargs="?", help="a text file, or - for standard input")
    ex.add_argument("--input", help="JSONL batch: one {id, text, lang?, published?, url?, title?} per line")
    ex.add_argument("--lang", choices=["en", "es"], help="language of the text (detected when omitted)")
    ex.add_argument("--published", help="publication date YYYY-MM-DD (resolves 'Tuesday', 'anoche', ...)")
    ex.add_argument("--format", choices=["table", "json", "jsonl"], help="output format (table for one text, "
                    "jsonl for batches)")
    ex.add_argument("--output", "-o", help="write events here instead of standard output")
    ex.add_argument("--rejects", default="trocha-rejects.jsonl",
                    help="where a batch keeps its rejected lines with their reasons (default: %(default)s)")
    ex.add_argument("--allow-rejects", action="store_true", help="exit 0 even when some inputs were rejected")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    lex = sub.add_parser("lexicon", help="knowledge data commands")
    lex_sub = lex.add_subparsers(dest="lexicon_command", required=True)
    lex_sub.add_parser("check", help="validate triggers, actors, codebook and rules")
    commands_store.add_parsers(sub)  # ingest, watch, merge, rejected, stats, export, search
    commands_geo.add_parsers(sub)  # geo build|resolve|reverse
    commands_web.add_parsers(sub)  # serve, org, user, token
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "lexicon":
            return _lexicon_check()
        if args.command in commands_store.COMMANDS:
            return commands_store.run(args)
        if args.command in commands_geo.COMMANDS:
            return commands_geo.run(args)
        if args.command in commands_web.COMMANDS:
            return commands_web.run(args)
        return _extract(args)
    except TrochaError as exc:
        print(f"trocha: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _lexicon_check() -> int:
    from trocha.lang.check import check

    problems = check()
    for p in problems:
        print(p)
    print(f"lexicon check: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def _open_out(path: str | None) -> IO[str]:
    return open(path, "w", encoding="utf-8") if path else sys.stdout


def _extract(args: argparse.Namespace) -> int:
    if bool(args.file) == bool(args.input):
        raise TrochaError("give either a FILE (or -) or --input JSONL, not both and not neither")
    extractor = Extractor()
    if args.input:
        return _extract_batch(args, extractor)
    raw = sys.stdin.buffer.read() if args.file == "-" else _read_file(args.file)
    try:
        text = raw.decode("utf-8")
        article = Article(id=_article_id(args.file), text=text, lang=args.lang,
                          published=parse_published(args.published))
        events = extractor.run(article).events
    except UnicodeDecodeError as exc:
        print(f"trocha: rejected (invalid_utf8): the input is not valid UTF-8 ({exc.reason} at byte {exc.start})",
              file=sys.stderr)
        return 1
    except Rejected as rej:
        print(f"trocha: rejected ({rej.reason}): {rej.detail}", file=sys.stderr)
        return 1
    out = _open_out(args.output)
    try:
        fmt = args.format or "table"
        if fmt == "table":
            _print_table(events, text, out)
        elif fmt == "json":
            json.dump([e.to_dict() for e in events], out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            for e in events:
                out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise TrochaError(f"cannot read {path}: {exc.strerror}") from exc


def _article_id(path: str) -> str:
    return "stdin" if path == "-" else Path(path).stem


def _lines_with_progress(path: str, show: bool) -> Iterator[bytes]:
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        if not show:
            yield from fh
            return
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

        cols = (TextColumn("coding"), BarColumn(), TransferSpeedColumn(), TimeRemainingColumn())
        with Progress(*cols, transient=True, console=_stderr_console()) as bar:
            task = bar.add_task("coding", total=size)
            for line in fh:
                bar.advance(task, len(line))
                yield line


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def _extract_batch(args: argparse.Namespace, extractor: Extractor) -> int:
    if not Path(args.input).is_file():
        raise TrochaError(f"cannot read {args.input}: no such file")
    fmt = args.format or "jsonl"
    summary = Summary()
    rejects: list[Reject] = []
    show = not args.no_progress and sys.stderr.isatty()
    out = _open_out(args.output)
    try:
        events = code_lines(_lines_with_progress(args.input, show), extractor, summary, rejects)
        if fmt == "json":
            json.dump([e.to_dict() for e in events], out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif fmt == "table":
            for e in events:
                _print_table([e], None, out)
        else:
            for e in events:
                out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    for r in rejects:
        print(f"trocha: line {r.line} rejected ({r.reason}): {r.detail}", file=sys.stderr)
    if rejects:
        with open(args.rejects, "w", encoding="utf-8") as fh:
            for r in rejects:
                fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    s = summary.to_dict()
    reasons = ", ".join(f"{k}={v}" for k, v in sorted(s["rejected_by_reason"].items())) or "none"
    print(f"trocha: read {s['read']}, coded {s['coded']}, events {s['events']}, rejected {s['rejected']} "
          f"({reasons})" + (f"; rejects kept in {args.rejects}" if rejects else ""), file=sys.stderr)
    return 1 if rejects and not args.allow_rejects else 0


def _print_table(events: list[Event], text: str | None, out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=140)
    if not events:
        console.print("no events")
        return
    table = Table(show_lines=True)
    for col in ("#", "date", "type", "actor 1 → actor 2", "where", "dead", "quantities", "codes", "evidence"):
        table.add_column(col, overflow="fold")
    for i, e in enumerate(events, 1):
        a1 = e.actor1.name if e.actor1 else "-"
        a2 = e.actor2.name if e.actor2 else "-"
        where = e.location.text if e.location else "-"
        qty = "; ".join(f"{q.what} {q.value:g}{' ' + q.unit if q.unit else ''}" for q in e.quantities) or "-"
        codes = f"PLOVER {e.plover or '-'}\nCAMEO {e.cameo or '-'}\nconf {e.confidence:.2f}"
        date = f"{e.date or '-'}\n({e.date_basis or '-'})" + ("\nbackground" if e.background else "")
        ev = e.evidence[0].text if e.evidence else ""
        table.add_row(str(i), date, f"{e.event_type}\n{e.sub_event_type}", f"{a1} → {a2}", where,
                      str(e.fatalities if e.fatalities is not None else "-"), qty, codes, ev[:220])
    console.print(table)
