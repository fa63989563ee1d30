"""The reads an analyst runs: events and incidents by filters, counts, weekly stats, rejected inputs, text search."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import sqlalchemy as sa

from trocha.store.records import (
    ArticleHit,
    Counts,
    EventFilter,
    EventRow,
    IncidentRow,
    RejectRow,
    Stats,
)
from trocha.store.schema import articles, events, incident_links, incidents, rejected, sources
from trocha.text import fold


def _where(table: sa.Table, flt: EventFilter) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = []
    if flt.date_from:
        conds.append(table.c.date >= flt.date_from)
    if flt.date_to:
        conds.append(table.c.date <= flt.date_to)
    # Exact spellings (as ACLED writes them): a lower() around the column would keep the (column, date) indexes
    # from being used, which costs seconds on a million events.
    for name in ("country", "admin1", "admin2"):
        value = getattr(flt, name)
        if value:
            conds.append(table.c[name] == value)
    if flt.event_type:
        conds.append(sa.or_(table.c.event_type == flt.event_type, table.c.sub_event_type == flt.event_type))
    if flt.actor and "actor1" in table.c:
        pattern = f"%{flt.actor.lower()}%"
        conds.append(sa.or_(sa.func.lower(table.c.actor1).like(pattern), sa.func.lower(table.c.actor2).like(pattern)))
    if not flt.include_background and "background" in table.c:
        conds.append(table.c.background.is_(False))
    return conds


def iter_events(conn: sa.Connection, flt: EventFilter, batch: int = 2000) -> Iterator[EventRow]:
    """Stored events matching the filter with their article's fingerprint, URL and source, by id."""
    query = (sa.select(events.c.id, events.c.article_id, events.c.ordinal, events.c.data, articles.c.content_fp,
                       articles.c.url, sources.c.name, articles.c.published, articles.c.title)
             .join(articles, articles.c.id == events.c.article_id)
             .join(sources, sources.c.id == articles.c.source_id, isouter=True)
             .where(*_where(events, flt)).order_by(events.c.id))
    # One streamed query (server-side cursor on PostgreSQL): re-querying page by page made the database find the
    # matching rows again for every page, seconds per export on a million events.
    for r in conn.execution_options(yield_per=batch).execute(query):
        yield EventRow(id=r[0], article_id=r[1], ordinal=r[2], data=_json(r[3]), content_fp=r[4], url=r[5],
                       source=r[6], published=r[7], title=r[8])


def _json(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def iter_incidents(conn: sa.Connection, flt: EventFilter) -> Iterator[IncidentRow]:
    """Stored incidents matching the filter (the actor filter does not apply here), by date then key."""
    query = sa.select(incidents).where(*_where(incidents, flt)).order_by(incidents.c.date, incidents.c.key)
    for r in conn.execute(query).mappings():
        yield IncidentRow(id=r["id"], key=r["key"], event_type=r["event_type"], sub_event_type=r["sub_event_type"],
                          date=r["date"], country=r["country"], admin1=r["admin1"], admin2=r["admin2"],
                          fatalities=r["fatalities"], fatalities_min=r["fatalities_min"],
                          fatalities_max=r["fatalities_max"], n_events=r["n_events"], n_articles=r["n_articles"],
                          summary=_json(r["summary"]))


def counts(conn: sa.Connection) -> Counts:
    """How many sources, articles, near-duplicates, events, incidents, links and rejected inputs are stored."""
    def n(query: sa.Select[Any]) -> int:
        return int(conn.execute(query).scalar_one())
    count = sa.func.count()
    return Counts(
        sources=n(sa.select(count).select_from(sources)),
        articles=n(sa.select(count).select_from(articles)),
        near_duplicates=n(sa.select(count).select_from(articles).where(articles.c.near_dup_of.is_not(None))),
        events=n(sa.select(count).select_from(events)),
        incidents=n(sa.select(count).select_from(incidents)),
        linked_events=n(sa.select(count).select_from(incident_links)),
        rejected=n(sa.select(count).select_from(rejected)),
    )


def stats(conn: sa.Connection, flt: EventFilter) -> Stats:
    """Event counts by ISO week, type and admin1; days are grouped in SQL, weeks folded here (portable)."""
    conds = _where(events, flt)
    by_day = conn.execute(sa.select(events.c.date, sa.func.count()).where(*conds).group_by(events.c.date)).all()
    weeks: Counter[str] = Counter()
    for day, n in by_day:
        if isinstance(day, date):
            y, w, _ = day.isocalendar()
            weeks[f"{y}-W{w:02d}"] += int(n)
        else:
            weeks["(no date)"] += int(n)
    by_type = conn.execute(sa.select(events.c.event_type, events.c.sub_event_type, sa.func.count()).where(*conds)
                           .group_by(events.c.event_type, events.c.sub_event_type)).all()
    by_admin1 = conn.execute(sa.select(events.c.country, events.c.admin1, sa.func.count()).where(*conds)
                             .group_by(events.c.country, events.c.admin1)).all()
    types = sorted(((f"{t} / {s}", int(n)) for t, s, n in by_type), key=lambda x: (-x[1], x[0]))
    admin = sorted(((f"{c or '?'} / {a or '(no admin1)'}", int(n)) for c, a, n in by_admin1),
                   key=lambda x: (-x[1], x[0]))
    return Stats(by_week=tuple(sorted(weeks.items())), by_type=tuple(types), by_admin1=tuple(admin),
                 total=sum(weeks.values()))


def list_rejected(conn: sa.Connection, limit: int | None = None, reason: str | None = None) -> list[RejectRow]:
    """Kept rejected inputs, most recent first."""
    query = sa.select(rejected).order_by(rejected.c.last_seen.desc(), rejected.c.id.desc())
    if reason:
        query = query.where(rejected.c.reason == reason)
    if limit:
        query = query.limit(limit)
    return [RejectRow(id=r["id"], ref=r["ref"], reason=r["reason"], detail=r["detail"], raw=r["raw"],
                      first_seen=r["first_seen"], last_seen=r["last_seen"], seen=r["seen"])
            for r in conn.execute(query).mappings()]


def search(conn: sa.Connection, text: str, limit: int = 50) -> list[ArticleHit]:
    """Articles whose title or text holds every word of `text` (accents and case ignored)."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in fold(text)).split() if w]
    if not words:
        return []
    if conn.dialect.name == "sqlite":
        match = " ".join(f'"{w}"' for w in words)
        ids = sa.text("SELECT rowid FROM article_search WHERE article_search MATCH :q")
        params: dict[str, Any] = {"q": match}
    else:
        ids = sa.text("SELECT article_id FROM article_search WHERE body @@ plainto_tsquery('simple', :q)")
        params = {"q": " ".join(words)}
    found = [int(r[0]) for r in conn.execute(ids, params)]
    if not found:
        return []
    query = (sa.select(articles.c.id, articles.c.title, articles.c.url, articles.c.published, articles.c.ref)
             .where(articles.c.id.in_(found)).order_by(articles.c.published.desc(), articles.c.id).limit(limit))
    return [ArticleHit(id=r[0], title=r[1], url=r[2], published=r[3], ref=r[4]) for r in conn.execute(query)]
