"""Place mentions: countries (names, demonyms nearby) and the places written in the common report patterns.

The geography issue replaces the pattern part with a gazetteer; this stage already gives the place text
and country so that every event has at least those.
"""

from __future__ import annotations

import re
from functools import cache

from trocha.extractors.actors import country_tables
from trocha.extractors.wordscan import WordScan
from trocha.model import PlaceMention
from trocha.text import fold, fold_key, split_units

# A capitalised name of up to six words, with the lower-case connectors of place names ("Norte de Santander").
# A word keeps a dot only inside it, so "in Epinal. They" stops at "Epinal".
# An initial or an abbreviated title inside a name ("Gustavo A. Madero", "St. Gallen", "Cd. Juárez") keeps its dot.
_WORD = (r"(?:[dl]['’])?(?:(?:[A-Z]|St|Ste|Sta|Sto|Mt|Ft|Pt|Cd|Gral)\.(?=[ ][A-ZÁÉÍÓÚÑÜ][a-záéíóúñü])|"
         r"[A-ZÁÉÍÓÚÑÜ][\w'’-]*(?:\.(?=\w)[\w'’-]*)*)")
# "de la", "de los" inside a name join it ("Iguala de la Independencia", "San Juan de los Morros"), never a place to
# the unit it lies in; so does the Ukrainian and Russian "imeni" ("named after": "Shakhta imeni Zasiadka").
_NAME = (rf"{_WORD}(?:(?:[ ]+(?:(?:de[ ]+(?:la|las|los)|de|del|la|el|las|los|do|da|dos|das|al|y|di|du|des|ez|es|ad|"
         rf"ash|wa|van|von|der|den|bin|ibn|imeni)[ ]+)?|[ ]-[ ]){_WORD}){{0,5}}")
# Words that say what kind of unit a name is; written before ("the village of X") or after ("Pale township").
_UNIT = (r"(?i:rural |urban |sub-?)?(?i:village|town|city|area|district|township|municipality|county|region|state|"
         r"parish|LGA|woreda|kebele|upazila|"
         r"province|oblast|governorate|department|prefecture|commune|neighbou?rhood|locality|ward|suburb|"
         r"village tract|barangay|raion|rayon|tehsil|camp|zone|vereda|corregimiento|municipio|departamento|ciudad|"
         r"pueblo|provincia|estado|parroquia|cant[oó]n|barrio|sector|comuna|zona rural)")
_ART = r"(?:the|a|an|el|la|los|las|un|una)"
# A unit word before "of"/"de" is a lead only in lower case: "the city of X", but "Ciudad de México" is a name.
_LEAD_UNIT = _UNIT.replace("(?i:", "(?:")
# "in central Joensuu", "in downtown Quito": a part of the town named after it.
_AREA = (r"(?:central|downtown|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|"
         r"south-?western)")
# "the small town of X", "the remote village of X": a describing word before the unit word.
_SIZE = (r"(?:(?:small|tiny|remote|rural|border|frontier|coastal|mountain|mountainous|nearby|neighbou?ring|mining|"
         r"fishing)\s+)")
# "Kar Paung Kya (East) village", "Dagon Myothit (North)": a compass word in brackets is part of the name.
_QUALIFIER = r"(?:\s*\((?:North|South|East|West|Upper|Lower|Central|Middle|Old|New)\))"
# Venezuelan and Ecuadorian usage names a unit without "de": "en el estado Zulia", "el municipio Sucre".
_BARE_UNIT = r"(?:estado|municipio|parroquia|departamento|provincia|cant[oó]n)"
_BARE_LEAD = rf"{_BARE_UNIT}\s+(?=[A-ZÁÉÍÓÚÑ])"
_ITEM = (rf"(?:{_ART}\s+)?(?:{_AREA}\s+)?(?:{_SIZE}?(?:outskirts|countryside|{_LEAD_UNIT})\s+(?:of|de|del)\s+|"
         rf"{_BARE_LEAD})?"
         rf"{_NAME}{_QUALIFIER}?(?:\s+{_UNIT}(?![\w-]))?")  # a whole word: "township", not "town" and "ship"
_PREP = (r"\b(?:in|near|at|outside(?: of)?|around|on the (?:outskirts|streets|beach(?:es)?|coast|shores?|banks?) of|"
         r"inside|from|through|across|towards?|into|"
         r"throughout|en|cerca de|hacia|"
         r"(?:visit|trip|visita|viaje)\s+(?:to|a))\s+")
# "in Kyun Hpyar village (Kani township, Yinmarbin district, Sagaing region)", "at Islamabad city (FCT)",
# "in Sanganer locality of Bhilwara town (Bhilwara, Rajasthan)", "in Jiquilisco, Usulutan", "en Tibú (Norte de
# Santander)": the first name is the place, the names after it (chain, then brackets) are its enclosing units.
_PHRASE = re.compile(
    rf"{_PREP}(?P<chain>{_ITEM}(?:\s+and\s+{_NAME}(?:\s+{_UNIT})?)?(?:(?:,\s*(?:in\s+|en\s+)?|\s+(?:of|in|en|de|del)\s+){_ITEM}){{0,3}})"
    # "Zorvak (Razih) (Sadah)", "Neustadt (Wied) (Neuwied, Rheinland-Pfalz)": a second bracket goes on with the
    # units (after a district, or after a bracket of the town's own name).
    r"(?:\s*\((?P<admin>[^()]{2,120})\)(?:\s*\((?P<more>[^()]{2,120})\))?)?"
    # "Zap region (Al Amadiya district) of Duhok province", "Nawng Hseng village (Se Lant village tract) of Muse
    # township (Muse district, Shan-North state)": units written after the brackets enclose them.
    rf"(?:(?<=\))\s+of\s+(?P<after>{_ITEM})(?![\w-])(?:\s*\((?P<outer>[^()]{{2,120}})\))?)?"
)
_ITEM_RE = re.compile(_ITEM)
_FIRST_OF_AND = re.compile(r"\s+and\s+")
_LEAD = re.compile(
    rf"^(?:{_ART}\s+)?(?:{_AREA}\s+)?(?:{_SIZE}?(?:outskirts|countryside|{_LEAD_UNIT})\s+(?:of|de|del)\s+|"
    rf"{_BARE_LEAD})?")
# Parts of a town that coders do not record as the place: the town they lie in is the location.
_PART = re.compile(r"\s(?i:locality|neighbou?rhood|ward|area|sector|barrio|zone|camp|colonia|suburb|comuna)$")
# Buildings and streets: "at Armed Forces Plaza in Hauppauge", "outside the MBS Hospital in Kota city".
_BUILDING = re.compile(
    r"(?<![\w-])(?:School|College|University|Hospital|Clinic|Hall|Square|Plaza|Park|Market|Mall|Road|Street|Avenue|Highway|"
    r"Church|Mosque|Temple|Cathedral|Prison|Jail|Station|Airport|Port|Office|Building|Court|Courthouse|Headquarters|"
    r"Ministry|Embassy|Consulate|Parliament|Assembly|Capitol|Statehouse|State House|Palace|Stadium|Bridge|Base|"
    r"Monument|Center|Centre|Company|Museum|Gallery|Theat(?:er|re)|Library|Cemetery|Memorial|Arena|Barracks|Refinery|"
    r"Factory|Plant|Mine|Hotel|Camp|Club|Institute|Committee|Council|Union|Party|Police|Army|Force|Forces|Bhawan|Bhavan|"
    r"Colegio|Universidad|Hospital|Plaza|Parque|Mercado|Calle|Carrera|Avenida|Iglesia|C[aá]rcel|Estaci[oó]n|"
    r"Aeropuerto|Alcald[ií]a|Gobernaci[oó]n|Batall[oó]n|Brigada|Puente)(?![\w-])"
)
# "at Zorvak square in Kecioren", "outside the Zorvak factory": a name followed by a building noun in lower case names
# a site, which may bear a town's name or not (the town, if any, follows).
_BUILDING_AFTER = re.compile(
    r"\s+(?:square|street|road|avenue|boulevard|highway|bridge|market|park|hospital|university|college|school|"
    r"mosque|church|temple|station|airport|prison|jail|courthouse|stadium|roundabout|junction|intersection|factory|"
    r"plant|refinery|barracks|embassy|consulate|monument|museum|cemetery|hotel|mall|plaza|campus)\b")
_BRACKET = re.compile(r"\s*\(([^()]{2,120})\)")
_TRAIL = re.compile(rf"(?:\s+{_UNIT})+$")
# "... , NORTE DE SANTANDER , TIBU" at the end of a text (upper-case department, municipality[, place])
_TAIL = re.compile(r",\s*(?P<a1>[A-Z][A-Za-z ]{2,40}?)\s*,\s*(?P<a2>[A-Z][A-Za-z ]{1,40}?)(?:\s*,\s*(?P<loc>[A-Z][A-Za-z ]"  # noqa: E501
                   r"{1,40}?))?\s*$")


# A state, department or province named like a country or its people: the unit word follows the name and ends the
# phrase ("in Portuguesa state, protesters..."); "Colombian state forces" and "the Mexican state of Sinaloa" are not.
_PHRASE_END = r"(?=\s*[,.;:)]|\s+(?:in|on|at|and|where|when|during|after|before|y|en|donde|durante)\b|\s*$)"
_ADMIN1_WORDS = ("state", "department", "province", "region", "governorate", "estado", "departamento", "provincia")
_ADMIN1_AFTER = re.compile(rf"\s+(?:{'|'.join(_ADMIN1_WORDS)})\b{_PHRASE_END}")
_ENDS_PHRASE = re.compile(_PHRASE_END)


def _admin1_word(item: str) -> bool:
    return _unit_of(item) in _ADMIN1_WORDS


def _unit_of(item: str) -> str | None:
    """The unit word written with a name ('Odesa region' -> 'region', 'the village of X' -> 'village')."""
    m = re.search(rf"\s({_UNIT})$", item) or re.match(rf"^(?:{_ART}\s+)?({_UNIT})\s+(?:of|de|del)\s", item) \
        or re.match(rf"^(?:{_ART}\s+)?({_BARE_UNIT})\s", item)
    return m.group(1).lower() if m else None


def _bare(item: str) -> str:
    """A chain item without its unit words: 'the village of Gargada' -> 'Gargada', 'Pale township' -> 'Pale'."""
    out = _TRAIL.sub("", _LEAD.sub("", item.strip()))
    return out.strip() or item.strip()


@cache
def _country_pattern() -> tuple[WordScan, dict[str, str], dict[str, str]]:
    all_forms, names, by_iso = country_tables()
    alt = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in all_forms), key=len, reverse=True))
    name_of = {iso: row["name"] for iso, row in by_iso.items()}
    return WordScan([re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")]), all_forms, name_of


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
    scan, forms, name_of = _country_pattern()
    out: list[PlaceMention] = []
    for m in scan.finditer_all(folded)[0]:
        iso = forms.get(fold_key(m.group(0)))
        if iso and _ADMIN1_AFTER.match(folded, m.end()):
            continue  # "Portuguesa state", "Bolivar state", "Mexico state": a state named like a country
        if iso:
            out.append(PlaceMention(m.start(), m.end(), text[m.start() : m.end()], name_of[iso], iso, kind="country"))
    for m in _PHRASE.finditer(text):
        chain = m.group("chain")
        items = [i.group(0) for i in _ITEM_RE.finditer(chain)]
        if not items:
            continue
        # The place is the first populated place of the chain: skip buildings and parts of a town.
        while len(items) > 1 and (_BUILDING.search(items[0]) or _PART.search(items[0])) \
                and fold_key(_bare(items[1])) not in forms:  # "Donetsk Water Station, Ukraine": not the country
            items = items[1:]
        building = bool(_BUILDING.search(items[0]))  # kept only if the gazetteer knows it (a border bridge)
        # "at Zorvak square", "the Kadikoy courthouse": a site named after a place, which is where it is unless the
        # text names another (the unit "site" ranks it after the other places of the incident).
        after = _BUILDING_AFTER.match(text, m.end("chain")) if len(items) == 1 and not m.group("admin") else None
        first = _FIRST_OF_AND.split(items[0])[0]
        name = _bare(first)
        named_like_country = fold(name) in forms or fold_key(name) in forms
        if named_like_country and not m.group("admin") and not (
                len(items) == 1 and _admin1_word(first) and _ENDS_PHRASE.match(text, m.end("chain"))):
            continue  # a country: found above
        start = m.start("chain") + chain.index(name) if name in chain else m.start("chain")
        # "(drive-by)", "(as reported)": a bracket of lower-case words holds no unit.
        bracket = _BRACKET.match(text, after.end()) if after is not None else None  # "Zorvak junction (Zorva)"
        written = (m.group("admin"), m.group("more"), bracket.group(1) if bracket else None)
        admin = tuple(u for w in written for u in split_units(w or "") if not u.islower())
        if m.group("after"):
            admin = (*admin, _bare(m.group("after")), *split_units(m.group("outer") or ""))
        out.append(PlaceMention(start, start + len(name), name, name, None, admin[-1] if admin else None,
                                admin[0] if len(admin) > 1 else None, precision="town", hierarchy=admin,
                                chain=tuple(_bare(i) for i in items[1:]),
                                unit="building" if building else "site" if after else _unit_of(first)))
    tail = _TAIL.search(text)
    # CINEP writes capitals with accented vowels in lower case ("CHOCo", "NARInnO"): still a capitalised tail.
    a1_caps = tail.group("a1") if tail else ""
    if tail and re.fullmatch(r"[A-Z][A-Z aeioun]+", a1_caps) and sum(c.isupper() for c in a1_caps) > 2:
        a1, a2 = _decode_caps(tail.group("a1")), _decode_caps(tail.group("a2"))
        loc = _decode_caps(tail.group("loc")) if tail.group("loc") else a2
        out.append(PlaceMention(tail.start("a2"), tail.end(), text[tail.start("a1") : tail.end()], loc, "COL", a1, a2,
                                precision="municipality", hierarchy=(a2, a1)))
    out.sort(key=lambda p: p.start)
    return out
