"""Batch coding of JSONL input: every line coded or rejected with a reason, nothing dropped silently."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from trocha.api import Extractor, parse_published
from trocha.errors import Rejected
from trocha.model import Article, Event


@dataclass(frozen=True, slots=True)
class Reject:
    """One input that could not be coded, with where it was and why."""

    line: int
    article_id: str | None
    reason: str
    detail: str
    raw: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "article_id": self.article_id, "reason": self.reason, "detail": self.detail,
                "raw": self.raw}


@dataclass(slots=True)
class Summary:
    """Counts of a batch: read, coded, events, rejected by reason."""

    read: int = 0
    coded: int = 0
    events: int = 0
    rejected: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "coded": self.coded, "events": self.events,
                "rejected": sum(self.rejected.values()), "rejected_by_reason": dict(self.rejected)}


def parse_line(raw: bytes, line_no: int) -> Article:
    """One JSONL input line as an Article, or Rejected with the reason it cannot be."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Rejected("invalid_utf8", f"line {line_no} is not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Rejected("not_json", f"line {line_no} is not JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise Rejected("not_object", f"line {line_no} is JSON but not an object")
    if "text" not in obj or not isinstance(obj["text"], str):
        raise Rejected("missing_text", f"line {line_no} has no string field 'text'")
    art_id = obj.get("id")
    if art_id is None or not isinstance(art_id, str | int):
        raise Rejected("missing_id", f"line {line_no} has no string field 'id'")
    lang = obj.get("lang")
    if lang is not None and lang not in ("en", "es"):
        raise Rejected("unsupported_language", f"line {line_no}: lang {lang!r} is not supported (en, es)")
    return Article(id=str(art_id), text=obj["text"], lang=lang, published=parse_published(obj.get("published")),
                   url=obj.get("url"), title=obj.get("title"))


def _raw_id(raw: bytes) -> str | None:
    try:
        obj = json.loads(raw.decode("utf-8", errors="replace"))
        return str(obj["id"]) if isinstance(obj, dict) and "id" in obj else None
    except (json.JSONDecodeError, ValueError):
        return None


def code_lines(lines: Iterable[bytes], extractor: Extractor, summary: Summary,
               rejects: list[Reject]) -> Iterator[Event]:
    """Code every non-blank line; rejects are appended to `rejects` and counted in `summary`."""
    for line_no, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        summary.read += 1
        try:
            article = extractor.run(parse_line(raw.rstrip(b"\r\n"), line_no))
        except Rejected as rej:
            summary.rejected[rej.reason] += 1
            rejects.append(Reject(line_no, _raw_id(raw), rej.reason, rej.detail,
                                  raw[:200].decode("utf-8", errors="replace")))
            continue
        summary.coded += 1
        summary.events += len(article.events)
        yield from article.events
