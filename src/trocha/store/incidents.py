"""Writing the merge's incidents and links, and an analyst's pins that the automatic merge never overrides."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from trocha.store.articles import now
from trocha.store.engine import StoreError
from trocha.store.records import IncidentIn, Pin
from trocha.store.schema import events, incident_links, incidents
from trocha.store.views import write_views


def _values(plan: IncidentIn, t: datetime) -> dict[str, Any]:
    return {"event_type": plan.event_type, "sub_event_type": plan.sub_event_type, "date": plan.date,
            "date_min": plan.date_min, "date_max": plan.date_max, "country": plan.country, "admin1": plan.admin1,
            "admin2": plan.admin2, "lat": plan.lat, "lon": plan.lon, "fatalities": plan.fatalities,
            "fatalities_min": plan.fatalities_min, "fatalities_max": plan.fatalities_max,
            "n_events": len(plan.links), "n_articles": plan.n_articles, "summary": plan.summary,
            "updated_at": t}


def replace_incidents(conn: sa.Connection, plans: Sequence[IncidentIn]) -> None:
    """Make the stored incidents exactly `plans` (in the caller's transaction); analysts' links are kept as they are.

    Incidents are matched by key, so an unchanged incident keeps its id across re-runs.
    """
    existing = {k: int(i) for k, i in conn.execute(sa.select(incidents.c.key, incidents.c.id))}
    conn.execute(incident_links.delete().where(incident_links.c.method == "auto"))
    t = now()
    kept = [plan for plan in plans if plan.key in existing]
    # Statements run many times each (one built statement per incident cost most of a large merge).
    for first in range(0, len(kept), 5000):
        conn.execute(incidents.update().where(incidents.c.id == sa.bindparam("row_id")),
                     [{"row_id": existing[p.key], **_values(p, t)} for p in kept[first:first + 5000]])
    new = [plan for plan in plans if plan.key not in existing]
    for first in range(0, len(new), 5000):
        chunk = new[first:first + 5000]
        conn.execute(incidents.insert(), [{"key": p.key, **_values(p, t)} for p in chunk])
        existing.update({k: int(i) for k, i in conn.execute(
            sa.select(incidents.c.key, incidents.c.id).where(incidents.c.key.in_([p.key for p in chunk])))})
    written = [(existing[plan.key], plan) for plan in plans]
    auto = [{"event_id": ln.event_id, "incident_id": inc_id, "method": "auto", "decided_by": ln.decided_by,
             "reason": ln.reason, "score": ln.score, "created_at": t}
            for inc_id, plan in written for ln in plan.links if ln.method == "auto"]
    for first in range(0, len(auto), 5000):
        conn.execute(incident_links.insert(), auto[first:first + 5000])
    write_views(conn, written)
    linked = sa.select(incident_links.c.incident_id).distinct()
    conn.execute(incidents.delete().where(incidents.c.id.not_in(linked)))


def list_pins(conn: sa.Connection) -> list[Pin]:
    """Every analyst decision: which event is kept in which incident, by whom and why."""
    query = (sa.select(incident_links.c.event_id, incidents.c.key, incident_links.c.decided_by,
                       incident_links.c.reason)
             .join(incidents, incidents.c.id == incident_links.c.incident_id)
             .where(incident_links.c.method != "auto").order_by(incident_links.c.event_id))
    return [Pin(int(r[0]), r[1], r[2], r[3]) for r in conn.execute(query)]


def pin_event(conn: sa.Connection, pin: Pin) -> None:
    """Record an analyst's decision to keep an event in incident `pin.incident_key` (created when new)."""
    ev = conn.execute(sa.select(events.c.event_type, events.c.sub_event_type, events.c.date)
                      .where(events.c.id == pin.event_id)).first()
    if ev is None:
        raise StoreError(f"no event with id {pin.event_id}")
    inc_id = conn.execute(sa.select(incidents.c.id).where(incidents.c.key == pin.incident_key)).scalar()
    if inc_id is None:
        inc_id = conn.execute(incidents.insert().values(
            key=pin.incident_key, event_type=ev[0], sub_event_type=ev[1], date=ev[2], n_events=1, n_articles=1,
            summary={}, updated_at=now())).inserted_primary_key[0]  # type: ignore[index]
    conn.execute(incident_links.delete().where(incident_links.c.event_id == pin.event_id))
    conn.execute(incident_links.insert().values(event_id=pin.event_id, incident_id=inc_id, method="analyst",
                                                decided_by=pin.decided_by, reason=pin.reason, score=None,
                                                created_at=now()))
