"""Syria's and Iraq's districts: the data file's counts, their index entries, and the district a place gets."""

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

DATA = Path(__file__).resolve().parents[2] / "src" / "trocha" / "geo" / "data" / "sy_iq_districts.toml"

# Districts per governorate in OCHA's COD-AB (Syria December 2020, Iraq June 2019); Iraq's Salah al-Din without
# Al-Fares (see the data file's header).
COUNTS = {
    "SY-DI": 1, "SY-HL": 8, "SY-RD": 10, "SY-HI": 6, "SY-HM": 5, "SY-LA": 4, "SY-ID": 5, "SY-TA": 6, "SY-HA": 4,
    "SY-DY": 3, "SY-RA": 3, "SY-DR": 3, "SY-SU": 3, "SY-QU": 2,
    "IQ-AN": 8, "IQ-BA": 7, "IQ-MU": 4, "IQ-NA": 3, "IQ-QA": 4, "IQ-SU": 10, "IQ-BB": 4, "IQ-BG": 10, "IQ-DI": 6,
    "IQ-DA": 4, "IQ-AR": 7, "IQ-KA": 3, "IQ-KI": 4, "IQ-MA": 6, "IQ-NI": 9, "IQ-SD": 7, "IQ-DQ": 5, "IQ-WA": 6,
}
# The governorates' names in the gazetteer (GeoNames' English names, linked to ISO 3166-2).
GOVERNORATES = {
    "SY-DI": "Damascus", "SY-HL": "Aleppo", "SY-RD": "Rif Dimashq", "SY-HI": "Homs", "SY-HM": "Hama",
    "SY-LA": "Latakia", "SY-ID": "Idlib", "SY-TA": "Tartus", "SY-HA": "Al-Hasakah", "SY-DY": "Deir ez-Zor",
    "SY-RA": "Al-Raqqah", "SY-DR": "Daraa", "SY-SU": "As-Suwayda", "SY-QU": "Quneitra",
    "IQ-AN": "Al Anbar", "IQ-BA": "Basra", "IQ-MU": "Al Muthanna", "IQ-NA": "Najaf", "IQ-QA": "Al-Qādisiyyah",
    "IQ-SU": "Sulaymaniyah", "IQ-BB": "Babylon", "IQ-BG": "Baghdad", "IQ-DI": "Diyala", "IQ-DA": "Dohuk",
    "IQ-AR": "Erbil", "IQ-KA": "Karbala", "IQ-KI": "Kirkuk", "IQ-MA": "Maysan", "IQ-NI": "Nineveh",
    "IQ-SD": "Saladin", "IQ-DQ": "Dhi Qar", "IQ-WA": "Wasit",
}
# Each country's extreme points, widened by about 0.3 degrees (south, north, west, east).
BOXES = {"SY": (32.0, 37.6, 35.4, 42.7), "IQ": (28.8, 37.7, 38.5, 48.9)}


@pytest.fixture(scope="module")
def governorates() -> list[dict[str, Any]]:
    with DATA.open("rb") as fh:
        return list(tomllib.load(fh)["governorate"])


@pytest.fixture(scope="module")
def districts(gazetteer: Gazetteer) -> list[GeoEntry]:
    return [e for e in (gazetteer.entry(i) for i in range(len(gazetteer)))
            if e.cc in ("SY", "IQ") and e.kind == "admin2"]


def _names(group: dict[str, Any]) -> list[str]:
    return [row[0].split("|")[0] for row in group["districts"]]


def test_counts_per_governorate(governorates: list[dict[str, Any]]) -> None:
    assert {g["iso"]: len(g["districts"]) for g in governorates} == COUNTS
    assert sum(n for iso, n in COUNTS.items() if iso.startswith("SY")) == 63
    assert sum(n for iso, n in COUNTS.items() if iso.startswith("IQ")) == 107


def test_every_district_has_a_seat_and_towns_and_points_name_its_own(governorates: list[dict[str, Any]]) -> None:
    for g in governorates:
        names = _names(g)
        assert len(set(names)) == len(names)
        assert all(len(row) >= 2 and row[1] for row in g["districts"])
        assert {row[0] for row in g.get("towns", [])} <= set(names)
        assert set(g.get("points", {})) <= set(names)


def test_every_district_is_indexed_with_its_governorate_and_a_point_in_its_country(
        governorates: list[dict[str, Any]], districts: list[GeoEntry]) -> None:
    indexed = Counter((e.admin1, e.name) for e in districts)
    for g in governorates:
        for name in _names(g):
            assert indexed[(GOVERNORATES[g["iso"]], name)] == 1, name
    assert len(districts) == 63 + 107  # no other second-level unit is left in the two countries
    for e in districts:
        south, north, west, east = BOXES[e.cc]
        assert e.lat is not None and e.lon is not None and south <= e.lat <= north and west <= e.lon <= east, e.name


@pytest.mark.parametrize(("place", "governorate", "district"), [
    ("Aleppo", "Aleppo", "Jebel Saman"),        # a governorate's capital: its central district
    ("Jindayris", "Aleppo", "Afrin"),           # a town of a district, nearest its seat
    ("Maskanah", "Aleppo", "Menbij"),           # nearer another seat, placed by its district's sub-district seat
    ("Harasta", "Rif Dimashq", "Duma"),
    ("Al Qayyarah", "Nineveh", "Al Mosul"),
    ("Tuz Khurmatu", "Saladin", "Tooz"),
])
def test_places_carry_their_district(gazetteer: Gazetteer, place: str, governorate: str, district: str) -> None:
    hits = [e for e in gazetteer.lookup(place) if e.kind == "place" and e.admin1 == governorate]
    assert hits and {e.admin2 for e in hits} == {district}


# Invented sentences -> the district: a village near Afrin, towns of Rural Damascus, Iraqi towns in their qadha,
# a district written with its unit word.
CASES = [
    ("On 3 March 2024, Turkish-backed factions shelled Bulbul village in Aleppo countryside, wounding two farmers.",
     {"country": "Syria", "admin1": "Aleppo", "admin2": "Afrin"}),
    ("On 7 March 2024, security forces arrested three young men in Harasta, Rural Damascus.",
     {"country": "Syria", "admin2": "Duma"}),
    ("On 8 March 2024, unidentified gunmen killed a shop owner in Madaya, Rural Damascus.",
     {"country": "Syria", "admin2": "Az-Zabdani"}),
    ("On 9 March 2024, a roadside bomb hit a police patrol in Tuz Khurmatu, wounding two officers.",
     {"country": "Iraq", "admin2": "Tooz"}),
    ("On 10 March 2024, militants attacked a farm near Qayyarah, south of Mosul, killing a shepherd.",
     {"country": "Iraq", "admin2": "Al Mosul"}),
    ("On 11 March 2024, teachers demonstrated in Ranya over delayed salaries.",
     {"country": "Iraq", "admin1": "Sulaymaniyah", "admin2": "Rania"}),
    ("On 13 March 2024, shelling hit farmland in Jebel Saman district, Aleppo.",
     {"country": "Syria", "admin2": "Jebel Saman", "precision": "municipality"}),
    ("On 12 March 2024, Turkish drones struck a vehicle in Afrin district, killing two fighters.",
     {"country": "Syria", "admin2": "Afrin"}),
    ("On 14 March 2024, gunmen shot a border guard near Derkar village in Zakho district, Duhok.",
     {"country": "Iraq", "admin1": "Duhok", "admin2": "Zakho"}),
    # Another name of the district without the article OCHA's has: OCHA's name, as coders write it.
    ("On 22 March 2024, Turkish drones bombed a hillside near Sarsing in Amedi district, Duhok.",
     {"country": "Iraq", "admin2": "Al Amadiya"}),
    # The text's spelling of a district the gazetteer knows, with an ending more or less, wins over OCHA's.
    ("On 23 March 2024, gunmen wounded a farmer near a village of Al Qurnah district, Basrah.",
     {"country": "Iraq", "admin2": "Al Qurnah"}),
    # An unknown village in a governorate named like its central district: that district, as the text names it.
    ("On 21 March 2024, a landmine killed a shepherd near Kharbat Hamo village in Al Hasakeh countryside.",
     {"country": "Syria", "admin1": "Al Hasakeh", "admin2": "Al Hasakeh", "precision": "admin1"}),
]


@pytest.mark.parametrize(("written", "governorate"), [
    ("Rural Damascus", "Rif Dimashq"), ("Ninewa", "Nineveh"), ("Salah Al-Din", "Saladin"), ("Wassit", "Wasit"),
])
def test_governorates_are_found_by_their_ocha_names(gazetteer: Gazetteer, written: str, governorate: str) -> None:
    assert [e.name for e in gazetteer.lookup(written) if e.kind == "admin1"] == [governorate]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_syrian_and_iraqi_places_get_their_district(extractor: Extractor, text: str,
                                                    expected: dict[str, object]) -> None:
    loc = first_location(extractor, text, published="2024-03-20")
    assert {k: loc.get(k) for k in expected} == expected
