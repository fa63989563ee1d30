"""Chile's provinces and Argentina's departamentos and partidos: the data files' counts, their index entries, and the
unit a place of either country gets."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.geo.units import assert_coded, entries, indexed_units
from trocha.api import Extractor
from trocha.geo.gazetteer import Gazetteer
from trocha.geo.seated import SEATED_UNITS, unit_names
from trocha.text import fold_key

DATA = Path(__file__).resolve().parents[2] / "src" / "trocha" / "geo" / "data"

# Provinces and comunas per region (INE / SUBDERE: 56 provinces, 346 comunas since Ñuble's creation in 2018).
CL_COUNTS = {
    "CL-AP": (2, 4), "CL-TA": (2, 7), "CL-AN": (3, 9), "CL-AT": (3, 9), "CL-CO": (3, 15), "CL-VS": (8, 38),
    "CL-RM": (6, 52), "CL-LI": (3, 33), "CL-ML": (4, 30), "CL-NB": (3, 21), "CL-BI": (3, 33), "CL-AR": (2, 32),
    "CL-LR": (2, 12), "CL-LL": (4, 30), "CL-AI": (4, 10), "CL-MA": (4, 11),
}
# Departamentos (partidos in Buenos Aires) per province, INDEC's 529 less the Ciudad Autónoma's 15 comunas.
AR_COUNTS = {
    "AR-B": 135, "AR-K": 16, "AR-X": 26, "AR-W": 25, "AR-H": 25, "AR-U": 15, "AR-E": 17, "AR-P": 9, "AR-Y": 16,
    "AR-L": 22, "AR-F": 18, "AR-M": 18, "AR-N": 17, "AR-Q": 16, "AR-R": 13, "AR-A": 23, "AR-J": 19, "AR-D": 9,
    "AR-Z": 7, "AR-S": 19, "AR-G": 27, "AR-T": 17, "AR-V": 5,
}
COUNTS = {"CL": {k: v[0] for k, v in CL_COUNTS.items()}, "AR": AR_COUNTS}
# Extreme points of each country's units, widened by about 0.3° (Argentina's Antarctic department reaches the pole;
# its centroid lies near 83° S).
BOXES = {"CL": (-56.3, -17.2, -109.8, -66.1), "AR": (-90.0, -21.5, -73.9, -25.0)}
FILES = {cc: (file, key) for cc, file, key, *_ in SEATED_UNITS if cc in COUNTS}
SOURCES = {cc: source.partition("+")[0] for cc, *_, source in SEATED_UNITS if cc in COUNTS}


def _groups(cc: str) -> list[dict[str, Any]]:
    with (DATA / FILES[cc][0]).open("rb") as fh:
        return list(tomllib.load(fh)["department"])


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_counts_per_first_level_unit(cc: str) -> None:
    key = FILES[cc][1]
    assert {g["code"]: len(g[key]) for g in _groups(cc)} == COUNTS[cc]


def test_every_comuna_is_a_town_of_its_province() -> None:
    comunas = {g["code"]: sum(len(row) - 1 for row in g["towns"]) for g in _groups("CL")}
    assert comunas == {k: v[1] for k, v in CL_COUNTS.items()}
    for g in _groups("CL"):
        assert [row[0] for row in g["towns"]] == [unit_names(row)[0] for row in g["provinces"]], g["code"]


def test_totals() -> None:
    assert len(CL_COUNTS) == 16 and sum(p for p, _ in CL_COUNTS.values()) == 56
    assert sum(c for _, c in CL_COUNTS.values()) == 346
    assert len(AR_COUNTS) == 23 and sum(AR_COUNTS.values()) == 514


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_names_are_unique_in_a_first_level_unit_and_towns_and_points_name_its_units(cc: str) -> None:
    key = FILES[cc][1]
    for g in _groups(cc):
        names = [unit_names(row)[0] for row in g[key]]
        assert len(set(names)) == len(names), g["code"]
        assert {row[0] for row in g.get("towns", [])} <= set(names), g["code"]
        assert {row[0] for row in g.get("points", [])} <= set(names), g["code"]


def test_every_argentine_unit_has_its_centroid() -> None:
    for g in _groups("AR"):
        assert len(g["points"]) == len(g["departments"]), g["code"]


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_every_unit_is_indexed_once_in_its_first_level_unit_at_a_point_in_the_country(gazetteer: Gazetteer,
                                                                                    cc: str) -> None:
    units = indexed_units(gazetteer, cc, SOURCES[cc], _groups(cc), FILES[cc][1], COUNTS[cc], BOXES[cc])
    # every unit has a point of its own: a Chilean capital found in GeoNames, an Argentine centroid
    assert all(e.source.endswith("+geonames") for e in units)


@pytest.mark.parametrize("cc", sorted(COUNTS))
def test_places_take_a_curated_unit(gazetteer: Gazetteer, cc: str) -> None:
    units = {(e.admin1, e.name) for e in entries(gazetteer, cc, "admin2")}
    assert all(e.source.startswith(SOURCES[cc]) for e in entries(gazetteer, cc, "admin2"))
    # the Ciudad Autónoma de Buenos Aires has no units here
    places = [e for e in entries(gazetteer, cc, "place") if fold_key(e.admin1 or "") != fold_key(
        "Ciudad Autónoma de Buenos Aires") and e.lat is not None]
    assert places and all((e.admin1, e.admin2) in units for e in places)


@pytest.mark.parametrize("town, cc, unit", [
    ("Temuco", "CL", "Cautín"), ("Labranza", "CL", "Cautín"), ("Lumaco", "CL", "Malleco"),
    ("Ercilla", "CL", "Malleco"), ("Los Muermos", "CL", "Llanquihue"), ("Maullín", "CL", "Llanquihue"),
    ("La Serena", "CL", "Elqui"), ("Alto Hospicio", "CL", "Iquique"), ("Providencia", "CL", "Santiago"),
    ("Puerto Natales", "CL", "Última Esperanza"),
    ("Trelew", "AR", "Rawson"), ("Comodoro Rivadavia", "AR", "Escalante"), ("Viedma", "AR", "Adolfo Alsina"),
    ("General Pico", "AR", "Maracó"), ("Choele Choel", "AR", "Avellaneda"),
    ("Mar del Plata", "AR", "General Pueyrredón"),
    ("Villa Carlos Paz", "AR", "Punilla"), ("Cipolletti", "AR", "General Roca"), ("Río Gallegos", "AR", "Güer Aike"),
])
def test_a_town_takes_its_unit(gazetteer: Gazetteer, town: str, cc: str, unit: str) -> None:
    found = [e for e in gazetteer.lookup(town)
             if e.kind == "place" and e.cc == cc and fold_key(e.name) == fold_key(town)]
    biggest = max(found, key=lambda e: e.population)
    assert biggest.admin2 == unit


@pytest.mark.parametrize("written, cc, unit", [
    ("General Pueyrredon", "AR", "General Pueyrredón"),
    ("Ciudad Libertador San Martín", "AR", "General San Martín"),
    ("Biobío", "CL", "Biobío"),
    ("Última Esperanza", "CL", "Última Esperanza"),
])
def test_the_unit_is_found_by_its_names(gazetteer: Gazetteer, written: str, cc: str, unit: str) -> None:
    assert unit in {e.name for e in gazetteer.lookup(written) if e.kind == "admin2" and e.cc == cc}


# Invented sentences, English and Spanish -> the unit: a comuna takes its province, a town its department or
# partido, a provincial capital the department called "Capital".
CASES = [
    ("On 3 June 2024, protesters blocked a road in Temuco, Araucanía.", {"country": "Chile", "admin2": "Cautín"}),
    ("El 4 de junio de 2024, comuneros mapuche ocuparon un fundo en Ercilla, región de La Araucanía.",
     {"country": "Chile", "admin2": "Malleco"}),
    ("On 5 June 2024, fishermen marched in Maullín, Los Lagos, against a salmon farm.",
     {"country": "Chile", "admin2": "Llanquihue"}),
    ("El 6 de junio de 2024, estudiantes se enfrentaron con Carabineros en La Serena.",
     {"country": "Chile", "admin2": "Elqui"}),
    ("On 7 June 2024, residents of Alto Hospicio, Tarapacá, protested over water cuts.",
     {"country": "Chile", "admin2": "Iquique"}),
    ("On 8 June 2024, textile workers marched in Trelew, Chubut, over unpaid wages.",
     {"country": "Argentina", "admin2": "Rawson"}),
    ("El 9 de junio de 2024, trabajadores petroleros cortaron la ruta 3 en Comodoro Rivadavia, Chubut.",
     {"country": "Argentina", "admin2": "Escalante"}),
    ("On 10 June 2024, teachers demonstrated outside the government house in Viedma, Río Negro.",
     {"country": "Argentina", "admin2": "Adolfo Alsina"}),
    ("El 11 de junio de 2024, vecinos de General Pico, La Pampa, marcharon contra la inseguridad.",
     {"country": "Argentina", "admin2": "Maracó"}),
    ("On 12 June 2024, municipal workers protested in Mar del Plata, Buenos Aires.",
     {"country": "Argentina", "admin2": "General Pueyrredón"}),
    ("El 13 de junio de 2024, docentes se manifestaron frente a la Casa de Gobierno en Córdoba, Córdoba.",
     {"country": "Argentina", "admin2": "Capital"}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_places_get_their_unit(extractor: Extractor, text: str, expected: dict[str, object]) -> None:
    assert_coded(extractor, text, expected, published="2024-06-14")
