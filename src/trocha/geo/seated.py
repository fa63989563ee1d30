"""Second-level units known from a curated list of their seats (Paraguay's districts, Bolivia's provinces, Turkey's
ilçe, Afghanistan's districts, Chile's provinces, Argentina's departamentos and partidos) or of their centroids
(Mexico's municipalities): each unit becomes an admin2 entry at its seat, and every place of the country takes the
unit whose seat (or centroid) is nearest in its first-level unit. GeoNames names no such unit in these countries,
names few, or names them otherwise than coders do (Turkey's "Antakya Ilcesi", Afghanistan's "Pul-e Khumrī"). A
Chilean province's comunas and an Argentine department's centroid and main towns stand for it as well as its seat
(the data files' `towns` and `points`)."""

from __future__ import annotations

import json
import math
import tomllib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trocha.geo.entry import distance_km
from trocha.geo.seats import LARGE_TOWN, NEARER, SEAT_KM, Seat, nearest_seat, other_seats, seat_place
from trocha.text import fold_key

if TYPE_CHECKING:
    from trocha.geo.build import _Builder
    from trocha.geo.entry import GeoEntry

# (country, data file, the key of a department's rows, words written before a unit's name, source). English and
# the other Spanish unit words ("Ichilo province", "provincia de Ichilo") are dropped from names by unit_key.
SEATED_UNITS = (
    ("PY", "py_districts.toml", "districts", ("Distrito de", "Distrito"), "dgeec+geonames"),
    ("BO", "bo_provinces.toml", "provinces", (), "ine-bolivia+geonames"),
    ("TR", "tr_districts.toml", "districts", (), "tr-interior+geonames"),
    ("AF", "af_districts.toml", "districts", (), "agcho+geonames"),
    ("CL", "cl_provinces.toml", "provinces", (), "ine-chile+geonames"),
    ("AR", "ar_departments.toml", "departments", (), "indec+georef-ar+geonames"),
    ("MX", "mx_municipios.toml", "municipalities", ("Municipio de", "Municipio"), "inegi+geonames"),
)

# A point: latitude, longitude.
Point = tuple[float, float]


def seated_units(b: _Builder, unit_of: dict[str, GeoEntry], data: Path, csc_dir: Path) -> None:
    """Every country of SEATED_UNITS: its units as admin2 entries, and its places' admin2 by the nearest seat."""
    for cc, file, key, words, source in SEATED_UNITS:
        csc = _csc_points(csc_dir / cc / "states", cc)
        seats: dict[str, list[Seat]] = defaultdict(list)
        named: dict[int, str] = {}  # entry id of the town a unit is named after, or its seat -> the unit
        table = tomllib.loads((data / file).read_text(encoding="utf-8"))
        titles: list[str] = table.get("seat_titles", [])  # "Heroica Zitácuaro", "Ciudad Acuña": seats by title
        large = _large_towns(b, cc) if any("centroids" in g for g in table["department"]) else {}
        for group in table["department"]:
            up = unit_of.get(group["code"]) or _admin1_named(b, cc, group.get("name", ""))
            if up is None:
                continue
            towns = other_seats(b, up.name, group.get("towns", []), cc)
            # A unit whose seat no source has stands at its first other town that one has.
            given = {fold_key(n): (y, x) for n, y, x in group.get("points", [])}
            known = {**{fold_key(n): (y, x) for y, x, n in reversed(towns)}, **csc.get(group["code"], {}), **given}
            centroids = {fold_key(n): (y, x) for n, y, x in group.get("centroids", [])}
            rows: list[list[str]] = [_titled(row, titles) for row in group[key]]
            centre = [centroids.get(fold_key(unit_names(row)[0])) for row in rows]
            points = [_seat_point(b, cc, up, row, (given, known), c) for row, c in zip(rows, centre, strict=True)]
            own = {town: unit for row, c in zip(rows, centre, strict=True)
                   for town, unit in _named_towns(b, cc, up.name, row, c).items()}
            if centroids:
                own.update(_claim_seats(large.get(up.name, []), rows, points, centre, set(own)))
            for row, point, c in zip(rows, points, centre, strict=True):
                seat = _add_unit(b, cc, up, row, point or c, words, source)
                if seat is not None:
                    seats[up.name].append(seat)
                    if c is not None and point is not None:
                        seats[up.name].append((*c, seat[2]))  # the far side of a unit whose seat is off its centre
            named.update(own)
            seats[up.name] += towns
        nearest_seat(b, cc, seats, _unit_of_town(named))


def unit_names(row: list[str]) -> tuple[str, list[str], list[str]]:
    """A data row's unit name, its other names, and its seat's names (the unit's own when the row gives none)."""
    name, *others = row[0].split("|")
    return name, others, row[1:] or [name, *others]


def _titled(row: list[str], titles: list[str]) -> list[str]:
    """A data row with its unit's names preceded by each title as further names of its seat."""
    if not titles:
        return row
    name, others, seat_names = unit_names(row)
    return [row[0], *seat_names, *(f"{t} {n}" for n in (name, *others) for t in titles)]


def _seat_point(b: _Builder, cc: str, up: GeoEntry, row: list[str], points: tuple[dict[str, Point], dict[str, Point]],
                centroid: Point | None) -> Point | None:
    """A unit's seat: the data file's own point of it, else a town of the admin1 called by its names, else another
    known point. The file's point comes first: GeoNames may give a seat's name to another town (Sürmene is an older
    name of Araklı). Where the file gives the unit's centroid, a seat found by another name than the unit's own must
    lie near it."""
    given, known = points
    name, others, seat_names = unit_names(row)
    names = [*seat_names, name, *others]
    point = next((given[k] for n in names if (k := fold_key(n)) in given), None)
    town = _seat_town(b, up.name, (name, others, seat_names), cc, centroid) if point is None else None
    point = point or ((town.lat, town.lon) if town and town.lat is not None and town.lon is not None else None)
    if point is not None or centroid is not None:
        return point  # a village may share a unit's name: where the centroid is known, it stands for an unknown seat
    return next((known[k] for n in names if (k := fold_key(n)) in known), None)


def _large_towns(b: _Builder, cc: str) -> dict[str, list[GeoEntry]]:
    """A country's towns of LARGE_TOWN people or more with a point, by admin1, the most populous first."""
    out: dict[str, list[GeoEntry]] = defaultdict(list)
    for e in sorted((e for e in b.entries if e.kind == "place" and e.cc == cc and e.population >= LARGE_TOWN
                     and e.lat is not None and e.lon is not None), key=lambda e: -e.population):
        out[e.admin1 or ""].append(e)
    return out


def _claim_seats(large: list[GeoEntry], rows: list[list[str]], points: list[Point | None],
                 centre: list[Point | None], taken: set[int]) -> dict[int, str]:
    """Seats for the units no name found (Benito Juárez, whose seat is Cancún): each large town of the admin1
    (`large`, the most populous first) that is no unit's named town or seat becomes the seat of the nearest such unit
    whose centroid lies within SEAT_KM and not more than NEARER times as far as the nearest seat found. A town that
    large is most often a seat. The towns found, in `points`, and their units."""
    seatless = {i: c for i, (p, c) in enumerate(zip(points, centre, strict=True)) if p is None and c is not None}
    towns = [e for e in large if e.id not in taken and (e.lat, e.lon) not in points]
    out: dict[int, str] = {}
    for town in towns:
        if not seatless:
            break
        assert town.lat is not None and town.lon is not None
        lat, lon = town.lat, town.lon
        key = fold_key(town.name)
        # "Los Reyes de Salgado" is the seat of Los Reyes: the unit's name with a hero's added, else the nearest.
        i, d = min(((i, distance_km(lat, lon, *c)) for i, c in seatless.items()),
                   key=lambda x: (not _extends(key, unit_names(rows[x[0]])[0]), x[1]))
        nearest_seat_km = min((distance_km(lat, lon, *p) for p in points if p is not None), default=math.inf)
        if d <= SEAT_KM and (d < NEARER * nearest_seat_km or _extends(key, unit_names(rows[i])[0])):
            points[i] = (lat, lon)
            out[town.id] = unit_names(rows[i])[0]
            del seatless[i]
    return out


def _extends(town: str, unit: str) -> bool:
    """Whether a (folded) town name is a unit's name followed by "de" or "del" and more."""
    head = fold_key(unit)
    return town.startswith(head + " de ") or town.startswith(head + " del ")


def _add_unit(b: _Builder, cc: str, up: GeoEntry, row: list[str], point: Point | None, words: tuple[str, ...],
              source: str) -> Seat | None:
    """One unit as an admin2 entry at its seat; the seat, when there is one. A unit whose seat no source has is
    placed at its admin1's point, as a report naming it was before, and takes no places (source without
    '+geonames')."""
    name, others, _ = unit_names(row)
    worded = [f"{w} {n}" for n in (name, *others) for w in words]
    lat, lon = point or (up.lat, up.lon)
    b.add([*others, *worded], kind="admin2", name=name, cc=cc, admin1=up.name, admin2=name, lat=lat, lon=lon,
          source=source if point else source.partition("+")[0])
    return (point[0], point[1], name) if point else None


def _seat_town(b: _Builder, admin1: str, names: tuple[str, list[str], list[str]], cc: str,
               centroid: Point | None) -> GeoEntry | None:
    """The most populous town of the admin1 called by the unit's own names or, near the unit's centroid where the
    file gives one, by its seat's other names: a short or titled name ("Chilpancingo", "Heroica Zitácuaro") may
    also belong to a village of another unit."""
    name, others, seat_names = names
    own = [name, *others]
    found = [t for t in (seat_place(b, admin1, [*seat_names, *own] if centroid is None else own, cc),
                         seat_place(b, admin1, [n for n in seat_names if n not in own], cc, centroid)
                         if centroid is not None else None) if t is not None]
    return max(found, key=lambda e: e.population) if found else None


def _named_towns(b: _Builder, cc: str, admin1: str, row: list[str], centroid: Point | None = None) -> dict[int, str]:
    """The towns called by a unit's names or its seat's names in its admin1 (the most populous of each name, by its
    own name, not by one of its other names; near the unit's centroid, when known), which take the unit whatever
    seat is nearer: GeoNames places some towns, Konak in İzmir, at a rounded point that lies nearer another unit's
    seat."""
    name, others, seat_names = unit_names(row)
    out: dict[int, str] = {}
    for n in reversed([name, *others, *seat_names]):  # the unit's own name last, so it wins a shared town
        town = seat_place(b, admin1, [n], cc, None if n in (name, *others) else centroid)
        if town is not None and fold_key(town.name) == fold_key(n):  # its name, not one of its other names
            out[town.id] = name
    return out


def _unit_of_town(named: dict[int, str]) -> Callable[[GeoEntry], str | None]:
    """nearest_seat's `own`: the unit a town is named for, if any."""
    return lambda e: named.get(e.id)


def _csc_points(states: Path, cc: str) -> dict[str, dict[str, Point]]:
    """countries-states-cities' towns of a country: ISO 3166-2 code -> folded name -> point (the first of a name)."""
    out: dict[str, dict[str, Point]] = defaultdict(dict)
    for path in sorted(states.glob("*/cities.json")):
        rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
        for row in rows:
            out[f"{cc}-{row['state_code']}"].setdefault(fold_key(row["name"]),
                                                        (float(row["latitude"]), float(row["longitude"])))
    return out


def _admin1_named(b: _Builder, cc: str, name: str) -> GeoEntry | None:
    """The admin1 entry of a country by its name: a unit no current-unit link covers (Paraguay's capital)."""
    key = fold_key(name)
    return next((e for e in b.entries if e.kind == "admin1" and e.cc == cc and key and fold_key(e.name) == key), None)
