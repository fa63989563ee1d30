"""Telling English from Spanish (extractors/langid.py): function words, and Spanish letters outside names."""

from __future__ import annotations

import pytest

from trocha.extractors.langid import detect
from trocha.text import fold


@pytest.mark.parametrize(("text", "lang"), [
    # An English report names Colombian places with their accents: names are no evidence of Spanish.
    ("On 3 May 2024, army troops clashed with ELN guerrillas near Puerto León, Norte de Santander.", "en"),
    ("Gunmen killed a farmer outside Tibú on Sunday, the army said.", "en"),
    # Spanish headlines: few function words, but accents in common words, also at the start.
    ("Policía captura a alias Gato", "es"),
    ("¿Qué pasó en Tibú?", "es"),
    ("Ejército abatió a cabecilla en Arauca", "es"),
    ("Militares incautaron armas en Arauca", "es"),
])
def test_language(text: str, lang: str) -> None:
    assert detect(fold(text), text) == lang
