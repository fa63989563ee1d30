"""Bodies of the store commands (ingest, watch, merge, rejected, stats, export, search); cli.py only registers them."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from trocha.api import parse_published
from trocha.config import Settings, settings
from trocha.errors import TrochaError

if TYPE_CHECKING:
    from trocha.ingest import Ingestor, Item
    from trocha.store import EventFilter, Store
    from trocha.store.access import Access

COMMANDS = ("ingest", "watch", "merge", "pin", "rejected", "stats", "export", "search")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the store commands on the main parser."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="database URL (default: TROCHA_DATABASE_URL, else SQLite at TROCHA_DB_PATH, "
                    "trocha.db)")
    flt = argparse.ArgumentParser(add_help=False)
    flt.add_argument("--from", dest="date_from", help="first event day YYYY-MM-DD")
    flt.add_argument("--to", dest="date_to", help="last event day YYYY-MM-DD")
    flt.add_argument("--country", help="country as ACLED writes it (Colombia); exact spelling")
    flt.add_argument("--admin1", help="department / state / province, exact spelling (Norte de Santander)")
    flt.add_argument("--admin2", help="municipality / canton, exact spelling")
    flt.add_argument("--type", dest="event_type", help="event type or sub-event type (Battles, Armed clash)")
    flt.add_argument("--actor", help="part of an actor name, any case (eln)")

    ing = sub.add_parser("ingest", parents=[db], help="store and code files, folders, JSONL, pages and feeds")
    ing.add_argument("targets", nargs="+", metavar="PATH|URL")
    ing.add_argument("--published", help="publication date of plain-text files that carry none (YYYY-MM-DD)")
    ing.add_argument("--lang", choices=["en", "es"], help="language of the inputs (detected when omitted)")
    ing.add_argument("--no-merge", action="store_true", help="do not recompute incidents at the end")
    ing.add_argument("--org", help="organisation the articles belong to (needed for private and shared)")
    ing.add_argument("--visibility", choices=["public", "private", "shared"], default="public",
                     help="who may read the stored articles (default: %(default)s; docs/web.md)")
    ing.add_argument("--share-with", metavar="ORG,...", help="partner organisations of --visibility shared")
    ing.add_argument("--no-progress", action="store_true", help="no progress display on stderr")
    ing.add_argument("--json", action="store_true", help="print the closing summary as JSON on stdout")

    wat = sub.add_parser("watch", parents=[db], help="poll the feeds of a sources.toml until Ctrl-C")
    wat.add_argument("sources", help="sources.toml listing [[feed]] name/url/lang/interval")
    wat.add_argument("--interval", type=int, help="seconds between polls (default: the file's, else the setting)")
    wat.add_argument("--once", action="store_true", help="poll every feed once and stop")

    sub.add_parser("merge", parents=[db], help="recompute incidents across reports (deterministic, re-runnable)")

    pin = sub.add_parser("pin", parents=[db], help="an analyst's decision: keep an event in an incident (a new key "
                         "splits it off); the automatic merge never overrides it")
    pin.add_argument("event", type=int, help="the event's id in the store (export --level event shows them)")
    pin.add_argument("incident", help="key of the incident to keep it in; an unused key makes a new incident")
    pin.add_argument("--by", required=True, help="who decides (kept with the link)")
    pin.add_argument("--why", required=True, help="why (kept with the link)")

    rej = sub.add_parser("rejected", parents=[db], help="list rejected inputs with their reasons")
    rej.add_argument("--reason", help="only this reason code")
    rej.add_argument("--limit", type=int, default=100, help="at most this many (default: %(default)s; 0 = all)")
    rej.add_argument("--format", choices=["table", "jsonl"], default="table")

    st = sub.add_parser("stats", parents=[db, flt], help="event counts by week, type and admin1")
    st.add_argument("--json", action="store_true", help="JSON instead of tables")

    exp = sub.add_parser("export", parents=[db, flt], help="write incidents or events in a standard format")
    exp.add_argument("--format", required=True, choices=["acled-csv", "plover-jsonl", "gdelt-tsv", "geojson",
                                                         "parquet"])
    exp.add_argument("--level", choices=["incident", "event"], default="incident",
                     help="one row per incident (merged reports, default) or per reported event")
    exp.add_argument("--output", "-o", help="file to write (required for parquet; default: standard output)")

    se = sub.add_parser("search", parents=[db], help="articles holding every given word (accents ignored)")
    se.add_argument("words", nargs="+")
    se.add_argument("--limit", type=int, default=20)


def run(args: argparse.Namespace) -> int:
    """Run one store command; returns the exit status."""
    from trocha.store import open_store  # SQLAlchemy is loaded only by the commands that need it

    config = settings()
    with open_store(args.db, config) as store:
        if args.command == "ingest":
            return _ingest(args, store, config)
        if args.command == "watch":
            return _watch(args, store, config)
        if args.command == "merge":
            return _merge(store, config)
        if args.command == "pin":
            from trocha.store import Pin

            store.pin(Pin(args.event, args.incident, args.by, args.why))
            print(f"trocha: event {args.event} kept in incident {args.incident} by {args.by}", file=sys.stderr)
            return _merge(store, config)
        if args.command == "rejected":
            return _rejected(args, store)
        if args.command == "stats":
            return _stats(args, store)
        if args.command == "export":
            return _export(args, store)
        return _search(args, store)


def _filter(args: argparse.Namespace) -> EventFilter:
    from trocha.store import EventFilter

    return EventFilter(date_from=parse_published(args.date_from), date_to=parse_published(args.date_to),
                       country=args.country, admin1=args.admin1, admin2=args.admin2, event_type=args.event_type,
                       actor=args.actor)


def _merge(store: Store, config: Settings) -> int:
    from trocha.dedup import merge_store

    res = merge_store(store, config)
    print(f"trocha: merged {res.events} events into {res.incidents} incidents ({res.multi_report} seen by several "
          "reports)", file=sys.stderr)
    return 0


def _access(args: argparse.Namespace, store: Store) -> Access | None:
    """The visibility of `ingest --org --visibility --share-with` (None: public)."""
    from trocha.store.access import Access
    from trocha.store.guarded import Guarded

    g = Guarded(store)

    def org_id(name: str) -> int:
        org = g.find_org(name.strip())
        if org is None:
            raise TrochaError(f"no organisation named {name.strip()!r} (trocha org create NAME)")
        return org.id

    partners = [p for p in (args.share_with or "").split(",") if p.strip()]
    if partners and args.visibility != "shared":
        raise TrochaError("--share-with goes with --visibility shared")
    if args.visibility == "public":
        if args.org:
            org_id(args.org)  # a typo in the name is still an error
        return None
    if not args.org:
        raise TrochaError(f"--visibility {args.visibility} needs --org")
    if args.visibility == "shared" and not partners:
        raise TrochaError("--visibility shared needs --share-with ORG,...")
    return Access(org_id(args.org), args.visibility, tuple(org_id(p) for p in partners))


def _ingest(args: argparse.Namespace, store: Store, config: Settings) -> int:
    from trocha.ingest import Ingestor

    show = not args.no_progress and sys.stderr.isatty()
    with ExitStack() as stack:
        ingestor = Ingestor(store, config, access=_access(args, store))
        stack.callback(ingestor.close)
        items = ingestor.targets(args.targets, parse_published(args.published), args.lang)
        try:
            if show:
                ingestor.run(_with_progress(items, ingestor, stack))
            else:
                ingestor.run(items)
        except KeyboardInterrupt:
            print(f"trocha: interrupted; {ingestor.summary.line()} (everything counted is stored; run again to "
                  "go on)", file=sys.stderr)
            return 130
        summary = ingestor.summary
    print(f"trocha: {summary.line()}", file=sys.stderr)
    if not args.no_merge:
        _merge(store, config)
    if args.json:
        print(json.dumps({**summary.to_dict(), "store": store.counts().to_dict()}))
    return 0


def _with_progress(items: Iterator[Item], ingestor: Ingestor, stack: ExitStack) -> Iterator[Item]:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = stack.enter_context(Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                       console=Console(stderr=True), transient=True))
    task = bar.add_task("ingesting")
    summary = ingestor.summary
    for item in items:
        yield item
        bar.update(task, description=summary.line())


def _watch(args: argparse.Namespace, store: Store, config: Settings) -> int:
    from trocha.dedup import merge_store
    from trocha.ingest import Ingestor
    from trocha.ingest.feeds import load_sources

    feeds, file_interval = load_sources(Path(args.sources))
    default = args.interval or file_interval or config.watch_interval
    due = {f.url: 0.0 for f in feeds}
    ingestor = Ingestor(store, config)
    polls = 0
    try:
        while True:
            now = time.monotonic()
            ready = [f for f in feeds if due[f.url] <= now]
            for feed in ready:
                ingestor.run(ingestor.feeds([feed]))
                due[feed.url] = time.monotonic() + (feed.interval or default)
            if ready:
                polls += 1
                res = merge_store(store, config)
                print(f"trocha: poll {polls} at {datetime.now(UTC):%Y-%m-%d %H:%M:%S}Z: {ingestor.summary.line()}; "
                      f"{res.incidents} incidents", file=sys.stderr, flush=True)
            if args.once:
                return 0
            time.sleep(max(0.2, min(due.values()) - time.monotonic()))
    except KeyboardInterrupt:
        print(f"trocha: watch stopped after {polls} poll(s); {ingestor.summary.line()}", file=sys.stderr)
        return 0
    finally:
        ingestor.close()


def _rejected(args: argparse.Namespace, store: Store) -> int:
    rows = store.rejected(limit=args.limit or None, reason=args.reason)
    if args.format == "jsonl":
        for r in rows:
            print(json.dumps({"ref": r.ref, "reason": r.reason, "detail": r.detail, "raw": r.raw, "seen": r.seen,
                              "first_seen": r.first_seen.isoformat(), "last_seen": r.last_seen.isoformat()},
                             ensure_ascii=False))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("last seen (UTC)", "reason", "input", "detail", "seen")
        for r in rows:
            table.add_row(f"{r.last_seen:%Y-%m-%d %H:%M}", r.reason, r.ref, r.detail, str(r.seen))
        Console(width=160).print(table)
    print(f"trocha: {len(rows)} rejected input(s) listed", file=sys.stderr)
    return 0


def _stats(args: argparse.Namespace, store: Store) -> int:
    st = store.stats(_filter(args))
    if args.json:
        print(json.dumps({"total": st.total, "by_week": dict(st.by_week), "by_type": dict(st.by_type),
                          "by_admin1": dict(st.by_admin1), "store": store.counts().to_dict()}, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    console = Console(width=140)
    for title, pairs in (("week", st.by_week), ("type / sub-event type", st.by_type),
                         ("country / admin1", st.by_admin1)):
        table = Table(title, "events", title=f"events by {title}")
        for label, n in pairs:
            table.add_row(label, str(n))
        console.print(table)
    c = store.counts()
    console.print(f"{st.total} events matching; store: {c.articles} articles ({c.near_duplicates} near-duplicates), "
                  f"{c.events} events, {c.incidents} incidents, {c.rejected} rejected inputs")
    return 0


def _export(args: argparse.Namespace, store: Store) -> int:
    from trocha import export as ex

    flt = _filter(args)
    rows = ([ex.from_incident(r) for r in store.incidents(flt)] if args.level == "incident"
            else (ex.from_event(r) for r in store.events(flt)))
    if args.format == "parquet":
        if not args.output:
            raise TrochaError("parquet export needs --output FILE")
        n = ex.write_parquet(rows, args.output)
        print(f"trocha: wrote {n} {args.level} row(s) to {args.output}", file=sys.stderr)
        return 0
    with ExitStack() as stack:
        out: IO[str] = (stack.enter_context(open(args.output, "w", encoding="utf-8", newline="")) if args.output
                        else sys.stdout)
        stamp = int(time.time())
        if args.format == "acled-csv":
            n = ex.write_acled_csv(rows, out, stamp)
        elif args.format == "plover-jsonl":
            n = ex.write_plover_jsonl(rows, out)
        elif args.format == "gdelt-tsv":
            n = ex.write_gdelt_tsv(rows, out, datetime.now(UTC).strftime("%Y%m%d%H%M%S"))
        else:
            n, skipped = ex.write_geojson(rows, out)
            if skipped:
                print(f"trocha: {skipped} {args.level}(s) without coordinates left out of the GeoJSON",
                      file=sys.stderr)
    print(f"trocha: wrote {n} {args.level} row(s) as {args.format}", file=sys.stderr)
    return 0


def _search(args: argparse.Namespace, store: Store) -> int:
    hits = store.search(" ".join(args.words), args.limit)
    for h in hits:
        print(f"{h.published or '----------'}  {h.title or '(no title)'}  {h.url or h.ref}")
    print(f"trocha: {len(hits)} article(s)", file=sys.stderr)
    return 0
