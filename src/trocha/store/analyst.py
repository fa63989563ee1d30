"""The analyst's reads behind the web API, each one through a Viewer so nothing private leaves the store unasked."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from trocha.store.access import Viewer, access_of, visible, visible_to
from trocha.store.compiled import fetch_all
from trocha.store.records import EventRow
from trocha.store.schema import articles, event_counts, events, evidence, sources
from trocha.store.views import PUBLIC
from trocha.text import fold

# CAMEO roles that make an actor part of a government or its forces (the cooperation index counts only these).
STATE_ROLES = ("GOV", "MIL", "POL", "SPY", "JUD", "LEG")


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """Every filter of the API's lists (all optional, combined with AND)."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    border: bool = False
    include_background: bool = False


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ends: the sort value and id of its last row."""

    value: Any
    id: int


@dataclass(frozen=True, slots=True)
class ListedEvent:
    """An event in a page of the API's list: where it was stored, its source, and its contract object as the
    compact JSON text the store keeps (store/engine.py)."""

    id: int
    article_id: int
    source: str | None
    url: str | None
    title: str | None
    published: date | None
    event: str


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article as a reader who may see it gets it."""

    id: int
    title: str | None
    url: str | None
    source: str | None
    published: date | None
    lang: str | None
    text: str
    visibility: str
    owner: str | None
    shared_with: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """One stored evidence span of an event."""

    field: str
    start: int
    end: int
    text: str


def _search_ids(conn: sa.Connection, text: str) -> sa.TextClause | sa.TextualSelect | None:
    """The ids of articles holding every word of `text`, as a subquery (None: no words)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in fold(text)).split() if w]
    if not words:
        return None
    if conn.dialect.name == "sqlite":
        return (sa.text("SELECT rowid FROM article_search WHERE article_search MATCH :q")
                .bindparams(q=" ".join(f'"{w}"' for w in words)).columns(sa.column("rowid", sa.Integer)))
    return (sa.text("SELECT article_id FROM article_search WHERE body @@ plainto_tsquery('simple', :q)")
            .bindparams(q=" ".join(words)).columns(sa.column("article_id", sa.Integer)))


def _ci(col: sa.ColumnElement[Any], value: str) -> sa.ColumnElement[bool]:
    return sa.func.lower(col) == value.lower()


def value_conds(t: sa.Table, date: sa.ColumnElement[Any], flt: ViewFilter) -> list[sa.ColumnElement[bool]]:
    """The filter's date range on `date` and its case-blind place and type values on the same-named columns of `t`
    (events, incident views and event counts all carry them)."""
    conds: list[sa.ColumnElement[bool]] = []
    if flt.date_from:
        conds.append(date >= flt.date_from)
    if flt.date_to:
        conds.append(date <= flt.date_to)
    for name in ("country", "admin1", "admin2", "event_type", "sub_event_type"):
        value = getattr(flt, name)
        if value:
            conds.append(_ci(t.c[name], value))
    return conds


def bbox_conds(t: sa.Table, flt: ViewFilter) -> list[sa.ColumnElement[bool]]:
    """The filter's bounding box on the `lat`/`lon` columns of `t`."""
    if not flt.bbox:
        return []
    w, s, e, n = flt.bbox
    return [t.c.lon >= w, t.c.lon <= e, t.c.lat >= s, t.c.lat <= n]


# --- statements built once per filter shape ---------------------------------------------------------------------
# Building a statement and its cache key took longer than running it (2-3 ms a request). A request whose filter
# holds only dates and case-blind values runs the statement of its shape — which values are set, the viewer's kind,
# the sort, the cursor's kind — with its own values passed as parameters. The statements' bind parameters carry no
# value (SQLAlchemy refuses to run one without it), so one request's values never reach another's.

_VALUES = ("country", "admin1", "admin2", "event_type", "sub_event_type")


@dataclass(frozen=True, slots=True)
class Shape:
    """What a statement built once depends on: which filter values are set, the viewer's kind (everything, public
    or org), the cursor's kind (None, "null" key or "value")."""

    values: tuple[bool, ...]  # date_from, date_to, then each of _VALUES
    background: bool
    viewer: str
    after: str | None


def plain_shape(flt: ViewFilter, viewer: Viewer, after: Cursor | None) -> Shape | None:
    """The shape of a request whose filter holds only dates and case-blind values; None for any other filter."""
    if flt.actor or flt.q is not None or flt.bbox or flt.border:
        return None
    kind = "everything" if viewer.everything else ("public" if viewer.org_id is None else "org")
    return Shape(values=(bool(flt.date_from), bool(flt.date_to), *(bool(getattr(flt, n)) for n in _VALUES)),
                 background=flt.include_background, viewer=kind,
                 after=None if after is None else ("null" if after.value is None else "value"))


def one_range(flt: ViewFilter, sort: str | None = None, by: str | None = None) -> bool:
    """Whether a page in `sort` order (or, with `by`, an aggregate) of this filter reads about one range of an
    index for an organisation or the public: the filter holds only dates and values (plain_shape), a page is in
    date order (the `(lower(column), date)` indexes give it; an id order over a value would sort every match), and
    an aggregate sums event_counts (_by_counts). The web app runs such reads on its event loop."""
    if plain_shape(flt, Viewer(), None) is None:
        return False
    if by is not None:
        return _by_counts(flt, Viewer(), by)
    return sort is not None and sort.lstrip("-") == "date"


def shape_params(flt: ViewFilter, viewer: Viewer, after: Cursor | None, limit: int) -> dict[str, Any]:
    """A request's values under the names its shape's statement binds (same tests as plain_shape)."""
    out: dict[str, Any] = {"limit": limit + 1}
    if flt.date_from:
        out["date_from"] = flt.date_from
    if flt.date_to:
        out["date_to"] = flt.date_to
    for name in _VALUES:
        value = getattr(flt, name)
        if value:
            out[name] = value.lower()
    if not viewer.everything and viewer.org_id is not None:
        out["viewer_org"] = viewer.org_id
    if after is not None:
        out["after_id"] = after.id
        if after.value is not None:
            out["after_value"] = after.value
    return out


def shape_conds(t: sa.Table, day: sa.ColumnElement[Any], shape: Shape) -> list[sa.ColumnElement[bool]]:
    """value_conds with bind parameters for the values set in `shape`."""
    has_from, has_to, *has = shape.values
    conds: list[sa.ColumnElement[bool]] = []
    if has_from:
        conds.append(day >= sa.bindparam("date_from", type_=day.type))
    if has_to:
        conds.append(day <= sa.bindparam("date_to", type_=day.type))
    for name, set_ in zip(_VALUES, has, strict=True):
        if set_:
            conds.append(sa.func.lower(t.c[name]) == sa.bindparam(name, type_=sa.String()))
    return conds


def shape_org(shape: Shape) -> sa.BindParameter[Any] | None:
    """The viewer's organisation in a statement of `shape` (None: the public or everything)."""
    return sa.bindparam("viewer_org", type_=sa.Integer()) if shape.viewer == "org" else None


def shape_viewer(article_id: sa.ColumnElement[Any], shape: Shape) -> list[sa.ColumnElement[bool]]:
    """visible() for the viewer of a statement of `shape`."""
    return [] if shape.viewer == "everything" else visible_to(article_id, shape_org(shape))


def shape_keyset(key: sa.ColumnElement[Any], ident: sa.ColumnElement[int], desc: bool, shape: Shape
                 ) -> sa.ColumnElement[bool]:
    """_keyset for the cursor of a statement of `shape`."""
    value = None if shape.after == "null" else sa.bindparam("after_value", type_=key.type)
    return _keyset_at(key, ident, desc, value, sa.bindparam("after_id", type_=sa.Integer()))


def event_conds(conn: sa.Connection, flt: ViewFilter, viewer: Viewer) -> list[sa.ColumnElement[bool]]:
    """SQL conditions on `events` for a filter and a viewer."""
    conds = visible(events.c.article_id, viewer) + value_conds(events, events.c.date, flt)
    if flt.actor:
        pattern = f"%{flt.actor.lower()}%"
        conds.append(sa.or_(sa.func.lower(events.c.actor1).like(pattern), sa.func.lower(events.c.actor2).like(pattern)))
    conds += bbox_conds(events, flt)
    if flt.border:
        conds.append(events.c.data[("location", "border", "municipality")].as_boolean().is_(True))
    if flt.q is not None:
        ids = _search_ids(conn, flt.q)
        conds.append(events.c.article_id.in_(ids) if ids is not None else sa.false())
    if not flt.include_background:
        conds.append(events.c.background.is_(False))
    return conds


_EVENT_COLS = (events.c.id, events.c.article_id, events.c.ordinal, events.c.data, articles.c.content_fp,
               articles.c.url, sources.c.name, articles.c.published, articles.c.title)


def event_row(r: Sequence[Any]) -> EventRow:
    data = r[3] if isinstance(r[3], dict) else {}
    return EventRow(id=r[0], article_id=r[1], ordinal=r[2], data=dict(data), content_fp=r[4], url=r[5], source=r[6],
                    published=r[7], title=r[8])


def event_select() -> sa.Select[Any]:
    return (sa.select(*_EVENT_COLS).join(articles, articles.c.id == events.c.article_id)
            .join(sources, sources.c.id == articles.c.source_id, isouter=True))


def _keyset(key: sa.ColumnElement[Any], ident: sa.ColumnElement[int], desc: bool, cur: Cursor
            ) -> sa.ColumnElement[bool]:
    """Rows after `cur` in (key, id) order where a NULL key is smaller than every value (first up, last down)."""
    return _keyset_at(key, ident, desc, cur.value, cur.id)


def _keyset_at(key: sa.ColumnElement[Any], ident: sa.ColumnElement[int], desc: bool, value: Any, after_id: Any
               ) -> sa.ColumnElement[bool]:
    """_keyset for a cursor's sort value and id, values or bind parameters (`value` None: a NULL key)."""
    if value is None:
        if desc:
            return sa.and_(key.is_(None), ident < after_id)
        return sa.or_(key.is_not(None), sa.and_(key.is_(None), ident > after_id))
    if desc:
        return sa.or_(key < value, sa.and_(key == value, ident < after_id), key.is_(None))
    return sa.or_(key > value, sa.and_(key == value, ident > after_id))


def _order(key: sa.ColumnElement[Any], ident: sa.ColumnElement[int], desc: bool) -> list[sa.ColumnElement[Any]]:
    """ORDER BY on the plain column (so its index serves it), NULL smallest on both backends."""
    if desc:
        return [key.desc().nulls_last(), ident.desc()]
    return [key.asc().nulls_first(), ident.asc()]


def _page(conn: sa.Connection, listed: bool, flt: ViewFilter, viewer: Viewer, sort: str, limit: int,
          after: Cursor | None) -> tuple[Sequence[Any], Cursor | None]:
    """Up to `limit` rows of _LISTED_COLS (`listed`) or _EVENT_COLS, then the sort key, in `sort` order (date,
    -date, id, -id) and the cursor of the next page."""
    shape = plain_shape(flt, viewer, after)
    if shape is not None:
        # A listed page converts its one date column itself (page_listed); the cursor's key goes through _plain.
        rows = fetch_all(conn, _page_statement(listed, shape, sort), shape_params(flt, viewer, after, limit),
                         typed=not listed)
    else:
        cols = _LISTED_COLS if listed else _EVENT_COLS
        desc = sort.startswith("-")
        key: sa.ColumnElement[Any] = events.c.date if sort.lstrip("-") == "date" else events.c.id
        query = (sa.select(*cols, key).join(articles, articles.c.id == events.c.article_id)
                 .join(sources, sources.c.id == articles.c.source_id, isouter=True)
                 .where(*event_conds(conn, flt, viewer)))
        if after is not None:
            query = query.where(_keyset(key, events.c.id, desc, after))
        rows = conn.execute(query.order_by(*_order(key, events.c.id, desc)).limit(limit + 1)).all()
    nxt = Cursor(_plain(rows[limit - 1][-1]), int(rows[limit - 1][0])) if len(rows) > limit else None
    return rows[:limit], nxt


@lru_cache(maxsize=256)
def _page_statement(listed: bool, shape: Shape, sort: str) -> sa.Select[Any]:
    """_page's statement for every request of one shape (plain_shape), its values bound by name (shape_params)."""
    cols = _LISTED_COLS if listed else _EVENT_COLS
    desc = sort.startswith("-")
    key: sa.ColumnElement[Any] = events.c.date if sort.lstrip("-") == "date" else events.c.id
    query = (sa.select(*cols, key).join(articles, articles.c.id == events.c.article_id)
             .join(sources, sources.c.id == articles.c.source_id, isouter=True)
             .where(*shape_viewer(events.c.article_id, shape), *shape_conds(events, events.c.date, shape)))
    if not shape.background:
        query = query.where(events.c.background.is_(False))
    if shape.after is not None:
        query = query.where(shape_keyset(key, events.c.id, desc, shape))
    return query.order_by(*_order(key, events.c.id, desc)).limit(sa.bindparam("limit", type_=sa.Integer()))


def page_events(conn: sa.Connection, flt: ViewFilter, viewer: Viewer, sort: str, limit: int,
                after: Cursor | None) -> tuple[list[EventRow], Cursor | None]:
    """One page of events in `sort` order (date, -date, id, -id) and the cursor of the next page."""
    rows, nxt = _page(conn, False, flt, viewer, sort, limit, after)
    return [event_row(r) for r in rows], nxt


_LISTED_COLS = (events.c.id, events.c.article_id, sources.c.name, articles.c.url, articles.c.title,
                articles.c.published, sa.cast(events.c.data, sa.Text))


def page_listed(conn: sa.Connection, flt: ViewFilter, viewer: Viewer, sort: str, limit: int,
                after: Cursor | None) -> tuple[list[ListedEvent], Cursor | None]:
    """page_events with each event object as its stored JSON text (the API sends it as it is)."""
    rows, nxt = _page(conn, True, flt, viewer, sort, limit, after)
    return [ListedEvent(int(r[0]), int(r[1]), r[2], r[3], r[4], as_date(r[5]), str(r[6])) for r in rows], nxt


def as_date(value: Any) -> date | None:
    """A DATE column's value as a date, from a typed row (a date) or a driver's row (SQLite's ISO text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _plain(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10:
        return date.fromisoformat(value)
    return value


def get_event(conn: sa.Connection, event_id: int, viewer: Viewer) -> tuple[EventRow, list[Span]] | None:
    """One visible event with its stored evidence spans."""
    row = conn.execute(event_select().where(events.c.id == event_id, *visible(events.c.article_id, viewer))).first()
    if row is None:
        return None
    spans = [Span(str(f), int(s), int(e), str(t)) for f, s, e, t in conn.execute(
        sa.select(evidence.c.field, evidence.c.start, evidence.c.end, evidence.c.text)
        .where(evidence.c.event_id == event_id).order_by(evidence.c.start, evidence.c.id))]
    return event_row(row), spans


def get_article(conn: sa.Connection, article_id: int, viewer: Viewer) -> ArticleView | None:
    """One visible article with its text and who may read it."""
    row = conn.execute(sa.select(articles.c.id, articles.c.title, articles.c.url, sources.c.name,
                                 articles.c.published, articles.c.lang, articles.c.text)
                       .join(sources, sources.c.id == articles.c.source_id, isouter=True)
                       .where(articles.c.id == article_id, *visible(articles.c.id, viewer))).first()
    if row is None:
        return None
    vis, owner, partners = access_of(conn, article_id)
    return ArticleView(id=row[0], title=row[1], url=row[2], source=row[3], published=row[4], lang=row[5],
                       text=row[6], visibility=vis, owner=owner, shared_with=tuple(partners))


def _period(day: date | None, every: str) -> str:
    if day is None:
        return "(no date)"
    if every == "day":
        return day.isoformat()
    if every == "month":
        return f"{day.year}-{day.month:02d}"
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def aggregate(conn: sa.Connection, flt: ViewFilter, viewer: Viewer, every: str, by: str
              ) -> list[tuple[str, str, int]]:
    """(period, key, count) of visible events grouped by day/week/month and type/sub-type/admin1/actor."""
    rows: Sequence[Any]
    shape = plain_shape(flt, viewer, None) if _by_counts(flt, viewer, by) else None
    if shape is not None:
        rows = fetch_all(conn, _counted_statement(shape, by), shape_params(flt, viewer, None, 0), typed=False)
    else:
        col = {"type": events.c.event_type, "sub_event_type": events.c.sub_event_type, "admin1": events.c.admin1,
               "country": events.c.country, "actor": events.c.actor1}[by]
        rows = conn.execute(sa.select(events.c.date, col, sa.func.count()).where(*event_conds(conn, flt, viewer))
                            .group_by(events.c.date, col)).all()
    out: Counter[tuple[str, str]] = Counter()
    periods: dict[Any, str] = {}  # rows come per day and key: each day's period is worked out once
    for day, key, n in rows:
        period = periods.get(day)
        if period is None:
            as_day = as_date(day)
            period = periods[day] = _period(as_day if isinstance(as_day, date) else None, every)
        out[(period, str(key) if key else "(none)")] += int(n)
    return sorted(((p, k, n) for (p, k), n in out.items() if n), key=lambda x: (x[0], -x[2], x[1]))


def _by_counts(flt: ViewFilter, viewer: Viewer, by: str) -> bool:
    """Whether the per-day counts answer this aggregate: every filter and the key are columns of event_counts, and
    the viewer is an audience (`everything` would count a shared article once per organisation)."""
    return (not viewer.everything and by != "actor" and flt.actor is None and flt.q is None and flt.bbox is None
            and not flt.border)


@lru_cache(maxsize=256)
def _counted_statement(shape: Shape, by: str) -> sa.Select[Any]:
    """(day, key, count) summed from event_counts over the viewer's audiences (the public and its own), for every
    request of one shape (plain_shape), values bound by name."""
    c = event_counts
    col = {"type": c.c.event_type, "sub_event_type": c.c.sub_event_type, "admin1": c.c.admin1,
           "country": c.c.country}[by]
    org = shape_org(shape)
    mine = [c.c.audience == PUBLIC] if org is None else [c.c.audience.in_([PUBLIC, org])]
    conds: list[sa.ColumnElement[bool]] = [*mine, *shape_conds(c, c.c.day, shape)]
    if not shape.background:
        conds.append(c.c.background.is_(False))
    return sa.select(c.c.day, col, sa.func.sum(c.c.n)).where(*conds).group_by(c.c.day, col)


def _is_state(cameo: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
    return sa.or_(sa.func.length(cameo) == 3, sa.func.substr(cameo, 4, 3).in_(STATE_ROLES))


def cooperation(conn: sa.Connection, flt: ViewFilter, viewer: Viewer, every: str
                ) -> list[tuple[str, str, str, int, float | None]]:
    """(pair, period, cooperative|conflictual, count, mean Goldstein) of events between two countries' states."""
    c1, c2 = events.c.actor1_country, events.c.actor2_country
    rows = conn.execute(
        sa.select(events.c.date, c1, c2, events.c.quad_class, events.c.goldstein)
        .where(*event_conds(conn, flt, viewer), c1.is_not(None), c2.is_not(None), c1 != c2,
               _is_state(events.c.actor1_cameo), _is_state(events.c.actor2_cameo),
               events.c.quad_class.is_not(None))).all()
    golds: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    counts: Counter[tuple[str, str, str]] = Counter()
    for day, a, b, quad, gold in rows:
        pair = "-".join(sorted((str(a), str(b))))
        kind = "cooperative" if int(quad) <= 2 else "conflictual"
        k = (pair, _period(day if isinstance(day, date) else None, every), kind)
        counts[k] += 1
        if gold is not None:
            golds[k].append(float(gold))
    return [(k[0], k[1], k[2], n, round(sum(golds[k]) / len(golds[k]), 3) if golds[k] else None)
            for k, n in sorted(counts.items())]


def search_articles(conn: sa.Connection, text: str, viewer: Viewer, limit: int
                    ) -> list[tuple[int, str | None, str | None, date | None]]:
    """Visible articles holding every word of `text`: (id, title, url, published)."""
    ids = _search_ids(conn, text)
    if ids is None:
        return []
    query = (sa.select(articles.c.id, articles.c.title, articles.c.url, articles.c.published)
             .where(articles.c.id.in_(ids), *visible(articles.c.id, viewer))
             .order_by(articles.c.published.desc(), articles.c.id).limit(limit))
    return [(int(r[0]), r[1], r[2], r[3]) for r in conn.execute(query)]


def article_events(conn: sa.Connection, article_id: int, viewer: Viewer) -> list[EventRow]:
    """The coded events of one visible article, in their order in the text."""
    return [event_row(r) for r in conn.execute(
        event_select().where(events.c.article_id == article_id, *visible(events.c.article_id, viewer))
        .order_by(events.c.ordinal))]
