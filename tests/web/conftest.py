"""Web tests run against a real uvicorn server on loopback with a real store, on SQLite and on PostgreSQL."""

from __future__ import annotations

import atexit
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests.store.backends import BACKENDS, pg_url_or_skip, reset_pg
from tests.web.seed import seed
from tests.web.server import Site, serve, web_settings
from trocha.api import Extractor
from trocha.store import open_store


def _drop(base: str, name: str) -> None:
    """Remove this run's web database at exit (the store tests' per-process database goes the same way)."""
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    except sa.exc.SQLAlchemyError:
        pass  # the server may already be gone; a leftover test database is harmless
    finally:
        engine.dispose()


def web_pg_url() -> str:
    """A database of its own next to the store tests' one (so a store test resetting its tables cannot pull ours
    away while a module's server is running)."""
    base = pg_url_or_skip()
    name = f"{make_url(base).database}_web"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    atexit.register(_drop, base, name)
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    reset_pg(url)
    return url


@pytest.fixture(scope="module", params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, extractor: Extractor
         ) -> Iterator[Site]:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'trocha.db'}" if request.param == "sqlite" else web_pg_url()
    with open_store(url) as store, serve(store, web_settings(), extractor) as base:
        s = Site(base, store)
        seed(s)
        yield s
