"""The dashboard's hot reads (GET /api/events, /api/incidents, /api/aggregates) without FastAPI's per-request work.

Under benchmarks/web.py most of the server's CPU went to the framework around these three endpoints: resolving the
dependencies and parameters, three hops into the thread pool (token check, filter, endpoint) and two pooled
connections with a transaction each. A request that is plainly well-formed — every parameter known, given once and
of the simple form the dashboard sends — is answered here in one transaction with at most one hop into the thread
pool: the token is checked, the rate limit spent and the page read on one connection, with the same functions and
body as the FastAPI route (api.py). Anything else, and any request whose token does not check out or has no
requests left, goes on to the FastAPI route unchanged, which gives its usual answer (401, 429, 400 with its
message...). So this module decides no error, and each request spends exactly one rate-limit request either way.

On SQLite, a read that is about one range of an index (store.analyst.one_range: dates and values only, a page in
date order, counts from event_counts) runs on the event loop itself, a few milliseconds at most; the others, and
every PostgreSQL read, go to the thread pool. Under load the hop cost more than the read: 40 threads passing one
GIL between them (server CPU per request 5.3-7.9 ms through the pool, 3.4-4.5 ms on the loop). Several processes
(`trocha serve --workers N`) then use several cores.

Answers are kept per organisation and parsed query (`Plan.key`) while the store generation read in the request's
transaction stays the same (store/generation.py), up to the `web_cache_mb` setting: a kept answer is what the same
read would give in that transaction, and no other organisation's key can match. The token check and the rate limit
run on every request first, as for a read.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Literal

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from trocha.store.generation import GenerationCache
from trocha.store.guarded import Cursor, Guarded, Reading, Viewer, ViewFilter, one_range
from trocha.web.api import aggregates_body, events_page, incidents_page
from trocha.web.params import FILTER_PARAMS, PAGE_PARAMS, SORTS, decode_cursor, view_filter
from trocha.web.security import ApiError, TokenBucket, presented

EVERY = ("day", "week", "month")
BY = ("type", "sub_event_type", "admin1", "country", "actor")

Answer = Callable[[Reading, Viewer], bytes]


@dataclass(frozen=True, slots=True)
class Plan:
    """A well-formed request: its credentials, how to read its body once they check out, whether that read is
    short enough to run on the event loop (store.analyst.one_range), and what the body depends on besides the
    viewer (the endpoint and its parsed parameters: the answer cache's key with the viewer's organisation)."""

    secret: str
    answer: Answer
    on_loop: bool
    key: Hashable


Answers = GenerationCache[tuple[Hashable, int], bytes]


def answer_cache(megabytes: int) -> Answers:
    """The bodies of hot reads kept per organisation and query while the store generation stays the same."""
    return GenerationCache(megabytes * 1024 * 1024, len)


class FastReads:
    """ASGI middleware in front of the FastAPI app: answers the plainly well-formed hot reads, passes on the rest."""

    def __init__(self, app: ASGIApp, guarded: Guarded, limiter: TokenBucket, max_page: int, answers: Answers
                 ) -> None:
        self.app = app
        self.guarded = guarded
        self.limiter = limiter
        self.max_page = max_page
        self.answers = answers
        # SQLite reads run in this process, so their time is CPU either way; a PostgreSQL read waits on the server,
        # which the thread pool overlaps with other requests and the event loop would not.
        self.loop_reads = guarded.store.backend == "sqlite"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in _PLANNERS:
            plan = _PLANNERS[scope["path"]](Request(scope), self.max_page)
            body = None
            if plan is not None:
                if plan.on_loop and self.loop_reads:
                    body = self._answer(plan)
                else:
                    body = await run_in_threadpool(self._answer, plan)
            if body is not None:
                await send({"type": "http.response.start", "status": 200,
                            "headers": [(b"content-length", str(len(body)).encode("ascii")),
                                        (b"content-type", b"application/json")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    def _answer(self, plan: Plan) -> bytes | None:
        """The body, read in the same transaction as the token check (or kept from an equal request of the same
        organisation at the same store generation); None when the FastAPI route must answer."""
        with self.guarded.reading() as read:
            principal = read.authenticate(plan.secret)
            if principal is None or self.limiter.take(f"token:{principal.token_id}") > 0:
                return None
            # What an organisation may see is all an answer depends on besides the query: never another's key.
            key, at = (plan.key, principal.org_id), read.generation()
            body = self.answers.get(key, at)
            if body is None:
                body = plan.answer(read, Viewer(org_id=principal.org_id))
                self.answers.put(key, at, body)
            return body


def _params(request: Request, allowed: tuple[str, ...]) -> dict[str, str] | None:
    """The query parameters when each is known and given once."""
    items = request.query_params.multi_items()
    params = dict(items)
    if len(params) != len(items) or not params.keys() <= set(allowed):
        return None
    return params


def _flag(value: str | None) -> bool | None:
    """A boolean parameter in the form the dashboard sends (None: another form, which FastAPI reads)."""
    return {None: False, "true": True, "false": False}.get(value)


def _filter(request: Request, p: dict[str, str]) -> ViewFilter | None:
    border, background = _flag(p.get("border")), _flag(p.get("background"))
    if border is None or background is None:
        return None
    try:
        return view_filter(request, p.get("from"), p.get("to"), p.get("country"), p.get("admin1"), p.get("admin2"),
                           p.get("type"), p.get("sub_type"), p.get("actor"), p.get("q"), p.get("bbox"), border,
                           background)
    except ApiError:
        return None


def _secret(request: Request) -> str | None:
    try:
        found = presented(request)
    except ApiError:
        return None
    return found[0] if found else None


def _page(p: dict[str, str], max_page: int) -> tuple[str, int, Cursor | None] | None:
    """Sort, page size and cursor when they are valid."""
    sort, limit = p.get("sort", "date"), p.get("limit", "50")
    if sort not in SORTS or not (limit.isascii() and limit.isdigit() and len(limit) < 7):
        return None
    if not 1 <= int(limit) <= max_page:
        return None
    try:
        return sort, int(limit), decode_cursor(p.get("cursor"), sort)
    except ApiError:
        return None


def _list(kind: Literal["events", "incidents"]) -> Callable[[Request, int], Plan | None]:
    read_page = events_page if kind == "events" else incidents_page

    def plan(request: Request, max_page: int) -> Plan | None:
        p = _params(request, FILTER_PARAMS + PAGE_PARAMS)
        flt = _filter(request, p) if p is not None else None
        page = _page(p, max_page) if p is not None else None
        secret = _secret(request)
        if flt is None or page is None or secret is None:
            return None
        sort, limit, after = page
        return Plan(secret, lambda read, viewer: read_page(read, flt, viewer, sort, limit, after),
                    one_range(flt, sort=sort), (kind, flt, sort, limit, after))

    return plan


def _aggregates(request: Request, _max_page: int) -> Plan | None:
    p = _params(request, (*FILTER_PARAMS, "every", "by"))
    flt = _filter(request, p) if p is not None else None
    secret = _secret(request)
    if p is None or flt is None or secret is None:
        return None
    every, by = p.get("every", "week"), p.get("by", "type")
    if every not in EVERY or by not in BY:
        return None
    return Plan(secret, lambda read, viewer: aggregates_body(read, flt, viewer, every, by), one_range(flt, by=by),
                ("aggregates", flt, every, by))


_PLANNERS: dict[str, Callable[[Request, int], Plan | None]] = {
    "/api/events": _list("events"), "/api/incidents": _list("incidents"), "/api/aggregates": _aggregates}
