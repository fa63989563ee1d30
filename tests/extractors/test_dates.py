"""Dates resolved against the publication day, in English and Spanish."""

from __future__ import annotations

from datetime import date

import pytest

from trocha.extractors.dates import find_dates
from trocha.text import fold

PUB = date(2012, 7, 19)  # a Thursday


@pytest.mark.parametrize(
    ("lang", "text", "expected", "basis"),
    [
        ("en", "Police raided the house on Tuesday.", "2012-07-17", "relative"),
        ("en", "The attack happened on Thursday.", "2012-07-19", "relative"),
        ("en", "The attack happened last Thursday.", "2012-07-12", "relative"),
        ("en", "On July 12, troops arrived.", "2012-07-12", "explicit"),
        ("en", "On 23 February 2011, protesters gathered.", "2011-02-23", "explicit"),
        ("en", "It happened yesterday.", "2012-07-18", "relative"),
        ("en", "Gunmen struck three days ago.", "2012-07-16", "relative"),
        ("en", "Troops moved in last week.", "2012-07-12", "relative"),
        ("en", "On December 12 the boss returned.", "2011-12-12", "explicit"),
        ("es", "El martes pasado hubo combates.", "2012-07-17", "relative"),
        ("es", "Ocurrió el pasado 25 de junio.", "2012-06-25", "explicit"),
        ("es", "Los hechos ocurrieron anoche.", "2012-07-18", "relative"),
        ("es", "El ataque fue hace tres días.", "2012-07-16", "relative"),
        ("es", "El 12 de julio llegaron las tropas.", "2012-07-12", "explicit"),
        ("es", "El ataque fue el 3 de marzo de 2011.", "2011-03-03", "explicit"),
        ("es", "Lo detuvieron ayer en Cúcuta.", "2012-07-18", "relative"),
    ],
)
def test_resolves(lang: str, text: str, expected: str, basis: str) -> None:
    found = [d for d in find_dates(fold(text), lang, PUB) if d.day is not None]
    assert found, text
    assert found[0].day is not None and found[0].day.isoformat() == expected
    assert found[0].basis == basis


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "The army will attack next Tuesday."), ("es", "El próximo martes habrá elecciones."),
     ("en", "We expect 90 people."), ("es", "Sin fecha alguna.")],
)
def test_no_future_or_false_dates(lang: str, text: str) -> None:
    for d in find_dates(fold(text), lang, PUB):
        assert d.day is None or d.day <= PUB


def test_year_only_is_not_a_day() -> None:
    found = find_dates(fold("relations worsened since 2008, when both broke ties"), "en", PUB)
    assert [(d.day, d.year) for d in found] == [(None, 2008)]
