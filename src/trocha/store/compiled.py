"""Statements built once (a module constant or an lru_cache'd shape), run on SQLite's driver without SQLAlchemy's
per-execution work, with the same values in and out.

Under benchmarks/web.py SQLAlchemy's execution around the hot reads — the compiled-cache lookup, the execution
context, its events, the Result and its row objects — cost about as much as SQLite's own work on a short read
(cProfile, serial, a million events: ~0.9 of ~3 ms per request). Here a statement is compiled once for the
dialect; each run binds its values through the types' own bind processors, executes the SQL text on the
connection's driver cursor and passes each column through its type's own result processor, so the rows hold the
same Python values as `conn.execute(stmt, params).all()` (dates as dates, booleans as booleans). It runs inside the
connection's transaction, which it begins when the connection has none, as the first `conn.execute` would. Only
SQLite takes this path; PostgreSQL (and a statement whose SQL is only final at execution, e.g. an expanding IN)
goes through `conn.execute` as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A statement's SQL for one dialect, its parameters in order with their bind processors, and its columns'
    result processors (None: the driver's value is the value)."""

    compiled: sa.sql.compiler.Compiled
    sql: str
    names: tuple[str, ...]
    binds: tuple[Processor, ...]
    results: tuple[Processor, ...] | None


def fetch_all(conn: sa.Connection, stmt: sa.Select[Any], params: Mapping[str, Any], typed: bool = True
              ) -> Sequence[Sequence[Any]]:
    """`conn.execute(stmt, params).all()` (rows by position), straight on the driver on SQLite. `stmt` must live
    as long as the process (a constant or a cached shape): its compiled form is kept by identity. With `typed`
    False, SQLite's rows hold the driver's values (a DATE as its ISO text, a BOOLEAN as 0 or 1) and the caller
    converts the few it needs: rebuilding every row of a 500-row page in Python cost more than SQLAlchemy's
    compiled row processing saved."""
    ready = _compile(stmt, conn.dialect) if conn.dialect.name == "sqlite" else None
    if ready is None:
        return conn.execute(stmt, params).all()
    if not conn.in_transaction():
        conn.begin()  # the transaction conn.execute would begin (the engine's "begin" listener runs BEGIN)
    values = ready.compiled.construct_params(params)
    assert values is not None
    args = [v if p is None else p(v) for v, p in
            zip((values[n] for n in ready.names), ready.binds, strict=True)]
    driver = conn.connection.driver_connection
    assert driver is not None
    rows: list[Any] = driver.execute(ready.sql, args).fetchall()
    if ready.results is None or not typed:
        return rows
    procs = ready.results
    return [tuple(v if p is None or v is None else p(v) for v, p in zip(r, procs, strict=True)) for r in rows]


@lru_cache(maxsize=512)
def _compile(stmt: sa.Select[Any], dialect: Dialect) -> _Compiled | None:
    compiled = stmt.compile(dialect=dialect)
    sql = str(compiled)
    names = compiled.positiontup
    if names is None or "POSTCOMPILE" in sql:
        return None
    binds = tuple(compiled.binds[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names)
    results = tuple(c.type.dialect_impl(dialect).result_processor(dialect, None) for c in stmt.selected_columns)
    return _Compiled(compiled, sql, tuple(names), binds, results if any(results) else None)
