"""Actor mentions: named groups and forces from the actor dictionary, generic actors with their country."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from trocha.extractors.wordscan import WordScan
from trocha.lang import LANGUAGES, shared_data
from trocha.model import ActorMention
from trocha.text import fold, fold_key


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of the actor dictionary."""

    name: str
    kind: str
    country: str
    inter: int
    cameo: str

    @property
    def generic(self) -> bool:
        return not self.country


@dataclass(frozen=True, slots=True)
class ActorMatcher:
    """Compiled alias and country patterns for one language."""

    entries: dict[str, ActorEntry]
    longest: dict[str, int]  # first word of an alias -> most words of an alias starting with it
    starts: frozenset[str]  # every alias and each of its first words ("armed", "armed forces" of "armed forces of x")
    countries: dict[str, str]  # folded name or demonym -> ISO3
    country_names: dict[str, str]  # folded country name -> ISO3 (no demonyms)
    before: re.Pattern[str]
    after: re.Pattern[str]
    names: re.Pattern[str]
    display: dict[str, str]  # ISO3 -> English name
    before_first: dict[str, re.Pattern[str]]  # first letter -> `before` with only the names that start with it
    names_scan: WordScan  # `names`, tried only where a country name can start
    # Keys of aliases written only as capitals ("AU", "UN", "ELN"): they match only capitals in the text, so
    # "au" in "Port-au-Prince" or the Spanish "un" are not the African Union or the United Nations.
    acronyms: frozenset[str] = frozenset()


def _alias_parts(aliases: list[str]) -> list[str]:
    return sorted({re.escape(fold(a)).replace(r"\ ", r"\s+") for a in aliases if a.strip()}, key=len, reverse=True)


def _alias_regex(aliases: list[str]) -> str:
    return "|".join(_alias_parts(aliases))


def _by_first_letter(parts: list[str], template: str) -> dict[str, re.Pattern[str]]:
    """The template compiled once per first letter, its ALT holding only the parts that start with that letter.

    At a place starting with that letter no other part can match, so the match there is the same as the full
    pattern's, found without trying a thousand names. Empty when a part does not start with a plain letter.
    """
    groups: dict[str, list[str]] = {}
    for part in parts:
        if not part[:1].isalnum():
            return {}
        groups.setdefault(part[0], []).append(part)
    return {c: re.compile(template.replace("ALT", "|".join(g))) for c, g in groups.items()}


def country_tables() -> tuple[dict[str, str], dict[str, str], dict[str, Any]]:
    """(folded names and demonyms -> ISO3, folded names only -> ISO3, ISO3 -> country row)."""
    rows = shared_data().countries["country"]
    names: dict[str, str] = {}
    all_forms: dict[str, str] = {}
    by_iso: dict[str, Any] = {}
    for row in rows:
        iso = row["iso3"]
        by_iso[iso] = row
        for n in [row["name"], *row.get("en", []), *row.get("es", [])]:
            names.setdefault(fold_key(n), iso)
            all_forms.setdefault(fold_key(n), iso)
        for d in [*row.get("demonyms_en", []), *row.get("demonyms_es", [])]:
            all_forms.setdefault(fold_key(d), iso)
    return all_forms, names, by_iso


@cache
def matcher(lang: str) -> ActorMatcher:
    """Build the actor matcher of a language from actors.toml and countries.toml."""
    entries: dict[str, ActorEntry] = {}
    upper: set[str] = set()
    lower: set[str] = set()
    for row in shared_data().actors["actor"]:
        entry = ActorEntry(row["name"], row["kind"], row["country"], int(row["inter"]), row["cameo"])
        forms = list(row.get(lang, []))
        if entry.country:  # named actors are written the same way across languages
            forms += [a for other in LANGUAGES if other != lang for a in row.get(other, [])]
        for form in forms:
            key = fold_key(form)
            if key and key not in entries:
                entries[key] = entry
            if key and _is_acronym(form):
                upper.add(key)
            elif key:
                lower.add(key)
    longest: dict[str, int] = {}
    starts: set[str] = set()
    for key in entries:
        words = key.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
        starts.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    all_forms, names, by_iso = country_tables()
    forms_parts = _alias_parts(list(all_forms))
    forms_alt = "|".join(forms_parts)
    names_alt = _alias_regex(list(names))
    # "Colombian soldiers", "Venezuela's government", "the Ecuadorian army"
    before_template = r"(?<![\w-])(?P<c>ALT)(?:'s|’s|')?\s+$"
    before = re.compile(before_template.replace("ALT", forms_alt))
    # "soldados venezolanos", "gobierno de Venezuela", "Ejército del Ecuador"
    after = re.compile(rf"\s+(?:(?:de|del|de la|of|of the)\s+)?(?P<c>{forms_alt}|{names_alt})(?![\w-])")
    names_re = re.compile(rf"(?<![\w-])(?:{names_alt})(?![\w-])")
    display = {iso: row["name"] for iso, row in by_iso.items()}
    return ActorMatcher(entries, longest, frozenset(starts), all_forms, names, before, after, names_re, display,
                        _by_first_letter(forms_parts, before_template), WordScan([names_re]),
                        frozenset(upper - lower))


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 6 and all(c.isupper() for c in letters)


# A country name after these words is a place ("in Colombia"), elsewhere it may act ("Colombia asked").
_PLACE_LEAD = re.compile(
    r"(?:\b(?:in|en|to|from|of|de|del|across|throughout|near|into|a|al|hacia|desde|within|inside|por|para|at|"
    r"entre|between|and|y|with|con|outside|towards|toward|over|on|sobre)\s+(?:the\s+|el\s+|la\s+)?)$"
)


def find_actors(text: str, folded: str, lang: str) -> list[ActorMention]:
    """Every actor mention in the text, generic ones given a country when the words around say it."""
    m = matcher(lang)
    out: list[ActorMention] = []
    for start, end, entry in _alias_hits(m, folded):
        if m.acronyms and fold_key(folded[start:end]) in m.acronyms and (
                any(c.islower() for c in text[start:end]) or folded[start - 1 : start] == "-"
                or folded[end : end + 1] == "-"):
            continue  # an acronym alias written in lower case or inside a hyphenated word is another word
        country = entry.country or None
        cameo = entry.cameo
        if entry.generic:
            iso, start, end = _country_around(m, folded, start, end)
            if iso:
                country = iso
                cameo = iso + cameo.lstrip("~")
        name = entry.name
        if entry.generic and country:
            name = f"{name.replace(' (generic)', '')} ({m.display.get(country, country)})"
        out.append(ActorMention(start, end, text[start:end], name, entry.kind, entry.inter, cameo,
                                country, entry.generic and country is None))
    out = _drop_apposed_generics(out, folded)
    for hit in m.names_scan.finditer_all(folded)[0]:  # m.names.finditer(folded)
        if any(a.start < hit.end() and hit.start() < a.end for a in out):
            continue
        if _PLACE_LEAD.search(folded[max(0, hit.start() - 16) : hit.start()]):
            continue
        iso = m.country_names.get(fold_key(hit.group(0)))
        if iso:
            out.append(ActorMention(hit.start(), hit.end(), text[hit.start() : hit.end()], m.display[iso], "country",
                                    1, iso, iso, False))
    out.sort(key=lambda a: a.start)
    return out


_TOKEN = re.compile(r"[a-z0-9]+")
# Characters that may stand between two words of one alias ("FARC-EP", "Clan del Golfo", "E.L.N.").
_JOINER = re.compile(r"[\s.'’-]{1,3}")


def _alias_hits(m: ActorMatcher, folded: str) -> list[tuple[int, int, ActorEntry]]:
    """Longest dictionary aliases in the text, found by looking up word n-grams (fast on big dictionaries)."""
    words = _TOKEN.findall(folded)
    spans = [t.span() for t in _TOKEN.finditer(folded)]
    longest, entries = m.longest, m.entries
    hits: list[tuple[int, int, ActorEntry]] = []
    free = 0  # the first word not yet inside an alias found
    for i in [i for i, w in enumerate(words) if w in longest]:  # only words that start some alias
        if i < free:
            continue
        # The longest run of words that starts some alias bounds the aliases worth looking up.
        top = min(longest[words[i]], len(words) - i)
        reach, key = 1, words[i]
        while reach < top and f"{key} {words[i + reach]}" in m.starts:
            key = f"{key} {words[i + reach]}"
            reach += 1
        for n in range(reach, 0, -1):
            if any(not _JOINER.fullmatch(folded, spans[j][1], spans[j + 1][0]) for j in range(i, i + n - 1)):
                continue
            entry = entries.get(" ".join(words[i : i + n]))
            if entry is not None:
                hits.append((spans[i][0], spans[i + n - 1][1], entry))
                free = i + n
                break
    return hits


def _country_around(m: ActorMatcher, folded: str, start: int, end: int) -> tuple[str | None, int, int]:
    window = folded[max(0, start - 40) : start]
    b = _before(m, window)
    if b:
        iso = m.countries.get(fold_key(b.group("c")))
        if iso:
            return iso, start - (len(window) - b.start()), end
    a = m.after.match(folded, end, min(len(folded), end + 40))
    if a:
        iso = m.countries.get(fold_key(a.group("c")))
        if iso:
            return iso, start, a.end()
    return None, start, end


_WORD_START = re.compile(r"(?<![\w-])\w")


def _before(m: ActorMatcher, window: str) -> re.Match[str] | None:
    """m.before.search(window), trying at each word start only the names that begin with its letter."""
    if not m.before_first:
        return m.before.search(window)
    for w in _WORD_START.finditer(window):
        pat = m.before_first.get(w.group(0))
        found = pat.match(window, w.start()) if pat else None
        if found:
            return found
    return None


_APPOSITION = re.compile(r"[\s\w-]{0,24}?[,:(]?\s*[\"'“‘«(]?\s*")


def _drop_apposed_generics(found: list[ActorMention], folded: str) -> list[ActorMention]:
    """"the criminal gang 'Los Rastrojos'": keep the name, not the generic noun that introduces it."""
    keep = []
    for i, a in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (a.generic and nxt is not None and not nxt.generic and nxt.kind == a.kind
                and _APPOSITION.fullmatch(folded[a.end : nxt.start])):
            continue
        keep.append(a)
    return keep
