"""Germany's Kreise: the data file's counts, their index entries, and the Kreis a German place gets."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.geo.coded import first_location
from trocha.api import Extractor
from trocha.geo.entry import GeoEntry
from trocha.geo.gazetteer import Gazetteer

DATA = Path(__file__).resolve().parents[2] / "src" / "trocha" / "geo" / "data" / "de_kreise.toml"

# Landkreise and kreisfreie Städte per Land since 1 July 2021 (Destatis Gemeindeverzeichnis).
COUNTS = {
    "DE-SH": (11, 4), "DE-HH": (0, 1), "DE-NI": (37, 8), "DE-HB": (0, 2), "DE-NW": (31, 22), "DE-HE": (21, 5),
    "DE-RP": (24, 12), "DE-BW": (35, 9), "DE-BY": (71, 25), "DE-SL": (6, 0), "DE-BE": (0, 1), "DE-BB": (14, 4),
    "DE-MV": (6, 2), "DE-SN": (10, 3), "DE-ST": (11, 3), "DE-TH": (17, 5),
}
LANDS = {
    "DE-SH": "Schleswig-Holstein", "DE-HH": "Hamburg", "DE-NI": "Niedersachsen", "DE-HB": "Bremen",
    "DE-NW": "Nordrhein-Westfalen", "DE-HE": "Hessen", "DE-RP": "Rheinland-Pfalz", "DE-BW": "Baden-Württemberg",
    "DE-BY": "Bayern", "DE-SL": "Saarland", "DE-BE": "Berlin", "DE-BB": "Brandenburg",
    "DE-MV": "Mecklenburg-Vorpommern", "DE-SN": "Sachsen", "DE-ST": "Sachsen-Anhalt", "DE-TH": "Thüringen",
}
# Germany's extreme points (List, Oberstdorf, Isenbruch, Deschka), widened by about 0.5°.
BOX = (46.8, 55.6, 5.3, 15.6)


@pytest.fixture(scope="module")
def lands() -> list[dict[str, Any]]:
    with DATA.open("rb") as fh:
        return list(tomllib.load(fh)["land"])


@pytest.fixture(scope="module")
def kreise(gazetteer: Gazetteer) -> list[GeoEntry]:
    return [e for e in (gazetteer.entry(i) for i in range(len(gazetteer))) if e.cc == "DE" and e.kind == "admin2"]


def _names(rows: list[list[str]]) -> list[str]:
    return [row[0].split("|")[0] for row in rows]


def test_counts_per_land(lands: list[dict[str, Any]]) -> None:
    got = {g["land"]: (len(g["kreise"]), len(g["kreisfrei"])) for g in lands}
    assert got == COUNTS


def test_total_is_294_landkreise_and_106_kreisfreie_staedte(lands: list[dict[str, Any]]) -> None:
    assert sum(len(g["kreise"]) for g in lands) == 294
    assert sum(len(g["kreisfrei"]) for g in lands) == 106


# Landkreise that share their name with a kreisfreie Stadt of their Land (most are run from that city; Landkreis
# Fürth from Zirndorf, Landkreis Rostock from Güstrow, Landkreis Leipzig from Borna).
SHARED = {"Osnabrück", "Kassel", "Kaiserslautern", "Heilbronn", "Karlsruhe", "Ansbach", "Aschaffenburg", "Augsburg",
          "Bamberg", "Bayreuth", "Coburg", "Fürth", "Hof", "Landshut", "München", "Passau", "Regensburg", "Rosenheim",
          "Schweinfurt", "Würzburg", "Rostock", "Leipzig"}


def test_a_name_twice_in_a_land_is_a_landkreis_and_a_city(lands: list[dict[str, Any]]) -> None:
    shared: set[str] = set()
    for g in lands:
        landkreise, cities = _names(g["kreise"]), _names(g["kreisfrei"])
        assert len(set(landkreise)) == len(landkreise) and len(set(cities)) == len(cities)
        shared |= set(landkreise) & set(cities)
    assert shared == SHARED


def test_every_landkreis_has_a_seat_and_former_seats_name_its_own_kreise(lands: list[dict[str, Any]]) -> None:
    for g in lands:
        assert all(len(row) >= 2 and row[1] for row in g["kreise"])
        assert {row[0] for row in g.get("former", [])} <= set(_names(g["kreise"]))


def test_every_kreis_is_indexed_with_its_land_and_a_point_in_germany(lands: list[dict[str, Any]],
                                                                     kreise: list[GeoEntry]) -> None:
    indexed = Counter((e.admin1, e.name) for e in kreise)
    for g in lands:
        for name in _names(g["kreise"]) + _names(g["kreisfrei"]):
            assert indexed[(LANDS[g["land"]], name)] >= 1, name
    assert len(kreise) == 400
    min_lat, max_lat, min_lon, max_lon = BOX
    assert all(e.lat is not None and e.lon is not None and min_lat <= e.lat <= max_lat and min_lon <= e.lon <= max_lon
               for e in kreise)


@pytest.mark.parametrize("written, land, kreis", [
    ("Landkreis Harz", "Sachsen-Anhalt", "Harz"),
    ("Kreis Segeberg", "Schleswig-Holstein", "Segeberg"),
    ("Landkreis Neumarkt in der Oberpfalz", "Bayern", "Neumarkt i.d.OPf."),
    ("Stadt Essen", "Nordrhein-Westfalen", "Essen"),
])
def test_worded_kreis_names_find_the_kreis(gazetteer: Gazetteer, written: str, land: str, kreis: str) -> None:
    assert [(e.admin1, e.name) for e in gazetteer.lookup(written) if e.kind == "admin2"] == [(land, kreis)]


def test_a_city_and_the_landkreis_named_after_it_have_their_own_seats(gazetteer: Gazetteer) -> None:
    # Landkreis Rostock is run from Güstrow, 40 km south of the city of Rostock.
    (county,) = [e for e in gazetteer.lookup("Landkreis Rostock") if e.kind == "admin2"]
    city = max((e for e in gazetteer.lookup("Rostock") if e.kind == "place" and e.cc == "DE"),
               key=lambda e: e.population)
    assert county.name == city.admin2 == "Rostock"
    assert county.lat is not None and city.lat is not None and city.lat - county.lat > 0.2


# Invented sentences -> the Kreis: a town of a Landkreis, a kreisfreie Stadt, a Landkreis seated in the city it
# surrounds, a former seat of a merged Kreis, a city district, a Kreis written with a unit word.
CASES = [
    ("On 8 June 2024, about 150 people marched through Schwetzingen against plans for a new logistics centre.",
     {"name": "Schwetzingen", "admin1": "Baden-Württemberg", "admin2": "Rhein-Neckar-Kreis"}),
    ("On 10 June 2024, around 300 nurses rallied in Mannheim for better staffing in hospitals.",
     {"name": "Mannheim", "admin1": "Baden-Württemberg", "admin2": "Mannheim"}),
    ("On 11 June 2024, winegrowers demonstrated in Edenkoben against new pesticide rules.",
     {"name": "Edenkoben", "admin1": "Rheinland-Pfalz", "admin2": "Südliche Weinstraße"}),
    ("On 12 June 2024, students held a sit-in at the university in Landau in der Pfalz over rising rents.",
     {"admin1": "Rheinland-Pfalz", "admin2": "Landau in der Pfalz"}),
    ("On 13 June 2024, farmers drove tractors through Quedlinburg to protest against fuel tax plans.",
     {"name": "Quedlinburg", "admin1": "Sachsen-Anhalt", "admin2": "Harz"}),
    ("On 14 June 2024, about 40 people gathered in Anklam to protest against the closure of a maternity ward.",
     {"name": "Anklam", "admin1": "Mecklenburg-Vorpommern", "admin2": "Vorpommern-Greifswald"}),
    ("On 12 June 2024, tenants protested in Berlin - Neukölln against a planned rent increase.",
     {"admin1": "Berlin", "admin2": "Berlin"}),
    ("On 13 June 2024, farmers blocked a federal road in Harz district with their tractors.",
     {"admin1": "Sachsen-Anhalt", "admin2": "Harz", "precision": "municipality"}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_german_places_get_their_kreis(extractor: Extractor, text: str, expected: dict[str, object]) -> None:
    loc = first_location(extractor, text, published="2024-06-20")
    assert {k: loc.get(k) for k in expected} == expected
    assert loc["country"] == "Germany" and loc["border"] is None  # no border data covers Germany
