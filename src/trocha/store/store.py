"""The Store object: the one door to the database that ingest, merging, export, CLI and web go through."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sqlalchemy as sa

from trocha.config import Settings, settings
from trocha.model import Event
from trocha.store import access as acl
from trocha.store import articles as art
from trocha.store import generation, queries, views
from trocha.store import incidents as inc
from trocha.store.engine import StoreError, create_engine, database_url
from trocha.store.migrations import migrate
from trocha.store.records import (
    Added,
    ArticleHit,
    ArticleIn,
    Counts,
    EventFilter,
    EventRow,
    IncidentIn,
    IncidentRow,
    NearDup,
    Pin,
    RejectIn,
    RejectRow,
    Stats,
)


class Store:
    """A migrated database; every method runs its own transaction, so each write is all-or-nothing."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        # Reads go through `reader`: on SQLite its transactions start deferred, so a long read (an export) never
        # holds the write lock that ingest needs; writes use `engine.begin()` (BEGIN IMMEDIATE).
        self.reader = engine.execution_options(trocha_read=True)
        # Each commit raises the store generation, which the web app's caches check (store/generation.py).
        generation.count_commits(engine)

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- articles -------------------------------------------------------------------------------------------

    def find_article(self, url: str | None, content_fp: str) -> int | None:
        """The stored article with this canonical URL or content fingerprint (so it need not be coded again)."""
        with self.reader.connect() as conn:
            return art.find_article(conn, url, content_fp)

    def near_dup_candidates(self, bands: tuple[int, int, int, int]) -> list[tuple[int, int, str]]:
        """Stored articles that share an LSH band with these: (id, original's id, text); the caller compares texts."""
        with self.reader.connect() as conn:
            return art.near_dup_candidates(conn, bands)

    def add_article(self, article: ArticleIn, coded: Sequence[Event], near: NearDup | None = None,
                    access: acl.Access | None = None) -> Added:
        """Store an article with its events (and its visibility, when not public) atomically; an article already
        there adds nothing."""
        try:
            with self.engine.begin() as conn:
                found = art.find_article(conn, article.url, article.content_fp)
                if found is not None:
                    return Added(found, "duplicate")
                added = art.insert_article(conn, article, coded, near)
                views.add_counts(conn, [added.article_id])
                if access is not None:
                    acl.set_access(conn, added.article_id, access)
                return added
        except sa.exc.IntegrityError:
            # Another process stored the same article between our check and our insert.
            with self.reader.connect() as conn:
                found = art.find_article(conn, article.url, article.content_fp)
            if found is None:
                raise
            return Added(found, "duplicate")

    def reject(self, rej: RejectIn) -> None:
        """Keep a rejected input with its reason (once per input and reason)."""
        with self.engine.begin() as conn:
            art.record_reject(conn, rej)

    # --- incidents ------------------------------------------------------------------------------------------

    def replace_incidents(self, plans: Sequence[IncidentIn]) -> None:
        """Replace the automatic incidents by a new merge result, in one transaction."""
        with self.engine.begin() as conn:
            inc.replace_incidents(conn, plans)

    def audiences(self) -> dict[int, frozenset[int]]:
        """Every article that is not public -> the organisations that may read it (for the merge's views)."""
        with self.reader.connect() as conn:
            return views.audiences(conn)

    def pins(self) -> list[Pin]:
        """The analysts' decisions that the merge must respect."""
        with self.reader.connect() as conn:
            return inc.list_pins(conn)

    def pin(self, pin: Pin) -> None:
        """Record an analyst's decision (move an event to an incident, or split it off under a new key)."""
        with self.engine.begin() as conn:
            inc.pin_event(conn, pin)

    # --- reads ----------------------------------------------------------------------------------------------

    def events(self, flt: EventFilter | None = None) -> Iterator[EventRow]:
        """Stored events matching the filter, in id order, streamed in batches."""
        with self.reader.connect() as conn:
            yield from queries.iter_events(conn, flt or EventFilter())

    def incidents(self, flt: EventFilter | None = None) -> list[IncidentRow]:
        """Stored incidents matching the filter."""
        with self.reader.connect() as conn:
            return list(queries.iter_incidents(conn, flt or EventFilter()))

    def counts(self) -> Counts:
        """How much the store holds."""
        with self.reader.connect() as conn:
            return queries.counts(conn)

    def stats(self, flt: EventFilter | None = None) -> Stats:
        """Event counts by week, type and admin1."""
        with self.reader.connect() as conn:
            return queries.stats(conn, flt or EventFilter())

    def rejected(self, limit: int | None = None, reason: str | None = None) -> list[RejectRow]:
        """Kept rejected inputs, most recent first."""
        with self.reader.connect() as conn:
            return queries.list_rejected(conn, limit, reason)

    def search(self, text: str, limit: int = 50) -> list[ArticleHit]:
        """Articles holding every word of `text`."""
        with self.reader.connect() as conn:
            return queries.search(conn, text, limit)


def open_store(url: str | None = None, config: Settings | None = None) -> Store:
    """Open (and create or upgrade) the store at `url`, else the configured database."""
    target = database_url(config or settings(), url)
    engine = create_engine(target)
    try:
        migrate(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the database {engine.url.render_as_string(hide_password=True)}: "
                         f"{str(exc.orig).strip().splitlines()[0] if exc.orig else exc}") from exc
    return Store(engine)
