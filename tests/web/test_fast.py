"""The hot reads answered by web/fast.py give what the FastAPI routes give, and leave every error to them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from starlette.requests import Request

from tests.web.server import Site, serve, web_settings
from trocha.api import Extractor
from trocha.store import open_store
from trocha.store.guarded import Guarded
from trocha.web.fast import _PLANNERS

# What the dashboard and the load benchmark ask, and for each an equal request in a form the fast path passes on to
# FastAPI (border=0 means border=false to FastAPI; web/fast.py reads only true/false).
HOT_READS = [
    ("/api/events", {}),
    ("/api/events", {"limit": "2", "sort": "-date", "from": "2024-03-01", "to": "2024-03-31"}),
    ("/api/events", {"country": "colombia", "type": "Battles"}),
    ("/api/events", {"admin1": "Arauca", "sort": "id", "background": "true"}),
    ("/api/events", {"q": "Saravena", "actor": "eln"}),
    ("/api/events", {"bbox": "-80,-5,-60,15", "border": "true"}),
    ("/api/incidents", {}),
    ("/api/incidents", {"limit": "1", "sort": "-date"}),
    ("/api/incidents", {"country": "Colombia", "from": "2024-03-01", "to": "2024-03-31", "limit": "500"}),
    ("/api/incidents", {"admin2": "Saravena"}),
    ("/api/aggregates", {}),
    ("/api/aggregates", {"every": "day", "by": "admin1", "country": "Colombia"}),
    ("/api/aggregates", {"every": "month", "by": "actor"}),
]


def _planned(path: str, params: dict[str, str], headers: dict[str, str]) -> bool:
    """Whether web/fast.py would answer this request itself."""
    query = str(httpx.QueryParams(params)).encode("ascii")
    scope = {"type": "http", "method": "GET", "path": path, "query_string": query,
             "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]}
    return _PLANNERS[path](Request(scope), 500) is not None


@pytest.mark.parametrize(("path", "params"), HOT_READS)
def test_fast_answers_equal_the_routes(site: Site, path: str, params: dict[str, str]) -> None:
    passed_on = {**params, "border": {"true": "1"}.get(params.get("border", ""), "0")}
    auth = {"Authorization": "Bearer trk_x"}
    assert _planned(path, params, auth) and not _planned(path, passed_on, auth)
    for who in ("a", "b", "c"):
        with site.client(who) as http:
            fast, slow = http.get(path, params=params), http.get(path, params=passed_on)
        assert fast.status_code == slow.status_code == 200, fast.text
        assert fast.headers["content-type"] == slow.headers["content-type"] == "application/json"
        assert fast.content == slow.content
    with site.client("a") as http:  # the next page too, when there is one
        cursor = http.get(path, params=params).json().get("next_cursor")
        if cursor:
            fast = http.get(path, params={**params, "cursor": cursor})
            slow = http.get(path, params={**passed_on, "cursor": cursor})
            assert fast.status_code == 200 and fast.content == slow.content


def test_session_cookies_read_through_the_fast_path(site: Site) -> None:
    secret, _ = Guarded(site.store).sign_in("beto", "contraseña-b-1", 1) or ("", None)
    assert secret and _planned("/api/incidents", {}, {"Cookie": f"trocha_session={secret}"})
    with httpx.Client(base_url=site.base, cookies={"trocha_session": secret}) as http:
        by_cookie = http.get("/api/incidents")
    with site.client("b") as http:
        by_token = http.get("/api/incidents")
    assert by_cookie.status_code == 200 and by_cookie.content == by_token.content


@pytest.mark.parametrize("path", ["/api/events", "/api/incidents", "/api/aggregates"])
def test_dead_or_missing_tokens_get_the_routes_401(site: Site, path: str) -> None:
    g = Guarded(site.store)
    secret, token_id = g.issue_token(site.ids["orgs"]["b"], "fast-revoked", "viewer")
    with httpx.Client(base_url=site.base, headers={"Authorization": f"Bearer {secret}"}) as http:
        assert http.get(path).status_code == 200
        assert g.revoke_token(token_id)
        res = http.get(path)
        assert res.status_code == 401 and res.json()["error"] == "unauthorized"
    for headers in ({}, {"Authorization": "Bearer trk_guessed"}, {"Authorization": "Basic eDp5"}):
        with httpx.Client(base_url=site.base, headers=headers) as http:
            res = http.get(path)
        assert res.status_code == 401 and res.json()["error"] == "unauthorized"


@pytest.mark.parametrize("path", ["/api/events", "/api/incidents", "/api/aggregates"])
def test_hot_reads_spend_one_request_of_the_rate_limit(tmp_path: Path, extractor: Extractor, path: str) -> None:
    with open_store(f"sqlite:///{tmp_path / 'rate.db'}") as store:
        g = Guarded(store)
        secret, _ = g.issue_token(g.create_org("Limitada").id, "one", "viewer")
        config = replace(web_settings(), web_rate_per_minute=1, web_rate_burst=3)
        with serve(store, config, extractor) as base, httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {secret}"}) as http:
            assert [http.get(path).status_code for _ in range(4)] == [200, 200, 200, 429]
            res = http.get(path)
            assert res.json()["error"] == "rate_limited" and int(res.headers["retry-after"]) >= 1


def test_list_bodies_are_what_dumps_writes() -> None:
    """The bodies written with orjson (web/views.py) are byte for byte what json.dumps writes."""
    from datetime import date

    from trocha.store.guarded import ListedEvent
    from trocha.web.views import aggregates_json, dumps, events_page_json

    odd = 'ñ \u2028 \x7f \x00 \x1f \b \t " \\ / </script> 😀'
    rows = [ListedEvent(1, 2, odd, None, "t", date(2024, 3, 5), '{"a":1.5,"b":"x"}'),
            ListedEvent(3, 4, None, "https://x.invalid/?a=1&b=2", odd, None, '{}')]
    expected = {"events": [{"id": r.id, "article_id": r.article_id, "source": r.source, "url": r.url,
                            "title": r.title, "published": r.published.isoformat() if r.published else None,
                            "event": json.loads(r.event)} for r in rows], "next_cursor": "abc"}
    assert events_page_json(rows, "abc") == dumps(expected).encode("utf-8")
    counts = [("2024-W10", odd, 3), ("2024-W11", "(none)", 1)]
    assert aggregates_json("week", "type", counts) == dumps(
        {"every": "week", "by": "type", "counts": [{"period": p, "key": k, "count": n} for p, k, n in counts]}
    ).encode("utf-8")
