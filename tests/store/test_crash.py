"""kill -9 at random moments during a 2,000-article ingest, then resume: the store ends exactly as after one
uninterrupted run (same counts, same events, same incidents) on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.backends import BACKENDS, fresh_url
from tests.store.crash import Snapshot, run_to_end, run_with_kills, snapshot
from tests.store.synthetic import write

N_ARTICLES = 2000


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("crash") / "batch.jsonl", N_ARTICLES)


@pytest.fixture(scope="module")
def reference(batch: Path) -> Snapshot:
    """One uninterrupted run on SQLite: what every interrupted run must end with."""
    url = f"sqlite:///{batch.parent / 'reference.db'}"
    run_to_end(batch, url)
    return snapshot(url)


@pytest.mark.parametrize("backend", BACKENDS)
def test_killed_and_resumed_equals_uninterrupted(backend: str, batch: Path, reference: Snapshot,
                                                 tmp_path: Path) -> None:
    assert reference.counts["articles"] > 1500 and reference.counts["incidents"] > 500  # a real workload
    assert reference.counts["near_duplicates"] > 0 and reference.counts["rejected"] > 0
    url = fresh_url(backend, tmp_path, "crashed.db")
    run = run_with_kills(batch, url, kills=5, seed=2024)
    assert run.kills >= 3, f"only {run.kills} of the SIGKILLs hit a running ingest"
    got = snapshot(url)
    assert got.counts == reference.counts
    assert got.events == reference.events
    assert got.incidents == reference.incidents
