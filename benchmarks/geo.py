"""Gazetteer figures: index build time and size, load time, memory after load, resolution and reverse-lookup speed.

    python benchmarks/geo.py            # uses (or builds) the cached index
    python benchmarks/geo.py --build    # rebuild first and time it
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections import Counter

from trocha.geo.gazetteer import build, index_path, load
from trocha.geo.resolve import Geocoder
from trocha.model import PlaceMention

# Names with the units a report writes beside them (written for this benchmark).
MENTIONS = [
    ("Tibú", ("Norte de Santander",)), ("Cucuta", ()), ("San Pablo", ("Bolívar",)), ("Tame", ("Arauca",)),
    ("Lago Agrio", ()), ("Catatumbo", ()), ("Ureña", ("Táchira",)), ("Kupiansk", ("Kharkiv",)),
    ("Mansehra", ("Mansehra", "KPK")), ("Fochville", ("Gauteng", "West Rand")), ("Springfield", ()),
    ("Guapi", ("Cauca",)), ("Tumaco", ("Nariño",)), ("Maicao", ("La Guajira",)), ("Nueva Loja", ("Sucumbíos",)),
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--build", action="store_true", help="rebuild the index first and time the build")
    ap.add_argument("-n", type=int, default=20000, help="resolutions to time (default 20000)")
    args = ap.parse_args()
    base = _rss_mb()
    if args.build or not index_path().exists():
        t = time.perf_counter()
        path = build()
        print(f"build            : {time.perf_counter() - t:6.1f} s   index {path.stat().st_size / 1e6:.1f} MB  "
              f"(peak RSS during build {_rss_mb():.0f} MB)")
    t = time.perf_counter()
    gaz = load()
    load_s = time.perf_counter() - t
    print(f"load             : {load_s:6.2f} s   {len(gaz):,} entries, {len(gaz.index):,} names; "
          f"max RSS {_rss_mb():.0f} MB (process started at {base:.0f} MB)")
    geo = Geocoder(gaz)
    prefer = Counter({"CO": 2})
    mentions = [PlaceMention(0, len(n), n, n, None, hierarchy=h) for n, h in MENTIONS]
    t = time.perf_counter()
    for i in range(args.n):
        geo.resolve(mentions[i % len(mentions)], prefer)
    dt = time.perf_counter() - t
    print(f"resolve          : {args.n / dt:8,.0f} mentions/s")
    rng = random.Random(3)
    points = [(rng.uniform(-4, 12), rng.uniform(-79, -60)) for _ in range(5000)]
    t = time.perf_counter()
    found = sum(1 for lat, lon in points if gaz.nearest(lat, lon, municipality_first=True))
    dt = time.perf_counter() - t
    print(f"reverse lookup   : {len(points) / dt:8,.0f} points/s  ({found} of {len(points)} random points in the "
          f"border region within 50 km of a place)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
