"""Store benchmark: ingest + code + store throughput, and the dashboard's typical queries on many synthetic events.

    python benchmarks/store.py ingest  [--articles 10000]      # SQLite, and PostgreSQL when TROCHA_TEST_PG_URL is set
    python benchmarks/store.py queries [--events 1000000] [--keep DIR] [--sqlite-only]

PostgreSQL runs in a database `trocha_bench` created next to the test database (dropped and made anew).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.store.synthetic import write

from trocha.api import Extractor
from trocha.config import settings
from trocha.dedup import merge_store
from trocha.ingest import Ingestor
from trocha.model import Actor, Event, Place
from trocha.store import ArticleIn, EventFilter, SourceIn, Store, open_store
from trocha.store.bulk import add_many

PLACES = [("Colombia", "Arauca", "Tame", 6.46, -71.73), ("Colombia", "Arauca", "Saravena", 6.95, -71.88),
          ("Colombia", "Norte de Santander", "Tibú", 8.64, -72.74), ("Colombia", "Nariño", "Tumaco", 1.8, -78.76),
          ("Colombia", "Cauca", "Argelia", 2.26, -77.25), ("Colombia", "Antioquia", "Caucasia", 7.99, -75.2),
          ("Venezuela", "Zulia", "Machiques", 10.06, -72.55), ("Venezuela", "Apure", "Guasdualito", 7.24, -70.73),
          ("Ecuador", "Esmeraldas", "San Lorenzo", 1.29, -78.84), ("Ecuador", "Guayas", "Guayaquil", -2.19, -79.89)]
ACTORS = ["Ejército de Liberación Nacional (ELN)", "Clan del Golfo", "Military forces (Colombia)", "Police (Colombia)",
          "Tren de Aragua", "Los Choneros", "Protesters (Colombia)", "Civilians (Colombia)"]
TEXTS = ["Army soldiers clashed with ELN rebels on Monday in Tame, Arauca, and three fighters were killed.",
         "La Policía incautó el martes dos toneladas de cocaína en Tumaco, Nariño.",
         "Cientos de campesinos protestaron el miércoles en Tibú contra la erradicación forzada.",
         "Armed men killed a social leader on Friday in Argelia, Cauca."]


def pg_bench_url(keep: bool = False) -> str | None:
    """The `trocha_bench` database on the test server (made anew unless kept), or None without TROCHA_TEST_PG_URL."""
    test = os.environ.get("TROCHA_TEST_PG_URL")
    if not test:
        return None
    url = sa.make_url(test)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = 'trocha_bench'")).first()
        if exists and not keep:
            conn.execute(sa.text("DROP DATABASE trocha_bench"))
        if not exists or not keep:
            conn.execute(sa.text("CREATE DATABASE trocha_bench"))
    admin.dispose()
    return url.set(database="trocha_bench").render_as_string(hide_password=False)


def backends(tmp: str, sqlite_only: bool = False, keep: bool = False) -> Iterator[tuple[str, str]]:
    yield "sqlite", f"sqlite:///{tmp}/bench.db"
    pg = None if sqlite_only else pg_bench_url(keep)
    if pg:
        yield "postgresql", pg


def bench_ingest(n: int) -> None:
    """Articles per second through read -> identify -> code -> store, then the merge time."""
    config = settings()
    extractor = Extractor(config)
    with tempfile.TemporaryDirectory() as tmp:
        batch = write(Path(tmp) / "batch.jsonl", n, seed=11)
        for name, url in backends(tmp):
            with open_store(url, config) as store:
                ing = Ingestor(store, config, extractor)
                start = time.perf_counter()
                summary = ing.run(ing.targets([str(batch)])).to_dict()
                took = time.perf_counter() - start
                start = time.perf_counter()
                merged = merge_store(store, config)
                merge_s = time.perf_counter() - start
                rerun = Ingestor(store, config, extractor)
                start = time.perf_counter()
                again = rerun.run(rerun.targets([str(batch)]))
                rerun_s = time.perf_counter() - start
            print(f"{name}: {n} lines in {took:.1f} s = {n / took:.0f} lines/s ({summary['stored']} coded and stored "
                  f"= {summary['stored'] / took:.0f}/s, {summary['near_duplicates']} near-dups, "
                  f"{summary['duplicates']} exact duplicates, {summary['rejected']} rejected, {summary['events']} "
                  f"events); merge {merged.events} events -> {merged.incidents} incidents in {merge_s:.1f} s; "
                  f"re-ingest (all known) {rerun_s:.1f} s, stored {again.stored}")


def _templates() -> list[Event]:
    ex = Extractor()
    return [ex.extract(t, published="2024-05-15", article_id="tpl")[0] for t in TEXTS]


def _fake(i: int, rng: random.Random, templates: list[Event]) -> tuple[ArticleIn, list[Event]]:
    text = f"synthetic article {i}"
    fp = hashlib.sha256(text.encode()).hexdigest()
    art = ArticleIn(ext_id=f"s{i}", ref=f"bench:{i}", text=text, content_fp=fp,
                    bands=(rng.getrandbits(31), rng.getrandbits(31), rng.getrandbits(31), rng.getrandbits(31)),
                    published=date(2023, 1, 1) + timedelta(days=rng.randrange(730)), source=SourceIn("bench", "file"))
    events = []
    for k in range(4):
        country, admin1, admin2, lat, lon = rng.choice(PLACES)
        day = (art.published or date(2023, 1, 1)) - timedelta(days=rng.randrange(3))
        a1, a2 = rng.sample(ACTORS, 2)
        tpl = rng.choice(templates)
        events.append(dataclasses.replace(
            tpl, event_id=f"{i}-{k}", article_id=art.ext_id, date=day.isoformat(), fatalities=rng.randrange(4),
            location=Place(admin2, admin2, country, admin1, admin2, lat, lon, "town"),
            actor1=Actor(a1, a1, 2, None, None, "rebel"), actor2=Actor(a2, a2, 1, None, None, "military"),
            evidence=tpl.evidence[:1], fields_evidence=()))
    return art, events


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(round(0.95 * len(samples))) - 1)]


def bench_queries(n_events: int, runs: int, keep: str | None, sqlite_only: bool, pg_only: bool = False) -> None:
    """Load n_events synthetic events (unless a kept SQLite file has them), then p50/p95 of the dashboard's queries."""
    templates = _templates()
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in backends(keep or tmp, sqlite_only, keep is not None):
            if pg_only and name == "sqlite":
                continue
            rng = random.Random(5)
            with open_store(url) as store:
                if store.counts().events >= n_events:
                    print(f"{name}: reusing {store.counts().events} stored events")
                    _run_queries(store, rng, runs)
                    continue
                start = time.perf_counter()
                n_articles = n_events // 4
                for first in range(0, n_articles, 2500):
                    add_many(store, (_fake(i, rng, templates) for i in range(first, min(first + 2500, n_articles))))
                load_s = time.perf_counter() - start
                print(f"{name}: loaded {n_articles * 4} events in {load_s:.0f} s ({n_articles * 4 / load_s:.0f}/s)")
                _run_queries(store, rng, runs)


def _run_queries(store: Store, rng: random.Random, runs: int) -> None:
    def window(days: int) -> tuple[date, date]:
        d = date(2023, 1, 1) + timedelta(days=rng.randrange(730 - days))
        return d, d + timedelta(days=days)

    def q_stats() -> object:
        a, b = window(90)
        return store.stats(EventFilter(date_from=a, date_to=b, country=rng.choice(PLACES)[0]))

    def q_page() -> object:
        a, b = window(30)
        return list(islice(store.events(EventFilter(date_from=a, date_to=b, admin1=rng.choice(PLACES)[1])), 100))

    def q_type_count() -> object:
        a, b = window(30)
        return sum(1 for _ in store.events(EventFilter(date_from=a, date_to=b, event_type="Battles")))

    def q_admin2() -> object:
        a, b = window(365)
        return sum(1 for _ in store.events(EventFilter(date_from=a, date_to=b, admin2=rng.choice(PLACES)[2])))

    def q_actor() -> object:
        a, b = window(30)
        return list(islice(store.events(EventFilter(date_from=a, date_to=b, actor="eln")), 100))

    def q_search() -> object:
        return store.search(f"synthetic {rng.randrange(10_000)}")

    for label, fn in (("stats: one country, 90 days (week/type/admin1 counts)", q_stats),
                      ("first 100 events: one admin1, 30 days", q_page),
                      ("all Battles in 30 days (full rows)", q_type_count),
                      ("all events of one admin2 in a year (full rows)", q_admin2),
                      ("first 100 events naming an actor, 30 days", q_actor),
                      ("text search, two words", q_search)):
        p50, p95 = _time(fn, runs)
        print(f"  {label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["ingest", "queries"])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--keep", help="keep the databases (SQLite in this folder, PostgreSQL trocha_bench) and reuse "
                    "them when they already hold the events")
    ap.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    ap.add_argument("--pg-only", action="store_true", help="skip SQLite")
    args = ap.parse_args()
    if args.what == "ingest":
        bench_ingest(args.articles)
    else:
        bench_queries(args.events, args.runs, args.keep, args.sqlite_only, args.pg_only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
