"""Engines for the two backends: SQLite tuned for one writer that may be killed at any moment, or PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url

from trocha.config import Settings
from trocha.errors import TrochaError


class StoreError(TrochaError):
    """A store that cannot be opened or used (bad URL, unknown schema version, server down)."""

    code = "store"


def database_url(config: Settings, override: str | None = None) -> str:
    """The URL to open: an explicit one, else the database_url setting, else a SQLite file at db_path."""
    url = override or config.database_url
    if url:
        return url
    return f"sqlite:///{Path(config.db_path).expanduser().resolve()}"


def compact_json(value: Any) -> str:
    """How JSON columns are written: the API's compact form (UTF-8 text, no spaces), so a stored event object is
    sent as it is, without decoding and encoding it again (migration 5 rewrote the older, spaced form)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def create_engine(url: str) -> sa.Engine:
    """An engine for a SQLite file (created on first use) or a PostgreSQL server through psycopg 3."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        # Streamed reads use server-side cursors, which PostgreSQL plans for the first 10 % of rows by default
        # (cursor_tuple_fraction); our cursors are read to the end, so plan them like ordinary queries.
        return sa.create_engine(parsed, pool_pre_ping=True, future=True, json_serializer=compact_json,
                                connect_args={"options": "-c cursor_tuple_fraction=1.0"})
    raise StoreError(f"unsupported database {backend!r}: use sqlite:///PATH or postgresql+psycopg://...")


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    # Keep as many connections as the web server's worker threads (40) use at once: a connection past the pool's
    # size is closed when returned, and a new one starts with an empty page cache and its pragmas to run again.
    # Last in, first out: the web app's hot reads run one at a time on its event loop (web/fast.py), so each takes
    # the connection the previous one returned, whose page cache and prepared statements are warm; first in, first
    # out handed them each of the 40 in turn (serial, a million events: 1.9 -> 1.7 ms of CPU a request).
    pool = ({} if url.database in (None, "", ":memory:")
            else {"pool_size": 40, "max_overflow": 10, "pool_use_lifo": True})
    engine = sa.create_engine(url, future=True, json_serializer=compact_json, **pool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transactions out of the sqlite3 module's hands so that DDL is transactional too and each write
        # transaction starts with BEGIN IMMEDIATE (one writer, no read-to-write upgrade deadlocks).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a committed transaction survives a killed process (not necessarily a power cut).
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Reads (Store.reader) start deferred: in WAL mode they see a snapshot and never block the writer. A
        # deferred BEGIN takes no lock and cannot wait, so it goes straight to the driver (through exec_driver_sql
        # it cost about 0.14 ms of SQLAlchemy's execution work, a twentieth of a hot read, web/fast.py); BEGIN
        # IMMEDIATE may time out on the write lock, and its error must reach the caller as SQLAlchemy's.
        if conn.get_execution_options().get("trocha_read"):
            conn.connection.driver_connection.execute("BEGIN")  # type: ignore[union-attr]
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
