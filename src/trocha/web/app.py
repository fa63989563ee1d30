"""The ASGI app: create_app(store, settings) wires the API, the dashboard, limits and JSON errors."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trocha import __version__
from trocha.api import Extractor
from trocha.config import Settings
from trocha.store import Store
from trocha.store.guarded import Guarded
from trocha.web import api, api_io, pages, pages_admin
from trocha.web.fast import FastReads, answer_cache
from trocha.web.reports import Submitter
from trocha.web.security import ApiError, TokenBucket

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


def _json_error(status: int, code: str, detail: Any, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status, headers=headers)


class BodyLimit:
    """413 for a body larger than the limit (declared or streamed), 415 for an API write that is not JSON."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await _json_error(413, "too_large", f"the body is larger than {self.limit} bytes")(scope, receive, send)
            return
        query = scope.get("query_string", b"").lower()
        if b"%00" in query or b"\x00" in query:
            await _json_error(400, "bad_request", "query parameters must not contain NUL characters")(
                scope, receive, send)
            return
        has_body = declared not in ("", "0") or "transfer-encoding" in headers
        if (has_body and scope["path"].startswith("/api/")
                and headers.get("content-type", "").split(";")[0].strip().lower() != "application/json"):
            await _json_error(415, "unsupported_media_type", "send the body as application/json")(
                scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _json_error(413, "too_large", f"the body is larger than {self.limit} bytes")(scope, receive, send)


class _TooLarge(Exception):
    """A streamed body passed the limit."""


def create_app(store: Store, config: Settings, extractor: Extractor | None = None) -> FastAPI:
    """The web app over one store (the caller owns the store and closes it)."""
    app = FastAPI(title="trocha", version=__version__, openapi_url="/openapi.json", docs_url="/docs",
                  redoc_url=None, description="Coded security events and incidents, with evidence and access control.")
    guarded = Guarded(store)
    app.state.config = config
    app.state.guarded = guarded
    app.state.limiter = TokenBucket(config.web_rate_per_minute, config.web_rate_burst)
    app.state.submitter = Submitter(store, guarded, config, extractor)

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _json_error(exc.status_code, exc.code, exc.detail, dict(exc.headers) if exc.headers else None)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, f"http_{exc.status_code}")
        headers = getattr(exc, "headers", None)
        return _json_error(exc.status_code, code, exc.detail, dict(headers) if headers else None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": str(e.get("msg", ""))}
                    for e in exc.errors()]
        return _json_error(400, "bad_request", problems)

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return _json_error(500, "internal", "internal error")

    app.include_router(api.router)
    app.include_router(api_io.router)
    app.include_router(pages.router)
    app.include_router(pages_admin.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.answers = answer_cache(config.web_cache_mb)
    app.add_middleware(FastReads, guarded=guarded, limiter=app.state.limiter, max_page=config.web_max_page,
                       answers=app.state.answers)
    app.add_middleware(BodyLimit, limit=config.web_max_body_bytes)  # outside FastReads: it checks every request
    return app
