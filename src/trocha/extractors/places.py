"""Place mentions: countries (names, demonyms nearby) and the places written in the common report patterns.

The geography issue replaces the pattern part with a gazetteer; this stage already gives the place text
and country so that every event has at least those.
"""

from __future__ import annotations

import re
from functools import cache

from trocha.extractors.actors import country_tables
from trocha.model import PlaceMention
from trocha.text import fold, fold_key

# "in Barranquilla (Atlantico)", "near Goma (Goma, Nord-Kivu)", "en Tibú (Norte de Santander)"
_PAREN = re.compile(
    r"\b(?:in|near|at|outside(?: of)?|around|en|cerca de)\s+(?:the\s+)?(?P<place>[A-ZÁÉÍÓÚÑ][\w'’.-]*(?:[ ]+(?:de|del|la|el|"  # noqa: E501
    r"las|los|y|-|da|do|al)?[ ]*[A-ZÁÉÍÓÚÑ][\w'’.-]*){0,5})\s*\((?P<admin>[^()]{2,80})\)"
)
# "... , NORTE DE SANTANDER , TIBU" at the end of a text (upper-case department, municipality[, place])
_TAIL = re.compile(r",\s*(?P<a1>[A-Z][A-Za-z ]{2,40}?)\s*,\s*(?P<a2>[A-Z][A-Za-z ]{1,40}?)(?:\s*,\s*(?P<loc>[A-Z][A-Za-z ]"  # noqa: E501
                   r"{1,40}?))?\s*$")
_PLAIN = re.compile(r"\b(?:in|near|at|en|cerca de|(?:visit|trip|visita|viaje)\s+(?:to|a))\s+(?:the\s+|el\s+|la\s+)?"
                    r"(?:(?:department|province|state|municipality|town|city|village|region|departamento|provincia|"
                    r"estado|municipio|ciudad|pueblo|corregimiento|vereda)\s+(?:of|de|del)\s+)?(?P<place>[A-ZÁÉÍÓÚÑ][\w'’.-]+(?:[ ]+(?:de|del|la|el)?[ ]*"  # noqa: E501
                    r"[A-ZÁÉÍÓÚÑ][\w'’.-]+){0,3})")


@cache
def _country_pattern() -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    all_forms, names, by_iso = country_tables()
    alt = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in all_forms), key=len, reverse=True))
    name_of = {iso: row["name"] for iso, row in by_iso.items()}
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])"), all_forms, name_of


def country_name(iso3: str | None) -> str | None:
    """The English country name (as ACLED writes it) of an ISO3 code."""
    if not iso3:
        return None
    return _country_pattern()[2].get(iso3)


def _decode_caps(name: str) -> str:
    # CINEP-style capitals write an accented vowel as its lower-case letter and ñ as "nn".
    out = re.sub(r"nn", "ñ", name.strip())
    out = re.sub(r"[aeiou]", lambda m: {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}[m.group(0)], out)
    return " ".join(w.capitalize() if w.isupper() or len(w) > 1 else w.lower() for w in out.split())


def find_places(text: str, folded: str) -> list[PlaceMention]:
    """Countries and place names found in the text (no gazetteer yet: admin fields come from the text)."""
    pat, forms, name_of = _country_pattern()
    out: list[PlaceMention] = []
    for m in pat.finditer(folded):
        iso = forms.get(fold_key(m.group(0)))
        if iso:
            out.append(PlaceMention(m.start(), m.end(), text[m.start() : m.end()], name_of[iso], iso, kind="country"))
    for m in _PAREN.finditer(text):
        admin = [a.strip() for a in m.group("admin").split(",") if a.strip()]
        place = m.group("place").strip()
        admin1 = admin[-1] if admin else None
        admin2 = admin[0] if len(admin) > 1 else None
        out.append(PlaceMention(m.start("place"), m.end("place"), place, place, None, admin1, admin2,
                                precision="town"))
    tail = _TAIL.search(text)
    if tail and tail.group("a1").isupper():
        a1, a2 = _decode_caps(tail.group("a1")), _decode_caps(tail.group("a2"))
        loc = _decode_caps(tail.group("loc")) if tail.group("loc") else a2
        out.append(PlaceMention(tail.start("a2"), tail.end(), text[tail.start("a1") : tail.end()], loc, "COL", a1, a2,
                                precision="municipality"))
    if not any(p.kind == "place" for p in out):
        for m in _PLAIN.finditer(text):
            name = re.sub(r"(?:['’]s|\.)$", "", m.group("place").strip())
            if fold(name) in forms or fold_key(name) in forms:
                continue
            out.append(PlaceMention(m.start("place"), m.start("place") + len(name), name, name, None,
                                    precision="unknown"))
    out.sort(key=lambda p: p.start)
    return out
