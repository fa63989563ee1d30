"""Sanity checks for the curated gazetteer data in src/trocha/geo/data (standard library + pycountry only)."""

from __future__ import annotations

import csv
import math
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[2] / "src" / "trocha" / "geo" / "data"

ADMIN1_COLUMNS = {"country", "name", "iso", "aliases", "lat", "lon", "capital", "border", "source"}
MUNICIPALITY_COLUMNS = {"country", "admin1", "name", "code", "seat", "aliases", "lat", "lon", "border", "source"}

# Country bounding boxes (min_lat, max_lat, min_lon, max_lon): the approximate extreme points of each country as given
# in general references (mainland plus islands: San Andrés and Providencia for CO, Galápagos for EC, Isla de Aves for
# VE), each widened by about 0.5°.
BOUNDING_BOXES: dict[str, tuple[float, float, float, float]] = {
    "CO": (-4.8, 13.9, -82.0, -66.3),
    "VE": (0.1, 16.2, -73.9, -59.3),
    "EC": (-5.5, 2.0, -92.5, -74.8),
}

def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _read_toml(name: str) -> dict[str, Any]:
    with (DATA / name).open("rb") as handle:
        return tomllib.load(handle)


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _inside_box(country: str, lat: float, lon: float) -> bool:
    min_lat, max_lat, min_lon, max_lon = BOUNDING_BOXES[country]
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


@pytest.fixture(scope="module")
def admin1() -> list[dict[str, str]]:
    return _read_csv("admin1.csv")


@pytest.fixture(scope="module")
def municipalities() -> list[dict[str, str]]:
    return _read_csv("municipalities.csv")


@pytest.fixture(scope="module")
def municipality_keys(municipalities: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    return {(row["country"], row["admin1"], row["name"]) for row in municipalities}


def test_admin1_has_the_expected_columns(admin1: list[dict[str, str]]) -> None:
    assert set(admin1[0].keys()) == ADMIN1_COLUMNS


def test_municipalities_have_the_expected_columns(municipalities: list[dict[str, str]]) -> None:
    assert set(municipalities[0].keys()) == MUNICIPALITY_COLUMNS


def test_admin1_counts_per_country(admin1: list[dict[str, str]]) -> None:
    counts = Counter(row["country"] for row in admin1)
    assert counts == {"CO": 33, "VE": 25, "EC": 24}


def test_municipality_counts_per_country(municipalities: list[dict[str, str]]) -> None:
    counts = Counter(row["country"] for row in municipalities)
    assert counts["CO"] >= 1100
    assert counts["VE"] >= 330
    assert counts["EC"] >= 218


def test_admin1_iso_codes_exist_in_pycountry(admin1: list[dict[str, str]]) -> None:
    pycountry = pytest.importorskip("pycountry")
    for row in admin1:
        known = {sub.code for sub in pycountry.subdivisions.get(country_code=row["country"])}
        assert row["iso"] in known, row


def test_admin1_names_and_iso_codes_are_unique(admin1: list[dict[str, str]]) -> None:
    assert len({(row["country"], row["name"]) for row in admin1}) == len(admin1)
    assert len({row["iso"] for row in admin1}) == len(admin1)


def test_every_municipality_belongs_to_a_known_admin1(
    admin1: list[dict[str, str]], municipalities: list[dict[str, str]]
) -> None:
    known = {(row["country"], row["name"]) for row in admin1}
    unknown = {(row["country"], row["admin1"]) for row in municipalities} - known
    assert not unknown


def test_no_duplicate_municipalities(municipalities: list[dict[str, str]]) -> None:
    counts = Counter((row["country"], row["admin1"], row["name"]) for row in municipalities)
    assert [key for key, n in counts.items() if n > 1] == []


def test_colombian_codes_are_five_digit_divipola_codes(municipalities: list[dict[str, str]]) -> None:
    codes = [row["code"] for row in municipalities if row["country"] == "CO"]
    assert all(len(code) == 5 and code.isdigit() for code in codes)
    assert len(set(codes)) == len(codes)


def test_admin1_coordinates_lie_inside_their_country(admin1: list[dict[str, str]]) -> None:
    for row in admin1:
        assert _inside_box(row["country"], float(row["lat"]), float(row["lon"])), row


def test_municipality_coordinates_lie_inside_their_country(municipalities: list[dict[str, str]]) -> None:
    for row in municipalities:
        assert _inside_box(row["country"], float(row["lat"]), float(row["lon"])), row


def test_every_municipality_has_admin1_and_coordinates(municipalities: list[dict[str, str]]) -> None:
    missing = [(row["country"], row["admin1"], row["name"]) for row in municipalities
               if not row["admin1"] or not row["lat"] or not row["lon"]]
    assert missing == []


def test_every_row_names_its_source(admin1: list[dict[str, str]], municipalities: list[dict[str, str]]) -> None:
    assert all(row["source"] for row in admin1)
    assert all(row["source"] for row in municipalities)


def test_subregion_members_exist(municipality_keys: set[tuple[str, str, str]]) -> None:
    subregions = _read_toml("subregions.toml")["subregion"]
    assert len(subregions) >= 15
    for subregion in subregions:
        assert subregion["source"]
        for member in subregion["members"]:
            admin1_name, name = member.split("/", 1)
            assert (subregion["country"], admin1_name, name) in municipality_keys, (subregion["name"], member)


def test_catatumbo_has_eleven_municipalities() -> None:
    subregions = {s["name"]: s for s in _read_toml("subregions.toml")["subregion"]}
    assert len(subregions["Catatumbo"]["members"]) == 11


def test_crossing_sides_exist(municipality_keys: set[tuple[str, str, str]]) -> None:
    for crossing in _read_toml("crossings.toml")["crossing"]:
        assert len(crossing["countries"]) == 2
        side_countries = set()
        for side in crossing["sides"]:
            country, admin1_name, name = side.split("/", 2)
            side_countries.add(country)
            assert (country, admin1_name, name) in municipality_keys, (crossing["name"], side)
        assert side_countries == set(crossing["countries"])


def test_crossings_lie_within_30_km_of_a_side_seat(municipalities: list[dict[str, str]]) -> None:
    seats = {(row["country"], row["admin1"], row["name"]): row for row in municipalities}
    for crossing in _read_toml("crossings.toml")["crossing"]:
        distances = []
        for side in crossing["sides"]:
            row = seats[tuple(side.split("/", 2))]
            distances.append(_distance_km(crossing["lat"], crossing["lon"], float(row["lat"]), float(row["lon"])))
        assert min(distances) <= 30.0, (crossing["name"], distances)
