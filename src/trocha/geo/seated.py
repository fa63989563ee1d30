"""Second-level units known from a curated list of their seats (Paraguay's districts, Bolivia's provinces, Turkey's
ilçe, Afghanistan's districts): each unit becomes an admin2 entry at its seat, and every place of the country takes
the unit whose seat is nearest in its first-level unit. GeoNames names no such unit in these countries, names few,
or names them otherwise than coders do (Turkey's "Antakya Ilcesi", Afghanistan's "Pul-e Khumrī")."""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trocha.geo.seats import Seat, nearest_seat, other_seats, seat_place
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
)

# A point: latitude, longitude.
Point = tuple[float, float]


def seated_units(b: _Builder, unit_of: dict[str, GeoEntry], data: Path, csc_dir: Path) -> None:
    """Every country of SEATED_UNITS: its units as admin2 entries, and its places' admin2 by the nearest seat."""
    for cc, file, key, words, source in SEATED_UNITS:
        csc = _csc_points(csc_dir / cc / "states", cc)
        seats: dict[str, list[Seat]] = defaultdict(list)
        named: dict[int, str] = {}  # entry id of the town a unit is named after, or its seat -> the unit
        for group in tomllib.loads((data / file).read_text(encoding="utf-8"))["department"]:
            up = unit_of.get(group["code"]) or _admin1_named(b, cc, group.get("name", ""))
            if up is None:
                continue
            towns = other_seats(b, up.name, group.get("towns", []), cc)
            # A unit whose seat no source has stands at its first other town that one has.
            given = {fold_key(n): (y, x) for n, y, x in group.get("points", [])}
            known = {**{fold_key(n): (y, x) for y, x, n in reversed(towns)}, **csc.get(group["code"], {}), **given}
            for row in group[key]:
                seat = _add_unit(b, cc, up, row, (given, known), words, source)
                if seat is not None:
                    seats[up.name].append(seat)
                named.update(_named_towns(b, cc, up.name, row))
            seats[up.name] += towns
        nearest_seat(b, cc, seats, _unit_of_town(named))


def unit_names(row: list[str]) -> tuple[str, list[str], list[str]]:
    """A data row's unit name, its other names, and its seat's names (the unit's own when the row gives none)."""
    name, *others = row[0].split("|")
    return name, others, row[1:] or [name, *others]


def _add_unit(b: _Builder, cc: str, up: GeoEntry, row: list[str], points: tuple[dict[str, Point], dict[str, Point]],
              words: tuple[str, ...], source: str) -> Seat | None:
    """One unit as an admin2 entry at its seat (the data file's own point of it, else a town of the admin1, else
    another known point); the seat, when found. The file's point comes first: GeoNames may give a seat's name to
    another town (Sürmene is an older name of Araklı). A unit whose seat no source has is placed at its admin1's
    point, as a report naming it was before, and takes no places (source without '+geonames')."""
    given, known = points
    name, others, seat_names = unit_names(row)
    names = [*seat_names, name, *others]
    point = next((given[k] for n in names if (k := fold_key(n)) in given), None)
    town = seat_place(b, up.name, names, cc) if point is None else None
    point = point or ((town.lat, town.lon) if town and town.lat is not None and town.lon is not None else None)
    point = point or next((known[k] for n in names if (k := fold_key(n)) in known), None)
    worded = [f"{w} {n}" for n in (name, *others) for w in words]
    lat, lon = point or (up.lat, up.lon)
    b.add([*others, *worded], kind="admin2", name=name, cc=cc, admin1=up.name, admin2=name, lat=lat, lon=lon,
          source=source if point else source.partition("+")[0])
    return (point[0], point[1], name) if point else None


def _named_towns(b: _Builder, cc: str, admin1: str, row: list[str]) -> dict[int, str]:
    """The towns called by a unit's names or its seat's names in its admin1 (the most populous of each name, by its
    own name, not by one of its other names), which take the unit whatever seat is nearer: GeoNames places some
    towns, Konak in İzmir, at a rounded point that lies nearer another unit's seat."""
    name, others, seat_names = unit_names(row)
    out: dict[int, str] = {}
    for n in reversed([name, *others, *seat_names]):  # the unit's own name last, so it wins a shared town
        town = seat_place(b, admin1, [n], cc)
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
