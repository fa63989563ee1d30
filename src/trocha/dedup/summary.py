"""One incident from its member events: every source, the best-supported value per field and the disagreements."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from trocha.dedup.compat import UNIT_WIDE, known_location
from trocha.store.records import EventRow, IncidentIn, LinkIn

# Fields compared across reports: name -> how to read it from an event object.
FIELDS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "event_type": lambda d: d.get("event_type"),
    "sub_event_type": lambda d: d.get("sub_event_type"),
    "date": lambda d: d.get("date"),
    "country": lambda d: (d.get("location") or {}).get("country"),
    "admin1": lambda d: (d.get("location") or {}).get("admin1"),
    "admin2": lambda d: (d.get("location") or {}).get("admin2"),
    "location": lambda d: (d.get("location") or {}).get("name"),
    "actor1": lambda d: (d.get("actor1") or {}).get("name"),
    "actor2": lambda d: (d.get("actor2") or {}).get("name"),
    "fatalities": lambda d: d.get("fatalities"),
}


def _source_ref(ev: EventRow) -> dict[str, Any]:
    return {"article_id": ev.article_id, "event": ev.id, "source": ev.source, "url": ev.url, "title": ev.title,
            "published": ev.published.isoformat() if ev.published else None}


def _best(name: str, support: dict[Any, set[int]]) -> Any:
    """The value most articles give; ties go to the lowest count of dead (ACLED's conservative rule), the earliest
    date, else the alphabetically first value, so the choice never depends on order."""
    if not support:
        return None
    top = max(len(arts) for arts in support.values())
    tied = [v for v, arts in support.items() if len(arts) == top]
    if name == "fatalities":
        return min(tied)
    return min(tied, key=str)


def build_incident(key: str, members: Sequence[EventRow], links: tuple[LinkIn, ...]) -> IncidentIn:
    """The incident record of a group of events (members sorted by their content key)."""
    support: dict[str, dict[Any, set[int]]] = {name: defaultdict(set) for name in FIELDS}
    for ev in members:
        for name, read in FIELDS.items():
            value = read(ev.data)
            if value is not None:
                support[name][value].add(ev.article_id)
    # The seat's units of a state-wide or country-wide report (compat.known_location) vote only when no report
    # names the incident's own units.
    places = [(ev.article_id, known_location(ev.data.get("location") or {})) for ev in members]
    for name in ("admin1", "admin2"):
        known: dict[Any, set[int]] = defaultdict(set)
        for article, place in places:
            if place.get(name) is not None:
                known[place[name]].add(article)
        if known:
            support[name] = known
    best = {name: _best(name, support[name]) for name in FIELDS}
    values = {
        name: [{"value": v, "articles": sorted(arts)} for v, arts in sorted(sup.items(), key=lambda x: str(x[0]))]
        for name, sup in support.items()
    }
    disagreements = {name: vals for name, vals in values.items() if len(vals) > 1}
    # The representative event: the most confident report, ties to the first by content key.
    rep = max(members, key=lambda e: (float(e.data.get("confidence") or 0.0), [-ord(c) for c in e.sort_key]))
    event = dict(rep.data)
    event.update({"event_type": best["event_type"] or event.get("event_type"),
                  "sub_event_type": best["sub_event_type"] or event.get("sub_event_type"),
                  "date": best["date"], "fatalities": best["fatalities"]})
    dead = [v for v in support["fatalities"] if isinstance(v, int)]
    days = sorted(date.fromisoformat(v) for v in support["date"])
    loc = event.get("location") or {}
    if loc.get("precision") in UNIT_WIDE:
        # The point of a report that names the spot, rather than the seat standing for a state or a country.
        loc = next((place for ev in members if (place := ev.data.get("location") or {}).get("precision")
                    not in UNIT_WIDE and isinstance(place.get("lat"), int | float)), loc)
    summary = {
        "sources": [_source_ref(ev) for ev in members],
        "best": best,
        "values": values,
        "disagreements": disagreements,
        "event": event,
        "representative_event": rep.id,
    }
    return IncidentIn(
        key=key, event_type=str(event["event_type"]), sub_event_type=str(event["sub_event_type"]),
        date=date.fromisoformat(best["date"]) if best["date"] else None,
        date_min=days[0] if days else None, date_max=days[-1] if days else None,
        country=best["country"], admin1=best["admin1"], admin2=best["admin2"],
        lat=loc.get("lat") if isinstance(loc.get("lat"), int | float) else None,
        lon=loc.get("lon") if isinstance(loc.get("lon"), int | float) else None,
        fatalities=best["fatalities"], fatalities_min=min(dead) if dead else None,
        fatalities_max=max(dead) if dead else None, n_articles=len({ev.article_id for ev in members}),
        summary=summary, links=links,
    )
