"""What the API returns: events, incidents as each organisation may see them, and their JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from trocha.dedup.merge import incident_key
from trocha.dedup.summary import build_incident
from trocha.store.guarded import ArticleView, Cursor, Guarded, Span, Viewer, ViewFilter
from trocha.store.records import EventRow, IncidentRow

_NO_DATE = date(1, 1, 1)


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
    first = min(members, key=lambda e: e.sort_key)
    plan = build_incident(incident_key(first), sorted(members, key=lambda e: e.sort_key), ())
    row = IncidentRow(id=stored_id, key=plan.key, event_type=plan.event_type, sub_event_type=plan.sub_event_type,
                      date=plan.date, country=plan.country, admin1=plan.admin1, admin2=plan.admin2,
                      fatalities=plan.fatalities, fatalities_min=plan.fatalities_min,
                      fatalities_max=plan.fatalities_max, n_events=len(members), n_articles=plan.n_articles,
                      summary=plan.summary)
    return IncidentView(row, plan.lat, plan.lon)


def _eq(have: str | None, want: str | None) -> bool:
    return want is None or (have or "").lower() == want.lower()


def _matches(v: IncidentView, members: list[EventRow], flt: ViewFilter, q_articles: set[int] | None) -> bool:
    r = v.row
    if flt.date_from and (r.date is None or r.date < flt.date_from):
        return False
    if flt.date_to and (r.date is None or r.date > flt.date_to):
        return False
    if not all(_eq(getattr(r, f), getattr(flt, f)) for f in ("country", "admin1", "admin2", "event_type",
                                                                  "sub_event_type")):
        return False
    if flt.bbox:
        w, s, e, n = flt.bbox
        if v.lat is None or v.lon is None or not (w <= v.lon <= e and s <= v.lat <= n):
            return False
    if flt.actor:
        want = flt.actor.lower()
        names = [str((m.data.get(k) or {}).get("name") or "").lower() for m in members for k in ("actor1", "actor2")]
        if not any(want in n for n in names):
            return False
    if flt.border and not any(((m.data.get("location") or {}).get("border") or {}).get("municipality")
                              for m in members):
        return False
    return q_articles is None or any(m.article_id in q_articles for m in members)


def _key(v: IncidentView, by_date: bool) -> tuple[Any, int]:
    return ((v.row.date or _NO_DATE) if by_date else v.row.id), v.row.id


def incidents_page(store: Guarded, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None,
                   ) -> tuple[list[IncidentView], Cursor | None]:
    """A page of incidents: those seen whole come filtered from SQL, those seen in part are rebuilt and filtered
    here, and both are merged in the same keyset order."""
    full, full_next = store.full_incidents(flt, viewer, sort, limit, after)
    views = [IncidentView(r, lat, lon) for r, lat, lon in full]
    q_articles = {i for i, *_ in store.search(flt.q, viewer, 1_000_000)} if flt.q else None
    desc, by_date = sort.startswith("-"), sort.lstrip("-") == "date"
    for stored_id, members, _ in store.partial_incidents(viewer, flt=flt):
        v = rebuilt(stored_id, members)
        if not _matches(v, members, flt, q_articles):
            continue
        k = _key(v, by_date)
        if after is not None:
            cut = ((after.value or _NO_DATE) if by_date else after.value, after.id)
            if not (k < cut if desc else k > cut):
                continue
        views.append(v)
    views.sort(key=lambda v: _key(v, by_date), reverse=desc)
    more = full_next is not None or len(views) > limit
    page = views[:limit]
    if not more or not page:
        return page, None
    last = page[-1].row
    return page, Cursor(last.date if by_date else last.id, last.id)


def incident_view(store: Guarded, incident_id: int, viewer: Viewer) -> tuple[IncidentView, list[EventRow]] | None:
    """One incident as the viewer sees it, with its visible member events; None when it sees none of them."""
    found = store.incident(incident_id, viewer)
    if found is None:
        return None
    row, lat, lon, whole = found
    members = store.incident_members(incident_id, viewer)
    if whole or not members:
        return IncidentView(row, lat, lon), members
    return rebuilt(incident_id, members), members
