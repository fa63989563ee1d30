"""WordScan finds, pattern by pattern, exactly the matches of `finditer`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from trocha.extractors.dates import _grammar as date_grammar
from trocha.extractors.quantities import number_windows, quantity_grammar
from trocha.extractors.triggers import trigger_set
from trocha.extractors.wordscan import WordScan, prefixes, words_regex
from trocha.text import fold

TEXTS = [
    "Gunmen clashed with troops; the clashes left 3 dead. Re-clashed? outclashed -clash clash-",
    "clash", "", "  clash", "reclash clash clashes", "a-clash (clash) «clash» 'clash'", "x\nclash\nclash",
    "police seized $5,000 and €20 and US$ 3 million, 55 guns, cincuenta y cinco fusiles",
    "they arrested 12 people; 7 were killed; twenty-five were injured; 1,5 toneladas de cocaina",
    "digits ٣ and ३ are digits too: ٣ guns, 3 guns",
    "strike strikes air strikes airstrike march in march 5, marched", "ax clash, x clash",
    "on 5 May 2024, 2024-05-05, hace tres dias, el martes pasado, 12/05/2024, last week, in 2023, desde 2019",
]

PATTERN_ROWS = [
    ["clash(?:ed|es|ing)?"], ["(?:re)?clash"], ["a?clash"], ["clash", "cl", "c"], ["(?<!out)clash"],
    ["[a-c]lash"], [r"\w+lash"], ["(?:x|y)*clash"], ["clash|fight"], ["(?i:CLASH)"], ["(?!)"], [],
    [r"(?<!air )strikes?(?! on)"], [r"(?<!\d )march(?!,? \d)"], [r"\d+ guns"], [r"(?:\$|us\$)\s?\d[\d,]*"],
]


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


def _same(scan: WordScan, text: str, pos: int = 0, endpos: int | None = None) -> None:
    end = len(text) if endpos is None else endpos
    got = scan.finditer_all(text, pos, end)
    for pat, found in zip(scan.patterns, got, strict=True):
        assert _spans(found) == _spans(list(pat.finditer(text, pos, end))), (pat.pattern, text, pos, end)


@pytest.mark.parametrize("text", TEXTS)
def test_word_patterns(text: str) -> None:
    scan = WordScan([words_regex(row) for row in PATTERN_ROWS])
    for t in (text, fold(text)):
        _same(scan, t)
        for pos in range(0, len(t), 7):
            _same(scan, t, pos, min(len(t), pos + 23))


def test_free_patterns() -> None:
    # Patterns without a word boundary in front may start inside a word.
    patterns = ("lash", "(?:arrest|kill)ed", r"\$\s?\d+", "(?:a|the) \\w+", r"x (?<![\w-])clash")
    scan = WordScan([re.compile(p) for p in patterns])
    for text in TEXTS:
        _same(scan, text)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("clash(?:ed|es)?", {"clash": False}), ("(?:re)?take", {"retak": False, "take": False}),
        (r"(?<![\w-])(?:one|two)", {"one": True, "two": True}), ("a|ab", {"a": False}),
        (r"\w+", None), ("x?", None), ("(?i)clash", None),
        (r"(?<![\w])\$?\d", {**{d: True for d in "0123456789"}, **{"$" + d: True for d in "0123456789"}}),
    ],
)
def test_prefixes(pattern: str, expected: dict[str, bool] | None) -> None:
    assert prefixes(pattern) == expected


def _sentences() -> list[str]:
    """Real-looking sentences: the language tables of the tests and the bundled examples."""
    root = Path(__file__).resolve().parents[2]
    out: list[str] = []
    for path in sorted((root / "tests" / "lang").rglob("*.py")):
        out += re.findall(r'"([^"\n]{20,})"', path.read_text(encoding="utf-8"))
    for path in sorted((root / "examples").glob("*.txt")):
        out.append(path.read_text(encoding="utf-8"))
    for line in (root / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        out.append(json.loads(line)["text"])
    return out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_lexicon_patterns(lang: str) -> None:
    texts = [fold(t) for t in _sentences()]
    assert len(texts) > 20
    triggers = trigger_set(lang).scan
    quantities = quantity_grammar(lang)
    dates = date_grammar(lang).scan
    for text in texts:
        _same(triggers, text)
        _same(dates, text)
        for lo, hi in number_windows(text, lang):
            _same(quantities.scan, text, lo, hi)
            _same(quantities.death_scan, text, lo, hi)
