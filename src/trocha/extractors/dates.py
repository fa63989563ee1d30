"""Date expressions resolved against the publication date: explicit, relative, weekday, "hace tres días"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from trocha.extractors.numbers import grammar
from trocha.extractors.wordscan import WordScan
from trocha.lang import lang_data
from trocha.model import DateMention


@dataclass(frozen=True, slots=True)
class _DateGrammar:
    lang: str
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    units: dict[str, int]
    last_words: frozenset[str]
    next_words: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    scan: WordScan  # the patterns, in the same order


def _alt(words: object) -> str:
    items = sorted((re.escape(str(w)) for w in words), key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(items)


@cache
def _grammar(lang: str) -> _DateGrammar:
    d = lang_data(lang).dates
    months, weekdays = d["months"], d["weekdays"]
    month = rf"(?P<month>{_alt(months)})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º|°)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    wd = rf"(?P<weekday>{_alt(weekdays)})"
    last = _alt(d["words"]["last"])
    nxt = _alt(d["words"]["next"])
    ago = _alt(d["words"]["ago"])
    units = _alt(d["units"])
    num = grammar(lang).pattern.pattern
    rel = _alt(d["relative_days"])
    de = r"(?:\s+de(?:l)?\s+|\s+)" if lang == "es" else r",?\s+(?:of\s+)?"
    pats: list[tuple[str, str]] = [
        ("iso", rf"\b{year}-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)\b"),
        ("numeric", r"\b(?P<d2>[0-3]?\d)/(?P<m2>[01]?\d)/(?P<year>(?:19|20)\d\d)\b" if lang == "es" else r"(?!)"),
        ("dmy", rf"\b{day}{de}{month}(?:{de}{year})?\b"),
        ("mdy", rf"\b{month}\s+{day}(?:,?\s+{year})?\b"),
        ("my", rf"\b{month}{de}{year}\b"),
        ("ago", rf"\b(?:(?P<ago1>{ago})\s+(?P<n1>{num}|un|una|a|an)\s+(?P<u1>{units})"
                rf"|(?P<n2>{num}|a|an)\s+(?P<u2>{units})\s+(?:{ago}))\b"),
        ("lastunit", rf"\b(?:(?P<lw1>{last})\s+(?P<u3>{units})|(?P<u4>{units})\s+(?:{last}))\b"),
        ("weekday", rf"\b(?:(?P<lw>{last}|{nxt})\s+)?{wd}(?:\s+(?P<lw2>{last}|{nxt}))?\b"),
        ("relday", rf"\b(?P<rel>{rel})\b"),
        ("year", rf"\b(?:in|since|en|desde|de|del|el)\s+{year}\b"),
    ]
    compiled = tuple((name, re.compile(p)) for name, p in pats)
    return _DateGrammar(
        lang, dict(months), dict(weekdays), dict(d["relative_days"]), dict(d["units"]),
        frozenset(d["words"]["last"]), frozenset(d["words"]["next"]), compiled, WordScan([p for _, p in compiled]),
    )


def _safe_date(y: int, m: int, dd: int) -> date | None:
    try:
        return date(y, m, dd)
    except ValueError:
        return None


def _resolve(name: str, m: re.Match[str], g: _DateGrammar, pub: date | None) -> DateMention | None:
    gd = m.groupdict()
    s, e = m.start(), m.end()
    if name in ("iso", "numeric"):
        d = _safe_date(int(gd["year"]), int(gd["m2"]), int(gd["d2"]))
        return DateMention(s, e, d, int(gd["year"]), "explicit") if d else None
    if name in ("dmy", "mdy"):
        mon = g.months[gd["month"]]
        dd = int(gd["day"])
        if gd.get("year"):
            d = _safe_date(int(gd["year"]), mon, dd)
            return DateMention(s, e, d, int(gd["year"]), "explicit") if d else None
        if pub is None:
            return None
        d = _safe_date(pub.year, mon, dd)
        if d is not None and d > pub:
            d = _safe_date(pub.year - 1, mon, dd)
        return DateMention(s, e, d, d.year, "explicit") if d else None
    if name == "my":
        return DateMention(s, e, None, int(gd["year"]), "explicit")
    if name == "year":
        return DateMention(s, e, None, int(gd["year"]), "explicit")
    if pub is None:
        return None
    if name == "relday":
        d = pub + timedelta(days=g.relative_days[gd["rel"]])
        return DateMention(s, e, d, d.year, "relative")
    if name == "weekday":
        want = g.weekdays[gd["weekday"]]
        marker = gd.get("lw") or gd.get("lw2")
        if marker and marker in g.next_words:
            return None  # a future day is not the date of a past event
        back = (pub.weekday() - want) % 7
        if back == 0 and marker:
            back = 7
        d = pub - timedelta(days=back)
        return DateMention(s, e, d, d.year, "relative")
    if name == "ago":
        num_text = gd.get("n1") or gd.get("n2") or ""
        value = 1.0 if num_text in ("un", "una", "a", "an") else grammar(g.lang).parse(num_text)
        unit = gd.get("u1") or gd.get("u2") or ""
        if value is None or unit not in g.units:
            return None
        d = pub - timedelta(days=int(value * g.units[unit]))
        return DateMention(s, e, d, d.year, "relative")
    if name == "lastunit":
        unit = gd.get("u3") or gd.get("u4") or ""
        days = g.units.get(unit, 0)
        if days != 7:
            return None  # "last month"/"last year" do not name a day
        d = pub - timedelta(days=7)
        return DateMention(s, e, d, d.year, "relative")
    return None


def find_dates(folded: str, lang: str, published: date | None) -> list[DateMention]:
    """Every date expression in folded text, resolved against `published`; overlaps keep the longest."""
    g = _grammar(lang)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for (name, _), matches in zip(g.patterns, g.scan.finditer_all(folded), strict=True):
        for m in matches:
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            mention = _resolve(name, m, g, published)
            if mention is None:
                continue
            if mention.day is not None and published is not None and mention.day > published:
                continue  # never after publication
            found.append(mention)
            taken.append((m.start(), m.end()))
    found.sort(key=lambda x: x.start)
    return found
