"""Versioned schema migrations, applied in order on open, each in its own transaction.

A small own runner rather than Alembic: the store has one schema that the program itself upgrades on open (no
separate `alembic upgrade` step for analysts to forget), the full-text index needs hand-written DDL per backend
anyway, and both SQLite (with the engine's BEGIN IMMEDIATE) and PostgreSQL run DDL inside a transaction, so a
migration either happens whole or not at all. Rule for later migrations: never edit a shipped one; add the next
number, and update `schema.py` to match (tests/store/test_migrations.py compares the two).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.schema import CreateIndex

from trocha.store import schema
from trocha.store.engine import StoreError

VERSION_TABLE = "trocha_schema"
_PG_LOCK = 7_240_417  # advisory lock id: two processes opening a new database do not both migrate

Migration = Callable[[sa.Connection], None]


def _m1_initial(conn: sa.Connection) -> None:
    """Every table of schema.py v1 plus the backend's full-text index over articles."""
    schema.metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        # Contentless FTS5: the index only; the text stays in articles. Indexed text is accent-folded by the
        # store (same on both backends), so "Cucuta" finds "Cúcuta".
        conn.exec_driver_sql("CREATE VIRTUAL TABLE article_search USING fts5(body, content='', "
                             "tokenize='unicode61 remove_diacritics 0')")
    else:
        conn.exec_driver_sql("CREATE TABLE article_search (article_id INTEGER PRIMARY KEY REFERENCES articles(id) "
                             "ON DELETE CASCADE, body tsvector NOT NULL)")
        conn.exec_driver_sql("CREATE INDEX ix_article_search_body ON article_search USING gin (body)")


def _m2_access(conn: sa.Connection) -> None:
    """Organisations, users, tokens and article visibility (a database made by v1 lacks them; a new one has them)."""
    schema.metadata.create_all(conn, tables=list(schema.ACCESS_TABLES), checkfirst=True)


def _m3_views(conn: sa.Connection) -> None:
    """Incidents per audience and per-day event counts (store/views.py), filled from what the database holds."""
    from trocha.store.views import fill_views  # the views module needs the tables of this migration

    schema.metadata.create_all(conn, tables=list(schema.VIEW_TABLES), checkfirst=True)
    fill_views(conn)


def _m4_folded_indexes(conn: sa.Connection) -> None:
    """Indexes on lower(column), date for the API's case-blind filters (a database made now has them already)."""
    for ix in schema.FOLDED_INDEXES:
        conn.execute(CreateIndex(ix, if_not_exists=True))


def _m5_compact_json(conn: sa.Connection) -> None:
    """Rewrite every stored event object in the engine's compact JSON form (store/engine.py), in id order."""
    events = schema.events
    update = (events.update().where(events.c.id == sa.bindparam("row_id"))
              .values(data=sa.bindparam("obj", type_=events.c.data.type)))
    last = 0
    while True:
        rows = conn.execute(sa.select(events.c.id, events.c.data).where(events.c.id > last)
                            .order_by(events.c.id).limit(5000)).all()
        if not rows:
            return
        conn.execute(update, [{"row_id": r[0], "obj": r[1]} for r in rows])
        last = int(rows[-1][0])


def _m6_count_indexes(conn: sa.Connection) -> None:
    """Covering indexes on event_counts for aggregates filtered by a place or type (a new database has them)."""
    for ix in schema.COUNT_INDEXES:
        conn.execute(CreateIndex(ix, if_not_exists=True))


def _m7_list_json(conn: sa.Connection) -> None:
    """Each incident view's list JSON (store/views.py list_json), so a page of incidents is sent as stored."""
    from trocha.store.views import fill_list_json  # the views module needs the tables of migration 3

    if "list_json" not in {c["name"] for c in sa.inspect(conn).get_columns("incident_views")}:
        conn.exec_driver_sql("ALTER TABLE incident_views ADD COLUMN list_json TEXT NOT NULL DEFAULT ''")
    fill_list_json(conn)


def _m8_listed_indexes(conn: sa.Connection) -> None:
    """Indexes holding a page of incidents by place or type, list JSON included (SQLite; a new database has them)."""
    if conn.dialect.name == "sqlite":
        for ix in schema.LISTED_INDEXES:
            conn.execute(CreateIndex(ix, if_not_exists=True))


def _m9_generation(conn: sa.Connection) -> None:
    """The store generation (store/generation.py): one row, counting from 0 (a new database has the table)."""
    schema.metadata.create_all(conn, tables=[schema.store_generation], checkfirst=True)
    if conn.execute(sa.select(schema.store_generation.c.id)).first() is None:
        conn.execute(schema.store_generation.insert().values(id=1, n=0))


MIGRATIONS: tuple[tuple[int, str, Migration], ...] = (
    (1, "initial tables, indexes and full-text search", _m1_initial),
    (2, "organisations, users, API tokens, article visibility and shares", _m2_access),
    (3, "incidents per audience and per-day event counts", _m3_views),
    (4, "indexes on lower(column), date for case-blind filters", _m4_folded_indexes),
    (5, "event objects stored in the API's compact JSON form", _m5_compact_json),
    (6, "covering indexes on event_counts for aggregates by place or type", _m6_count_indexes),
    (7, "incident views kept as the API lists them (compact JSON)", _m7_list_json),
    (8, "indexes holding a page of incidents by place or type (SQLite)", _m8_listed_indexes),
    (9, "the store generation, counting committed writes", _m9_generation),
)
LATEST = MIGRATIONS[-1][0]


def _version_table(conn: sa.Connection) -> sa.Table:
    md = sa.MetaData()
    table = sa.Table(VERSION_TABLE, md,
                     sa.Column("version", sa.Integer, primary_key=True),
                     sa.Column("name", sa.Text, nullable=False),
                     sa.Column("applied_at", sa.DateTime, nullable=False))
    md.create_all(conn, checkfirst=True)
    return table


def current_version(engine: sa.Engine) -> int:
    """The schema version of a database (0 when it has never been migrated)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(VERSION_TABLE):
            return 0
        return int(conn.execute(sa.text(f"SELECT COALESCE(MAX(version), 0) FROM {VERSION_TABLE}")).scalar_one())


def migrate(engine: sa.Engine) -> list[int]:
    """Bring the database to the latest version; returns the versions applied now (empty when up to date)."""
    applied: list[int] = []
    for number, name, step in MIGRATIONS:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            table = _version_table(conn)
            have = int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.version), 0))).scalar_one())
            if have > LATEST:
                raise StoreError(f"the database is at schema version {have}, newer than this trocha ({LATEST}); "
                                 "upgrade trocha")
            if have >= number:
                continue
            step(conn)
            conn.execute(table.insert().values(version=number, name=name, applied_at=datetime.now(UTC)
                                               .replace(tzinfo=None)))
            applied.append(number)
    return applied
