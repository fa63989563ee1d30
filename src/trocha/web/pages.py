"""The dashboard's server-rendered pages: sign-in, map/timeline/table, incident with evidence, report form."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from trocha.store.guarded import ViewFilter
from trocha.web.api_io import ReportIn, submit_report
from trocha.web.evidence import highlight
from trocha.web.i18n import LANG_COOKIE, LANGS, language, words
from trocha.web.params import FILTER_PARAMS, decode_cursor, encode_cursor, view_filter
from trocha.web.security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    ApiError,
    Caller,
    client_key,
    csrf_token,
    guarded,
    identify,
    rate,
    same,
)
from trocha.web.views import incident_view, incidents_page

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    lang = language(request)
    base = {"t": words(lang), "lang": lang, "langs": LANGS, "path": request.url.path,
            "query": {k: v for k, v in request.query_params.items() if k != "lang"}}
    res = templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
    res.headers["Content-Security-Policy"] = CSP
    res.headers["X-Content-Type-Options"] = "nosniff"
    res.headers["Referrer-Policy"] = "same-origin"
    if request.query_params.get("lang") in LANGS:
        res.set_cookie(LANG_COOKIE, language(request), max_age=31_536_000, samesite="lax")
    return res


def signed_in(request: Request) -> Caller | None:
    try:
        who = identify(request)
    except ApiError:
        return None
    if who is not None:
        rate(request, f"token:{who.principal.token_id}")
    return who


def to_login(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?{urlencode({'next': request.url.path})}", status_code=303)


@router.get("/login")
def login_form(request: Request, error: bool = False) -> Response:
    token = secrets.token_urlsafe(24)
    res = page(request, "login.html", {"csrf": token, "error": error,
                                        "next": request.query_params.get("next", "/")})
    res.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict")
    return res


@router.post("/login")
def login(request: Request, username: str = Form(max_length=200), password: str = Form(max_length=500),
          csrf: str = Form(max_length=100), next: str = Form("/", max_length=500)) -> Response:
    rate(request, client_key(request))
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not same(cookie, csrf):
        raise ApiError(403, "csrf", "the sign-in form expired; load it again")
    if "\x00" in username + password + next:
        return RedirectResponse("/login?error=1", status_code=303)
    config = request.app.state.config
    found = guarded(request).sign_in(username, password, config.web_session_hours)
    if found is None:
        return RedirectResponse("/login?error=1", status_code=303)
    secret, _ = found
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    res = RedirectResponse(target, status_code=303)
    res.set_cookie(SESSION_COOKIE, secret, max_age=config.web_session_hours * 3600, httponly=True, samesite="lax",
                   secure=bool(config.web_secure_cookies))
    res.delete_cookie(LOGIN_CSRF_COOKIE)
    return res


@router.post("/logout")
def logout(request: Request, csrf: str = Form(max_length=100)) -> Response:
    who = signed_in(request)
    if who is not None and who.by_cookie and same(csrf, csrf_token(who.secret)):
        guarded(request).revoke_secret(who.secret)
    res = RedirectResponse("/login", status_code=303)
    res.delete_cookie(SESSION_COOKIE)
    return res


def _filter_of(request: Request) -> ViewFilter:
    q = request.query_params
    return view_filter(request, q.get("from"), q.get("to"), q.get("country"), q.get("admin1"), q.get("admin2"),
                       q.get("type"), q.get("sub_type"), q.get("actor"), q.get("q"), q.get("bbox"),
                       q.get("border") in ("1", "true", "on"), False)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    who = signed_in(request)
    if who is None:
        return to_login(request)
    try:
        flt = _filter_of(request)
        after = decode_cursor(request.query_params.get("cursor"), "-date")
    except ApiError as exc:
        return page(request, "dashboard.html", {"who": who.principal, "error": exc.detail, "rows": [],
                                                 "filters": {}, "config": request.app.state.config}, 400)
    rows, nxt = incidents_page(guarded(request), flt, who.viewer, "-date", 100, after)
    filters = {k: v for k, v in request.query_params.items() if k in FILTER_PARAMS and v}
    api_query = urlencode(filters)
    next_query = urlencode({**filters, "cursor": encode_cursor(nxt, "-date")}) if nxt else None
    return page(request, "dashboard.html", {
        "who": who.principal, "rows": rows, "filters": filters, "api_query": api_query, "next_query": next_query,
        "config": request.app.state.config, "csrf": csrf_token(who.secret), "error": None})


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: Annotated[int, PathParam(ge=1, le=2_147_483_647)]) -> Response:
    who = signed_in(request)
    if who is None:
        return to_login(request)
    store = guarded(request)
    found = incident_view(store, incident_id, who.viewer)
    if found is None:
        return page(request, "notfound.html", {"who": who.principal, "csrf": csrf_token(who.secret)}, 404)
    view, members = found
    articles = []
    for art_id in sorted({m.article_id for m in members}):
        art = store.article(art_id, who.viewer)
        if art is None:
            continue
        spans = []
        for m in members:
            detail = store.event(m.id, who.viewer) if m.article_id == art_id else None
            spans += detail[1] if detail else []
        articles.append({"article": art, "html": highlight(art.text, spans),
                         "events": [m for m in members if m.article_id == art_id]})
    return page(request, "incident.html", {"who": who.principal, "inc": view, "summary": view.row.summary,
                                            "articles": articles, "csrf": csrf_token(who.secret)})


@router.get("/reports/new", response_class=HTMLResponse)
def report_form(request: Request) -> Response:
    who = signed_in(request)
    if who is None:
        return to_login(request)
    partners = [o.name for o in guarded(request).orgs() if o.id != who.principal.org_id]
    return page(request, "submit.html", {"who": who.principal, "partners": partners, "result": None,
                                          "error": None, "csrf": csrf_token(who.secret), "form": {}})


@router.post("/reports/new", response_class=HTMLResponse)
async def report_submit(request: Request) -> Response:
    who = signed_in(request)
    if who is None:
        return to_login(request)
    form = await request.form()
    partners = [o.name for o in guarded(request).orgs() if o.id != who.principal.org_id]
    ctx: dict[str, Any] = {"who": who.principal, "partners": partners, "result": None, "error": None,
                           "csrf": csrf_token(who.secret), "form": {k: str(v) for k, v in form.items()}}
    if not same(str(form.get("csrf", "")), csrf_token(who.secret)):
        raise ApiError(403, "csrf", "the form expired; load it again")
    fields: dict[str, Any] = {k: str(form.get(k) or "").strip() or None for k in ("text", "url", "title", "lang",
                                                                               "published")}
    fields["visibility"] = str(form.get("visibility") or "private")
    fields["share_with"] = [str(v) for v in form.getlist("share_with")]
    try:
        body = ReportIn(**fields)
        ctx["result"] = submit_report(request, who, body)
    except ValidationError as exc:
        ctx["error"] = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    except ApiError as exc:
        ctx["error"] = str(exc.detail)
    return page(request, "submit.html", ctx, 200 if ctx["error"] is None else 400)
