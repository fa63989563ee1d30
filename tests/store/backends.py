"""The database fixture every store, ingest and merge test runs on: a fresh SQLite file and a fresh PostgreSQL schema.

PostgreSQL comes from TROCHA_TEST_PG_URL (`scripts/pg-up` starts one and prints it; `run-tests` does that). Without
it the PostgreSQL half is skipped on a developer's machine, and FAILS when CI or TROCHA_REQUIRE_PG is set, so a CI
run can never pass without having tested PostgreSQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from trocha.store import Store, open_store

BACKENDS = ("sqlite", "postgresql")


def pg_url_or_skip() -> str:
    """The test server's URL; skip (developer machine) or fail (CI) when there is none or it is down."""
    url = os.environ.get("TROCHA_TEST_PG_URL", "")
    required = bool(os.environ.get("CI") or os.environ.get("TROCHA_REQUIRE_PG"))
    why = ""
    if not url:
        why = "TROCHA_TEST_PG_URL is not set (run scripts/pg-up, or ./run-tests which does)"
    else:
        try:
            engine = sa.create_engine(url)
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            engine.dispose()
        except sa.exc.SQLAlchemyError as exc:
            why = f"cannot reach PostgreSQL at {url}: {str(exc).splitlines()[0]}"
    if why:
        if required:
            pytest.fail(f"PostgreSQL tests are required here (CI/TROCHA_REQUIRE_PG) but {why}")
        pytest.skip(why)
    return url


def reset_pg(url: str) -> None:
    """Drop every table of the test database (the tests own it)."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def fresh_url(backend: str, tmp_path: Path, name: str = "trocha.db") -> str:
    """An empty database of the given backend."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / name}"
    url = pg_url_or_skip()
    reset_pg(url)
    return url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return fresh_url(str(request.param), tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as s:
        yield s
