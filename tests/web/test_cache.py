"""Answers to the hot reads are kept per organisation and query while the store generation stays the same
(web/fast.py, store/generation.py): never served to another organisation, dropped by any write of any process."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from tests.store.backends import db_url, store
from tests.store.test_views import world
from tests.web.server import Site, serve, web_settings
from tests.web.test_commands import _start, _stop_all, _workers
from tests.web.test_fast import HOT_READS
from trocha.api import Extractor
from trocha.store import RejectIn, Store, open_store
from trocha.store.access import Access, set_access
from trocha.store.guarded import Guarded

__all__ = ["db_url", "store", "world"]

CHANGED = "Changed behind trocha"


def _uncached(params: dict[str, str]) -> dict[str, str]:
    """The same request in a form web/fast.py passes on to the FastAPI route (which keeps nothing)."""
    return {**params, "border": {"true": "1"}.get(params.get("border", ""), "0")}


def test_an_organisation_is_never_served_another_ones_answer(site: Site) -> None:
    """Whoever asks first, each organisation gets its own view: what the route reads for it right now."""
    differ = 0
    for order in (("a", "b", "c"), ("c", "b", "a"), ("b", "a", "c")):
        for path, params in HOT_READS:
            bodies = {}
            for who in order:
                with site.client(who) as http:
                    kept, fresh = http.get(path, params=params), http.get(path, params=_uncached(params))
                assert kept.status_code == fresh.status_code == 200, kept.text
                assert kept.content == fresh.content, (who, path, params)
                bodies[who] = kept.content
            differ += bodies["a"] != bodies["b"]
    assert differ >= 6  # A's private reports are in many of these answers, so a shared answer would have shown


def _url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def _write_behind_trocha(store: Store) -> None:
    """Change what each hot read shows (titles, incident views, counts) through an engine of its own that is no
    Store's (as a `sqlite3` or `psql` session would): the store generation does not move."""
    engine = sa.create_engine(_url(store))
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE articles SET title = :t"), {"t": CHANGED})
            conn.execute(sa.text("UPDATE incident_views SET list_json = replace(list_json, 'Saravena', :t)"),
                         {"t": CHANGED})
            conn.execute(sa.text("UPDATE event_counts SET n = n + 100"))
    finally:
        engine.dispose()


def _another_process_writes(store: Store) -> None:
    with open_store(_url(store)) as other:
        other.reject(RejectIn(ref="elsewhere", reason="empty", detail="an empty input"))


@pytest.mark.parametrize("path", ["/api/events", "/api/incidents", "/api/aggregates"])
def test_answers_are_kept_until_any_process_writes(world: dict[str, Any], extractor: Extractor, path: str
                                                   ) -> None:
    store: Store = world["g"].store
    secret, token_id = world["g"].issue_token(world["orgs"][0].id, "kept", "viewer")
    with serve(store, web_settings(), extractor) as base, httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {secret}"}) as http:
        first = http.get(path)
        assert first.status_code == 200
        _write_behind_trocha(store)
        changed = http.get(path, params=_uncached({}))
        assert changed.status_code == 200 and changed.content != first.content  # the route reads the change
        assert http.get(path).content == first.content  # the kept answer
        _another_process_writes(store)
        assert http.get(path).content == changed.content  # any commit through a Store, in any process, drops it
        with open_store(_url(store)) as other, other.engine.begin() as conn:
            set_access(conn, world["ids"]["private"], Access(world["orgs"][1].id, "private"))  # A loses it
        after = http.get(path)
        assert after.status_code == 200 and after.content != first.content
        assert after.content == http.get(path, params=_uncached({})).content
        with open_store(_url(store)) as other:
            assert Guarded(other).revoke_token(token_id)
        dead = http.get(path)
        assert dead.status_code == 401 and dead.json()["error"] == "unauthorized"


def test_web_cache_mb_0_keeps_no_answer(world: dict[str, Any], extractor: Extractor) -> None:
    store: Store = world["g"].store
    secret, _ = world["g"].issue_token(world["orgs"][0].id, "fresh", "viewer")
    with serve(store, replace(web_settings(), web_cache_mb=0), extractor) as base, httpx.Client(
            base_url=base, headers={"Authorization": f"Bearer {secret}"}) as http:
        assert CHANGED not in http.get("/api/events").text
        _write_behind_trocha(store)
        assert CHANGED in http.get("/api/events").text


def test_every_worker_drops_its_answers_when_another_process_writes(world: dict[str, Any]) -> None:
    """`serve --workers 2`: each process keeps its own answers; a write elsewhere reaches both at once."""
    store: Store = world["g"].store
    g: Guarded = world["g"]
    secret, token_id = g.issue_token(world["orgs"][0].id, "workers", "viewer")
    proc, base = _start(["--workers", "2", "--db", _url(store)], Path(store.engine.url.database or "unused.db"))
    workers = _workers(proc.pid)
    # Sixteen kept-alive connections: the kernel spreads them over both processes' sockets (all on one: 2**-15).
    clients = [httpx.Client(base_url=base, headers={"Authorization": f"Bearer {secret}"}) for _ in range(16)]
    try:
        before = {c.get("/api/aggregates").content for c in clients}
        assert len(before) == 1 and {c.get("/api/aggregates").content for c in clients} == before
        with store.engine.begin() as conn:
            set_access(conn, world["ids"]["private"], Access(world["orgs"][1].id, "private"))
        after = {c.get("/api/aggregates").content for c in clients}
        assert len(after) == 1 and after != before
        assert g.revoke_token(token_id)
        assert {c.get("/api/aggregates").status_code for c in clients} == {401}
    finally:
        for c in clients:
            c.close()
        proc.terminate()
        try:
            proc.wait(30)
        finally:
            _stop_all(proc, workers)
