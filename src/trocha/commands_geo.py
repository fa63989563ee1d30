"""`trocha geo …`: build the gazetteer index, check what a name resolves to and why, and look up a point."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

from trocha.config import settings
from trocha.geo.gazetteer import Gazetteer, build, index_path, load
from trocha.geo.resolve import Geocoder, clean
from trocha.model import PlaceMention
from trocha.text import fold_key

COMMANDS = ("geo",)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `trocha geo build|resolve|reverse`."""
    geo = sub.add_parser("geo", help="gazetteer commands: build the index, resolve a name, look up a point")
    geo_sub = geo.add_subparsers(dest="geo_command", required=True)
    geo_sub.add_parser("build", help="build (or rebuild) the gazetteer index in the cache folder")
    res = geo_sub.add_parser("resolve", help="what a place name resolves to, with the candidates and why")
    res.add_argument("name", help='the place as written, e.g. "Tibú" or "San Pablo"')
    res.add_argument("--context", action="append", default=[],
                     help='an enclosing unit or country written with it (smallest first; repeatable), e.g. '
                          '--context "Norte de Santander"')
    res.add_argument("--country", help="the article's country (ISO3, e.g. COL), as a tie-breaker")
    res.add_argument("--json", action="store_true", help="print JSON instead of text")
    rev = geo_sub.add_parser("reverse", help="the municipality / admin1 of a coordinate")
    rev.add_argument("lat", type=float)
    rev.add_argument("lon", type=float)
    rev.add_argument("--max-km", type=float, default=50.0, help="farthest populated place accepted (default 50)")


def run(args: argparse.Namespace) -> int:
    """Run a `trocha geo` command."""
    cache = settings().geo_cache_dir
    if args.geo_command == "build":
        t = time.perf_counter()
        path = build(cache)
        gaz = load(cache)
        print(f"trocha: gazetteer index {path} ({path.stat().st_size / 1e6:.1f} MB, {len(gaz):,} entries, "
              f"{len(gaz.index):,} names) built in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        return 0
    if not index_path(cache).exists():
        print("trocha: building the gazetteer index (once; about 40 s)…", file=sys.stderr)
    gaz = load(cache)
    if args.geo_command == "resolve":
        return _resolve(gaz, args)
    return _reverse(gaz, args)


def _resolve(gaz: Gazetteer, args: argparse.Namespace) -> int:
    geocoder = Geocoder(gaz)
    prefer: Counter[str] = Counter()
    if args.country:
        cc = geocoder.iso2_of.get(args.country.upper())
        if cc is None:
            print(f"trocha: error: unknown country code {args.country!r} (use ISO3, e.g. COL)", file=sys.stderr)
            return 2
        prefer[cc] = 1
    mention = PlaceMention(0, len(args.name), args.name, clean(args.name), None, hierarchy=tuple(args.context))
    got = geocoder.resolve(mention, prefer)
    cands = [e for e in gaz.lookup(args.name) or gaz.lookup(clean(args.name))]
    out = {
        "name": args.name,
        "context": args.context,
        "resolved": got.resolved,
        "country": got.country,
        "admin1": got.admin1,
        "admin2": got.admin2,
        "lat": got.lat,
        "lon": got.lon,
        "precision": got.precision,
        "border": got.border.to_dict() if got.border else None,
        "candidates": [
            {"kind": e.kind, "name": e.name, "country": gaz.iso3_of.get(e.cc, e.cc), "admin1": e.admin1,
             "admin2": e.admin2, "lat": e.lat, "lon": e.lon, "population": e.population, "source": e.source}
            for e in sorted(cands, key=lambda e: -e.population)[:15]
        ],
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0 if got.resolved else 1
    if not got.resolved:
        print(f"{args.name!r}: not found in the gazetteer (key {fold_key(args.name)!r})")
        return 1
    where = ", ".join(x for x in (got.admin2, got.admin1, got.country) if x)
    print(f"{args.name!r} -> {where}  ({got.lat}, {got.lon})  precision={got.precision}")
    if got.border:
        b = got.border
        print(f"  border municipality: {'yes' if b.municipality else 'no'}"
              f"{' with ' + ', '.join(b.neighbours) if b.neighbours else ''}; nearest crossing {b.crossing} "
              f"({b.crossing_km} km)")
    print(f"  {len(cands)} candidate(s) by name" + (" (most populous first):" if cands else ""))
    for c in out["candidates"]:
        print(f"    {c['kind']:<9} {c['name']}, {c['admin2'] or '-'}, {c['admin1'] or '-'}, {c['country']}"
              f"  pop={c['population']:,}  [{c['source']}]")
    if args.context:
        print(f"  context used: {' < '.join(args.context)} (a candidate outside these units is dropped)")
    return 0


def _reverse(gaz: Gazetteer, args: argparse.Namespace) -> int:
    if not (-90 <= args.lat <= 90 and -180 <= args.lon <= 180):
        print(f"trocha: error: ({args.lat}, {args.lon}) is not a coordinate", file=sys.stderr)
        return 2
    e = gaz.nearest(args.lat, args.lon, args.max_km, municipality_first=True)
    if e is None:
        print(f"no populated place within {args.max_km} km of ({args.lat}, {args.lon})")
        return 1
    print(f"({args.lat}, {args.lon}) -> {e.admin2 or e.name}, {e.admin1 or '-'}, {gaz.iso3_of.get(e.cc, e.cc)}"
          f"  (nearest {e.kind}: {e.name})")
    return 0
