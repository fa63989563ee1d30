"""Accuracy on the gold sets: code every dev record, write predictions, print the scorer's tables.

Usage: python benchmarks/accuracy.py [--eval ../shared/eval] [--split dev] [--out out/eval] [SET ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from trocha.api import Extractor, parse_published
from trocha.errors import Rejected
from trocha.model import Article

SETS = ("acled", "case", "ucdp_col", "cinep", "afp_plover")


def predict(gold: Path, out: Path, extractor: Extractor) -> tuple[int, float]:
    """Write one prediction line per event of every gold record; returns (records, seconds)."""
    started = time.perf_counter()
    n = 0
    with gold.open(encoding="utf-8") as fin, out.open("w", encoding="utf-8") as fout:
        for line in fin:
            rec = json.loads(line)
            n += 1
            art = Article(id=str(rec["id"]), text=rec["text"], lang=rec.get("lang"),
                          published=parse_published(rec.get("published")))
            try:
                events = extractor.run(art).events
            except Rejected:
                continue
            for ev in events:
                fout.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
    return n, time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--eval", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--out", default="out/eval")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("sets", nargs="*", default=list(SETS))
    args = ap.parse_args()
    root = Path(args.eval)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    extractor = Extractor()
    for name in args.sets:
        gold = root / args.split / f"{name}.jsonl"
        if not gold.exists():
            print(f"# {name}: no {gold}", file=sys.stderr)
            continue
        pred = out / f"{name}.pred.jsonl"
        n, secs = predict(gold, pred, extractor)
        print(f"## {name} ({n} records, {n / secs:.0f} records/s)")
        cmd = [sys.executable, str(root / "score.py"), "--gold", str(gold), "--pred", str(pred),
               "--json", str(out / f"{name}.scores.json")]
        if args.errors:
            cmd += ["--errors", str(args.errors)]
        subprocess.run(cmd, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
