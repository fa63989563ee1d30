"""The database fixture every store, ingest and merge test runs on: a fresh SQLite file and a fresh PostgreSQL schema.

PostgreSQL comes from TROCHA_TEST_PG_URL (`scripts/pg-up` starts one and prints it; `run-tests` does that). Without
it the PostgreSQL half is skipped on a developer's machine, and FAILS when CI or TROCHA_REQUIRE_PG is set, so a CI
run can never pass without having tested PostgreSQL. Each test process works in its own database next to the given
one (`<name>_<pid>`, dropped at exit), so two test runs on one machine never reset each other's tables.
"""

from __future__ import annotations

import atexit
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
    return _own_database(url)


_OWN: dict[str, str] = {}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _own_database(url: str) -> str:
    """This process's database on the test server (created once; leftovers of dead test processes dropped)."""
    if url in _OWN:
        return _OWN[url]
    base = sa.make_url(url)
    prefix = f"{base.database}_"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for (name,) in conn.execute(sa.text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                    {"p": prefix + "%"}):
            suffix = name[len(prefix):]
            if suffix.isdigit() and not _alive(int(suffix)):
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        mine = f"{prefix}{os.getpid()}"
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{mine}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{mine}"'))
    admin.dispose()
    own = base.set(database=mine).render_as_string(hide_password=False)
    _OWN[url] = own
    atexit.register(_drop, url, mine)
    return own


def _drop(url: str, name: str) -> None:
    admin = sa.create_engine(sa.make_url(url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    except sa.exc.SQLAlchemyError:
        pass  # the server is gone already; the next run drops the leftover
    finally:
        admin.dispose()


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
