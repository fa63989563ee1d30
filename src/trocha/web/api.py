"""The JSON API under /api: events, incidents, aggregates, the cooperation index, search (OpenAPI documented)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from trocha.store.guarded import Cursor, Reading, Viewer, ViewFilter
from trocha.web.params import (
    FILTER_PARAMS,
    PAGE_PARAMS,
    check_known,
    decode_cursor,
    encode_cursor,
    page_args,
    view_filter,
)
from trocha.web.security import ApiError, Caller, caller, guarded
from trocha.web.views import (
    aggregates_json,
    article_json,
    event_json,
    events_page_json,
    incident_json,
    incident_view,
    incidents_page_json,
    span_json,
)

router = APIRouter(prefix="/api")
RowId = Annotated[int, Path(ge=1, le=2_147_483_647, description="a row id")]
Who = Annotated[Caller, Depends(caller)]
Filter = Annotated[ViewFilter, Depends(view_filter)]
Sort = Annotated[str, Query(description="date, -date, id or -id")]
Limit = Annotated[int, Query(description="page size (at most the web_max_page setting)")]
CursorQ = Annotated[str | None, Query(description="next_cursor of the previous page")]
Every = Annotated[Literal["day", "week", "month"], Query(description="period of each count")]

NOT_FOUND = "not found"  # the same words for a missing id and one the caller may not see


def events_page(read: Reading, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None
                ) -> bytes:
    """The body of GET /api/events (here and in web/fast.py)."""
    rows, nxt = read.listed_events(flt, viewer, sort, limit, after)
    return events_page_json(rows, encode_cursor(nxt, sort))


def incidents_page(read: Reading, flt: ViewFilter, viewer: Viewer, sort: str, limit: int, after: Cursor | None
                   ) -> bytes:
    """The body of GET /api/incidents (here and in web/fast.py)."""
    rows, nxt = read.listed_incidents(flt, viewer, sort, limit, after)
    return incidents_page_json(rows, encode_cursor(nxt, sort))


def aggregates_body(read: Reading, flt: ViewFilter, viewer: Viewer, every: str, by: str) -> bytes:
    """The body of GET /api/aggregates (here and in web/fast.py)."""
    return aggregates_json(every, by, read.aggregate(flt, viewer, every, by))


def json_response(body: bytes) -> Response:
    """A JSON body made by hand: rows that are plain JSON values already need no jsonable_encoder walk (it cost
    milliseconds on a page of 500 incidents)."""
    return Response(body, media_type="application/json")


@router.get("/me", summary="Who the token or session stands for")
def me(who: Who) -> dict[str, Any]:
    p = who.principal
    return {"org": p.org, "user": p.user, "role": p.role}


@router.get("/orgs", summary="Organisations a report can be shared with")
def list_orgs(request: Request, who: Who) -> dict[str, Any]:
    check_known(request, ())
    return {"orgs": [o.name for o in guarded(request).orgs() if o.id != who.principal.org_id]}


@router.get("/events", summary="Events matching the filters, one page at a time", response_model=dict[str, Any])
def list_events(request: Request, who: Who, flt: Filter, sort: Sort = "date", limit: Limit = 50,
                cursor: CursorQ = None) -> Response:
    check_known(request, FILTER_PARAMS + PAGE_PARAMS)
    sort, limit = page_args(request, sort, limit)
    after = decode_cursor(cursor, sort)
    with guarded(request).reading() as read:
        return json_response(events_page(read, flt, who.viewer, sort, limit, after))


@router.get("/events/{event_id}", summary="One event with its evidence spans and source article")
def get_event(request: Request, who: Who, event_id: RowId) -> dict[str, Any]:
    check_known(request, ())
    store = guarded(request)
    found = store.event(event_id, who.viewer)
    if found is None:
        raise ApiError(404, "not_found", NOT_FOUND)
    ev, spans = found
    art = store.article(ev.article_id, who.viewer)
    return {**event_json(ev), "evidence": [span_json(s) for s in spans],
            "article": article_json(art) if art else None}


@router.get("/incidents", summary="Incidents (events merged across reports) matching the filters",
            response_model=dict[str, Any])
def list_incidents(request: Request, who: Who, flt: Filter, sort: Sort = "date", limit: Limit = 50,
                   cursor: CursorQ = None) -> Response:
    check_known(request, FILTER_PARAMS + PAGE_PARAMS)
    sort, limit = page_args(request, sort, limit)
    after = decode_cursor(cursor, sort)
    with guarded(request).reading() as read:
        return json_response(incidents_page(read, flt, who.viewer, sort, limit, after))


@router.get("/incidents/{incident_id}", summary="One incident: best values, disagreements, every source and event")
def get_incident(request: Request, who: Who, incident_id: RowId) -> dict[str, Any]:
    check_known(request, ())
    store = guarded(request)
    found = incident_view(store, incident_id, who.viewer)
    if found is None:
        raise ApiError(404, "not_found", NOT_FOUND)
    view, members = found
    out = incident_json(view, full=True)
    events = []
    for m in members:
        detail = store.event(m.id, who.viewer)
        spans = detail[1] if detail else []
        events.append({**event_json(m), "evidence": [span_json(s) for s in spans]})
    out["events"] = events
    out["articles"] = [article_json(a) for a in (store.article(i, who.viewer)
                                                 for i in sorted({m.article_id for m in members})) if a]
    return out


@router.get("/aggregates", summary="Event counts per day, week or month by type, admin1, country or actor",
            response_model=dict[str, Any])
def aggregates(request: Request, who: Who, flt: Filter, every: Every = "week",
               by: Annotated[Literal["type", "sub_event_type", "admin1", "country", "actor"],
                             Query(description="what each series counts")] = "type") -> Response:
    check_known(request, (*FILTER_PARAMS, "every", "by"))
    with guarded(request).reading() as read:
        return json_response(aggregates_body(read, flt, who.viewer, every, by))


@router.get("/cooperation", summary="Cooperation index per country pair: state-to-state events, cooperative vs "
            "conflictual, with mean Goldstein")
def cooperation(request: Request, who: Who, flt: Filter, every: Every = "month") -> dict[str, Any]:
    check_known(request, (*FILTER_PARAMS, "every"))
    rows = guarded(request).cooperation(flt, who.viewer, every)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for pair, period, kind, n, gold in rows:
        cell = out.setdefault((pair, period), {"pair": pair, "period": period, "cooperative": 0,
                                               "conflictual": 0, "goldstein_cooperative": None,
                                               "goldstein_conflictual": None})
        cell[kind] = n
        cell[f"goldstein_{kind}"] = gold
    for cell in out.values():
        total = cell["cooperative"] + cell["conflictual"]
        parts = [(cell["cooperative"], cell["goldstein_cooperative"]), (cell["conflictual"],
                                                                          cell["goldstein_conflictual"])]
        known = [(n, g) for n, g in parts if g is not None and n]
        cell["count"] = total
        weight = sum(n for n, _ in known)
        cell["goldstein_mean"] = round(sum(n * g for n, g in known) / weight, 3) if weight else None
    return {"every": every, "pairs": sorted(out.values(), key=lambda c: (c["pair"], c["period"]))}


@router.get("/search", summary="Articles holding every word (accents ignored)")
def search(request: Request, who: Who, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Limit = 20) -> dict[str, Any]:
    check_known(request, ("q", "limit"))
    _, limit = page_args(request, "date", limit)
    hits = guarded(request).search(q, who.viewer, limit)
    return {"articles": [{"id": i, "title": t, "url": u, "published": p.isoformat() if p else None}
                         for i, t, u, p in hits]}
