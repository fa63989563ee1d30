"""Paraguay's districts and Bolivia's provinces: the data files' counts, their index entries, and the unit a place
of either country gets."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.geo.coded import first_location
from trocha.api import Extractor
from trocha.geo.gazetteer import Gazetteer
from trocha.geo.seated import SEATED_UNITS, unit_names

DATA = Path(__file__).resolve().parents[2] / "src" / "trocha" / "geo" / "data"

# Districts per department (INE Código Geográfico 2022, see py_districts.toml; Asunción is the capital district).
PY_COUNTS = {
    "PY-ASU": 1, "PY-1": 13, "PY-2": 22, "PY-3": 20, "PY-4": 18, "PY-5": 23, "PY-6": 11, "PY-7": 32, "PY-8": 10,
    "PY-9": 17, "PY-10": 23, "PY-11": 19, "PY-12": 16, "PY-13": 5, "PY-14": 16, "PY-15": 9, "PY-16": 6, "PY-19": 6,
}
# Provinces per department (INE Bolivia, unchanged since 1992).
BO_COUNTS = {"BO-H": 10, "BO-L": 20, "BO-C": 16, "BO-O": 16, "BO-P": 16, "BO-T": 6, "BO-S": 15, "BO-B": 8, "BO-N": 5}
COUNTS = {"PY": PY_COUNTS, "BO": BO_COUNTS}
# Extreme points of each country, widened by about 0.5° (min_lat, max_lat, min_lon, max_lon).
BOXES = {"PY": (-28.1, -18.8, -63.1, -53.9), "BO": (-23.4, -9.2, -70.0, -57.0)}
FILES = {cc: (file, key) for cc, file, key, *_ in SEATED_UNITS}
SOURCES = {cc: source.partition("+")[0] for cc, *_, source in SEATED_UNITS}
# How many units at least have their seat placed by GeoNames, countries-states-cities or the file's own points.
SEATED = {"PY": 170, "BO": 72}
# The departments' names in the index.
DEPARTMENTS = {
    "PY-ASU": "Asunción", "PY-1": "Concepción", "PY-2": "San Pedro", "PY-3": "Cordillera", "PY-4": "Guairá",
    "PY-5": "Caaguazú", "PY-6": "Caazapá", "PY-7": "Itapúa", "PY-8": "Misiones", "PY-9": "Paraguarí",
    "PY-10": "Alto Paraná", "PY-11": "Central", "PY-12": "Ñeembucú", "PY-13": "Amambay", "PY-14": "Canindeyú",
    "PY-15": "Presidente Hayes", "PY-16": "Alto Paraguay", "PY-19": "Boquerón",
    "BO-H": "Chuquisaca", "BO-L": "La Paz", "BO-C": "Cochabamba", "BO-O": "Oruro", "BO-P": "Potosí", "BO-T": "Tarija",
    "BO-S": "Santa Cruz", "BO-B": "El Beni", "BO-N": "Pando",
}


def _groups(cc: str) -> list[dict[str, Any]]:
    with (DATA / FILES[cc][0]).open("rb") as fh:
        return list(tomllib.load(fh)["department"])


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_counts_per_department(cc: str) -> None:
    key = FILES[cc][1]
    assert {g["code"]: len(g[key]) for g in _groups(cc)} == COUNTS[cc]


def test_totals() -> None:
    assert sum(PY_COUNTS.values()) == 267
    assert sum(BO_COUNTS.values()) == 112


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_names_are_unique_in_a_department_and_towns_name_its_units(cc: str) -> None:
    key = FILES[cc][1]
    for g in _groups(cc):
        names = [unit_names(row)[0] for row in g[key]]
        assert len(set(names)) == len(names), g["code"]
        assert {row[0] for row in g.get("towns", [])} <= set(names), g["code"]


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_every_unit_is_indexed_with_its_department_and_a_point_in_the_country(gazetteer: Gazetteer,
                                                                              cc: str) -> None:
    units = [e for e in (gazetteer.entry(i) for i in range(len(gazetteer)))
             if e.cc == cc and e.kind == "admin2" and e.source.startswith(SOURCES[cc])]
    indexed = Counter((e.admin1, e.name) for e in units)
    for g in _groups(cc):
        for row in g[FILES[cc][1]]:
            assert indexed[(DEPARTMENTS[g["code"]], unit_names(row)[0])] == 1, row
    assert len(units) == sum(COUNTS[cc].values())
    min_lat, max_lat, min_lon, max_lon = BOXES[cc]
    assert all(e.lat is not None and e.lon is not None and min_lat <= e.lat <= max_lat and min_lon <= e.lon <= max_lon
               for e in units)
    # Units whose seat no source places stand at their department's point (see geo/seats.py): a minority.
    at_seat = [e for e in units if e.source.endswith("+geonames")]
    assert len(at_seat) >= SEATED[cc]


@pytest.mark.parametrize("written, department, unit", [
    ("distrito de Limpio", "Central", "Limpio"),
    ("Distrito Capiibary", "San Pedro", "Capiibary"),
    ("Ichilo", "Santa Cruz", "Ichilo"),
    ("German Busch", "Santa Cruz", "Germán Busch"),
])
def test_worded_unit_names_find_the_unit(gazetteer: Gazetteer, written: str, department: str, unit: str) -> None:
    assert [(e.admin1, e.name) for e in gazetteer.lookup(written) if e.kind == "admin2"] == [(department, unit)]


# Invented sentences -> the unit: a small town that is not a seat takes the district of the nearest seat in its
# department; a district's own seat; a town GeoNames calls by a longer name.
CASES = [
    ("On 2 May 2024, in Puerto Vallemí (Concepción), soldiers detained two men carrying a load of marijuana.",
     {"admin1": "Concepción", "admin2": "San Lázaro"}),
    ("On 3 May 2024, about 200 peasant farmers blocked a road in Capiibary to demand land titles.",
     {"admin1": "San Pedro", "admin2": "Capiibary"}),
    ("On 4 May 2024, residents closed a bridge in Limpio for hours in protest at repeated floods.",
     {"admin1": "Central", "admin2": "Limpio"}),
    ("On 6 May 2024, street vendors marched through Santa Cruz de la Sierra against a new municipal tax.",
     {"admin1": "Santa Cruz", "admin2": "Andrés Ibáñez"}),
    ("On 7 May 2024, police cleared a road blockade set up by coca growers at Chimoré in the Cochabamba tropics.",
     {"admin1": "Cochabamba", "admin2": "Carrasco"}),
    ("On 9 May 2024, about 100 settlers protested in Ichilo province (Santa Cruz) in a dispute over land.",
     {"admin1": "Santa Cruz", "admin2": "Ichilo"}),
    ("On 8 May 2024, teachers went on strike in Quillacollo over unpaid bonuses.",
     {"admin1": "Cochabamba", "admin2": "Quillacollo"}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_places_get_their_unit(extractor: Extractor, text: str, expected: dict[str, object]) -> None:
    loc = first_location(extractor, text, published="2024-05-10")
    assert {k: loc.get(k) for k in expected} == expected
