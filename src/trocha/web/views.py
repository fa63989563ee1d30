"""What the API returns: events, incidents as each organisation may see them, and their JSON shapes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import orjson

from trocha.dedup.merge import view_of
from trocha.store.guarded import ArticleView, Cursor, Guarded, ListedEvent, Span, Viewer, ViewFilter
from trocha.store.records import EventRow, IncidentRow


@dataclass(frozen=True, slots=True)
class IncidentView:
    """An incident as one viewer sees it: built from the members it may read only."""

    row: IncidentRow
    lat: float | None
    lon: float | None


def event_json(ev: EventRow) -> dict[str, Any]:
    """An event in a list: the contract object plus where it was stored and its source."""
    return {"id": ev.id, "article_id": ev.article_id, "source": ev.source, "url": ev.url, "title": ev.title,
            "published": ev.published.isoformat() if ev.published else None, "event": ev.data}


def dumps(value: Any) -> str:
    """The API's JSON text: compact, UTF-8, no NaN (the form the store keeps event objects in)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def events_page_json(rows: list[ListedEvent], next_cursor: str | None) -> bytes:
    """The body of a page of events, byte for byte what dumps({"events": [event_json(...)], "next_cursor": ...})
    gives, with each stored event object spliced in as it is instead of decoded and encoded again. The rest is
    ints, strings and None, which orjson writes as dumps does, about ten times faster."""
    parts = []
    for r in rows:
        head = orjson.dumps({"id": r.id, "article_id": r.article_id, "source": r.source, "url": r.url,
                             "title": r.title, "published": r.published.isoformat() if r.published else None})
        event = r.event
        if "NaN" in event or "Infinity" in event:
            event = dumps(json.loads(event))  # refuses a non-finite number, as encoding the decoded object did
        parts.append(head[:-1] + b',"event":' + event.encode("utf-8") + b"}")
    return b'{"events":[' + b",".join(parts) + b'],"next_cursor":' + orjson.dumps(next_cursor) + b"}"


def aggregates_json(every: str, by: str, rows: list[tuple[str, str, int]]) -> bytes:
    """The body of an aggregate: its period, what it counts by, and (period, key, count) rows (strings and ints,
    which orjson writes as dumps does)."""
    return orjson.dumps({"every": every, "by": by,
                         "counts": [{"period": p, "key": k, "count": n} for p, k, n in rows]})


def incidents_page_json(rows: list[str], next_cursor: str | None) -> bytes:
    """The body of a page of incidents, byte for byte what dumps({"incidents": [incident_json(...)], ...}) gives,
    with each view's stored list JSON (store/views.py list_json) spliced in as it is."""
    parts = [dumps(json.loads(r)) if "NaN" in r or "Infinity" in r else r for r in rows]  # refuse as dumps did
    return f'{{"incidents":[{",".join(parts)}],"next_cursor":{dumps(next_cursor)}}}'.encode()


def span_json(s: Span) -> dict[str, Any]:
    return {"field": s.field, "start": s.start, "end": s.end, "text": s.text}


def article_json(a: ArticleView) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "url": a.url, "source": a.source,
            "published": a.published.isoformat() if a.published else None, "lang": a.lang, "text": a.text,
            "visibility": a.visibility, "owner": a.owner, "shared_with": list(a.shared_with)}


def incident_json(v: IncidentView, full: bool = False) -> dict[str, Any]:
    """An incident's best values; with `full`, also every value per field, disagreements and sources."""
    r = v.row
    out: dict[str, Any] = {
        "id": r.id, "key": r.key, "event_type": r.event_type, "sub_event_type": r.sub_event_type,
        "date": r.date.isoformat() if r.date else None, "country": r.country, "admin1": r.admin1,
        "admin2": r.admin2, "lat": v.lat, "lon": v.lon, "fatalities": r.fatalities,
        "fatalities_min": r.fatalities_min, "fatalities_max": r.fatalities_max, "n_events": r.n_events,
        "n_articles": r.n_articles,
    }
    if full:
        s = r.summary
        out.update({"best": s.get("best") or {}, "values": s.get("values") or {},
                    "disagreements": s.get("disagreements") or {}, "sources": s.get("sources") or [],
                    "event": s.get("event") or {}})
    return out


def rebuilt(stored_id: int, members: list[EventRow]) -> IncidentView:
    """An incident recomputed from the members a viewer may see (hidden reports leave no trace in it)."""
    plan = view_of(members)
    row = IncidentRow(id=stored_id, key=plan.key, event_type=plan.event_type, sub_event_type=plan.sub_event_type,
                      date=plan.date, country=plan.country, admin1=plan.admin1, admin2=plan.admin2,
                      fatalities=plan.fatalities, fatalities_min=plan.fatalities_min,
                      fatalities_max=plan.fatalities_max, n_events=len(members), n_articles=plan.n_articles,
                      summary=plan.summary)
    return IncidentView(row, plan.lat, plan.lon)


def incidents_page(store: Guarded, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None,
                   summary: bool = False) -> tuple[list[IncidentView], Cursor | None]:
    """A page of incidents as the viewer sees them (the views the merge stored); with `summary`, each with its
    summary (sources, values, disagreements), rebuilt from the visible members for those seen in part."""
    rows, nxt = store.incidents(flt, viewer, sort, limit, after, summary)
    partial = [r.id for r, _, _, whole in rows if not whole] if summary else []
    members = store.visible_members(partial, viewer) if partial else {}
    page = [rebuilt(r.id, members[r.id]) if r.id in members else IncidentView(r, lat, lon)
            for r, lat, lon, whole in rows if whole or not summary or r.id in members]
    return page, nxt


def incident_view(store: Guarded, incident_id: int, viewer: Viewer) -> tuple[IncidentView, list[EventRow]] | None:
    """One incident as the viewer sees it, with its visible member events; None when it sees none of them."""
    found = store.incident(incident_id, viewer)
    if found is None:
        return None
    row, lat, lon, whole = found
    members = store.incident_members(incident_id, viewer)
    if whole:
        return IncidentView(row, lat, lon), members
    if not members:
        return None
    return rebuilt(incident_id, members), members
