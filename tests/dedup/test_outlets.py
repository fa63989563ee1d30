"""The same incidents written up by several fake outlets (EN/ES, different days) merge into the expected incidents,
whatever the order the reports arrive in; every source is kept and disagreements are recorded."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trocha.api import Extractor
from trocha.config import Settings
from trocha.dedup import merge_store
from trocha.ingest import Ingestor
from trocha.store import Pin, Store, open_store

OUTLETS = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "outlets.jsonl"
LINES = OUTLETS.read_text(encoding="utf-8").splitlines()
CONFIG = Settings()
EXPECTED = {
    frozenset({"frontera-diario-101", "border-wire-77", "llano-hoy-5521"}),  # Tame clash, 3 outlets, 2 languages
    frozenset({"frontera-diario-102"}),  # clash the same day in Saravena: another incident
    frozenset({"pacifico-noticias-9", "border-wire-78"}),  # Tumaco seizure, reported a day apart
    frozenset({"frontera-diario-103"}),  # Cúcuta protest
    frozenset({"llano-hoy-5530"}),  # attack in Tame a week later: not the clash
}


def _ingest(store: Store, lines: list[str], extractor: Extractor, folder: Path) -> None:
    path = folder / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ing = Ingestor(store, CONFIG, extractor)
    ing.run(ing.targets([str(path)]))
    merge_store(store, CONFIG)


def partition(store: Store) -> set[frozenset[str]]:
    """Incidents as sets of the article ids of their events (independent of database ids)."""
    by_article = {r.id: str(r.data["article_id"]) for r in store.events()}
    return {frozenset(by_article[s["event"]] for s in inc.summary["sources"]) for inc in store.incidents()}


def test_outlets_merge_into_expected_incidents(store: Store, extractor: Extractor, tmp_path: Path) -> None:
    _ingest(store, LINES, extractor, tmp_path)
    assert partition(store) == EXPECTED
    tame = next(i for i in store.incidents() if i.n_articles == 3)
    assert (tame.event_type, tame.admin2, str(tame.date)) == ("Battles", "Tame", "2024-05-13")
    assert (tame.fatalities, tame.fatalities_min, tame.fatalities_max) == (5, 3, 5)  # 2 reports say 5, 1 says 3
    dead = tame.summary["disagreements"]["fatalities"]
    assert [(d["value"], len(d["articles"])) for d in dead] == [(3, 1), (5, 2)]
    assert {s["url"] for s in tame.summary["sources"]} == {
        "https://frontera-diario.example/orden-publico/combate-tame",
        "https://borderwire.example/news/2024/05/14/army-eln-clash-tame",  # utm_source dropped
        "https://llanohoy.example/tame-enfrentamiento"}
    keys = {i.key for i in store.incidents()}
    merge_store(store, CONFIG)  # re-running changes nothing
    assert {i.key for i in store.incidents()} == keys and partition(store) == EXPECTED


def test_analyst_split_survives_a_new_merge(store: Store, extractor: Extractor, tmp_path: Path) -> None:
    _ingest(store, LINES, extractor, tmp_path)
    wrong = next(r for r in store.events() if r.data["article_id"] == "frontera-diario-101")
    store.pin(Pin(wrong.id, "split-101", "analyst@example", "different vereda"))
    merge_store(store, CONFIG)
    parts = partition(store)
    assert frozenset({"frontera-diario-101"}) in parts
    assert frozenset({"border-wire-77", "llano-hoy-5521"}) in parts
    assert len(parts) == 6


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(LINES))
def test_any_arrival_order_gives_the_same_incidents(order: list[str], extractor: Extractor) -> None:
    with tempfile.TemporaryDirectory() as tmp, open_store(f"sqlite:///{tmp}/t.db") as store:
        _ingest(store, order, extractor, Path(tmp))
        assert partition(store) == EXPECTED
        tame = next(i for i in store.incidents() if i.n_articles == 3)
        assert (tame.fatalities, tame.fatalities_min, tame.fatalities_max) == (5, 3, 5)


def test_fixture_is_well_formed() -> None:
    ids = [json.loads(line)["id"] for line in LINES]
    assert len(ids) == len(set(ids)) == sum(len(s) for s in EXPECTED)
