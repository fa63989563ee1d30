"""Tell English from Spanish by counting frequent function words (data: {en,es}/stopwords.toml)."""

from __future__ import annotations

import re
from functools import cache

from trocha.lang import LANGUAGES, lang_data

_WORD = re.compile(r"[a-z]+")


@cache
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(lang_data(lang).stopwords["words"])


def detect(folded: str, raw: str = "") -> str:
    """The most likely language of a folded text among the supported ones (English when undecided)."""
    words = _WORD.findall(folded[:20000])
    scores = {lang: sum(1 for w in words if w in _stopwords(lang)) for lang in LANGUAGES}
    # Spanish letters and punctuation are strong evidence on short texts such as headlines.
    scores["es"] += 2 * sum(raw[:20000].count(c) for c in "ñ¿¡áéíóú")
    best = max(LANGUAGES, key=lambda lang: (scores[lang], lang == "en"))
    return best
