"""Numbers written in digits or words, in English and Spanish: "55", "90,000", "1,5", "cincuenta y cinco"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from trocha.lang import lang_data


@dataclass(frozen=True, slots=True)
class NumberGrammar:
    """A compiled number grammar for one language."""

    lang: str
    pattern: re.Pattern[str]
    values: dict[str, int]
    hundreds: dict[str, int]
    multipliers: dict[str, int]
    decimal_comma: bool

    def parse(self, text: str) -> float | None:
        """The value of a number expression matched by `pattern` (folded text), or None."""
        return _parse(self, text)


_DIGITS = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


@cache
def grammar(lang: str) -> NumberGrammar:
    """The number grammar of a language, built from its numbers.toml."""
    data = lang_data(lang).numbers
    values = {k: int(v) for k, v in data["values"].items()}
    hundreds = {k: int(v) for k, v in data.get("hundreds", {}).items()}
    mults = {k: int(v) for k, v in data["multipliers"].items()}
    conns = [re.escape(c) for c in data.get("connectors", [])]
    mult_words = [w for w in mults if len(w) > 2]
    word_alt = "|".join(sorted((re.escape(w) for w in [*values, *hundreds, *mult_words]), key=len, reverse=True))
    mult_alt = "|".join(sorted((re.escape(w) for w in mult_words), key=len, reverse=True))
    conn_alt = "|".join(conns) or "(?!)"
    word_seq = rf"(?:{word_alt})(?:(?:\s+(?:{conn_alt})\s+|\s+|-)(?:{word_alt}|{mult_alt}))*"
    num = (
        rf"(?:{_DIGITS})(?:\s*(?:{mult_alt}|(?:m|k|bn)\b))*"
        rf"|(?:{word_seq})(?:\s+(?:{mult_alt}))*"
    )
    pattern = re.compile(rf"(?<![\w.,])(?:{num})(?![\w])")
    return NumberGrammar(lang, pattern, values, hundreds, mults, decimal_comma=(lang == "es"))


def _parse_digits(token: str, decimal_comma: bool) -> float:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token):
        # "90,000" / "90.000": thousands groups in either language, unless the language reads "1,500" as
        # a decimal (it does not: three digits after the separator are always a group here).
        return float(re.sub(r"[.,]", "", token))
    m = re.fullmatch(r"(\d{1,3}(?:[.,]\d{3})+)([.,])(\d+)", token)
    if m:
        return float(re.sub(r"[.,]", "", m.group(1)) + "." + m.group(3))
    if "," in token and "." not in token:
        return float(token.replace(",", ".")) if decimal_comma or len(token.split(",")[1]) != 3 else float(
            token.replace(",", "")
        )
    return float(token)


def _parse(g: NumberGrammar, text: str) -> float | None:
    tokens = re.findall(r"\d[\d.,]*\d|\d|[a-z]+", text)
    total = 0.0
    current = 0.0
    seen = False
    for tok in tokens:
        if tok[0].isdigit():
            current += _parse_digits(tok, g.decimal_comma)
            seen = True
        elif tok in g.values:
            current += g.values[tok]
            seen = True
        elif tok in g.hundreds:
            current = max(current, 1) * g.hundreds[tok]
            seen = True
        elif tok in g.multipliers:
            mult = g.multipliers[tok]
            if mult >= 1_000_000 and current == 0 and total > 0:
                total *= mult
            elif mult >= 1_000_000:
                total = (total + max(current, 1)) * mult
            else:
                total += max(current, 1) * mult
            current = 0
            seen = True
    return total + current if seen else None


def find_numbers(folded: str, lang: str) -> list[tuple[int, int, float]]:
    """Every number expression in folded text: (start, end, value)."""
    g = grammar(lang)
    out = []
    for m in g.pattern.finditer(folded):
        value = g.parse(m.group(0))
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out
