"""Local inputs: text files, HTML files, JSONL batches and folders of them; each bad one becomes a RejectIn."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from trocha.batch import parse_line
from trocha.errors import Rejected
from trocha.ingest.docs import Doc, Item
from trocha.ingest.html import parse_html, sniff_binary
from trocha.store.records import RejectIn, SourceIn

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


def iter_path(path: Path, published: date | None = None, lang: str | None = None,
              max_bytes: int = 50_000_000) -> Iterator[Item]:
    """Documents (or rejects) of a file or of every file under a folder, in sorted order."""
    if path.is_dir():
        source = SourceIn(name=f"folder:{path.resolve()}", kind="folder")
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            ext_id = child.relative_to(path).with_suffix("").as_posix()
            yield from _iter_file(child, ext_id, source, published, lang, max_bytes)
    elif path.is_file():
        yield from _iter_file(path, path.stem, SourceIn(name=f"file:{path.resolve()}", kind="file"), published, lang,
                              max_bytes)
    else:
        yield RejectIn(ref=str(path), reason="not_found", detail=f"{path} is neither a file nor a folder")


def _iter_file(path: Path, ext_id: str, source: SourceIn, published: date | None, lang: str | None,
               max_bytes: int) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(path, source)
        return
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        yield RejectIn(ref=str(path), reason="unsupported_file",
                       detail=f"{path.name}: not a text (.txt/.md), HTML (.html) or JSONL (.jsonl) file", source=source)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield RejectIn(ref=str(path), reason="too_large", detail=f"{size} bytes, over the {max_bytes} limit",
                           source=source)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield RejectIn(ref=str(path), reason="unreadable", detail=f"cannot read {path}: {exc.strerror}", source=source)
        return
    try:
        if suffix in HTML_SUFFIXES:
            doc = parse_html(raw, ref=str(path), source=source, ext_id=ext_id)
            yield Doc(ref=doc.ref, ext_id=doc.ext_id, text=doc.text, url=doc.url, title=doc.title,
                      published=published or doc.published, lang=lang or doc.lang, source=source)
        else:
            yield Doc(ref=str(path), ext_id=ext_id, text=decode_text(raw), published=published, lang=lang,
                      source=source)
    except Rejected as rej:
        yield RejectIn(ref=str(path), reason=rej.reason, detail=rej.detail, raw=_preview(raw), source=source)


def decode_text(raw: bytes) -> str:
    """A plain-text file as str: UTF-8 (with or without BOM); binary or other encodings are rejected."""
    what = sniff_binary(raw)
    if what:
        raise Rejected("binary", f"expected text, got {what}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Rejected("invalid_utf8", f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    if not text.strip():
        raise Rejected("empty_text", "the file has no text")
    return text


def iter_jsonl(path: Path, source: SourceIn | None = None) -> Iterator[Item]:
    """Documents of a JSONL batch, one per line, with batch.parse_line's checks and reasons."""
    source = source or SourceIn(name=f"file:{path.resolve()}", kind="jsonl")
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield RejectIn(ref=str(path), reason="unreadable", detail=f"cannot read {path}: {exc.strerror}", source=source)
        return
    with fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            ref = f"{path}:{line_no}"
            try:
                art = parse_line(raw.rstrip(b"\r\n"), line_no)
            except Rejected as rej:
                yield RejectIn(ref=_line_ref(path, raw, line_no), reason=rej.reason, detail=rej.detail,
                               raw=_preview(raw), source=source)
                continue
            yield Doc(ref=ref, ext_id=art.id, text=art.text, url=art.url, title=art.title, published=art.published,
                      lang=art.lang, source=source)


def _line_ref(path: Path, raw: bytes, line_no: int) -> str:
    # A rejected line is named by its id when it has one, so the same bad record is recognised after edits above it.
    try:
        obj = json.loads(raw.decode("utf-8"))
        if isinstance(obj, dict) and isinstance(obj.get("id"), str | int):
            return f"{path}#id={obj['id']}"
    except (UnicodeDecodeError, json.JSONDecodeError):
        pass
    return f"{path}:{line_no}"


def _preview(raw: bytes) -> str:
    return raw[:300].decode("utf-8", errors="replace")
