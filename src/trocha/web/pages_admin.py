"""The administrator's page: create and revoke the organisation's API tokens from the dashboard."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from trocha.store.access import ROLES
from trocha.web.pages import page, signed_in, to_login
from trocha.web.security import ApiError, Caller, csrf_token, guarded, require, same

router = APIRouter(include_in_schema=False)


def _admin(request: Request) -> Caller | None:
    who = signed_in(request)
    if who is not None:
        require("admin", who)
    return who


def _tokens_page(request: Request, who: Caller, secret: str | None = None, error: str | None = None) -> Response:
    tokens = guarded(request).tokens(who.principal.org_id)
    ctx: dict[str, Any] = {"who": who.principal, "tokens": tokens, "roles": ROLES, "secret": secret,
                           "error": error, "csrf": csrf_token(who.secret)}
    return page(request, "tokens.html", ctx, 200 if error is None else 400)


@router.get("/tokens", response_class=HTMLResponse)
def tokens(request: Request) -> Response:
    who = _admin(request)
    return to_login(request) if who is None else _tokens_page(request, who)


@router.post("/tokens", response_class=HTMLResponse)
def create(request: Request, csrf: Annotated[str, Form(max_length=100)],
           name: Annotated[str, Form(min_length=1, max_length=200)],
           role: Annotated[str, Form(max_length=20)] = "viewer",
           days: Annotated[str, Form(max_length=5)] = "") -> Response:
    who = _admin(request)
    if who is None:
        return to_login(request)
    if not same(csrf, csrf_token(who.secret)):
        raise ApiError(403, "csrf", "the form expired; load it again")
    if role not in ROLES or "\x00" in name or (days and not (days.isdigit() and 1 <= int(days) <= 3650)):
        return _tokens_page(request, who, error="role must be viewer, analyst or admin; days 1-3650")
    secret, _ = guarded(request).issue_token(who.principal.org_id, name.strip(), role, int(days) if days else None)
    return _tokens_page(request, who, secret=secret)


@router.post("/tokens/{token_id}/revoke")
def revoke(request: Request, token_id: Annotated[int, PathParam(ge=1, le=2_147_483_647)],
           csrf: Annotated[str, Form(max_length=100)]) -> Response:
    who = _admin(request)
    if who is None:
        return to_login(request)
    if not same(csrf, csrf_token(who.secret)):
        raise ApiError(403, "csrf", "the form expired; load it again")
    guarded(request).revoke_token(token_id, who.principal.org_id)  # another organisation's id changes nothing
    return RedirectResponse("/tokens", status_code=303)
