"""The store generation rises with every committed write, in any process, and never with a read or a rollback; token
checks are kept only while it stays the same (store/generation.py, store/guarded.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from tests.store.test_views import world
from trocha.store import RejectIn, Store, open_store
from trocha.store import access as acl
from trocha.store.generation import GenerationCache, current
from trocha.store.guarded import Guarded, ViewFilter

__all__ = ["world"]


def _generation(store: Store) -> int:
    with store.reader.connect() as conn:
        return current(conn)


def _url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def test_every_commit_raises_it_and_reads_and_rollbacks_do_not(world: dict[str, Any]) -> None:
    g: Guarded = world["g"]
    store = g.store
    start = _generation(store)
    assert start > 0  # the world's articles, accesses and merge were written
    g.listed_events(ViewFilter(), world["a"])
    g.aggregate(ViewFilter(), world["b"], "week", "type")
    assert g.authenticate("trk_not_a_token") is None
    store.counts()
    assert _generation(store) == start
    with pytest.raises(RuntimeError), store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE articles SET title = 'lost'"))
        raise RuntimeError("rolled back")
    assert _generation(store) == start
    _, token_id = g.issue_token(world["orgs"][1].id, "t", "viewer")
    assert _generation(store) == start + 1
    assert g.revoke_token(token_id)
    assert _generation(store) == start + 2


def test_a_write_of_another_process_is_seen(world: dict[str, Any]) -> None:
    """Another Store on the same database (its own engine and pool, as another server process or `trocha ingest`
    has) raises the generation this one reads."""
    store: Store = world["g"].store
    start = _generation(store)
    with open_store(_url(store)) as other:
        other.reject(RejectIn(ref="x", reason="empty", detail="an empty input"))
    assert _generation(store) == start + 1


def test_token_checks_are_kept_until_the_store_changes(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
    g: Guarded = world["g"]
    secret, token_id = g.issue_token(world["orgs"][1].id, "kept", "viewer")
    checked: list[str] = []
    real = acl.authenticate_hash

    def counted(conn: sa.Connection, digest: str) -> acl.Principal | None:
        checked.append(digest)
        return real(conn, digest)

    monkeypatch.setattr(acl, "authenticate_hash", counted)
    first = g.authenticate(secret)
    assert first is not None and first.token_id == token_id
    assert g.authenticate(secret) == first and len(checked) == 1  # kept: no second look at the table
    # Revoked by another process: the very next check reads the table again and fails.
    with open_store(_url(g.store)) as other:
        assert Guarded(other).revoke_token(token_id)
    assert g.authenticate(secret) is None and len(checked) == 2
    assert g.authenticate(secret) is None


def test_a_kept_token_check_still_expires(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    g: Guarded = world["g"]
    secret, _ = g.issue_token(world["orgs"][1].id, "short", "viewer", days=1)
    assert g.authenticate(secret) is not None
    later = datetime.now() + timedelta(days=2)
    monkeypatch.setattr(acl, "now", lambda: later)
    assert g.authenticate(secret) is None


def test_generation_cache_keeps_one_generation_within_its_capacity() -> None:
    cache: GenerationCache[str, bytes] = GenerationCache(10, len)
    cache.put("a", 1, b"aaaa")
    cache.put("b", 1, b"bbbb")
    assert cache.get("a", 1) == b"aaaa" and cache.get("b", 1) == b"bbbb"
    cache.put("c", 1, b"cccc")  # over 10 bytes: the least recently used ("a") goes
    assert cache.get("a", 1) is None and cache.get("b", 1) == b"bbbb" and cache.get("c", 1) == b"cccc"
    cache.put("big", 1, b"x" * 11)  # larger than the whole cache: not kept, nothing dropped for it
    assert cache.get("big", 1) is None and len(cache) == 2
    assert cache.get("b", 2) is None and len(cache) == 0  # a newer generation drops everything
    cache.put("old", 1, b"o")  # worked out at an older generation: not kept
    assert cache.get("old", 1) is None and cache.get("old", 2) is None
    cache.put("new", 2, b"n")
    assert cache.get("new", 1) is None and cache.get("new", 2) == b"n"  # an older reader is not served it
    assert (cache.hits, cache.misses) == (5, 6)
