"""The analyst's incident reads: each viewer's view of each incident, as the merge stored it (store/views.py).

An incident whose members are all public has one view, seen whole by everyone. An incident with a member that is not
public has a public view (its public members only) and a view per organisation that may read one of its other
members; an organisation without a view of its own gets the public view, and nothing when there is none. So a page of
incidents is one indexed query over `incident_views`, and nothing private is read to build it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from trocha.store.access import Viewer, visible
from trocha.store.analyst import (
    Cursor,
    Shape,
    ViewFilter,
    _keyset,
    _order,
    _plain,
    bbox_conds,
    event_conds,
    event_row,
    event_select,
    plain_shape,
    shape_conds,
    shape_keyset,
    shape_org,
    shape_params,
    value_conds,
)
from trocha.store.compiled import fetch_all
from trocha.store.engine import StoreError
from trocha.store.records import EventRow, IncidentRow
from trocha.store.schema import events, incident_links, incident_views, incidents
from trocha.store.views import PUBLIC

_VIEW_COLS = ("key", "event_type", "sub_event_type", "date", "country", "admin1", "admin2", "lat", "lon",
              "fatalities", "fatalities_min", "fatalities_max", "n_events", "n_articles")


def _row(r: Any, summary: bool) -> IncidentRow:
    stored = r["summary"] if summary and r["whole"] and isinstance(r["summary"], dict) else {}
    return IncidentRow(id=r["id"], key=r["key"], event_type=r["event_type"], sub_event_type=r["sub_event_type"],
                       date=r["date"], country=r["country"], admin1=r["admin1"], admin2=r["admin2"],
                       fatalities=r["fatalities"], fatalities_min=r["fatalities_min"],
                       fatalities_max=r["fatalities_max"], n_events=r["n_events"], n_articles=r["n_articles"],
                       summary=dict(stored))


def seen_by(viewer: Viewer) -> list[sa.ColumnElement[bool]]:
    """Conditions on `incident_views`: the one view of each incident that `viewer` gets (not for `everything`)."""
    return seen_by_org(viewer.org_id)


def seen_by_org(org: int | sa.BindParameter[Any] | None) -> list[sa.ColumnElement[bool]]:
    """seen_by for organisation `org` (an id, or a bind parameter standing for one; None: the public)."""
    v = incident_views
    if org is None:
        return [v.c.audience == PUBLIC]
    own = incident_views.alias("own")
    has_own = sa.exists().where(own.c.incident_id == v.c.incident_id, own.c.audience == org)
    return [sa.or_(v.c.audience == org,
                   sa.and_(v.c.audience == PUBLIC, sa.or_(v.c.restricted.is_(False), ~has_own)))]


def _source(viewer: Viewer) -> tuple[sa.Table, sa.ColumnElement[int], sa.ColumnElement[bool],
                                     list[sa.ColumnElement[bool]]]:
    """The table a viewer's incidents are read from, its incident id, whether a row is seen whole, conditions."""
    if viewer.everything:
        return incidents, incidents.c.id, sa.true(), []
    return incident_views, incident_views.c.incident_id, incident_views.c.whole, seen_by(viewer)


def _page_query(conn: sa.Connection, flt: ViewFilter, viewer: Viewer, sort: str, after: Cursor | None,
                names: Sequence[str]) -> tuple[sa.Select[Any], sa.Table, sa.ColumnElement[int]]:
    """The ordered select of the columns `names` then id, whole and sort key, over the incidents `viewer` sees that
    match `flt`, after `after`; with the table it reads and that table's incident id."""
    t, ident, whole, conds = _source(viewer)
    conds += value_conds(t, t.c.date, flt) + bbox_conds(t, flt)
    if flt.actor or flt.border or flt.q is not None:
        # Member-level filters: some member event the viewer may read matches them.
        member = ViewFilter(actor=flt.actor, border=flt.border, q=flt.q, include_background=True)
        conds.append(sa.exists(sa.select(incident_links.c.event_id)
                               .join(events, events.c.id == incident_links.c.event_id)
                               .where(incident_links.c.incident_id == ident,
                                      *event_conds(conn, member, viewer)).scalar_subquery()))
    desc = sort.startswith("-")
    key: sa.ColumnElement[Any] = t.c.date if sort.lstrip("-") == "date" else ident
    query = sa.select(*(t.c[n] for n in names), ident.label("id"), whole.label("whole"), key.label("sort_key"))
    query = query.where(*conds)
    if after is not None:
        query = query.where(_keyset(key, ident, desc, after))
    return query.order_by(*_order(key, ident, desc)), t, ident


def page_incidents(conn: sa.Connection, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None,
                   summary: bool = False
                   ) -> tuple[list[tuple[IncidentRow, float | None, float | None, bool]], Cursor | None]:
    """A page of incidents as `viewer` sees them, filtered on the values of its view: (row, lat, lon, whole). The
    stored summary comes only with `summary` and only for incidents seen whole (else it is empty: rebuild it from
    the visible members)."""
    query, t, ident = _page_query(conn, flt, viewer, sort, after, _VIEW_COLS)
    if summary:
        query = query.add_columns(incidents.c.summary)
        if t is not incidents:
            query = query.join(incidents, incidents.c.id == ident)
    rows = conn.execute(query.limit(limit + 1)).all()
    page = [(_page_row(r, summary), r[7], r[8], bool(r[15])) for r in rows[:limit]]
    nxt = Cursor(_plain(rows[limit - 1][16]), int(rows[limit - 1][14])) if len(rows) > limit else None
    return page, nxt


def page_listed(conn: sa.Connection, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None
                ) -> tuple[list[str], Cursor | None]:
    """page_incidents as each view's stored list JSON (store/views.py list_json): for an organisation or the
    public, whose views are stored (not `everything`)."""
    if viewer.everything:
        raise StoreError("listed incidents are per audience; read everything with page_incidents")
    shape = plain_shape(flt, viewer, after)
    if shape is not None:
        # Only the list JSON (text), the id and the cursor's key (through _plain) are read: the driver's values do.
        rows = fetch_all(conn, _listed_statement(shape, sort), shape_params(flt, viewer, after, limit),
                         typed=False)
    else:
        query, _, _ = _page_query(conn, flt, viewer, sort, after, ("list_json",))
        rows = conn.execute(query.limit(limit + 1)).all()
    nxt = Cursor(_plain(rows[limit - 1][3]), int(rows[limit - 1][1])) if len(rows) > limit else None
    return [str(r[0]) for r in rows[:limit]], nxt


@lru_cache(maxsize=256)
def _listed_statement(shape: Shape, sort: str) -> sa.Select[Any]:
    """page_listed's statement for every request of one shape (analyst.plain_shape), values bound by name."""
    v = incident_views
    desc = sort.startswith("-")
    key: sa.ColumnElement[Any] = v.c.date if sort.lstrip("-") == "date" else v.c.incident_id
    query = (sa.select(v.c.list_json, v.c.incident_id.label("id"), v.c.whole.label("whole"), key.label("sort_key"))
             .where(*seen_by_org(shape_org(shape)), *shape_conds(v, v.c.date, shape)))
    if shape.after is not None:
        query = query.where(shape_keyset(key, v.c.incident_id, desc, shape))
    return query.order_by(*_order(key, v.c.incident_id, desc)).limit(sa.bindparam("limit", type_=sa.Integer()))


def _page_row(r: Sequence[Any], summary: bool) -> IncidentRow:
    """A row of page_incidents' query by position (_VIEW_COLS, id, whole, sort key[, summary]): reading a page of
    500 through name mappings cost more than the query."""
    stored = r[17] if summary and r[15] and isinstance(r[17], dict) else {}
    return IncidentRow(id=r[14], key=r[0], event_type=r[1], sub_event_type=r[2], date=r[3], country=r[4],
                       admin1=r[5], admin2=r[6], fatalities=r[9], fatalities_min=r[10], fatalities_max=r[11],
                       n_events=r[12], n_articles=r[13], summary=dict(stored))


def get_incident(conn: sa.Connection, incident_id: int, viewer: Viewer
                 ) -> tuple[IncidentRow, float | None, float | None, bool] | None:
    """A stored incident if the viewer has a view of it, and whether that view is whole (else rebuild it from the
    visible members: the stored row and summary then hold what the viewer may not see)."""
    t, ident, whole, conds = _source(viewer)
    query = sa.select(incidents, whole.label("whole")).where(incidents.c.id == incident_id, *conds)
    if t is not incidents:
        query = query.join(t, ident == incidents.c.id)
    row = conn.execute(query).mappings().first()
    if row is None:
        return None
    return _row(row, True), row["lat"], row["lon"], bool(row["whole"])


def visible_members(conn: sa.Connection, ids: list[int], viewer: Viewer) -> dict[int, list[EventRow]]:
    """The member events of these incidents that the viewer may read, by incident."""
    out: dict[int, list[EventRow]] = defaultdict(list)
    for first in range(0, len(ids), 1000):
        rows = conn.execute(event_select().add_columns(incident_links.c.incident_id)
                            .join(incident_links, incident_links.c.event_id == events.c.id)
                            .where(incident_links.c.incident_id.in_(ids[first:first + 1000]),
                                   *visible(events.c.article_id, viewer))
                            .order_by(events.c.id)).all()
        for r in rows:
            out[int(r[-1])].append(event_row(r))
    return out
