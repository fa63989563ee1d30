"""Migrations build exactly the tables schema.py describes (so a later migration cannot drift from the code)."""

from __future__ import annotations

import json
import warnings

import pytest
import sqlalchemy as sa

from trocha.store import Store
from trocha.store.migrations import MIGRATIONS, VERSION_TABLE
from trocha.store.schema import LISTED_INDEXES, metadata


def test_migrated_schema_matches_schema_py(store: Store) -> None:
    insp = sa.inspect(store.engine)
    tables = set(insp.get_table_names())
    assert set(metadata.tables) <= tables
    assert VERSION_TABLE in tables
    for name, table in metadata.tables.items():
        have = {c["name"] for c in insp.get_columns(name)}
        assert have == {c.name for c in table.columns}, name
        with warnings.catch_warnings():  # SQLite does not reflect expression indexes; checked by name below
            warnings.simplefilter("ignore", sa.exc.SAWarning)
            indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes(name)}
        for ix in table.indexes:
            if all(isinstance(e, sa.Column) for e in ix.expressions):
                assert tuple(c.name for c in ix.columns) in indexed, (name, ix.name)
    # Expression indexes (lower(column), date) are not reflected on SQLite: check them by name.
    with store.engine.connect() as conn:
        if store.backend == "sqlite":
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        else:
            names = {r[0] for r in conn.exec_driver_sql("SELECT indexname FROM pg_indexes")}
    expected = {str(ix.name) for table in metadata.tables.values() for ix in table.indexes}
    if store.backend != "sqlite":
        expected -= {str(ix.name) for ix in LISTED_INDEXES}
    assert expected <= names, sorted(expected - names)


def test_versions_are_numbered_in_order() -> None:
    numbers = [n for n, _, _ in MIGRATIONS]
    assert numbers == list(range(1, len(numbers) + 1))


def test_sqlite_pragmas(store: Store) -> None:
    if store.backend != "sqlite":
        pytest.skip("SQLite pragmas")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_sqlite_pool_hands_out_the_last_returned_connection(store: Store) -> None:
    """Last in, first out (store/engine.py): the next read gets the connection with the warmest page cache."""
    if store.backend != "sqlite":
        pytest.skip("the SQLite file's pool")
    first, second = store.reader.connect(), store.reader.connect()
    driver = second.connection.driver_connection
    first.close()
    second.close()
    with store.reader.connect() as conn:
        assert conn.connection.driver_connection is driver


def test_migration_5_rewrites_event_objects_compactly(store: Store, extractor: object) -> None:
    from datetime import date

    from trocha.api import Extractor
    from trocha.ingest.fingerprint import content_fingerprint, lsh_bands
    from trocha.store import ArticleIn
    from trocha.store.engine import compact_json
    from trocha.store.migrations import migrate
    from trocha.store.schema import events

    assert isinstance(extractor, Extractor)
    text = "La Policía incautó el martes dos toneladas de cocaína en Tumaco, Nariño."
    coded = extractor.extract(text, lang="es", published="2024-05-15")
    assert coded
    store.add_article(ArticleIn(ext_id="m5", ref="test", text=text, content_fp=content_fingerprint(text),
                                bands=lsh_bands(text), published=date(2024, 5, 15)), coded)
    spaced = json.dumps(coded[0].to_dict())  # how versions before 5 wrote it: spaces, \u escapes
    assert spaced != compact_json(coded[0].to_dict()) and "\\u00ed" in spaced
    cast = "CAST(:t AS json)" if store.backend == "postgresql" else ":t"
    with store.engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE events SET data = {cast}"), {"t": spaced})
        conn.execute(sa.text(f"DELETE FROM {VERSION_TABLE} WHERE version >= 5"))  # max(version) is the version
    assert migrate(store.engine) == [n for n, _, _ in MIGRATIONS if n >= 5]
    with store.engine.connect() as conn:
        stored = {str(t) for t in conn.execute(sa.select(sa.cast(events.c.data, sa.Text))).scalars()}
    assert stored == {compact_json(coded[0].to_dict())}
