"""Crash benchmark: ingest N synthetic articles uninterrupted, then again with SIGKILLs at random moments, on SQLite
and (when TROCHA_TEST_PG_URL is set) PostgreSQL; prints throughput and whether the resumed store matches.

    python benchmarks/crash.py [--articles 2000] [--kills 5] [--seed 2024]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.store.backends import reset_pg
from tests.store.crash import run_to_end, run_with_kills, snapshot
from tests.store.synthetic import write


def main() -> int:
    """Run the benchmark and print one block of figures per backend; exit 1 when a resumed store differs."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        batch = write(Path(tmp) / "batch.jsonl", args.articles)
        backends = [("sqlite", f"sqlite:///{tmp}/ref.db", f"sqlite:///{tmp}/crash.db")]
        pg = os.environ.get("TROCHA_TEST_PG_URL")
        if pg:
            backends.append(("postgresql", pg, pg))
        for name, ref_url, crash_url in backends:
            if name == "postgresql":
                reset_pg(pg or "")
            seconds = run_to_end(batch, ref_url)
            ref = snapshot(ref_url)
            if name == "postgresql":
                reset_pg(pg or "")
            run = run_with_kills(batch, crash_url, args.kills, args.seed)
            got = snapshot(crash_url)
            same = got == ref
            failed |= not same
            c = ref.counts
            print(f"{name}: {args.articles} lines -> {c['articles']} articles ({c['near_duplicates']} near-dups), "
                  f"{c['events']} events, {c['incidents']} incidents, {c['rejected']} rejected")
            print(f"  uninterrupted: {seconds:.1f} s ({args.articles / seconds:.0f} lines/s, "
                  f"{c['articles'] / seconds:.0f} stored articles/s incl. coding and merge)")
            print(f"  with {run.kills} SIGKILLs ({run.finished_early} runs ended before their kill): "
                  f"{run.seconds:.1f} s in all; resumed store identical: {same}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
