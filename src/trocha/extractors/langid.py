"""Tell English from Spanish by counting frequent function words (data: {en,es}/stopwords.toml)."""

from __future__ import annotations

import re
from functools import cache

from trocha.lang import LANGUAGES, lang_data

_WORD = re.compile(r"[a-z]+")
# The letters of Spanish spelling.
_SPANISH_LETTER = re.compile(r"[ñáéíóú]")


@cache
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(lang_data(lang).stopwords["words"])


def detect(folded: str, raw: str = "") -> str:
    """The most likely language of a folded text among the supported ones (English when undecided)."""
    words = _WORD.findall(folded[:20000])
    scores = {lang: sum(1 for w in words if w in _stopwords(lang)) for lang in LANGUAGES}
    # Spanish letters and punctuation are strong evidence on short texts such as headlines, except inside names:
    # an English report writes "Cúcuta" and "Puerto León" too.
    head = raw[:20000]
    letters = sum(1 for m in _SPANISH_LETTER.finditer(head) if not _name(head, _word_start(head, m.start())))
    scores["es"] += 2 * (letters + sum(head.count(c) for c in "¿¡"))
    best = max(LANGUAGES, key=lambda lang: (scores[lang], lang == "en"))
    return best


def _name(text: str, start: int) -> bool:
    """Whether the word at `start` is capitalised inside a sentence: most likely a name."""
    if not text[start].isupper():
        return False
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] not in ".!?¿¡:;\"'«“(\n"


def _word_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isalnum():
        i -= 1
    return i
