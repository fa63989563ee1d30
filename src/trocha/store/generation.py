"""The store generation: a number that every committed transaction of a Store raises, so that a server process can
keep answers (web/cache.py) and token checks (store/guarded.py) for as long as nothing in the store has changed —
including changes made by another process (`trocha serve --workers N`, `trocha ingest`, `trocha token revoke`).

The number lives in the database (table `store_generation`, migration 9), and the engine adds one to it inside each
transaction, just before it commits: a reader that can see a write sees the number it raised, and a write that
rolls back raises nothing. The addition runs on the driver when SQLAlchemy's "commit" event fires (it fires before
the driver's COMMIT), so every write path through `Store.engine` raises it, whichever module wrote. On PostgreSQL
the row is locked only from that UPDATE to the COMMIT right after it: taking it at BEGIN would serialise every
write transaction for its whole length. A write made outside trocha (a `sqlite3` or `psql` session) does not raise
it; such a write is seen by cached answers only after trocha's next write.

Readers must read the number before what they keep under it, in the same transaction: on SQLite the transaction is
one snapshot; on PostgreSQL (READ COMMITTED) a read may see a write committed after the number was read, so it
holds data at least as new as its number says, never older.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy import event

from trocha.store.compiled import fetch_all
from trocha.store.schema import store_generation

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_READ = sa.select(store_generation.c.n).where(store_generation.c.id == 1)
_RAISE = "UPDATE store_generation SET n = n + 1 WHERE id = 1"


def current(conn: sa.Connection) -> int:
    """The generation as this connection's transaction sees it."""
    rows = fetch_all(conn, _READ, {})
    return int(rows[0][0]) if rows else 0


def count_commits(engine: sa.Engine) -> None:
    """Make every commit on `engine` (and its option engines, e.g. Store.reader) raise the generation."""
    if not event.contains(engine, "commit", _raise):
        event.listen(engine, "commit", _raise)


def _raise(conn: sa.Connection) -> None:
    # Every commit, reads included: trocha's reads never commit (they roll back), and one that did would only cost
    # a needless miss, where skipping a write would serve stale answers.
    driver: Any = conn.connection.driver_connection
    driver.execute(_RAISE)


class GenerationCache(Generic[K, V]):
    """Values worked out at one store generation, kept while the store stays at it: seeing a newer generation drops
    them all, and a value of an older one is neither served nor kept. Past `capacity` (the sum of `size` over the
    values) the least recently used go first. Thread-safe (the web app's thread pool shares it with the loop)."""

    def __init__(self, capacity: int, size: Callable[[V], int] = lambda _: 1) -> None:
        self.capacity = capacity
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._generation = -1
        self._used = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K, generation: int) -> V | None:
        """The value kept for `key` at this generation, if any."""
        with self._lock:
            if generation > self._generation:
                self._drop_all(generation)
            value = self._items.get(key) if generation == self._generation else None
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: K, generation: int, value: V) -> None:
        """Keep `value` for `key`, worked out at `generation` (unless the cache has seen a newer one)."""
        size = self._size(value)
        if size > self.capacity:
            return
        with self._lock:
            if generation > self._generation:
                self._drop_all(generation)
            elif generation < self._generation:
                return
            old = self._items.pop(key, None)
            if old is not None:
                self._used -= self._size(old)
            self._items[key] = value
            self._used += size
            while self._used > self.capacity:
                _, dropped = self._items.popitem(last=False)
                self._used -= self._size(dropped)

    def discard(self, key: K) -> None:
        """Forget `key`."""
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._used -= self._size(old)

    def __len__(self) -> int:
        return len(self._items)

    def _drop_all(self, generation: int) -> None:
        self._items.clear()
        self._used = 0
        self._generation = generation
