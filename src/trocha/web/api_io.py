"""The API's writes and files: submit a report, export a filtered view, manage the organisation's tokens."""

from __future__ import annotations

import io
import os
import tempfile
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from trocha.errors import Rejected
from trocha.export import (
    from_event,
    from_incident,
    write_acled_csv,
    write_gdelt_tsv,
    write_geojson,
    write_parquet,
    write_plover_jsonl,
)
from trocha.export.rows import ExportRow
from trocha.store.guarded import ViewFilter
from trocha.web.params import FILTER_PARAMS, check_known, view_filter
from trocha.web.reports import Submitter, read_url, text_doc
from trocha.web.security import ApiError, Caller, caller, guarded, require
from trocha.web.views import incidents_page

router = APIRouter(prefix="/api")
RowId = Annotated[int, Path(ge=1, le=2_147_483_647, description="a row id")]
Who = Annotated[Caller, Depends(caller)]
Filter = Annotated[ViewFilter, Depends(view_filter)]

MEDIA = {"acled-csv": ("text/csv", "csv"), "plover-jsonl": ("application/x-ndjson", "jsonl"),
         "gdelt-tsv": ("text/tab-separated-values", "tsv"), "geojson": ("application/geo+json", "geojson"),
         "parquet": ("application/vnd.apache.parquet", "parquet")}


def _no_nul(value: object) -> object:
    """Refuse NUL characters: no database text can hold them, and no real report has them."""
    items = value if isinstance(value, list) else [value]
    if any(isinstance(v, str) and "\x00" in v for v in items):
        raise ValueError("must not contain NUL characters")
    return value


class ReportIn(BaseModel):
    """A report to code: its text, or the URL of a page to fetch; who may read it."""

    model_config = ConfigDict(extra="forbid")
    _clean = field_validator("*")(_no_nul)
    text: str | None = Field(None, description="the report's text (or give url)")
    url: str | None = Field(None, max_length=2000, description="a page to fetch and read (or give text)")
    title: str | None = Field(None, max_length=500)
    lang: Literal["en", "es"] | None = Field(None, description="detected when omitted")
    published: date | None = Field(None, description="publication date, YYYY-MM-DD (relative dates hang on it)")
    visibility: Literal["public", "private", "shared"] = "private"
    share_with: list[str] = Field(default_factory=list, max_length=50,
                                  description="names of partner organisations (visibility 'shared')")


class TokenIn(BaseModel):
    """A new API token of the caller's organisation."""

    model_config = ConfigDict(extra="forbid")
    _clean = field_validator("*")(_no_nul)
    name: str = Field(min_length=1, max_length=200)
    role: Literal["viewer", "analyst", "admin"] = "viewer"
    days: int | None = Field(None, ge=1, le=3650, description="lifetime; none means until revoked")


def submit_report(request: Request, who: Caller, body: ReportIn) -> dict[str, Any]:
    """Shared by the API and the dashboard form: check, read, code, store."""
    require("analyst", who)
    store = guarded(request)
    if (body.text is None) == (body.url is None):
        raise ApiError(400, "bad_report", "give exactly one of text or url")
    partners: list[int] = []
    if body.visibility == "shared":
        known = {o.name: o.id for o in store.orgs()}
        unknown = [n for n in body.share_with if n not in known]
        if unknown or not body.share_with:
            raise ApiError(400, "bad_share", "visibility 'shared' needs share_with naming existing organisations"
                           + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
        partners = [known[n] for n in body.share_with]
    elif body.share_with:
        raise ApiError(400, "bad_share", "share_with is only for visibility 'shared'")
    config = request.app.state.config
    try:
        if body.url is not None:
            doc = read_url(body.url, config, body.lang)
            if body.published or body.title:
                doc = type(doc)(ref=doc.ref, ext_id=doc.ext_id, text=doc.text, url=doc.url,
                                title=body.title or doc.title, published=body.published or doc.published,
                                lang=doc.lang, source=doc.source)
        else:
            doc = text_doc(body.text or "", body.title, body.lang, body.published, who.principal.org)
        if len(doc.text) > config.max_chars:
            raise Rejected("too_large", f"the report is longer than {config.max_chars} characters")
        submitter: Submitter = request.app.state.submitter
        done = submitter.submit(doc, who.principal, body.visibility, tuple(partners))
    except Rejected as rej:
        raise ApiError(422, rej.reason, rej.detail) from None
    return {"outcome": done.outcome, "article_id": done.article_id, "visibility": body.visibility,
            "events": done.events}


@router.post("/reports", status_code=201, summary="Submit a report (text or URL) and get its coded events back")
def post_report(request: Request, who: Who, body: ReportIn) -> dict[str, Any]:
    check_known(request, ())
    return submit_report(request, who, body)


def export_rows(request: Request, who: Caller, flt: ViewFilter, level: str) -> list[ExportRow]:
    """The rows of a filtered view the caller may see, capped by web_export_max_rows."""
    cap = int(request.app.state.config.web_export_max_rows)
    store = guarded(request)
    if level == "event":
        return [from_event(r) for r in store.all_events(flt, who.viewer, cap)]
    page, _ = incidents_page(store, flt, who.viewer, "date", cap, None, summary=True)
    return [from_incident(v.row) for v in page]


def render(rows: list[ExportRow], fmt: str) -> bytes:
    """One export file's bytes."""
    if fmt == "parquet":
        fd, path = tempfile.mkstemp(suffix=".parquet")
        os.close(fd)
        try:
            write_parquet(rows, path)
            with open(path, "rb") as fh:
                return fh.read()
        finally:
            os.unlink(path)
    out = io.StringIO()
    if fmt == "acled-csv":
        write_acled_csv(rows, out)
    elif fmt == "plover-jsonl":
        write_plover_jsonl(rows, out)
    elif fmt == "gdelt-tsv":
        write_gdelt_tsv(rows, out)
    else:
        write_geojson(rows, out)
    return out.getvalue().encode("utf-8")


@router.get("/export", summary="The filtered view as a file (ACLED CSV, PLOVER JSONL, GDELT TSV, GeoJSON, Parquet)",
            response_class=Response)
def export(request: Request, who: Who, flt: Filter,
           format: Annotated[Literal["acled-csv", "plover-jsonl", "gdelt-tsv", "geojson", "parquet"],
                             Query(description="file format")] = "acled-csv",
           level: Annotated[Literal["incident", "event"], Query(description="one row per incident or per event")]
           = "incident") -> Response:
    check_known(request, (*FILTER_PARAMS, "format", "level"))
    media, ext = MEDIA[format]
    try:
        body = render(export_rows(request, who, flt, level), format)
    except Exception as exc:  # pyarrow missing, for instance: the format cannot be written here
        raise ApiError(400, "export_unavailable", f"cannot write {format} here: {type(exc).__name__}") from None
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="trocha-{level}s.{ext}"'})


@router.get("/tokens", summary="API tokens of the caller's organisation (admin)")
def list_tokens(request: Request, who: Who) -> dict[str, Any]:
    check_known(request, ())
    require("admin", who)
    return {"tokens": [{"id": t.id, "name": t.name, "role": t.role, "created_at": t.created_at.isoformat(),
                        "expires_at": t.expires_at.isoformat() if t.expires_at else None,
                        "revoked": t.revoked_at is not None} for t in guarded(request).tokens(who.principal.org_id)]}


@router.post("/tokens", status_code=201, summary="Create an API token of the caller's organisation (admin)")
def create_token(request: Request, who: Who, body: TokenIn) -> dict[str, Any]:
    check_known(request, ())
    require("admin", who)
    secret, token_id = guarded(request).issue_token(who.principal.org_id, body.name, body.role, body.days)
    return {"id": token_id, "token": secret, "role": body.role}


@router.delete("/tokens/{token_id}", summary="Revoke a token of the caller's organisation (admin)")
def revoke_token(request: Request, who: Who, token_id: RowId) -> dict[str, Any]:
    check_known(request, ())
    require("admin", who)
    if not guarded(request).revoke_token(token_id, who.principal.org_id):
        raise ApiError(404, "not_found", "not found")
    return {"revoked": token_id}
