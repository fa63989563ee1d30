"""Ukraine's raions and settlements from the official codifier (data/ua_katottg.tsv, see scripts/ua-katottg).

Reports and ACLED write Ukrainian places in the national romanisation and code the raion of the 2020 reform
("Beryslavskyi", "Horlivskyi"); GeoNames knows a fraction of Ukraine's 29,700 settlements and none of those raions.
The codifier lists every settlement under its hromada and raion, without coordinates. So:
- a GeoNames place of an oblast that the codifier's settlements of one raion only are named like takes that raion;
  any other place takes the raion of the nearest such place in its oblast;
- a settlement GeoNames lacks becomes a place of its raion, when its name is that of one raion's settlements only
  in its oblast, at the point of its hromada's centre (else of the raion's known places): near enough to say
  the raion and the area, not the village itself (precision: municipality).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trocha.geo.entry import distance_km
from trocha.geo.seats import Seat, nearest_seat
from trocha.text import fold_key

if TYPE_CHECKING:
    from trocha.geo.build import _Builder
    from trocha.geo.entry import GeoEntry

DATA = Path(__file__).parent / "data"

# The national romanisation (Cabinet of Ministers resolution 55 of 27 January 2010). The letters in _FIRST are
# written one way at the start of a word and another inside it; the soft sign and the apostrophe are not written.
_LETTERS = dict(zip(
    "абвгґдежзиіклмнопрстуфхцчшщьʼ’'",
    ["a", "b", "v", "h", "g", "d", "e", "zh", "z", "y", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
     "kh", "ts", "ch", "sh", "shch", "", "", "", ""], strict=True))
_FIRST = {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"), "я": ("ya", "ia")}


@lru_cache(maxsize=4096)
def romanize(name: str, inner_y: bool = False) -> str:
    """A Ukrainian name in the national romanisation ("Новомихайлівка" -> "Novomykhailivka"); with `inner_y`, the
    common variant that writes є ї й ю я with a y inside words too ("Novomykhaylivka", "Kamyanka")."""
    out: list[str] = []
    for i, ch in enumerate(name):
        low = ch.lower()
        start = i == 0 or (not name[i - 1].isalpha() and name[i - 1] not in "ʼ’'")
        if low in _FIRST:
            latin = _FIRST[low][0 if start or inner_y else 1]
        elif low == "г" and i > 0 and name[i - 1].lower() == "з":
            latin = "gh"  # зг is "zgh", told from ж "zh"
        elif low in _LETTERS:
            latin = _LETTERS[low]
        else:
            latin = low
        out.append(latin.capitalize() if ch != low and latin else latin)
    return "".join(out)


def spellings(name: str) -> list[str]:
    """The romanised names a report may write for a Ukrainian name: the national form first."""
    return list(dict.fromkeys((romanize(name), romanize(name, inner_y=True))))


@dataclass(frozen=True, slots=True)
class Settlement:
    oblast: str  # ISO 3166-2 code
    raion: str  # romanised, by its 2020 name ("Bakhmutskyi", "Sievierodonetskyi")
    hromada: str  # romanised
    names: tuple[str, ...]  # romanised spellings, the national one first
    city: bool  # a city (misto), not a village or settlement
    centre: bool  # the settlement its hromada is named after


def settlements(path: Path = DATA / "ua_katottg.tsv") -> list[Settlement]:
    """The codifier's settlements in raions (not those of the Chornobyl zone, which the oblast holds directly)."""
    former = {new: old for old, new in renamed_raions()}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        oblast, raion, hromada, rows = line.split("\t")
        if not raion.endswith("ий"):
            continue
        raion = former.get(romanize(raion), romanize(raion))
        kinds = [row.partition(":") for row in rows.split("|")]
        centre = _centre(hromada, [n for _, _, n in kinds])
        for k, (kind, _, n) in enumerate(kinds):
            out.append(Settlement(oblast, raion, romanize(hromada), tuple(spellings(n)), kind == "M", k == centre))
    return out


def renamed_raions() -> list[tuple[str, str]]:
    """Each renamed raion's 2020 name and its current one."""
    return [(old, new) for old, new in _names()["raions"]["renamed"]]


def _names() -> dict[str, Any]:
    return tomllib.loads((DATA / "ua_names.toml").read_text(encoding="utf-8"))


def _centre(hromada: str, names: list[str]) -> int:
    """The settlement a hromada is named after: the one sharing the longest start with the hromada's adjective
    ("Андріївська" of "Андріївка"); the first listed on ties (the codifier lists the centre first)."""
    def shared(n: str) -> int:
        k = 0
        while k < min(len(n), len(hromada)) and n[k].lower() == hromada[k].lower():
            k += 1
        return k
    return max(range(len(names)), key=lambda i: (shared(names[i]), -i))


def ukrainian_units(b: _Builder, unit_of: dict[str, GeoEntry]) -> None:
    """Raions for Ukraine's places, and places for the settlements GeoNames lacks (see the module's docstring).
    The oblasts have their shown names already, and the cities with special status their own unit (shown.py)."""
    rows = [s for s in settlements() if s.oblast in unit_of]
    named: dict[tuple[str, str], list[Settlement]] = defaultdict(list)  # (oblast name, folded name) -> settlements
    for s in rows:
        for n in s.names:
            named[(unit_of[s.oblast].name, fold_key(n))].append(s)
    places = [i for i, e in enumerate(b.entries) if e.cc == "UA" and e.kind == "place" and e.admin1 is not None]
    keys_of: dict[int, list[str]] = defaultdict(list)
    wanted = set(places)
    for key, ids in b.names.items():
        for i in wanted.intersection(ids):
            keys_of[i].append(key)
    own: dict[int, str] = {}
    choices: dict[int, set[str]] = {}
    known: dict[Settlement, GeoEntry] = {}
    for i in places:
        e = b.entries[i]
        same = _named_like(e, keys_of[i], named)
        for s in same:
            known.setdefault(s, e)
        raions = {s.raion for s in same}
        cities = {s.raion for s in same if s.city}
        if len(raions) == 1:
            own[i] = raions.pop()
        elif len(cities) == 1 and e.population >= _CITY:
            own[i] = cities.pop()  # the city, not a village of the same name
        elif raions:
            choices[i] = raions
    seats: dict[str, list[Seat]] = defaultdict(list)
    for i, raion in own.items():
        e = b.entries[i]
        if e.lat is not None and e.lon is not None:
            seats[e.admin1 or ""].append((e.lat, e.lon, raion))
    # A place named like settlements of several raions takes the one of them with the nearest known place.
    for i, raions in choices.items():
        e = b.entries[i]
        near = [p for p in seats.get(e.admin1 or "", []) if p[2] in raions]
        if near and e.lat is not None and e.lon is not None:
            lat, lon = e.lat, e.lon
            own[i] = min(near, key=lambda p: distance_km(lat, lon, p[0], p[1]))[2]
    nearest_seat(b, "UA", seats, own=lambda e: own.get(e.id))
    _add_settlements(b, unit_of, rows, named, known, seats)
    _add_raions(b)


def _add_raions(b: _Builder) -> None:
    """Each raion as an admin2 entry at its most populous place, found by its current name too when renamed."""
    members: dict[tuple[str, str], list[GeoEntry]] = defaultdict(list)
    for e in b.entries:
        if e.cc == "UA" and e.kind == "place" and e.admin1 and e.admin2:
            members[(e.admin1, e.admin2)].append(e)
    current = dict(renamed_raions())
    for (oblast, raion), places in sorted(members.items()):
        if any(e.name == raion for e in places):
            continue  # a city that is its own unit (Kyiv) stands for it
        top = max(places, key=lambda e: e.population)
        # Placed at a GeoNames town, like the districts known from GeoNames' names, whose rank it keeps (see
        # resolve's score: a curated unit outranks its seat, this one does not).
        b.add([current[raion]] if raion in current else [], kind="admin2", name=raion, cc="UA", admin1=oblast,
              admin2=raion, lat=top.lat, lon=top.lon, population=sum(e.population for e in places),
              source="geonames+katottg")


# A place this large named like a city and like villages of other raions is the city.
_CITY = 10_000


def _named_like(e: GeoEntry, keys: list[str], named: dict[tuple[str, str], list[Settlement]]) -> list[Settlement]:
    """The settlements of a place's oblast named as it is; else those named as one of its other names (`keys`)."""
    own = named.get((e.admin1 or "", fold_key(e.name)))
    if own:
        return own
    return list({s: None for n in keys for s in named.get((e.admin1 or "", n), ())})


def _add_settlements(b: _Builder, unit_of: dict[str, GeoEntry], rows: list[Settlement],
                     named: dict[tuple[str, str], list[Settlement]], known: dict[Settlement, GeoEntry],
                     seats: dict[str, list[Seat]]) -> None:
    centres = {(s.oblast, s.raion, s.hromada): (e.lat, e.lon) for s, e in known.items() if s.centre}
    by_raion: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for oblast_name, points in seats.items():
        for lat, lon, raion in points:
            by_raion[(oblast_name, raion)].append((lat, lon))
    for s in rows:
        oblast = unit_of[s.oblast]
        if s in known or any(len({t.raion for t in named[(oblast.name, fold_key(n))]}) > 1 for n in s.names):
            continue
        point = centres.get((s.oblast, s.raion, s.hromada))
        if point is None or point[0] is None or point[1] is None:
            near = by_raion.get((oblast.name, s.raion))
            point = (sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)) if near else None
        if point is None:
            continue
        b.add(list(s.names[1:]), kind="place", name=s.names[0], cc="UA", admin1=oblast.name, admin2=s.raion,
              lat=point[0], lon=point[1], approximate=True, source="katottg+geonames")
