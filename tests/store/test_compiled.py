"""Statements built once run straight on SQLite's driver (store/compiled.py) and give what conn.execute gives."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from tests.store.test_views import world
from trocha.store import analyst, analyst_incidents
from trocha.store.access import _AUTHENTICATE, token_hash
from trocha.store.analyst import Shape, shape_params
from trocha.store.compiled import _compile, fetch_all
from trocha.store.guarded import Guarded, Viewer, ViewFilter

__all__ = ["world"]

FLT = ViewFilter(country="colombia", date_from=date(2024, 3, 1), date_to=date(2024, 3, 31))


def _statements(world: dict[str, Any]) -> list[tuple[sa.Select[Any], dict[str, Any]]]:
    """The hot statements (a page of events in both forms, a page of incidents, per-day counts, the token check)
    with values for an organisation's viewer."""
    viewer: Viewer = world["a"]
    shape = analyst.plain_shape(FLT, viewer, None)
    assert isinstance(shape, Shape)
    params = shape_params(FLT, viewer, None, 50)
    g: Guarded = world["g"]
    secret, _ = g.issue_token(world["orgs"][0].id, "t", "viewer", days=3)
    return [(analyst._page_statement(False, shape, "-date"), params),
            (analyst._page_statement(True, shape, "date"), params),
            (analyst_incidents._listed_statement(shape, "-date"), params),
            (analyst._counted_statement(shape, "type"), shape_params(FLT, viewer, None, 0)),
            (_AUTHENTICATE, {"token_hash": token_hash(secret)})]


def test_fetch_all_gives_what_execute_gives(world: dict[str, Any]) -> None:
    store = world["g"].store
    for stmt, params in _statements(world):
        with store.reader.connect() as conn:
            expected = [tuple(r) for r in conn.execute(stmt, params).all()]
        with store.reader.connect() as conn:
            got = [tuple(r) for r in fetch_all(conn, stmt, params)]
            assert conn.in_transaction()  # it began the transaction conn.execute would have begun
        assert got == expected and [type(v) for r in got for v in r] == [type(v) for r in expected for v in r]
        assert expected, stmt  # every statement finds something here, so the values are compared
    # A token's expiry comes back as a datetime, to compare with now (not as SQLite's text).
    with store.reader.connect() as conn:
        row = fetch_all(conn, *_statements(world)[-1])[0]
    assert isinstance(row[4], datetime) and row[4] > datetime.now() + timedelta(days=2)

def test_hot_reads_skip_sqlalchemy_execution_on_sqlite(world: dict[str, Any]) -> None:
    """A token check and the three hot reads in one transaction send SQLAlchemy nothing but BEGIN on SQLite."""
    g: Guarded = world["g"]
    secret, _ = g.issue_token(world["orgs"][0].id, "t", "viewer")
    through: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        through.append(statement)

    event.listen(g.store.engine, "before_cursor_execute", seen)
    try:
        with g.reading() as read:
            who = read.authenticate(secret)
            assert who is not None
            viewer = Viewer(who.org_id)
            events, _ = read.listed_events(FLT, viewer, "-date", 50, None)
            incidents, _ = read.listed_incidents(FLT, viewer, "-date", 50, None)
            counts = read.aggregate(FLT, viewer, "week", "type")
    finally:
        event.remove(g.store.engine, "before_cursor_execute", seen)
    assert events and incidents and counts
    if g.store.backend == "sqlite":
        assert through == []  # the deferred BEGIN goes to the driver too (store/engine.py)
    else:
        assert len(through) == 5  # PostgreSQL reads go through conn.execute: the generation, the token, 3 reads


def test_a_page_of_incidents_by_place_is_one_covering_index_range(world: dict[str, Any]) -> None:
    """On SQLite a page of incidents of a place or type reads one index in page order (schema.LISTED_INDEXES):
    no sort, and no row lookup (SQLite 3.40 names it no covering index, since the filter's column is in it only
    as lower(column), but defers the lookup of the row, which nothing reads)."""
    store = world["g"].store
    if store.backend != "sqlite":
        return
    viewer: Viewer = world["b"]
    for flt in (FLT, ViewFilter(admin1="arauca"), ViewFilter(event_type="battles", date_to=date(2024, 3, 31))):
        for sort in ("date", "-date"):
            shape = analyst.plain_shape(flt, viewer, None)
            assert shape is not None
            ready = _compile(analyst_incidents._listed_statement(shape, sort), store.engine.dialect)
            assert ready is not None
            values = ready.compiled.construct_params(shape_params(flt, viewer, None, 50))
            assert values is not None
            args = [v if p is None else p(v) for v, p in zip((values[n] for n in ready.names), ready.binds,
                                                               strict=True)]
            with store.reader.connect() as conn:
                plan = [str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + ready.sql, tuple(args))]
            assert plan[0].startswith(("SEARCH incident_views USING INDEX ix_incident_views_listed_",
                                       "SEARCH incident_views USING COVERING INDEX ix_incident_views_listed_")), plan
            assert not any("TEMP B-TREE" in step for step in plan), plan
