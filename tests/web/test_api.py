"""The JSON API on a live server: filters, pagination, details with evidence, aggregates, cooperation, exports."""

from __future__ import annotations

import csv
import io
import json

from tests.web.server import Site


def _events(site: Site, who: str, **params: str) -> list[dict]:  # type: ignore[type-arg]
    with site.client(who) as http:
        res = http.get("/api/events", params={"limit": "500", **params})
    assert res.status_code == 200, res.text
    return list(res.json()["events"])


def test_openapi_and_docs(site: Site) -> None:
    with site.client(None) as http:
        spec = http.get("/openapi.json").json()
        assert {"/api/events", "/api/incidents", "/api/aggregates", "/api/cooperation", "/api/reports",
                "/api/export"} <= set(spec["paths"])
        assert http.get("/docs").status_code == 200
        res = http.get("/api/events")
        assert res.status_code == 401 and res.json()["error"] == "unauthorized"


def test_filters_narrow_the_list(site: Site) -> None:
    everything = _events(site, "a")
    assert len(everything) >= 5
    arauca = _events(site, "a", admin1="arauca")
    assert arauca and all(e["event"]["location"]["admin1"] == "Arauca" for e in arauca)
    assert len(arauca) < len(everything)
    saravena = _events(site, "a", admin2="Saravena", type="Battles", actor="ELN")
    want = {e["id"] for e in arauca if e["event"]["event_type"] == "Battles"
            and "eln" in (str(e["event"]["actor1"]["name"]) + str(e["event"]["actor2"]["name"])).lower()}
    assert want and {e["id"] for e in saravena} == want
    march4 = _events(site, "a", **{"from": "2024-03-04", "to": "2024-03-04"})
    assert march4 and all(e["event"]["date"] == "2024-03-04" for e in march4)
    box = _events(site, "a", bbox="-72.0,6.5,-71.5,7.2")  # around Saravena
    assert box and {e["event"]["location"]["admin2"] for e in box} == {"Saravena"}
    border = _events(site, "a", border="true")
    assert border and all(e["event"]["location"]["border"]["municipality"] for e in border)
    assert all(e["event"]["location"]["admin2"] != "Turbo" for e in border)
    found = _events(site, "a", q="zafiroquince")
    assert found and all(e["article_id"] in (site.ids["articles"]["private_clash"],
                                             site.ids["articles"]["private_tibu"]) for e in found)


def test_cursor_pagination_walks_everything_once(site: Site) -> None:
    for sort in ("date", "-date", "id", "-id"):
        whole = [e["id"] for e in _events(site, "a", sort=sort)]
        seen: list[int] = []
        cursor = None
        with site.client("a") as http:
            while True:
                params = {"limit": "2", "sort": sort}
                if cursor:
                    params["cursor"] = cursor
                body = http.get("/api/events", params=params).json()
                seen += [e["id"] for e in body["events"]]
                cursor = body["next_cursor"]
                if not cursor:
                    break
        assert seen == whole, sort
    dates = [e["event"]["date"] for e in _events(site, "a", sort="-date")]
    assert dates == sorted(dates, reverse=True)


def test_event_detail_has_evidence_and_article(site: Site) -> None:
    ev = _events(site, "a", admin2="Turbo")[0]
    with site.client("a") as http:
        body = http.get(f"/api/events/{ev['id']}").json()
    text = body["article"]["text"]
    assert body["evidence"] and all(text[s["start"]:s["end"]] == s["text"] for s in body["evidence"])
    assert body["article"]["visibility"] == "public"


def test_incident_merges_reports_and_lists_sources(site: Site) -> None:
    with site.client("a") as http:
        incs = http.get("/api/incidents", params={"admin1": "Arauca"}).json()["incidents"]
        merged = [i for i in incs if i["n_articles"] == 2]
        assert merged, incs
        detail = http.get(f"/api/incidents/{merged[0]['id']}").json()
    arts = {site.ids["articles"]["public_clash"], site.ids["articles"]["private_clash"]}
    assert {s["article_id"] for s in detail["sources"]} == arts
    assert {a["id"] for a in detail["articles"]} == arts
    assert all(e["evidence"] for e in detail["events"])


def test_aggregates_and_cooperation(site: Site) -> None:
    with site.client("a") as http:
        by_admin = http.get("/api/aggregates", params={"every": "month", "by": "admin1"}).json()["counts"]
        coop = http.get("/api/cooperation", params={"every": "month"}).json()["pairs"]
    counts = {c["key"]: c["count"] for c in by_admin if c["period"] == "2024-03"}
    assert counts["Arauca"] == len(_events(site, "a", admin1="Arauca"))
    col_ven = [c for c in coop if c["pair"] == "COL-VEN"]
    assert col_ven and col_ven[0]["cooperative"] >= 1 and col_ven[0]["goldstein_cooperative"] > 0


def test_exports(site: Site) -> None:
    with site.client("a") as http:
        res = http.get("/api/export", params={"format": "acled-csv", "level": "event", "admin1": "Arauca"})
        assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(res.text)))
        assert rows and {r["admin1"] for r in rows} == {"Arauca"}
        geo = http.get("/api/export", params={"format": "geojson"}).json()
        assert geo["type"] == "FeatureCollection" and geo["features"]
        lines = http.get("/api/export", params={"format": "plover-jsonl"}).text.splitlines()
        assert lines and all(json.loads(line) for line in lines)


def test_submit_report_returns_coded_events(site: Site) -> None:
    text = "Police officers seized 40 kilograms of cocaine on Monday in Ipiales, Nariño."
    with site.client("b") as http:
        res = http.post("/api/reports", json={"text": text, "lang": "en", "published": "2024-04-02",
                                              "visibility": "private"})
        assert res.status_code == 201, res.text
        body = res.json()
        assert body["outcome"] == "stored" and body["events"]
        assert body["events"][0]["location"]["admin2"] == "Ipiales"
        again = http.post("/api/reports", json={"text": text, "lang": "en", "published": "2024-04-02"}).json()
        assert again["outcome"] == "duplicate" and again["article_id"] == body["article_id"]
    with site.client("c") as http:
        assert http.post("/api/reports", json={"text": text}).status_code == 403  # a viewer cannot submit


def test_submit_a_url(site: Site) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = ("<html><head><title>Ataque en Arauquita</title></head><body><article><h1>Ataque en Arauquita</h1>"
            "<p>Guerrilleros del ELN atacaron el martes una patrulla del Ejército en zona rural de Arauquita, "
            "Arauca. Dos soldados murieron en el ataque, informó la Segunda División del Ejército.</p>"
            "</article></body></html>").encode()

    class Page(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/arauquita.html"
        with site.client("a") as http:
            res = http.post("/api/reports", json={"url": url, "published": "2024-03-13", "visibility": "private"})
            assert res.status_code == 201, res.text
            body = res.json()
            assert body["outcome"] == "stored" and body["events"]
            assert body["events"][0]["location"]["admin2"] == "Arauquita"
            for bad in ("ftp://127.0.0.1/x.txt", "http://[::1/x", "http://exa mple.invalid/"):
                res = http.post("/api/reports", json={"url": bad})
                assert res.status_code in (400, 422) and res.json()["error"], (bad, res.text)
    finally:
        server.shutdown()
        server.server_close()
