"""Second-level units placed by their seats: a unit's seat is looked up among the places of its admin1, and every
place of a country takes the unit whose seat is nearest. Used by the gazetteer build (build.py) for the countries
whose GeoNames data lacks the units reports are coded with."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trocha.geo.entry import GeoEntry, distance_km
from trocha.text import fold_key

if TYPE_CHECKING:
    from trocha.geo.build import _Builder

DATA = Path(__file__).parent / "data"

# A unit's seat: its latitude, longitude and the unit's name.
Seat = tuple[float, float, str]

# How far from its unit's centroid a seat may lie: about the radius of the largest municipalities that have
# neighbours on every side (Chilpancingo stands 28 km from its municipality's centroid).
SEAT_KM = 40.0
# A town this large is most often the seat of a unit: it becomes the seat of a unit whose seat is unknown when that
# unit's centroid is within SEAT_KM and not more than NEARER times as far as the nearest seat known.
LARGE_TOWN = 5000
NEARER = 1.5


def seat_place(b: _Builder, admin1: str, names: list[str], cc: str | None = None,
               near: tuple[float, float] | None = None) -> GeoEntry | None:
    """The most populous place of an admin1 (of the country `cc`, when given: Paraguay and Argentina both have a
    Misiones) called by one of these names: a unit's seat. With `near` (a unit's centroid), only places within
    SEAT_KM of it and called so by their own name, not by another name: a village of another unit may carry the
    seat's name, and "Pinotepa" is another name of Pinotepa Nacional, not the seat of Pinotepa de Don Luis."""
    keys = dict.fromkeys(fold_key(n) for n in names)  # in order: the first of equally populous places wins
    found = [e for k in keys for i in b.names.get(k, ())
             if (e := b.entries[i]).kind == "place" and e.admin1 == admin1 and cc in (None, e.cc)
             and (near is None or (e.lat is not None and e.lon is not None and fold_key(e.name) in keys
                                   and distance_km(e.lat, e.lon, *near) <= SEAT_KM))]
    return max(found, key=lambda e: e.population) if found else None


def nearest_seat(b: _Builder, cc: str, seats: dict[str, list[Seat]],
                 own: Callable[[GeoEntry], str | None] | None = None) -> None:
    """Every place of a country takes the unit `own` gives it, else the one whose seat is nearest in its admin1: an
    approximation of the units' borders that holds for compact units with central seats, except near a border."""
    for i, e in enumerate(b.entries):
        if e.cc != cc or e.kind != "place" or e.lat is None or e.lon is None:
            continue
        lat, lon = e.lat, e.lon
        unit = own(e) if own is not None else None
        near = seats.get(e.admin1 or "")
        if unit is None and near:
            unit = min(near, key=lambda s: distance_km(lat, lon, s[0], s[1]))[2]
        if unit is not None:
            b.entries[i] = replace(e, admin2=unit)


def other_seats(b: _Builder, admin1: str, rows: list[list[str]], cc: str | None = None) -> list[Seat]:
    """The points of a unit's other towns (a sub-district's, a merged Kreis's or a long province's seats), each
    standing for the unit: rows of the unit's name ("name|other names") then the towns, each "name|other names" (a
    Chilean comuna and its seat: "Natales|Puerto Natales")."""
    found = []
    for name, *towns in rows:
        for t in towns:
            town = seat_place(b, admin1, t.split("|"), cc)
            if town is not None and town.lat is not None and town.lon is not None:
                found.append((town.lat, town.lon, name.split("|")[0]))
    return found


def syrian_and_iraqi_districts(b: _Builder, unit_of: dict[str, GeoEntry]) -> None:
    """Syria's and Iraq's districts (sy_iq_districts.toml, OCHA's names) become admin2 entries at their seat, and
    every place of the two countries takes the district whose seat, or one of its sub-district seats, is nearest in
    its governorate: GeoNames names the district of a handful of their places only. The governorates are also found
    by OCHA's names ("Rural Damascus")."""
    seats: dict[str, dict[str, list[Seat]]] = defaultdict(lambda: defaultdict(list))  # country -> governorate -> ..
    for group in tomllib.loads((DATA / "sy_iq_districts.toml").read_text(encoding="utf-8"))["governorate"]:
        unit = unit_of.get(group["iso"])
        if unit is None:
            continue
        for name in group.get("names", []):
            b.add_alias(name, unit)
        _governorate_districts(b, unit, group, seats[unit.cc][unit.name])
    for cc, by_governorate in seats.items():
        nearest_seat(b, cc, by_governorate)


def _governorate_districts(b: _Builder, unit: GeoEntry, group: dict[str, Any], seats: list[Seat]) -> None:
    """One governorate's districts as admin2 entries; their seats and their sub-districts' seats in `seats`."""
    points: dict[str, list[float]] = group.get("points", {})
    for written, *spellings in group["districts"]:
        name, *aliases = written.split("|")
        town = seat_place(b, unit.name, spellings)
        lat, lon = (town.lat, town.lon) if town is not None else _point(points.get(name))
        b.add(aliases, kind="admin2", name=name, cc=unit.cc, admin1=unit.name, admin2=name, lat=lat, lon=lon,
              source="ocha-cod-ab+geonames")
        if lat is not None and lon is not None:
            seats.append((lat, lon, name))
    seats += other_seats(b, unit.name, group.get("towns", []))


def _point(given: list[float] | None) -> tuple[float | None, float | None]:
    return (given[0], given[1]) if given else (None, None)
