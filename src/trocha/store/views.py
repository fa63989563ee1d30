"""What each viewer sees, kept at write time: incidents per audience and event counts per day (docs/store.md).

Reading the visibility rule row by row at request time cost seconds per page on a large store (which incidents have
a member the viewer may not read; rebuilding those it sees in part). Here the merge writes each incident's view per
audience (`incident_views`) and every article write keeps per-day counts per audience (`event_counts`), so lists and
aggregates are plain indexed reads. Audience 0 is the public; an organisation id stands for what that organisation
may read beyond the public.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

import sqlalchemy as sa

from trocha.store.engine import compact_json
from trocha.store.records import EventRow, IncidentIn, ViewIn
from trocha.store.schema import (
    article_access,
    article_shares,
    event_counts,
    events,
    incident_links,
    incident_views,
    incidents,
)

PUBLIC = 0  # the audience of the public view and of public events' counts
COUNT_KEYS = ("date", "country", "admin1", "admin2", "event_type", "sub_event_type", "background")


def audiences(conn: sa.Connection) -> dict[int, frozenset[int]]:
    """Every article that is not public -> the organisations that may read it (owner and partners)."""
    out: dict[int, set[int]] = {}
    for art_id, org in conn.execute(sa.select(article_access.c.article_id, article_access.c.org_id)
                                    .where(article_access.c.visibility != "public")):
        out.setdefault(int(art_id), set()).add(int(org))
    shared = (sa.select(article_shares.c.article_id, article_shares.c.org_id)
              .join(article_access, article_access.c.article_id == article_shares.c.article_id)
              .where(article_access.c.visibility == "shared"))
    for art_id, org in conn.execute(shared):
        out.setdefault(int(art_id), set()).add(int(org))
    return {k: frozenset(v) for k, v in out.items()}


def _whole_public(plan: IncidentIn, n_events: int) -> ViewIn:
    return ViewIn(audience=PUBLIC, whole=True, restricted=False, key=plan.key, event_type=plan.event_type,
                  sub_event_type=plan.sub_event_type, date=plan.date, country=plan.country, admin1=plan.admin1,
                  admin2=plan.admin2, lat=plan.lat, lon=plan.lon, fatalities=plan.fatalities,
                  fatalities_min=plan.fatalities_min, fatalities_max=plan.fatalities_max, n_events=n_events,
                  n_articles=plan.n_articles)


_VIEW_FIELDS = tuple(f.name for f in fields(ViewIn))


def _view_row(incident_id: int, view: ViewIn) -> dict[str, Any]:
    """The incident_views row of a view (dataclasses.asdict deep-copies every value: slow on a large merge)."""
    return {"incident_id": incident_id, **{name: getattr(view, name) for name in _VIEW_FIELDS},
            "list_json": list_json(incident_id, view)}


def list_json(incident_id: int, v: ViewIn) -> str:
    """A view as the API lists it (web/views.py incident_json without `full`), as compact JSON text: the values as
    reading the row back gives them (a whole-number latitude is the float 7.0 in a float column)."""
    return compact_json({
        "id": incident_id, "key": v.key, "event_type": v.event_type, "sub_event_type": v.sub_event_type,
        "date": v.date.isoformat() if v.date else None, "country": v.country, "admin1": v.admin1,
        "admin2": v.admin2, "lat": _float(v.lat), "lon": _float(v.lon), "fatalities": _int(v.fatalities),
        "fatalities_min": _int(v.fatalities_min), "fatalities_max": _int(v.fatalities_max),
        "n_events": int(v.n_events), "n_articles": int(v.n_articles),
    })


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _int(value: int | None) -> int | None:
    return None if value is None else int(value)


def fill_list_json(conn: sa.Connection) -> None:
    """Write the list JSON of every view that has none yet (migration 7; views inserted from a select)."""
    v = incident_views
    cols = [v.c[name] for name in _VIEW_FIELDS]
    update = (v.update().where(v.c.incident_id == sa.bindparam("row_id"), v.c.audience == sa.bindparam("row_aud"))
              .values(list_json=sa.bindparam("text")))
    while True:
        rows = conn.execute(sa.select(v.c.incident_id, *cols).where(v.c.list_json == "").limit(5000)).all()
        if not rows:
            return
        views = [(int(r[0]), ViewIn(*r[1:])) for r in rows]
        conn.execute(update, [{"row_id": i, "row_aud": view.audience, "text": list_json(i, view)}
                              for i, view in views])


def write_views(conn: sa.Connection, written: Sequence[tuple[int, IncidentIn]]) -> None:
    """Replace the views of these (incident id, plan) pairs. A plan without views (not from the merge) gets the
    public whole view when all its members are public, else none: hidden until the merge computes its views."""
    ids = [i for i, _ in written]
    for first in range(0, len(ids), 5000):
        conn.execute(incident_views.delete().where(incident_views.c.incident_id.in_(ids[first:first + 5000])))
    restricted: set[int] = set()
    bare = [i for i, p in written if not p.views]
    for first in range(0, len(bare), 5000):
        restricted |= {int(r[0]) for r in conn.execute(
            sa.select(incident_links.c.incident_id).distinct()
            .join(events, events.c.id == incident_links.c.event_id)
            .join(article_access, article_access.c.article_id == events.c.article_id)
            .where(incident_links.c.incident_id.in_(bare[first:first + 5000]),
                   article_access.c.visibility != "public"))}
    rows: list[dict[str, Any]] = []
    for inc_id, plan in written:
        views = plan.views
        if not views:
            views = () if inc_id in restricted else (_whole_public(plan, len(plan.links)),)
        rows += [_view_row(inc_id, v) for v in views]
    for first in range(0, len(rows), 5000):
        conn.execute(incident_views.insert(), rows[first:first + 5000])


def drop_views_of_articles(conn: sa.Connection, article_ids: Sequence[int]) -> None:
    """Forget the views of the incidents these articles' events are in (their visibility changed): they are hidden
    from every organisation until the next merge writes them again, so a stale view never shows what it should not."""
    linked = (sa.select(incident_links.c.incident_id).join(events, events.c.id == incident_links.c.event_id)
              .where(events.c.article_id.in_(article_ids)))
    conn.execute(incident_views.delete().where(incident_views.c.incident_id.in_(linked)))


def _count_selects(article_ids: Sequence[int] | None) -> list[sa.Select[Any]]:
    """(keys..., audience, count) of events by audience: public events under 0, the others under each organisation
    that may read them."""
    keys = [events.c[k] for k in COUNT_KEYS]
    acc, shares = article_access, article_shares
    where = [events.c.article_id.in_(article_ids)] if article_ids is not None else []
    public = (sa.select(*keys, sa.literal(PUBLIC).label("audience"), sa.func.count())
              .select_from(events.outerjoin(acc, acc.c.article_id == events.c.article_id))
              .where(*where, sa.or_(acc.c.article_id.is_(None), acc.c.visibility == "public")).group_by(*keys))
    owner = (sa.select(*keys, acc.c.org_id, sa.func.count())
             .select_from(events.join(acc, acc.c.article_id == events.c.article_id))
             .where(*where, acc.c.visibility != "public").group_by(*keys, acc.c.org_id))
    partner = (sa.select(*keys, shares.c.org_id, sa.func.count())
               .select_from(events.join(acc, acc.c.article_id == events.c.article_id)
                            .join(shares, shares.c.article_id == events.c.article_id))
               .where(*where, acc.c.visibility == "shared", shares.c.org_id != acc.c.org_id)
               .group_by(*keys, shares.c.org_id))
    return [public, owner, partner]


def add_counts(conn: sa.Connection, article_ids: Sequence[int], sign: int = 1) -> None:
    """Add (sign 1) or take away (sign -1) the events of these articles from the per-day counts, under the
    audiences their articles have now (in the caller's transaction)."""
    if not article_ids:
        return
    delta: Counter[tuple[Any, ...]] = Counter()
    for first in range(0, len(article_ids), 5000):
        for query in _count_selects(article_ids[first:first + 5000]):
            for r in conn.execute(query):
                delta[tuple(r[:-1])] += sign * int(r[-1])
    changes = {key: n for key, n in delta.items() if n}
    if not changes:
        return
    stored = _count_rows(conn, {key[0] for key in changes})
    bumps: list[dict[str, Any]] = []
    fresh: list[dict[str, Any]] = []
    # Keys in one order in every writer, so two PostgreSQL transactions never wait on each other's rows crosswise.
    for key, n in sorted(changes.items(), key=lambda kv: repr(kv[0])):
        if key in stored:
            bumps.append({"row": stored[key], "by": n})
        else:
            fresh.append(dict(zip(_COUNT_NAMES, key, strict=True)) | {"n": n})
    if bumps:
        # One statement run many times: building a statement per key cost most of a bulk load.
        conn.execute(sa.text("UPDATE event_counts SET n = n + :by WHERE id = :row"), bumps)
    if fresh:
        conn.execute(event_counts.insert(), fresh)


_COUNT_NAMES = ("day", *COUNT_KEYS[1:], "audience")


def _count_rows(conn: sa.Connection, days: set[Any]) -> dict[tuple[Any, ...], int]:
    """The stored count rows of these days: key -> the id of its first row (a key may have several rows when two
    writers added it at once; adding to one of them keeps the sum right)."""
    c = event_counts
    cols = [c.c[name] for name in _COUNT_NAMES]
    dated = sorted(d for d in days if d is not None)
    wheres = [c.c.day.in_(dated[first:first + 5000]) for first in range(0, len(dated), 5000)]
    if None in days:
        wheres.append(c.c.day.is_(None))
    out: dict[tuple[Any, ...], int] = {}
    for where in wheres:
        for row in conn.execute(sa.select(c.c.id, *cols).where(where).order_by(c.c.id)):
            out.setdefault(tuple(row[1:]), int(row[0]))
    return out


def rebuild_counts(conn: sa.Connection) -> None:
    """Recompute every per-day count from the events (migration; repairs)."""
    conn.execute(event_counts.delete())
    names = [*_COUNT_NAMES, "n"]
    for query in _count_selects(None):
        conn.execute(event_counts.insert().from_select(names, query))


def fill_views(conn: sa.Connection) -> None:
    """Fill both tables from the stored events and incidents (migration 3 on a database that has them)."""
    from trocha.dedup.merge import audience_views  # pure code; imported late, dedup imports the store package
    from trocha.store.analyst import event_row, event_select

    rebuild_counts(conn)
    conn.execute(incident_views.delete())
    restricted = audiences(conn)
    hidden = (sa.select(incident_links.c.incident_id).join(events, events.c.id == incident_links.c.event_id)
              .join(article_access, article_access.c.article_id == events.c.article_id)
              .where(article_access.c.visibility != "public"))
    cols = ["key", "event_type", "sub_event_type", "date", "country", "admin1", "admin2", "lat", "lon",
            "fatalities", "fatalities_min", "fatalities_max", "n_events", "n_articles"]
    whole = (sa.select(incidents.c.id, sa.literal(PUBLIC), sa.true(), sa.false(), *(incidents.c[c] for c in cols))
             .where(incidents.c.id.not_in(hidden)))
    conn.execute(incident_views.insert().from_select(["incident_id", "audience", "whole", "restricted", *cols],
                                                     whole))
    fill_list_json(conn)
    ids = [int(r[0]) for r in conn.execute(sa.select(incidents.c.id).where(incidents.c.id.in_(hidden)))]
    for first in range(0, len(ids), 2000):
        chunk = ids[first:first + 2000]
        members: dict[int, list[EventRow]] = {}
        query = (event_select().add_columns(incident_links.c.incident_id)
                 .join(incident_links, incident_links.c.event_id == events.c.id)
                 .where(incident_links.c.incident_id.in_(chunk)))
        for row in conn.execute(query):
            members.setdefault(int(row[-1]), []).append(event_row(row))
        rows: list[dict[str, Any]] = []
        for r in conn.execute(sa.select(incidents).where(incidents.c.id.in_(chunk))).mappings():
            plan = IncidentIn(key=r["key"], event_type=r["event_type"], sub_event_type=r["sub_event_type"],
                              date=r["date"], date_min=r["date_min"], date_max=r["date_max"], country=r["country"],
                              admin1=r["admin1"], admin2=r["admin2"], lat=r["lat"], lon=r["lon"],
                              fatalities=r["fatalities"], fatalities_min=r["fatalities_min"],
                              fatalities_max=r["fatalities_max"], n_articles=r["n_articles"], summary={}, links=())
            mine = members.get(int(r["id"]), [])
            if mine:
                rows += [_view_row(int(r["id"]), v) for v in audience_views(plan, mine, restricted)]
        if rows:
            conn.execute(incident_views.insert(), rows)
