"""Run `trocha ingest` as a real process, kill it with SIGKILL at random moments, resume, and read what was stored."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from trocha.store import EventFilter, open_store


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a store holds, in terms that do not depend on database ids or insert timing."""

    counts: dict[str, int]
    events: tuple[tuple[str, int, str, str], ...]
    incidents: frozenset[frozenset[tuple[str, int]]]


def snapshot(url: str) -> Snapshot:
    """Counts, every event (article id, ordinal, type, date) and the incidents as sets of events."""
    with open_store(url) as store:
        rows = list(store.events(EventFilter(include_background=True)))
        key = {r.id: (str(r.data["article_id"]), r.ordinal) for r in rows}
        events = tuple(sorted((k[0], k[1], str(r.data["event_type"]), str(r.data["date"]))
                              for r, k in ((r, key[r.id]) for r in rows)))
        incidents = frozenset(frozenset(key[s["event"]] for s in inc.summary["sources"]) for inc in store.incidents())
        counts = store.counts().to_dict()
    return Snapshot(counts=counts, events=events, incidents=incidents)


def _command(jsonl: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "trocha", "ingest", str(jsonl), "--db", url, "--no-progress"]


def run_to_end(jsonl: Path, url: str) -> float:
    """One uninterrupted run; returns its duration in seconds."""
    start = time.monotonic()
    subprocess.run(_command(jsonl, url), check=True, capture_output=True, timeout=1800)
    return time.monotonic() - start


@dataclass(frozen=True, slots=True)
class CrashRun:
    """How a killed-and-resumed ingest went."""

    kills: int  # SIGKILLs that hit a running process
    finished_early: int  # runs that ended before their kill time
    seconds: float


def run_with_kills(jsonl: Path, url: str, kills: int, seed: int, low: float = 1.5, high: float = 6.0) -> CrashRun:
    """Start the ingest, SIGKILL it after a random delay, `kills` times, then let a last run finish."""
    rng = random.Random(seed)
    start = time.monotonic()
    hit = early = 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for _ in range(kills):
        proc = subprocess.Popen(_command(jsonl, url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            proc.wait(timeout=rng.uniform(low, high))
            early += 1
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            hit += 1
    subprocess.run(_command(jsonl, url), check=True, capture_output=True, timeout=1800)
    return CrashRun(kills=hit, finished_early=early, seconds=time.monotonic() - start)
