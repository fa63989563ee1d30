"""Merge benchmark: time the clustering of stored events, and check it gives the same incidents as another version.

    python benchmarks/merge.py --db DB [--events N] [--reference OLD_MERGE.py] [--dump FILE]

Reads the events of a store (e.g. one filled by benchmarks/web.py --keep DIR: the first N/4 synthetic articles are
what a run with --events N would have generated), clusters the first N of them (by article) with this checkout's
`dedup.merge.cluster_events`, and prints the time and the number of incidents. `--reference` loads another version
of `merge.py` (e.g. `git show main:src/trocha/dedup/merge.py > /tmp/old_merge.py`), clusters the same events with
it, prints its time and fails unless both give exactly the same incidents with the same members and scores.
`--dump` writes one line per incident (its member event ids) for diffing.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trocha.config import settings
from trocha.dedup.compat import Limits
from trocha.dedup.merge import cluster_events
from trocha.store import open_store
from trocha.store.records import EventRow

Clusters = list[list[tuple[EventRow, float | None]]]


def _load_reference(path: str) -> Callable[[list[EventRow], Limits], Clusters]:
    spec = importlib.util.spec_from_file_location("reference_merge", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    fn: Callable[[list[EventRow], Limits], Clusters] = module.cluster_events
    return fn


def _shape(clusters: Clusters) -> list[tuple[tuple[int, float | None], ...]]:
    return [tuple((m.id, s) for m, s in c) for c in clusters]


def _timed(fn: Callable[[list[EventRow], Limits], Clusters], rows: list[EventRow], limits: Limits
           ) -> tuple[Clusters, float]:
    start = time.perf_counter()
    out = fn(rows, limits)
    return out, time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="SQLite file or database URL to read events from (not modified)")
    ap.add_argument("--events", type=int, default=0, help="cluster the events of the first N/4 articles (0: all)")
    ap.add_argument("--reference", help="another merge.py to compare with")
    ap.add_argument("--dump", help="write the incidents' member ids here")
    args = ap.parse_args()
    config = settings()
    limits = Limits(days=config.dedup_days, km=float(config.dedup_km))
    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    start = time.perf_counter()
    with open_store(url) as store:
        rows = list(store.events())
    if args.events:
        rows = [r for r in rows if r.article_id <= args.events // 4]
    print(f"read {len(rows)} events in {time.perf_counter() - start:.1f} s", flush=True)
    got, seconds = _timed(cluster_events, rows, limits)
    print(f"this checkout: {len(got)} incidents in {seconds:.1f} s", flush=True)
    if args.dump:
        Path(args.dump).write_text("".join(" ".join(str(m.id) for m, _ in c) + "\n" for c in got))
    if args.reference:
        ref, ref_seconds = _timed(_load_reference(args.reference), rows, limits)
        same = _shape(ref) == _shape(got)
        print(f"reference:     {len(ref)} incidents in {ref_seconds:.1f} s; identical (members, order, scores): "
              f"{same}", flush=True)
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
