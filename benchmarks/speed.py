"""Speed of the default pipeline on ~500-word articles built from the dev texts, on one core.

Prints articles/s of trocha's default line, of a spaCy blank tokenizer alone on the same texts, and their ratio.
Usage: python benchmarks/speed.py [--articles 1000] [--words 500] [--eval ../shared/eval] [--stages]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path

from trocha.api import Extractor
from trocha.model import Article


def build_articles(eval_dir: Path, n: int, words: int, seed: int = 7) -> list[tuple[str, str]]:
    """Glue dev texts of one language together until each article has about `words` words."""
    pools: dict[str, list[str]] = {"en": [], "es": []}
    for name in ("acled", "case", "ucdp_col", "cinep", "afp_plover"):
        path = eval_dir / "dev" / f"{name}.jsonl"
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                pools[rec["lang"]].append(rec["text"])
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = "en" if i % 3 else "es"
        parts: list[str] = []
        count = 0
        while count < words:
            t = rng.choice(pools[lang])
            parts.append(t)
            count += len(t.split())
        out.append((lang, "\n\n".join(parts)))
    return out


def print_stage_times(extractor: Extractor, arts: list[tuple[str, str]]) -> None:
    """Run the articles again stage by stage and print the mean milliseconds per article of each stage."""
    spent = dict.fromkeys((s.name for s in extractor.pipeline.stages), 0.0)
    for i, (lang, text) in enumerate(arts):
        article = Article(id=str(i), text=text, lang=lang)
        for stage in extractor.pipeline.stages:
            t = time.perf_counter()
            stage(article)
            spent[stage.name] += time.perf_counter() - t
    for name, secs in spent.items():
        print(f"  {name:<12} {1000 * secs / len(arts):7.2f} ms/article")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--eval", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
    ap.add_argument("--stages", action="store_true", help="also print the mean time of each stage (a second run)")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    arts = build_articles(Path(args.eval), args.articles, args.words)
    n_words = sum(len(t.split()) for _, t in arts)
    extractor = Extractor()
    extractor.extract("warm up: police arrested two men on Tuesday.", lang="en")
    extractor.extract("calentamiento: la policía capturó a dos hombres el martes.", lang="es")
    t0 = time.perf_counter()
    events = 0
    for i, (lang, text) in enumerate(arts):
        events += len(extractor.run(Article(id=str(i), text=text, lang=lang)).events)
    ours = time.perf_counter() - t0
    print(f"articles: {len(arts)}, mean words: {n_words / len(arts):.0f}, events: {events}")
    print(f"trocha default pipeline : {len(arts) / ours:8.1f} articles/s  ({n_words / ours:,.0f} words/s)")
    if args.stages:
        print_stage_times(extractor, arts)
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed (pip install -e '.[dev]'): no tokenizer baseline")
        return 0
    nlps = {"en": spacy.blank("en"), "es": spacy.blank("es")}
    t0 = time.perf_counter()
    for lang, text in arts:
        nlps[lang].make_doc(text)
    tok = time.perf_counter() - t0
    print(f"spaCy blank tokenizer   : {len(arts) / tok:8.1f} articles/s  ({n_words / tok:,.0f} words/s)")
    print(f"ratio (tokenizer / trocha time per article): trocha takes {ours / tok:.1f}x the tokenizer's time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
