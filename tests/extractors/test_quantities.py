"""Numbers, quantities and deaths from digits and words in both languages."""

from __future__ import annotations

import pytest

from trocha.extractors.numbers import find_numbers
from trocha.extractors.quantities import find_deaths, find_quantities
from trocha.text import fold


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("es", "cincuenta y cinco", 55), ("es", "90.000", 90000), ("es", "1,5", 1.5), ("es", "500 millones", 5e8),
        ("es", "dos millones trescientos mil", 2_300_000), ("es", "mil millones", 1e9), ("es", "ciento cinco", 105),
        ("en", "90,000", 90000), ("en", "1.2 million", 1_200_000), ("en", "twenty-five", 25),
        ("en", "three hundred and five", 305),
    ],
)
def test_numbers(lang: str, text: str, value: float) -> None:
    found = find_numbers(fold(text), lang)
    assert found and found[0][2] == pytest.approx(value)


@pytest.mark.parametrize(
    ("lang", "text", "what", "value", "unit"),
    [
        ("en", "police seized 55 guns and ammunition", "firearms", 55, None),
        ("en", "valued at over $90,000", "money", 90000, "USD"),
        ("en", "troops found 3 tons of cocaine", "cocaine", 3, "t"),
        ("en", "officers arrested 12 people", "people arrested", 12, None),
        ("es", "incautaron cincuenta y cinco fusiles", "firearms", 55, None),
        ("es", "un cargamento de 1,5 toneladas de cocaína", "cocaine", 1.5, "t"),
        ("es", "avaluados en 90.000 dólares", "money", 90000, "USD"),
        ("es", "una multa de 500 millones de pesos", "money", 5e8, "pesos"),
        ("es", "hallaron 2.000 cartuchos", "ammunition", 2000, None),
        ("es", "más de 300 personas desplazadas", "people displaced", 300, None),
    ],
)
def test_quantities(lang: str, text: str, what: str, value: float, unit: str | None) -> None:
    found = [(q.what, q.value, q.unit) for q in find_quantities(fold(text), lang)]
    assert (what, pytest.approx(value), unit) in found, found


@pytest.mark.parametrize(
    ("lang", "text", "count"),
    [
        ("en", "two soldiers were killed in the ambush", 2),
        ("en", "the blast killed 14 people", 14),
        ("en", "clashes erupted, resulting in 3 fatalities", 3),
        ("en", "gunmen shot and killed a civilian", 1),
        ("es", "dos policías murieron en el ataque", 2),
        ("es", "asesinaron a tres campesinos", 3),
        ("es", "el ataque dejó cinco muertos", 5),
    ],
)
def test_deaths(lang: str, text: str, count: int) -> None:
    assert sum(d.count for d in find_deaths(fold(text), lang)) == count
