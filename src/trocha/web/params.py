"""Query parameters of the list, aggregate and export endpoints: declared for OpenAPI, checked strictly."""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request

from trocha.store.guarded import Cursor, ViewFilter
from trocha.web.security import ApiError

FILTER_PARAMS = ("from", "to", "country", "admin1", "admin2", "type", "sub_type", "actor", "q", "bbox", "border",
                 "background")
PAGE_PARAMS = ("sort", "limit", "cursor")
SORTS = ("date", "-date", "id", "-id")
_TEXT = 200  # longest free-text filter value


def check_known(request: Request, allowed: tuple[str, ...]) -> None:
    """400 for a query parameter the endpoint does not know (a typo must not silently widen a view)."""
    unknown = sorted(set(request.query_params) - set(allowed))
    if unknown:
        raise ApiError(400, "unknown_parameter", f"unknown query parameter(s): {', '.join(unknown)}; "
                       f"known: {', '.join(allowed)}")
    for key in request.query_params:
        if len(request.query_params.getlist(key)) > 1:
            raise ApiError(400, "repeated_parameter", f"query parameter {key!r} is given more than once")


def _date(name: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, "bad_date", f"{name} must be a date YYYY-MM-DD") from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise ApiError(400, "bad_bbox", "bbox must be west,south,east,north in degrees") from None
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise ApiError(400, "bad_bbox", "bbox must be west,south,east,north with west<=east and south<=north")
    return w, s, e, n


def _text(name: str, value: str | None) -> str | None:
    if value is None or value.strip() == "":
        return None
    if len(value) > _TEXT:
        raise ApiError(400, "too_long", f"{name} is longer than {_TEXT} characters")
    return value.strip()


def view_filter(
    request: Request,
    from_: Annotated[str | None, Query(alias="from", description="first event day, YYYY-MM-DD")] = None,
    to: Annotated[str | None, Query(description="last event day, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(description="country as ACLED writes it (Colombia)")] = None,
    admin1: Annotated[str | None, Query(description="department / state / province")] = None,
    admin2: Annotated[str | None, Query(description="municipality / canton")] = None,
    type: Annotated[str | None, Query(description="ACLED event type (Battles)")] = None,
    sub_type: Annotated[str | None, Query(description="ACLED sub-event type (Armed clash)")] = None,
    actor: Annotated[str | None, Query(description="part of an actor's name")] = None,
    q: Annotated[str | None, Query(description="words the source article holds (accents ignored)")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north")] = None,
    border: Annotated[bool, Query(description="only events in border municipalities")] = False,
    background: Annotated[bool, Query(description="include background (non-event) mentions")] = False,
) -> ViewFilter:
    """The filter of a request (400 on a malformed value)."""
    first, last = _date("from", from_), _date("to", to)
    if first and last and first > last:
        raise ApiError(400, "bad_date", "from is after to")
    return ViewFilter(date_from=first, date_to=last, country=_text("country", country), admin1=_text("admin1", admin1),
                      admin2=_text("admin2", admin2), event_type=_text("type", type),
                      sub_event_type=_text("sub_type", sub_type), actor=_text("actor", actor), q=_text("q", q),
                      bbox=_bbox(bbox), border=border, include_background=background)


def encode_cursor(cur: Cursor | None, sort: str) -> str | None:
    """An opaque next-page token (it names only rows the caller has seen)."""
    if cur is None:
        return None
    value: Any = cur.value.isoformat() if isinstance(cur.value, date) else cur.value
    raw = json.dumps({"s": sort, "v": value, "i": cur.id}).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(token: str | None, sort: str) -> Cursor | None:
    """The cursor of a next-page token (400 when it is not one of ours or belongs to another sort)."""
    if not token:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if data["s"] != sort:
            raise ApiError(400, "bad_cursor", "the cursor belongs to another sort order")
        value: Any
        if sort.lstrip("-") == "date":
            value = None if data["v"] is None else date.fromisoformat(data["v"])
        else:
            value = int(data["v"])
        return Cursor(value, int(data["i"]))
    except ApiError:
        raise
    except (ValueError, KeyError, TypeError):
        raise ApiError(400, "bad_cursor", "cursor is not a cursor returned by this API") from None


def page_args(request: Request, sort: str, limit: int) -> tuple[str, int]:
    """A checked sort and page size."""
    if sort not in SORTS:
        raise ApiError(400, "bad_sort", f"sort must be one of {', '.join(SORTS)}")
    most = int(request.app.state.config.web_max_page)
    if not 1 <= limit <= most:
        raise ApiError(400, "bad_limit", f"limit must be between 1 and {most}")
    return sort, limit
