"""Typed records that go in and out of the store; no SQL here, so readers, merging and export can import them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceIn:
    """Where an article came from: a named feed, a file or folder, a page URL."""

    name: str
    kind: str  # feed | file | jsonl | url
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleIn:
    """An article ready to store, with its identity (canonical URL, content fingerprint) already computed."""

    ext_id: str
    ref: str
    text: str
    content_fp: str
    bands: tuple[int, int, int, int]  # MinHash LSH band keys (ingest.fingerprint.lsh_bands)
    url: str | None = None
    title: str | None = None
    published: date | None = None
    lang: str | None = None
    source: SourceIn | None = None


@dataclass(frozen=True, slots=True)
class NearDup:
    """The stored original a new article nearly repeats, and their shingle Jaccard similarity."""

    article_id: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Added:
    """What storing one article did: `stored`, `duplicate` (already there: nothing added) or `near_duplicate`."""

    article_id: int
    outcome: str
    events: int = 0


@dataclass(frozen=True, slots=True)
class RejectIn:
    """An input that cannot be stored or coded: where it was, a stable reason code, a sentence, the first bytes."""

    ref: str
    reason: str
    detail: str
    raw: str = ""
    source: SourceIn | None = None


@dataclass(frozen=True, slots=True)
class RejectRow:
    """A kept rejected input."""

    id: int
    ref: str
    reason: str
    detail: str
    raw: str
    first_seen: datetime
    last_seen: datetime
    seen: int


@dataclass(frozen=True, slots=True)
class EventRow:
    """A stored event with where it came from; `data` is the full contract object (docs/schema.md)."""

    id: int
    article_id: int
    ordinal: int
    data: dict[str, Any]
    content_fp: str
    url: str | None
    source: str | None
    published: date | None
    title: str | None = None

    @property
    def sort_key(self) -> str:
        """A key that depends only on the article's content and the event's place in it (not on insert order)."""
        return f"{self.data.get('date') or '0000-00-00'}|{self.content_fp}|{self.ordinal:04d}"


@dataclass(frozen=True, slots=True)
class Pin:
    """An analyst's decision about one event: keep it in the incident `incident_key` (a new key splits it off)."""

    event_id: int
    incident_key: str
    decided_by: str
    reason: str


@dataclass(frozen=True, slots=True)
class LinkIn:
    """Why an event belongs to an incident."""

    event_id: int
    method: str  # auto | analyst
    decided_by: str
    reason: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class IncidentIn:
    """One incident as the merge computed it: best values, ranges, the full summary and its links."""

    key: str
    event_type: str
    sub_event_type: str
    date: dt.date | None
    date_min: dt.date | None
    date_max: dt.date | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    n_articles: int
    summary: dict[str, Any]
    links: tuple[LinkIn, ...]
    # What each audience sees (store.schema.incident_views); empty: one public view, the incident itself.
    views: tuple[ViewIn, ...] = ()


@dataclass(frozen=True, slots=True)
class ViewIn:
    """An incident as one audience sees it: `audience` 0 is the public, else an organisation id; built from the
    members that audience may read (`whole` when that is every member)."""

    audience: int
    whole: bool
    restricted: bool
    key: str
    event_type: str
    sub_event_type: str
    date: dt.date | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    n_events: int
    n_articles: int


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """A stored incident with its best values and summary (sources, disagreements, representative event)."""

    id: int
    key: str
    event_type: str
    sub_event_type: str
    date: dt.date | None
    country: str | None
    admin1: str | None
    admin2: str | None
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    n_events: int
    n_articles: int
    summary: dict[str, Any]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The filters an analyst applies to events and incidents (all optional, combined with AND)."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    event_type: str | None = None  # an event type or a sub-event type
    actor: str | None = None
    include_background: bool = False


@dataclass(frozen=True, slots=True)
class Counts:
    """How much the store holds."""

    sources: int
    articles: int
    near_duplicates: int
    events: int
    incidents: int
    linked_events: int
    rejected: int

    def to_dict(self) -> dict[str, int]:
        return {"sources": self.sources, "articles": self.articles, "near_duplicates": self.near_duplicates,
                "events": self.events, "incidents": self.incidents, "linked_events": self.linked_events,
                "rejected": self.rejected}


@dataclass(frozen=True, slots=True)
class Stats:
    """Event counts by ISO week (YYYY-Www), by event type and by admin1, as (label, count) pairs."""

    by_week: tuple[tuple[str, int], ...]
    by_type: tuple[tuple[str, int], ...]
    by_admin1: tuple[tuple[str, int], ...]
    total: int = 0
    extra: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article found by text search."""

    id: int
    title: str | None
    url: str | None
    published: date | None
    ref: str
