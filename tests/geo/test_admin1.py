"""First-level units linked across GeoNames, ISO 3166-2 and countries-states-cities: current units, usual names."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from trocha.geo.admin1 import iso_units, link_geonames, shown_name
from trocha.geo.build import DistrictGrid, code_name, sound_key
from trocha.geo.gazetteer import Gazetteer, prune
from trocha.text import split_units

LEADING = ["muhafazat", "provincia de"]
TRAILING = ["län", "kraj", "sheng", "oblast"]


@pytest.mark.parametrize(("official", "shown"), [
    ("Stockholms län", "Stockholms"),
    ("Košický kraj", "Košický"),
    ("Henan Sheng", "Henan"),
    ("Muhafazat al Hudaydah", "al Hudaydah"),
    ("Madrid, Comunidad de", "Madrid"),
    ("Provincia de Buenos Aires", "Buenos Aires"),
    ("Oblast", "Oblast"),  # nothing would be left: unchanged
    ("Bayern", "Bayern"),
])
def test_shown_name_drops_unit_words(official: str, shown: str) -> None:
    assert shown_name(official, LEADING, TRAILING) == shown


def _sub(code: str, name: str, parent: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(code=code, name=name, country_code=code[:2], parent_code=parent)


def test_link_picks_the_smallest_unit_holding_most_places() -> None:
    units, parent = iso_units([
        _sub("XX-R1", "Region One"), _sub("XX-D1", "Dept A", "XX-R1"), _sub("XX-D2", "Dept B", "XX-R1"),
        _sub("XX-R2", "Region Two"), _sub("XX-D3", "Dept C", "XX-R2"),
    ])
    assert set(units) == {"XX-R1", "XX-D1", "XX-D2", "XX-R2", "XX-D3"}
    grid = {
        ("XX", 0, 0): [(0.0, 0.0, "alpha", "XX-D1")],
        ("XX", 0, 10): [(0.0, 1.0, "beta", "XX-D2")],
        ("XX", 50, 0): [(5.0, 0.0, "gamma", "XX-D3")],
        ("XX", 50, 10): [(5.0, 1.0, "delta", "XX-D3")],
    }
    cities = [
        # GeoNames unit "01" spans two departments of one region: the region is the unit
        {"countrycode": "XX", "admin1code": "01", "name": "Alpha", "latitude": 0.0, "longitude": 0.0},
        {"countrycode": "XX", "admin1code": "01", "name": "Beta", "latitude": 0.0, "longitude": 1.0},
        # GeoNames unit "02" lies in one department: the department, not the region above it
        {"countrycode": "XX", "admin1code": "02", "name": "Gamma", "latitude": 5.0, "longitude": 0.0},
        {"countrycode": "XX", "admin1code": "02", "name": "Delta", "latitude": 5.0, "longitude": 1.0},
        # a place with no counterpart nearby does not vote
        {"countrycode": "XX", "admin1code": "03", "name": "Nowhere", "latitude": 30.0, "longitude": 30.0},
    ]
    assert link_geonames(cities, grid, parent) == {("XX", "01"): "XX-R1", ("XX", "02"): "XX-D3"}


@pytest.mark.parametrize(("place", "cc", "admin1"), [
    ("Cahors", "FR", "Occitanie"),        # GeoNames still knows the pre-2016 region (Midi-Pyrénées)
    ("Toluca", "MX", "México"),           # the State of Mexico, not Mexico City
    ("Ixtapaluca", "MX", "México"),
    ("Regensburg", "DE", "Bayern"),       # Latin-script countries: their own names
    ("Donetsk", "UA", "Donetsk"),         # other scripts: the English name reports use
    ("Konotop", "UA", "Sumy"),            # not the adjective "Sumska"
    ("Uman", "UA", "Cherkasy"),           # not "Cherkaska"
    ("Jeonju", "KR", "North Jeolla"),
    ("Kirkuk", "IQ", "Kirkuk"),
    # GeoNames' Taiwan Province, which no current unit holds: each place takes the county or city it lies in.
    ("Hualien City", "TW", "Hualien"),
    ("Miaoli", "TW", "Miaoli"),
    # A city that is a unit of its own, though GeoNames files it with the county around it (now New Taipei).
    ("Taipei", "TW", "Taipei City"),
    ("Tbilisi", "GE", "Tbilisi"),
    # ... but the West Bank and the Gaza Strip stay the units reports locate Palestinian places by.
    ("Ramallah", "PS", "West Bank"),
    ("Hebron", "PS", "West Bank"),
])
def test_places_carry_the_current_unit_by_its_usual_name(gazetteer: Gazetteer, place: str, cc: str,
                                                          admin1: str) -> None:
    hits = [e for e in gazetteer.lookup(place) if e.cc == cc and e.kind == "place"]
    assert hits, place
    assert max(hits, key=lambda e: e.population).admin1 == admin1


@pytest.mark.parametrize(("name", "cc", "shown"), [
    ("Midi-Pyrenees", "FR", "Occitanie"),   # an old GeoNames name still finds the current unit
    ("Bavaria", "DE", "Bayern"),            # and so does the English one
    ("Catalonia", "ES", "Cataluña"),
])
def test_old_and_english_names_find_the_current_unit(gazetteer: Gazetteer, name: str, cc: str, shown: str) -> None:
    units = [e for e in gazetteer.lookup(name) if e.cc == cc and e.kind == "admin1"]
    assert [e.name for e in units] == [shown]


@pytest.mark.parametrize(("name", "cc", "shown"), [
    ("Seoul", "KR", "Seoul Special City"),        # admin1_shown.toml: the official English name
    ("Shabeellaha Hoose", "SO", "Lower Shabelle"),  # the English name, not ISO's Somali one
    ("Vlaams Gewest", "BE", "Vlaanderen"),  # the region's own name, not ISO's administrative one
    ("Wallonia", "BE", "Wallonie"),
    ("Región Metropolitana de Santiago", "CL", "Metropolitana"),
    ("La Araucanía", "CL", "Araucanía"),
    ("Catalunya", "ES", "Cataluña"),  # the Castilian name, not the co-official Catalan one ISO gives first
    ("Valencian Community", "ES", "Valencia"),
    ("Jawa Barat", "ID", "West Java"),  # the English name English reports write, not ISO's Indonesian one
    ("Sulawesi Tenggara", "ID", "Southeast Sulawesi"),
    ("Jakarta Raya", "ID", "Jakarta"),
    ("Praha", "CZ", "Prague"),
    ("Taoyuan", "TW", "Taoyuan City"),  # a unit known only from ISO 3166-2, by its official English name
])
def test_units_are_shown_by_the_names_reports_use(gazetteer: Gazetteer, name: str, cc: str, shown: str) -> None:
    assert [e.name for e in gazetteer.lookup(name) if e.cc == cc and e.kind == "admin1"] == [shown]


@pytest.mark.parametrize(("place", "cc", "unit"), [
    ("Mogadishu", "SO", "Banadir"),   # admin1_shown.toml [one_unit]: Banadir is one district
    ("Sevastopol", "UA", "Sevastopol"),
    ("Taoyuan", "TW", "Taoyuan City"),  # Taiwan's units are coded at one level
    ("Tainan", "TW", "Tainan City"),
])
def test_a_unit_that_is_one_district_gives_it_to_its_places(gazetteer: Gazetteer, place: str, cc: str,
                                                            unit: str) -> None:
    assert {e.admin2 for e in gazetteer.lookup(place) if e.cc == cc and e.kind == "place" and e.population > 100_000
            } == {unit}


def test_a_town_takes_its_district_named_otherwise(gazetteer: Gazetteer) -> None:
    # admin1_shown.toml [district]: Honduras' capital is the municipality of the Distrito Central.
    towns = [e for n in ("Tegucigalpa", "Comayagüela") for e in gazetteer.lookup(n)
             if e.cc == "HN" and e.kind == "place"]
    assert towns and {e.admin2 for e in towns} == {"Distrito Central"}


def test_a_shown_name_without_unit_words_is_not_the_unit(gazetteer: Gazetteer) -> None:
    # "Seoul City" is how a report writes the city: no unit is found by it.
    assert [e.kind for e in gazetteer.lookup("Seoul City")] == []


@pytest.mark.parametrize(("written", "units"), [
    ("Bogotá, D.C., Colombia", ("Bogotá, D.C.", "Colombia")),
    ("Washington, D.C.", ("Washington, D.C.",)),
    ("Tibú, Norte de Santander", ("Tibú", "Norte de Santander")),
    (" , Cauca,", ("Cauca",)),
])
def test_unit_lists_keep_initials_with_their_name(written: str, units: tuple[str, ...]) -> None:
    assert split_units(written) == units


def test_prune_keeps_indexes_read_within_a_day(tmp_path: Path) -> None:
    current, recent, stale = (tmp_path / f"gazetteer-{n}.pickle" for n in ("cur", "new", "old"))
    for p in (current, recent, stale):
        p.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    os.utime(current, (two_days_ago, two_days_ago))
    prune(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gazetteer-cur.pickle", "gazetteer-new.pickle"]


@pytest.mark.parametrize(("name", "cc", "admin1"), [
    ("Finistère", "FR", "Bretagne"),
    ("Lot", "FR", "Occitanie"),
    ("Oudalan", "BF", "Sahel"),  # "Province de l'Oudalan"
])
def test_districts_known_only_from_their_places_are_entries(gazetteer: Gazetteer, name: str, cc: str,
                                                            admin1: str) -> None:
    units = [e for e in gazetteer.lookup(name) if e.kind == "admin2" and e.cc == cc]
    assert [e.admin1 for e in units] == [admin1]
    assert units[0].lat is not None and units[0].population > 0


def test_a_place_without_a_district_takes_its_named_neighbours() -> None:
    grid = DistrictGrid()
    for lat, lon, a2 in [(10.00, -70.00, "Alto"), (10.03, -70.02, "Alto"), (10.02, -69.97, "Alto"),
                         (10.20, -70.00, "Bajo"), (10.22, -70.03, "Bajo")]:
        grid.add("XX", "Uno", lat, lon, a2)
    grid.add("XX", "Dos", 10.01, -70.01, "Otro")  # another admin1 never votes
    assert grid.vote("XX", "Uno", 10.01, -70.00) == "Alto"
    assert grid.vote("XX", "Uno", 10.19, -70.01) == "Bajo"
    assert grid.vote("XX", "Uno", 11.00, -70.00) is None  # no named neighbour within reach
    assert grid.vote("XX", "Tres", 10.01, -70.00) is None


def test_a_town_takes_the_nearby_district_named_like_it() -> None:
    grid = DistrictGrid()
    grid.add("XX", "Uno", 10.02, -70.00, "Victoria")
    grid.add("XX", "Uno", 10.00, -70.03, "Llano")
    grid.add("XX", "Uno", 10.05, -70.05, "Santiago Pinos")
    assert grid.named_like("XX", "Uno", 10.00, -70.00, "Ciudad Victoria") == "Victoria"
    assert grid.named_like("XX", "Uno", 10.00, -70.00, "Pinos") == "Santiago Pinos"
    assert grid.named_like("XX", "Uno", 10.00, -70.00, "Nueva Victoria") is None  # another town's name
    assert grid.named_like("XX", "Uno", 10.00, -70.00, "Arenal") is None  # no vote for towns


@pytest.mark.parametrize(("place", "cc", "admin2"), [
    ("Ciudad Victoria", "MX", "Victoria"),
    ("Zamora de Hidalgo", "MX", "Zamora"),
    ("Villa Rumipal", "AR", "Calamuchita"),  # by its neighbours: GeoNames names no district for it
    ("Domselaar", "AR", "Brandsen"),  # likewise, and without "Partido de"
    ("Trzebinia", "PL", "chrzanowski"),  # "Powiat chrzanowski"
    ("Sozopol", "BG", "Sozopol"),  # "Obshtina Sozopol"
    ("Danao", "PH", "Cebu"),  # "Province of Cebu"
])
def test_places_carry_their_district_by_its_plain_name(gazetteer: Gazetteer, place: str, cc: str,
                                                       admin2: str) -> None:
    found = [e for e in gazetteer.lookup(place) if e.kind == "place" and e.cc == cc]
    assert admin2 in {e.admin2 for e in found}


@pytest.mark.parametrize(("one", "other"), [
    ("Duhok", "Dohuk"), ("Dihok", "Dohuk"), ("Idleb", "Idlib"), ("Thi Qar", "Dhi Qar"), ("Banadir", "Banaadir"),
    ("Al Hasakeh", "Al-Ḩasakah"), ("Sadah", "Sa'dah"), ("Nassriya", "Nasiriyah"), ("Wassit province", "Wasit"),
])
def test_transliterations_share_a_sound_key(one: str, other: str) -> None:
    assert sound_key(one) == sound_key(other)


@pytest.mark.parametrize(("one", "other"), [("Dakar", "Thi Qar"), ("Arauca", "Araucania"), ("Basra", "Busan")])
def test_different_names_keep_different_sound_keys(one: str, other: str) -> None:
    assert sound_key(one) != sound_key(other)


def test_units_are_found_by_another_transliteration_only_when_long_enough(gazetteer: Gazetteer) -> None:
    assert {(e.cc, e.name) for e in gazetteer.admin1_sounding_like("Thi Qar")} == {("IQ", "Dhi Qar")}
    assert gazetteer.admin1_sounding_like("Sadah") == []  # two consonants: too short to tell


def test_second_level_iso_units_no_place_names_are_entries(gazetteer: Gazetteer) -> None:
    units = [e for e in gazetteer.lookup("Séno") if e.kind == "admin2" and e.cc == "BF"]
    assert [(e.admin1, e.source) for e in units] == [("Sahel", "iso3166-2+csc")]
    assert units[0].lat is not None and 13 < units[0].lat < 15.5


def test_every_first_level_unit_with_places_has_a_point(gazetteer: Gazetteer) -> None:
    # Units known only from ISO 3166-2 (Taiwan's counties and cities) stand at their largest place.
    hualien = [e for e in gazetteer.lookup("Hualien") if e.kind == "admin1" and e.cc == "TW"]
    assert hualien and hualien[0].lat is not None and hualien[0].lon is not None
    assert 23.0 < hualien[0].lat < 24.5 and 121.0 < hualien[0].lon < 122.0
    missing = [e.name for i in range(len(gazetteer.rows)) if (e := gazetteer.entry(i)).kind == "admin1"
               and e.population > 0 and e.lat is None]
    assert missing == []


@pytest.mark.parametrize(("unit", "cc", "seat"), [
    ("Guanajuato", "MX", "Guanajuato"),     # not León, the largest town
    ("Illinois", "US", "Springfield"),      # not Chicago
    ("Olancho", "HN", "Juticalpa"),         # not Catacamas
    ("Kerala", "IN", "Thiruvananthapuram"),
])
def test_a_unit_stands_at_its_seat(gazetteer: Gazetteer, unit: str, cc: str, seat: str) -> None:
    entry = next(e for e in gazetteer.lookup(unit) if e.kind == "admin1" and e.cc == cc)
    assert entry.lat is not None and entry.lon is not None
    town = gazetteer.place_at(entry.lat, entry.lon, cc)
    assert town is not None and town.name == seat and town.admin1 == entry.name
    assert gazetteer.place_at(entry.lat, entry.lon, "ZZ") is None  # another country's places are not looked at


@pytest.mark.parametrize(("alias", "name", "dropped"), [
    ("SPS", "Wichita Falls", True),       # an airport code is no name a report uses
    ("HMI", "Hami", True),
    ("NYC", "New York City", False),      # initials are
    ("Wichita", "Wichita Falls", False),
])
def test_code_names_are_not_aliases(alias: str, name: str, dropped: bool) -> None:
    assert code_name(alias, name) is dropped


def test_an_airport_code_does_not_find_the_town(gazetteer: Gazetteer) -> None:
    assert not [e for e in gazetteer.lookup("HMI") if e.cc == "CN"]


def test_the_town_at_a_point_is_found_across_grid_cells() -> None:
    # A unit's point may lie a few metres from its seat's across a whole degree of latitude or longitude.
    rows = [(0, "place", "Zorvak", "CO", "Meta", "Zorvak", 3.9999, -73.0001, 20000, "", "test", False),
            (1, "place", "Villa Zorva", "VE", "Apure", "Zorva", 4.0001, -72.9999, 90000, "", "test", False)]
    gaz = Gazetteer(rows, {}, {"CO": "COL", "VE": "VEN"}, {})
    town = gaz.place_at(4.0002, -72.9998, "CO")
    assert town is not None and town.name == "Zorvak"
    assert gaz.place_at(4.0002, -72.9998, "VE") is not None
    assert gaz.place_at(4.2, -72.9998, "CO") is None  # 22 km away
