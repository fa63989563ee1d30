"""Villages from official lists of their units (geo/villages.py): Colombia's centros poblados (DANE DIVIPOLA) and
Ecuador's rural parroquias (INEC DPA): the data's counts, the names as reports write them, and villages GeoNames does
not know placed in their municipality or canton."""

from __future__ import annotations

import pytest

from tests.geo.coded import first_location
from trocha.api import Extractor
from trocha.geo.gazetteer import Gazetteer
from trocha.geo.villages import names_of, title, villages


@pytest.mark.parametrize(("dane", "shown"), [
    ("BANCO DE ARENAS", "Banco de Arenas"),
    ("SAN AGUSTÍN DE LOS POZOS", "San Agustín de los Pozos"),
    ("LA YE", "La Ye"),               # an article opens the name
    ("PUERTO NUEVO - REGENCIA", "Puerto Nuevo - Regencia"),
])
def test_names_are_written_as_reports_write_them(dane: str, shown: str) -> None:
    assert title(dane) == shown


@pytest.mark.parametrize(("written", "names"), [
    ("Checa (Jidcay)", ["Checa", "Jidcay"]),                     # a second name in brackets
    ("Simon Bolivar (Cab. En Gañanzol)", ["Simon Bolivar"]),    # where its seat is: no name
    ("PUERTO LEÓN", ["Puerto León"]),
])
def test_a_listed_village_has_its_names(written: str, names: list[str]) -> None:
    assert names_of(written) == names


@pytest.mark.parametrize(("file", "units", "total", "code", "village"), [
    ("co_centros_poblados.tsv", 931, 6_649, "54001", "Banco de Arenas"),  # a corregimiento of Cúcuta
    ("ec_parroquias.tsv", 185, 819, "0602", "Achupallas"),               # a parroquia of Alausí
])
def test_the_lists_hold_every_unit(file: str, units: int, total: int, code: str, village: str) -> None:
    rows = villages(file)
    assert len(rows) == units
    assert sum(len(group) for group in rows.values()) == total
    assert all(code.isdigit() for code in rows)
    assert [village] in rows[code]


def test_villages_are_indexed_in_their_municipality(gazetteer: Gazetteer) -> None:
    entries = [gazetteer.entry(i) for i in range(len(gazetteer))]
    added = [e for e in entries if e.source == "divipola+municipality"]
    assert len(added) > 5_000
    assert len([e for e in entries if e.source == "inec-dpa+municipality"]) > 500
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
    ("On 14 June 2024, indigenous protesters blocked the highway at Guasuntos (Chimborazo) for a third day.", "en",
     {"name": "Guasuntos", "country": "Ecuador", "admin1": "Chimborazo", "admin2": "Alausí"}),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES)
def test_centros_poblados_get_their_municipality(extractor: Extractor, text: str, lang: str,
                                                  expected: dict[str, object]) -> None:
    loc = first_location(extractor, text, lang=lang, published="2024-05-05")
    assert {k: loc.get(k) for k in expected} == expected
