"""Ukraine from its official codifier (geo/ukraine.py, data/ua_katottg.tsv, data/ua_names.toml): the romanisation,
the data's counts, the names units are shown by, the raion a place gets, and villages GeoNames does not know."""

from __future__ import annotations

import pytest

from tests.geo.coded import first_location
from trocha.api import Extractor
from trocha.geo.gazetteer import Gazetteer
from trocha.geo.ukraine import _centre, renamed_raions, romanize, settlements, spellings


@pytest.mark.parametrize(("ukrainian", "latin"), [
    ("Згурівка", "Zghurivka"),          # зг is zgh, told from ж
    ("Юрівка", "Yurivka"),              # ю at the start of a word
    ("Кам’янка", "Kamianka"),           # я inside it; the apostrophe is not written
    ("Сєвєродонецьк", "Sievierodonetsk"),
    ("Щастя", "Shchastia"),
    ("Олександрія", "Oleksandriia"),
    ("Нова Ємільчина", "Nova Yemilchyna"),  # each word starts anew
    ("Гайсин", "Haisyn"),
])
def test_national_romanisation(ukrainian: str, latin: str) -> None:
    assert romanize(ukrainian) == latin


def test_the_y_spelling_of_reports_is_a_second_name() -> None:
    assert spellings("Кам’янка") == ["Kamianka", "Kamyanka"]
    assert spellings("Новомихайлівка") == ["Novomykhailivka", "Novomykhaylivka"]
    assert spellings("Балка") == ["Balka"]


def test_the_codifier_lists_every_raion_and_settlement() -> None:
    rows = settlements()
    # 24 oblasts and Crimea; 136 raions (2020 reform); the Chornobyl zone's two towns, in no raion, are left out.
    assert len({s.oblast for s in rows}) == 25
    assert len({(s.oblast, s.raion) for s in rows}) == 136
    assert len(rows) == 29_699
    assert sum(s.city for s in rows) == 459
    assert all(s.raion.endswith("kyi") for s in rows)
    # Renamed raions are shown by their 2020 name.
    shown = {s.raion for s in rows}
    assert {old for old, _ in renamed_raions()} <= shown
    assert not {new for _, new in renamed_raions()} & shown


def test_every_hromada_has_one_centre_and_villages_are_inside_ukraine(gazetteer: Gazetteer) -> None:
    # 1,772 hromadas (Crimea's village councils among them), each with one centre.
    assert sum(s.centre for s in settlements()) == 1_772
    assert _centre("Андріївська", ["Сонячне", "Андріївка", "Андріїв"]) == 1
    added = [e for e in (gazetteer.entry(i) for i in range(len(gazetteer))) if e.source == "katottg+geonames"]
    assert len(added) > 15_000
    assert all(e.kind == "place" and e.cc == "UA" and e.admin1 and e.admin2 for e in added)
    assert all(e.lat is not None and e.lon is not None and 44.3 <= e.lat <= 52.4 and 22.1 <= e.lon <= 40.3
               for e in added)


@pytest.mark.parametrize(("name", "shown"), [
    ("Zaporizka", "Zaporizhia"),   # the adjective ISO 3166-2 romanises finds the unit reports name
    ("Poltavska", "Poltava"),
    ("Odessa", "Odesa"),
    ("Kyiv", "Kyiv"),             # the oblast; the city is "Kyiv City"
    ("Kyiv City", "Kyiv City"),
])
def test_oblasts_are_shown_by_the_names_reports_use(gazetteer: Gazetteer, name: str, shown: str) -> None:
    assert [e.name for e in gazetteer.lookup(name) if e.cc == "UA" and e.kind == "admin1"] == [shown]


def test_renamed_raions_are_found_by_both_names(gazetteer: Gazetteer) -> None:
    for name in ("Sievierodonetskyi", "Siverskodonetskyi"):
        assert [(e.admin1, e.name) for e in gazetteer.lookup(name) if e.kind == "admin2"] == \
            [("Luhansk", "Sievierodonetskyi")]


@pytest.mark.parametrize(("place", "oblast", "raion"), [
    ("Bakhmut", "Donetsk", "Bakhmutskyi"),          # a raion's centre
    ("Kupiansk", "Kharkiv", "Kupianskyi"),
    ("Berdiansk", "Zaporizhia", "Berdianskyi"),
    ("Sloviansk", "Donetsk", "Kramatorskyi"),
    ("Kostiantynivka", "Donetsk", "Kramatorskyi"),  # nearer Bakhmut than Kramatorsk, but the codifier says
    ("Kyiv", "Kyiv City", "Kyiv"),                  # a city with special status is its own unit
])
def test_places_carry_their_2020_raion(gazetteer: Gazetteer, place: str, oblast: str, raion: str) -> None:
    hits = [e for e in gazetteer.lookup(place) if e.kind == "place" and e.admin1 == oblast]
    assert hits and {e.admin2 for e in hits} == {raion}


# Invented sentences naming villages that GeoNames does not list: placed in their raion, at their hromada (a point
# no finer than a unit: precision municipality).
CASES = [
    ("On 3 June 2024, Russian drones set fire to a grain store in Krutoiarka, Kharkiv region.",
     {"name": "Krutoiarka", "country": "Ukraine", "admin1": "Kharkiv", "admin2": "Lozivskyi",
      "precision": "municipality"}),
    ("On 4 June 2024, shelling damaged two houses in the village of Hurynivka, Chernihiv oblast.",
     {"name": "Hurynivka", "country": "Ukraine", "admin1": "Chernihiv", "admin2": "Koriukivskyi"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_villages_get_their_raion(extractor: Extractor, text: str, expected: dict[str, object]) -> None:
    loc = first_location(extractor, text, published="2024-06-05")
    assert {k: loc.get(k) for k in expected} == expected
