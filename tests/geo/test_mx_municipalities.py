"""Mexico's municipalities (INEGI, mx_municipios.toml): the file's counts, their index entries, and the municipality
a place of Mexico gets, whether its seat is named like it, by the head of its name, by a title, or by nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.geo.units import assert_coded, entries
from trocha.api import Extractor
from trocha.geo.gazetteer import Gazetteer
from trocha.geo.seated import unit_names

FILE = Path(__file__).resolve().parents[2] / "src" / "trocha" / "geo" / "data" / "mx_municipios.toml"
# Mexico's extreme points, widened by about 0.3° (min_lat, max_lat, min_lon, max_lon).
BOX = (14.2, 33.0, -118.7, -86.4)


def _groups() -> list[dict[str, Any]]:
    with FILE.open("rb") as fh:
        return list(tomllib.load(fh)["department"])


def test_every_state_and_municipality_is_listed_with_a_centroid_in_mexico() -> None:
    groups = _groups()
    assert len(groups) == 32  # 31 states and Mexico City
    assert sum(len(g["municipalities"]) for g in groups) == 2478  # INEGI's Marco Geoestadístico (2,462 + 16)
    for g in groups:
        names = [unit_names(row)[0] for row in g["municipalities"]]
        assert len(set(names)) == len(names), g["code"]
        assert [c[0] for c in g["centroids"]] == names, g["code"]
        assert all(BOX[0] <= c[1] <= BOX[1] and BOX[2] <= c[2] <= BOX[3] for c in g["centroids"]), g["code"]
    counts = {g["code"]: len(g["municipalities"]) for g in groups}
    assert (counts["MX-CMX"], counts["MX-OAX"], counts["MX-BCS"]) == (16, 570, 5)


def test_each_municipality_is_an_index_entry_under_its_state(gazetteer: Gazetteer) -> None:
    units = entries(gazetteer, "MX", "admin2")
    assert len(units) == 2478
    assert len({(e.admin1, e.name) for e in units}) == 2478
    assert all(e.lat is not None and e.lon is not None and BOX[0] <= e.lat <= BOX[1] and BOX[2] <= e.lon <= BOX[3]
               for e in units)


@pytest.mark.parametrize("town, state, unit", [
    ("Tamasopo", "San Luis Potosí", "Tamasopo"),  # named like its municipality
    ("Hermosillo", "Sonora", "Hermosillo"),  # far from the centre of a vast municipality: its name decides
    ("Chilpancingo", "Guerrero", "Chilpancingo de los Bravo"),  # the head of the official name
    ("Oaxaca", "Oaxaca", "Oaxaca de Juárez"),
    ("Los Reyes de Salgado", "Michoacán de Ocampo", "Los Reyes"),  # the municipality's name and a hero's
    ("Cancún", "Quintana Roo", "Benito Juárez"),  # named otherwise: a large town claims the nearest unseated unit
    pytest.param("Los Mochis", "Sinaloa", "Ahome", marks=pytest.mark.xfail(strict=True, reason=(
        "known wrong: Ahome's seat is Los Mochis, but the town called Ahome is taken for it (no list of seats); "
        "Los Mochis then lies nearest Juan José Ríos' centroid"))),
    ("Alpuyeca", "Morelos", "Xochitepec"),  # a village takes the nearest seat or centre
])
def test_a_town_takes_its_municipality(gazetteer: Gazetteer, town: str, state: str, unit: str) -> None:
    found = [e for e in gazetteer.lookup(town) if e.kind == "place" and e.cc == "MX" and e.admin1 == state]
    assert found and found[0].admin2 == unit


@pytest.mark.parametrize("written, state, unit", [
    ("Juchitán de Zaragoza", "Oaxaca", "Heroica Ciudad de Juchitán de Zaragoza"),  # without the honorific title
    ("Municipio de Villamar", "Michoacán de Ocampo", "Villamar"),
])
def test_other_names_find_the_municipality(gazetteer: Gazetteer, written: str, state: str, unit: str) -> None:
    assert (state, unit) in [(e.admin1, e.name) for e in gazetteer.lookup(written) if e.kind == "admin2"]


# Invented sentences -> the municipality, as INEGI names it and coders write it.
CASES = [
    ("On 3 March 2024, gunmen on a motorcycle shot dead a taxi driver in Cancun, Quintana Roo.",
     {"admin1": "Quintana Roo", "admin2": "Benito Juárez"}),
    ("On 4 March 2024, teachers blocked the highway to Acapulco in Chilpancingo, Guerrero, over unpaid wages.",
     {"admin1": "Guerrero", "admin2": "Chilpancingo de los Bravo"}),
    ("On 5 March 2024, in the municipality of Villamar, Michoacan, three men were found shot dead.",
     {"admin1": "Michoacán de Ocampo", "admin2": "Villamar"}),
    ("On 6 March 2024, in Alpuyeca, Morelos, residents beat two men they accused of robbing a shop.",
     {"admin1": "Morelos", "admin2": "Xochitepec"}),
    ("El 7 de marzo de 2024, en Heroica Zitácuaro, Michoacán, vecinos bloquearon la carretera federal para exigir "
     "agua potable.", {"admin1": "Michoacán de Ocampo", "admin2": "Zitácuaro"}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_places_get_their_municipality(extractor: Extractor, text: str, expected: dict[str, object]) -> None:
    assert_coded(extractor, text, expected, published="2024-03-10")
