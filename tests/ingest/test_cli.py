"""The store commands as a user runs them: ingest, rejected, stats, export, search, merge, watch (and Ctrl-C)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.ingest.server import Site
from trocha.export import ACLED_COLUMNS, GDELT_COLUMNS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ENV = {**os.environ, "TROCHA_HOST_DELAY_MS": "0", "TROCHA_FETCH_TIMEOUT": "1", "TROCHA_FETCH_RETRIES": "0"}


def trocha(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "trocha", *args], capture_output=True, text=True, env=ENV,
                          check=False, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_ingest_twice_then_read_back(db_url: str, tmp_path: Path) -> None:
    first = json.loads(trocha("ingest", str(FIXTURES / "outlets.jsonl"), str(FIXTURES / "folder"), "--db", db_url,
                              "--json").stdout)
    assert first["stored"] == 13 and first["rejected"] == 7
    again = trocha("ingest", str(FIXTURES / "outlets.jsonl"), str(FIXTURES / "folder"), "--db", db_url, "--json")
    second = json.loads(again.stdout)
    assert (second["stored"], second["duplicates"]) == (0, 13)
    assert second["store"] == first["store"]
    assert "already stored 13" in again.stderr and "merged" in again.stderr

    listed = trocha("rejected", "--db", db_url, "--format", "jsonl").stdout
    rejected = [json.loads(line) for line in listed.splitlines()]
    assert {r["reason"] for r in rejected} >= {"not_json", "binary", "invalid_utf8", "unsupported_file"}
    assert all(r["seen"] == 2 for r in rejected)
    table = trocha("rejected", "--db", db_url).stdout
    assert "invalid_utf8" in table

    stats = json.loads(trocha("stats", "--db", db_url, "--json").stdout)
    assert stats["by_week"]["2024-W20"] >= 6
    assert stats["store"]["incidents"] == first["store"]["incidents"]
    assert "events by week" in trocha("stats", "--db", db_url, "--country", "Colombia").stdout

    acled = trocha("export", "--db", db_url, "--format", "acled-csv", "--from", "2024-05-13", "--to", "2024-05-14")
    rows = list(csv.DictReader(io.StringIO(acled.stdout)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert rows and all("2024-05-13" <= r["event_date"] <= "2024-05-14" for r in rows)
    tame = [r for r in rows if r["admin2"] == "Tame"]
    assert tame and "3 reports" in tame[0]["tags"]

    by_event = trocha("export", "--db", db_url, "--format", "plover-jsonl", "--level", "event", "--type", "Battles")
    plover = [json.loads(line) for line in by_event.stdout.splitlines()]
    assert plover and all(p["acled_event_type"] == "Battles" for p in plover)

    gdelt = trocha("export", "--db", db_url, "--format", "gdelt-tsv").stdout.splitlines()
    assert gdelt[0].split("\t") == list(GDELT_COLUMNS) and len(GDELT_COLUMNS) == 61
    assert all(len(line.split("\t")) == 61 for line in gdelt[1:])

    geo = trocha("export", "--db", db_url, "--format", "geojson", "--admin1", "Arauca")
    collection = json.loads(geo.stdout)
    assert collection["type"] == "FeatureCollection"
    for feat in collection["features"]:
        lon, lat = feat["geometry"]["coordinates"]
        assert -80 < lon < -66 and -5 < lat < 13 and feat["properties"]["admin1"] == "Arauca"

    out = tmp_path / "incidents.parquet"
    trocha("export", "--db", db_url, "--format", "parquet", "-o", str(out))
    import pyarrow.parquet as pq

    table_pq = pq.read_table(out)
    assert table_pq.num_rows == stats["store"]["incidents"]
    assert "fatalities_max" in table_pq.column_names
    assert trocha("export", "--db", db_url, "--format", "parquet", check=False).returncode == 2

    events = [json.loads(line) for line in trocha("export", "--db", db_url, "--format", "plover-jsonl", "--level",
                                                  "event").stdout.splitlines()]
    assert len(events) == stats["store"]["events"]
    pinned = trocha("pin", "--db", db_url, "1", "analyst-split-1", "--by", "ana", "--why", "other vereda")
    assert "kept in incident analyst-split-1" in pinned.stderr
    after = json.loads(trocha("stats", "--db", db_url, "--json").stdout)["store"]
    assert after["linked_events"] == stats["store"]["linked_events"]
    keys = [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(trocha("export", "--db", db_url, "--format",
                                                                          "acled-csv").stdout))]
    assert "analyst-split-1" in keys
    assert trocha("pin", "--db", db_url, "999999", "k", "--by", "a", "--why", "b", check=False).returncode == 2

    found = trocha("search", "--db", db_url, "enfrentamiento").stdout
    assert "Enfrentamiento deja cinco muertos" in found
    assert "merged" in trocha("merge", "--db", db_url).stderr


def test_bad_database_url_is_a_clear_error(tmp_path: Path) -> None:
    proc = trocha("stats", "--db", "mysql://nowhere/x", check=False)
    assert proc.returncode == 2 and "unsupported database" in proc.stderr
    down = trocha("stats", "--db", "postgresql+psycopg://postgres@127.0.0.1:9/none", check=False)
    assert down.returncode == 2 and "cannot open the database" in down.stderr


def _sources(site: Site, tmp_path: Path) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text((FIXTURES / "pages" / "sources.toml").read_text(encoding="utf-8").replace("{base}", site.base),
                    encoding="utf-8")
    return path


def test_watch_once(db_url: str, site: Site, tmp_path: Path) -> None:
    proc = trocha("watch", str(_sources(site, tmp_path)), "--db", db_url, "--once")
    assert "poll 1" in proc.stderr and "stored 3" in proc.stderr
    stats = json.loads(trocha("stats", "--db", db_url, "--json").stdout)
    assert stats["store"]["articles"] == 3 and stats["store"]["rejected"] == 6


def test_watch_stops_cleanly_on_ctrl_c(db_url: str, site: Site, tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "trocha", "watch", str(_sources(site, tmp_path)), "--db", db_url,
                             "--interval", "3600"], stderr=subprocess.PIPE, text=True, env=ENV)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    deadline = time.monotonic() + 120
    while "poll 1" not in line and time.monotonic() < deadline:
        line = proc.stderr.readline()
    assert "poll 1" in line
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read()
    assert proc.wait(timeout=30) == 0
    assert "watch stopped after 1 poll(s)" in rest


def test_ingest_private_and_shared_for_an_organisation(db_url: str, tmp_path: Path) -> None:
    from trocha.store import open_store
    from trocha.store.access import Viewer
    from trocha.store.guarded import Guarded, ViewFilter

    for name in ("Ministerio A", "Agencia B", "Socio C"):
        trocha("org", "create", name, "--db", db_url)
    private, shared = tmp_path / "private.txt", tmp_path / "shared.txt"
    private.write_text("Soldiers of the Colombian army clashed with ELN guerrillas on Monday in Saravena, Arauca.",
                       encoding="utf-8")
    shared.write_text("FARC dissidents attacked the police station of Tibú, Norte de Santander, on Sunday.",
                      encoding="utf-8")
    bad = trocha("ingest", str(private), "--db", db_url, "--visibility", "private", check=False)
    assert bad.returncode != 0 and "--org" in bad.stderr
    bad = trocha("ingest", str(private), "--db", db_url, "--org", "Nadie", "--visibility", "private", check=False)
    assert bad.returncode != 0 and "Nadie" in bad.stderr
    trocha("ingest", str(private), "--db", db_url, "--org", "Ministerio A", "--visibility", "private",
           "--published", "2024-03-05", "--lang", "en")
    trocha("ingest", str(shared), "--db", db_url, "--org", "Ministerio A", "--visibility", "shared",
           "--share-with", "Socio C", "--published", "2024-03-11", "--lang", "en")
    with open_store(db_url) as store:
        g = Guarded(store)
        orgs = {o.name: o.id for o in g.orgs()}

        def seen(org: str) -> set[str]:
            rows, _ = g.events(ViewFilter(), Viewer(orgs[org]), "date", 100, None)
            incs, _ = g.incidents(ViewFilter(), Viewer(orgs[org]), "date", 100, None)
            assert len(incs) == len({r.article_id for r in rows})  # one incident per report here
            return {str((r.data.get("location") or {}).get("admin2")) for r in rows}

        assert seen("Ministerio A") == {"Saravena", "Tibú"}
        assert seen("Socio C") == {"Tibú"}
        assert seen("Agencia B") == set()
