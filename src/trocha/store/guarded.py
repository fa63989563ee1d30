"""The store as the web app and the access commands use it: every read takes a Viewer, each call one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import sqlalchemy as sa

from trocha.store import access as acl
from trocha.store import analyst, generation
from trocha.store import analyst_incidents as seen
from trocha.store.access import Access, Org, Principal, TokenRow, Viewer
from trocha.store.analyst import ArticleView, Cursor, ListedEvent, Span, ViewFilter, one_range
from trocha.store.generation import GenerationCache
from trocha.store.records import EventRow, IncidentRow
from trocha.store.store import Store

__all__ = ["Access", "ArticleView", "Cursor", "Guarded", "ListedEvent", "Org", "Principal", "Reading", "Span",
           "TokenRow", "ViewFilter", "Viewer", "one_range"]


# Token checks kept per server process (Guarded): more live tokens and sessions than this at once only costs misses.
TOKENS_KEPT = 10_000


class Reading:
    """Reads in one transaction on one connection (Guarded.reading): a request that checks its token and then reads
    takes one pooled connection and runs one BEGIN and one ROLLBACK instead of two of each."""

    def __init__(self, conn: sa.Connection, tokens: GenerationCache[str, Principal]) -> None:
        self._conn = conn
        self._tokens = tokens
        self._generation: int | None = None

    def generation(self) -> int:
        """The store generation this transaction reads at (store/generation.py), read once, before anything kept
        under it."""
        if self._generation is None:
            self._generation = generation.current(self._conn)
        return self._generation

    def authenticate(self, secret: str) -> Principal | None:
        """Who a live token or session secret stands for. A check is kept while the store generation stays the same
        (revoking a token, or any other write, raises it, so the next request checks the table again); expiry is
        checked on every request."""
        at = self.generation()
        digest = acl.token_hash(secret)
        found = self._tokens.get(digest, at)
        if found is None:
            found = acl.authenticate_hash(self._conn, digest)
            if found is not None:
                self._tokens.put(digest, at, found)
        elif not found.live():
            self._tokens.discard(digest)
            return None
        return found

    def listed_events(self, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None
                      ) -> tuple[list[ListedEvent], Cursor | None]:
        """A page of visible events with their objects as stored JSON text, and the next page's cursor."""
        return analyst.page_listed(self._conn, flt, viewer, sort, limit, after)

    def listed_incidents(self, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None
                         ) -> tuple[list[str], Cursor | None]:
        """A page of incidents as the viewer sees them, each as the compact JSON the API lists, and the next
        page's cursor."""
        return seen.page_listed(self._conn, flt, viewer, sort, limit, after)

    def aggregate(self, flt: ViewFilter, viewer: Viewer, every: str, by: str) -> list[tuple[str, str, int]]:
        """Counts of visible events per period and key."""
        return analyst.aggregate(self._conn, flt, viewer, every, by)


class Guarded:
    """Viewer-scoped reads and access control over one Store (the web app never sees a connection)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._tokens: GenerationCache[str, Principal] = GenerationCache(TOKENS_KEPT)

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        """Several reads in one transaction (through Store.reader: on SQLite it never takes the write lock)."""
        with self.store.reader.connect() as conn:
            yield Reading(conn, self._tokens)

    # --- organisations, users, tokens ----------------------------------------------------------------------------

    def create_org(self, name: str) -> Org:
        """A new organisation."""
        with self.store.engine.begin() as conn:
            return acl.create_org(conn, name)

    def find_org(self, name: str) -> Org | None:
        """The organisation with this name."""
        with self.store.reader.connect() as conn:
            return acl.find_org(conn, name)

    def orgs(self) -> list[Org]:
        """Every organisation."""
        with self.store.reader.connect() as conn:
            return acl.list_orgs(conn)

    def add_user(self, org_id: int, username: str, password: str, role: str) -> int:
        """A new user with a hashed password."""
        with self.store.engine.begin() as conn:
            return acl.add_user(conn, org_id, username, password, role)

    def sign_in(self, username: str, password: str, hours: int) -> tuple[str, Principal] | None:
        """A session secret for a matching user and password."""
        with self.store.engine.begin() as conn:
            return acl.sign_in(conn, username, password, hours)

    def issue_token(self, org_id: int, name: str, role: str, days: int | None = None) -> tuple[str, int]:
        """A new API token: (secret shown once, id)."""
        with self.store.engine.begin() as conn:
            return acl.issue_token(conn, org_id, name, role, ttl=timedelta(days=days) if days else None)

    def authenticate(self, secret: str) -> Principal | None:
        """Who a live token or session secret stands for."""
        with self.reading() as r:
            return r.authenticate(secret)

    def revoke_token(self, token_id: int, org_id: int | None = None) -> bool:
        """Revoke a token (of `org_id` only, when given)."""
        with self.store.engine.begin() as conn:
            return acl.revoke_token(conn, token_id, org_id)

    def revoke_secret(self, secret: str) -> None:
        """End the session or token with this secret (sign-out)."""
        with self.store.engine.begin() as conn:
            found = acl.authenticate(conn, secret)
            if found is not None:
                acl.revoke_token(conn, found.token_id)

    def tokens(self, org_id: int | None = None) -> list[TokenRow]:
        """API tokens, newest first."""
        with self.store.reader.connect() as conn:
            return acl.list_tokens(conn, org_id)

    def visible_article_ids(self, ids: list[int], viewer: Viewer) -> set[int]:
        """Which of these articles the viewer may read."""
        with self.store.reader.connect() as conn:
            return acl.visible_ids(conn, ids, viewer)

    # --- viewer-scoped reads (through Store.reader: on SQLite a read never takes the write lock) ---------------------

    def events(self, flt: ViewFilter, viewer: Viewer, sort: str = "date", limit: int = 50,
               after: Cursor | None = None) -> tuple[list[EventRow], Cursor | None]:
        """A page of visible events and the next page's cursor."""
        with self.store.reader.connect() as conn:
            return analyst.page_events(conn, flt, viewer, sort, limit, after)

    def listed_events(self, flt: ViewFilter, viewer: Viewer, sort: str = "date", limit: int = 50,
                      after: Cursor | None = None) -> tuple[list[ListedEvent], Cursor | None]:
        """A page of visible events with their objects as stored JSON text, and the next page's cursor."""
        with self.reading() as r:
            return r.listed_events(flt, viewer, sort, limit, after)

    def all_events(self, flt: ViewFilter, viewer: Viewer, cap: int) -> list[EventRow]:
        """Up to `cap` visible events in date order (exports)."""
        rows, _ = self.events(flt, viewer, "date", cap, None)
        return rows

    def event(self, event_id: int, viewer: Viewer) -> tuple[EventRow, list[Span]] | None:
        """One visible event with its evidence spans."""
        with self.store.reader.connect() as conn:
            return analyst.get_event(conn, event_id, viewer)

    def article_events(self, article_id: int, viewer: Viewer) -> list[EventRow]:
        """The events of one visible article."""
        with self.store.reader.connect() as conn:
            return analyst.article_events(conn, article_id, viewer)

    def article(self, article_id: int, viewer: Viewer) -> ArticleView | None:
        """One visible article."""
        with self.store.reader.connect() as conn:
            return analyst.get_article(conn, article_id, viewer)

    def incidents(self, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None,
                  summary: bool = False
                  ) -> tuple[list[tuple[IncidentRow, float | None, float | None, bool]], Cursor | None]:
        """A page of incidents as the viewer sees them: (row, lat, lon, seen whole) and the next page's cursor."""
        with self.store.reader.connect() as conn:
            return seen.page_incidents(conn, flt, viewer, sort, limit, after, summary)

    def listed_incidents(self, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None
                         ) -> tuple[list[str], Cursor | None]:
        """A page of incidents as the viewer sees them, each as the compact JSON the API lists, and the next
        page's cursor."""
        with self.reading() as r:
            return r.listed_incidents(flt, viewer, sort, limit, after)

    def visible_members(self, ids: list[int], viewer: Viewer) -> dict[int, list[EventRow]]:
        """The member events of these incidents that the viewer may read."""
        with self.store.reader.connect() as conn:
            return seen.visible_members(conn, ids, viewer)

    def incident(self, incident_id: int, viewer: Viewer) -> tuple[IncidentRow, float | None, float | None, bool] | None:
        """A stored incident the viewer has a view of, and whether that view is whole."""
        with self.store.reader.connect() as conn:
            return seen.get_incident(conn, incident_id, viewer)

    def incident_members(self, incident_id: int, viewer: Viewer) -> list[EventRow]:
        """The visible member events of an incident."""
        return self.visible_members([incident_id], viewer).get(incident_id, [])

    def aggregate(self, flt: ViewFilter, viewer: Viewer, every: str, by: str) -> list[tuple[str, str, int]]:
        """Counts of visible events per period and key."""
        with self.reading() as r:
            return r.aggregate(flt, viewer, every, by)

    def cooperation(self, flt: ViewFilter, viewer: Viewer, every: str
                    ) -> list[tuple[str, str, str, int, float | None]]:
        """The cooperation index over visible events."""
        with self.store.reader.connect() as conn:
            return analyst.cooperation(conn, flt, viewer, every)

    def search(self, text: str, viewer: Viewer, limit: int) -> list[tuple[int, str | None, str | None, date | None]]:
        """Visible articles holding every word."""
        with self.store.reader.connect() as conn:
            return analyst.search_articles(conn, text, viewer, limit)
