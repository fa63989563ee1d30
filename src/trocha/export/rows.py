"""What every format writes: one row per incident (merged reports) or per event, as plain values (no SQL here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trocha.store.records import EventRow, IncidentRow


@dataclass(frozen=True, slots=True)
class ExportRow:
    """An incident or an event: its key, the contract object with the best values, and every source."""

    key: str
    event: dict[str, Any]
    sources: tuple[dict[str, Any], ...]
    fatalities_min: int | None
    fatalities_max: int | None

    @property
    def location(self) -> dict[str, Any]:
        loc = self.event.get("location")
        return loc if isinstance(loc, dict) else {}

    def actor(self, n: int) -> dict[str, Any]:
        a = self.event.get(f"actor{n}")
        return a if isinstance(a, dict) else {}

    @property
    def source_names(self) -> list[str]:
        return sorted({str(s.get("source") or s.get("url") or "") for s in self.sources} - {""})

    @property
    def urls(self) -> list[str]:
        return sorted({str(s["url"]) for s in self.sources if s.get("url")})

    @property
    def notes(self) -> str:
        ev = self.event.get("evidence") or {}
        sents = ev.get("sentences") or []
        return " ".join(str(s.get("text", "")) for s in sents)[:1000]


def from_incident(row: IncidentRow) -> ExportRow:
    """An incident as an export row (its representative event with the best-supported values)."""
    event = row.summary.get("event") or {}
    return ExportRow(key=row.key, event=dict(event), sources=tuple(row.summary.get("sources") or ()),
                     fatalities_min=row.fatalities_min, fatalities_max=row.fatalities_max)


def from_event(row: EventRow) -> ExportRow:
    """One report's event as an export row."""
    src = {"article_id": row.article_id, "source": row.source, "url": row.url, "title": row.title,
           "published": row.published.isoformat() if row.published else None}
    dead = row.data.get("fatalities")
    return ExportRow(key=str(row.data.get("event_id") or row.id), event=row.data, sources=(src,),
                     fatalities_min=dead, fatalities_max=dead)
