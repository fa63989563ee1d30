"""What every reader yields: a document ready to fingerprint and code, or a rejected input with its reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trocha.store.records import RejectIn, SourceIn


@dataclass(frozen=True, slots=True)
class Doc:
    """One article as read from a file, a JSONL line, a page or a feed item."""

    ref: str  # where it was: a path, path:line, or URL
    ext_id: str  # the id the input gives it (JSONL id, file path, URL)
    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    lang: str | None = None
    source: SourceIn | None = None


Item = Doc | RejectIn
