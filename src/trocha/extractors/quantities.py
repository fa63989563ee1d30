"""Quantities (seized goods, money, people) and fatalities, from digits and number words in EN and ES."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from trocha.extractors.numbers import NumberGrammar, grammar
from trocha.extractors.wordscan import WordScan, words_regex
from trocha.lang import lang_data
from trocha.model import DeathMention, QuantityMention


@dataclass(frozen=True, slots=True)
class QuantityGrammar:
    """Compiled quantity patterns of one language; each pattern names its `what` by group lookups."""

    numbers: NumberGrammar
    patterns: tuple[tuple[str, str | None, re.Pattern[str]], ...]  # (what, unit-or-None, pattern)
    money: tuple[tuple[str, re.Pattern[str]], ...]
    mass: re.Pattern[str]
    unit_of: tuple[tuple[str, re.Pattern[str]], ...]
    substance_of: tuple[tuple[str, re.Pattern[str]], ...]
    death_count: re.Pattern[str]
    death_one: re.Pattern[str]
    death_total: re.Pattern[str]
    scan: WordScan  # mass, money and patterns, in that order
    death_scan: WordScan  # death_total and death_count


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


_FILL = r"(?:\s+[a-z-]+){0,2}?"  # up to two adjectives between a number and its noun


@cache
def quantity_grammar(lang: str) -> QuantityGrammar:
    """Build the quantity grammar of a language from its quantities.toml and numbers.toml."""
    q = lang_data(lang).quantities
    ng = grammar(lang)
    counter = iter(range(1_000_000))

    def numg() -> str:
        return f"(?P<num{next(counter)}>{ng.pattern.pattern})"

    of = r"(?:de|del)" if lang == "es" else r"(?:of)"
    pats: list[tuple[str, str | None, re.Pattern[str]]] = []
    for item in q["item"]:
        pats.append((item["what"], None,
                     re.compile(rf"{numg()}{_FILL}\s+(?:{_alt(item['patterns'])})(?![\w])")))
    for people in q["people"]:
        verbs, nouns = _alt(people["verbs"]), _alt(people["nouns"])
        noun_people = r"(?:people|persons|individuals|suspects|civilians|men|women|children|members|personas|" \
                      r"hombres|mujeres|ninos|miembros|integrantes|familias|families|soldiers|soldados|policias|" \
                      r"policemen|migrants|migrantes|[a-z]+s)"
        pats.append((people["what"], None, re.compile(
            rf"(?:(?:{verbs})\s+(?:at\s+least\s+|al\s+menos\s+|a\s+)?{numg()}(?:\s+[a-z]+){{0,2}}?\s+{noun_people}"
            rf"|{numg()}{_FILL}\s+{noun_people}(?:\s+(?:were|have\s+been|had\s+been|fueron|han\s+sido|quedaron|"
            rf"resultaron|were\s+reportedly))?\s+(?:{verbs})"
            rf"|{numg()}\s+(?:{nouns}))(?![\w])")))
    money = []
    for cur in q["currency"]:
        sym = _alt(cur["symbols"])
        words = _alt(cur["patterns"])
        money.append((cur["code"], re.compile(
            rf"(?:(?<![\w])(?:{sym})\s?{numg()}|{numg()}\s+(?:{of}\s+)?(?:{words}))(?![\w])")))
    units = [(u["unit"], words_regex(u["patterns"])) for u in q["unit"]]
    substances = [(s["what"], words_regex(s["patterns"])) for s in q["substance"]]
    unit_alt = _alt([p for u in q["unit"] for p in u["patterns"]])
    sub_alt = _alt([p for s in q["substance"] for p in s["patterns"]])
    mass = re.compile(rf"{numg()}\s*(?P<unit>{unit_alt})\s+{of}\s+(?:[a-z]+\s+){{0,2}}?(?P<sub>{sub_alt})(?![\w])")
    f = q["fatalities"]
    verbs, nouns, persons = _alt(f["verbs"]), _alt(f["nouns"]), _alt(f["persons"])
    death_count = re.compile(
        rf"(?:{numg()}(?:\s+[a-z-]+){{0,3}}?\s+(?:(?:were|was|have\s+been|had\s+been|are|fueron|han\s+sido|resultaron|"
        rf"quedaron)\s+)?(?:{verbs})"
        rf"|(?:{verbs})\s+(?:at\s+least\s+|al\s+menos\s+|a\s+)?{numg()}(?![\w.,])(?!\s+(?:{of}|percent|por\s+ciento))"
        rf"|(?:left|leaving|dejo|dejaron)\s+{numg()}\s+(?:{nouns}|dead|muertos)"
        rf"|{numg()}\s+(?:{nouns}))(?![\w])")
    death_one = re.compile(
        rf"(?:(?:{verbs})\s+(?:a|an|one|the|his|her|un|una|al|a\s+un|a\s+una|el|la)\s+(?:[a-z-]+\s+){{0,2}}?(?:{persons})"
        rf"|(?:a|an|one|the|un|una|el|la)\s+(?:[a-z-]+\s+){{0,2}}?(?:{persons})\s+(?:[a-z]+\s+){{0,3}}?(?:was|fue)\s+"
        rf"(?:[a-z]+\s+)?(?:{verbs}))(?![\w])")
    death_total = re.compile(rf"{numg()}\s+(?:fatalities|fatality|deaths|victimas\s+mortales|muertos\s+en\s+total)(?![\w])")  # noqa: E501
    scan = WordScan([mass, *(p for _, p in money), *(p for _, _, p in pats)])
    return QuantityGrammar(ng, tuple(pats), tuple(money), mass, tuple(units), tuple(substances),
                           death_count, death_one, death_total, scan, WordScan([death_total, death_count]))


def _num_text(m: re.Match[str]) -> str:
    return next(v for k, v in m.groupdict().items() if k.startswith("num") and v)


def find_quantities(folded: str, lang: str, windows: list[tuple[int, int]] | None = None) -> list[QuantityMention]:
    """Every quantity in the text: money, weights of substances, counted items and people."""
    g = quantity_grammar(lang)
    out: list[QuantityMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, what: str, num_text: str, unit: str | None) -> None:
        if any(start < b and a < end for a, b in taken):
            return
        value = g.numbers.parse(num_text)
        if value is None or value <= 0:
            return
        taken.append((start, end))
        out.append(QuantityMention(start, end, what, value, unit))

    # Every pattern holds a number: scan only the stretches of text around numbers.
    for lo, hi in number_windows(folded, lang) if windows is None else windows:
        _scan(g, folded, lo, hi, add)
    out.sort(key=lambda x: x.start)
    return out


def number_windows(folded: str, lang: str) -> list[tuple[int, int]]:
    """Stretches of text around numbers: the only places a counted quantity or death can be."""
    spans: list[tuple[int, int]] = []
    for m in grammar(lang).pattern.finditer(folded):
        lo, hi = max(0, m.start() - 60), min(len(folded), m.end() + 90)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _scan(g: QuantityGrammar, folded: str, lo: int, hi: int, add: Callable[[int, int, str, str, str | None], None]
          ) -> None:
    found = g.scan.finditer_all(folded, lo, hi)
    money = 1 + len(g.money)
    for m in found[0]:
        unit = next((u for u, p in g.unit_of if p.fullmatch(m.group("unit"))), None)
        sub = next((s for s, p in g.substance_of if p.fullmatch(m.group("sub"))), "other")
        add(m.start(), m.end(), sub, _num_text(m), unit)
    for (code, _), matches in zip(g.money, found[1:money], strict=True):
        for m in matches:
            add(m.start(), m.end(), "money", _num_text(m), code)
    for (what, unit, _), matches in zip(g.patterns, found[money:], strict=True):
        for m in matches:
            add(m.start(), m.end(), what, _num_text(m), unit)


def find_deaths(folded: str, lang: str, windows: list[tuple[int, int]] | None = None) -> list[DeathMention]:
    """Reported deaths: counted ("three soldiers were killed"), single ("killed a civilian") or totals."""
    g = quantity_grammar(lang)
    out: list[DeathMention] = []
    taken: list[tuple[int, int]] = []
    if windows is None:
        windows = number_windows(folded, lang)
    in_windows = [g.death_scan.finditer_all(folded, lo, hi) for lo, hi in windows]
    totals = [m for total, _ in in_windows for m in total]
    counts = [m for _, count in in_windows for m in count]
    for matches, fixed in ((totals, None), (counts, None), (g.death_one.finditer(folded), 1)):
        for m in matches:
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if fixed is None:
                value = g.numbers.parse(_num_text(m))
                if value is None or not float(value).is_integer() or value > 100000:
                    continue
                count = int(value)
            else:
                count = fixed
            taken.append((m.start(), m.end()))
            out.append(DeathMention(m.start(), m.end(), count))
    out.sort(key=lambda x: x.start)
    return out
