"""The store: the only package that speaks SQL (SQLite by default, PostgreSQL through the same Core code)."""

from __future__ import annotations

from trocha.store.engine import StoreError, database_url
from trocha.store.records import (
    Added,
    ArticleHit,
    ArticleIn,
    Counts,
    EventFilter,
    EventRow,
    IncidentIn,
    IncidentRow,
    LinkIn,
    NearDup,
    Pin,
    RejectIn,
    RejectRow,
    SourceIn,
    Stats,
)
from trocha.store.store import Store, open_store

__all__ = [
    "Added", "ArticleHit", "ArticleIn", "Counts", "EventFilter", "EventRow", "IncidentIn", "IncidentRow", "LinkIn",
    "NearDup", "Pin", "RejectIn", "RejectRow", "SourceIn", "Stats", "Store", "StoreError", "database_url",
    "open_store",
]
