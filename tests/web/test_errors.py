"""Bad requests get a clear 4xx JSON answer, never a 500; rate limits per token."""

from __future__ import annotations

import pytest

from tests.web.server import Site, serve, web_settings
from trocha.api import Extractor

BAD_GETS = [
    ("/api/events", {"contry": "Colombia"}, 400, "unknown_parameter"),
    ("/api/events", {"from": "2024-13-01"}, 400, "bad_date"),
    ("/api/events", {"from": "2024-03-10", "to": "2024-03-01"}, 400, "bad_date"),
    ("/api/events", {"limit": "100000"}, 400, "bad_limit"),
    ("/api/events", {"limit": "abc"}, 400, "bad_request"),
    ("/api/events", {"sort": "fatalities"}, 400, "bad_sort"),
    ("/api/events", {"cursor": "not-a-cursor"}, 400, "bad_cursor"),
    ("/api/events", {"bbox": "1,2,3"}, 400, "bad_bbox"),
    ("/api/events", {"border": "maybe"}, 400, "bad_request"),
    ("/api/events", {"admin1": "x" * 500}, 400, "too_long"),
    ("/api/incidents", {"sort": "-date", "cursor": "eyJzIjoiaWQiLCJ2IjoxLCJpIjoxfQ"}, 400, "bad_cursor"),
    ("/api/aggregates", {"every": "year"}, 400, "bad_request"),
    ("/api/export", {"format": "xlsx"}, 400, "bad_request"),
    ("/api/events/abc", {}, 400, "bad_request"),
    ("/api/events/999999", {}, 404, "not_found"),
    ("/api/nothing-here", {}, 404, "not_found"),
    ("/api/events", {"admin1": "a\x00b"}, 400, "bad_request"),
    ("/api/events/99999999999999999999", {}, 400, "bad_request"),
]


@pytest.mark.parametrize(("path", "params", "status", "code"), BAD_GETS)
def test_bad_gets(site: Site, path: str, params: dict[str, str], status: int, code: str) -> None:
    with site.client("a") as http:
        res = http.get(path, params=params)
    assert res.status_code == status, res.text
    assert res.json()["error"] == code and res.json()["detail"]


def test_bad_posts(site: Site) -> None:
    with site.client("b") as http:
        assert http.post("/api/reports", content=b"text", headers={"content-type": "text/plain"}).status_code == 415
        res = http.post("/api/reports", json={"text": "x" * 3_000_000})
        assert res.status_code == 413 and res.json()["error"] == "too_large"
        assert http.post("/api/reports", json={"text": "hola", "colour": "red"}).status_code == 400
        assert http.post("/api/reports", json={"text": "hola", "published": "ayer"}).status_code == 400
        assert http.post("/api/reports", json={"text": "hola", "url": "https://x.invalid/"}).status_code == 400
        assert http.post("/api/reports", content=b"{not json", headers={"content-type": "application/json"}
                         ).status_code == 400
        res = http.post("/api/reports", json={"text": "   "})
        assert res.status_code == 422 and res.json()["error"] == "empty"
        res = http.post("/api/reports", json={"text": "Algo pasó.", "visibility": "shared", "share_with": ["Nadie"]})
        assert res.status_code == 400 and res.json()["error"] == "bad_share"
        assert http.put("/api/events").status_code == 405
        assert http.post("/api/reports", json={"text": "nul \x00 byte"}).status_code == 400


def test_rate_limit_per_token(tmp_path: object, extractor: Extractor) -> None:
    from pathlib import Path

    from trocha.store import open_store
    from trocha.store.guarded import Guarded

    assert isinstance(tmp_path, Path)
    with open_store(f"sqlite:///{tmp_path / 'rate.db'}") as store:
        g = Guarded(store)
        org = g.create_org("Limitada")
        first, _ = g.issue_token(org.id, "one", "viewer")
        second, _ = g.issue_token(org.id, "two", "viewer")
        config = web_settings()
        from dataclasses import replace
        config = replace(config, web_rate_per_minute=1, web_rate_burst=3)
        with serve(store, config, extractor) as base:
            import httpx
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {first}"}) as http:
                codes = [http.get("/api/me").status_code for _ in range(4)]
                assert codes == [200, 200, 200, 429]
                res = http.get("/api/me")
                assert res.json()["error"] == "rate_limited" and int(res.headers["retry-after"]) >= 1
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {second}"}) as http:
                assert http.get("/api/me").status_code == 200  # another token has its own bucket
