"""Colombia's centros poblados from DANE's DIVIPOLA (geo/colombia.py, data/co_centros_poblados.tsv): the data's
counts, the names as reports write them, and villages GeoNames does not know placed in their municipality."""

from __future__ import annotations

import pytest

from trocha.api import Extractor
from trocha.geo.colombia import centros, title
from trocha.geo.gazetteer import Gazetteer, load


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load()


@pytest.mark.parametrize(("dane", "shown"), [
    ("BANCO DE ARENAS", "Banco de Arenas"),
    ("SAN AGUSTÍN DE LOS POZOS", "San Agustín de los Pozos"),
    ("LA YE", "La Ye"),               # an article opens the name
    ("PUERTO NUEVO - REGENCIA", "Puerto Nuevo - Regencia"),
])
def test_names_are_written_as_reports_write_them(dane: str, shown: str) -> None:
    assert title(dane) == shown


def test_divipola_lists_the_centros_of_931_municipalities() -> None:
    rows = centros()
    assert len(rows) == 931
    assert sum(len(n) for n in rows.values()) == 6_649
    assert all(len(code) == 5 and code.isdigit() for code in rows)
    assert "Banco de Arenas" in rows["54001"]  # a corregimiento of Cúcuta


def test_villages_are_indexed_in_their_municipality(gazetteer: Gazetteer) -> None:
    added = [e for e in (gazetteer.entry(i) for i in range(len(gazetteer))) if e.source == "divipola+municipality"]
    assert len(added) > 5_000
    assert all(e.kind == "place" and e.cc == "CO" and e.admin1 and e.admin2 and e.precision == "municipality"
               for e in added)
    # Colombia's extreme points, widened a little (San Andrés lies far to the north-west).
    assert all(e.lat is not None and e.lon is not None and -4.3 <= e.lat <= 13.6 and -81.8 <= e.lon <= -66.8
               for e in added)


# Invented sentences naming corregimientos that GeoNames does not list: their municipality, at its seat.
CASES = [
    ("On 3 May 2024, army troops clashed with ELN guerrillas near Puerto León, Norte de Santander.", "en",
     {"name": "Puerto León", "country": "Colombia", "admin1": "Norte de Santander", "admin2": "San José de Cúcuta",
      "precision": "municipality"}),
    ("El 4 de mayo de 2024, hombres armados asesinaron a un líder comunal en el corregimiento Oripaya, Norte de "
     "Santander.", "es", {"name": "Oripaya", "admin2": "San José de Cúcuta"}),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES)
def test_centros_poblados_get_their_municipality(extractor: Extractor, text: str, lang: str,
                                                  expected: dict[str, object]) -> None:
    events = extractor.extract(text, lang=lang, published="2024-05-05")
    assert events and events[0].location is not None, f"no place coded from {text!r}"
    loc = events[0].location.to_dict()
    assert {k: loc.get(k) for k in expected} == expected
