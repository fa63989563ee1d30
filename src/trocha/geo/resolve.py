"""Toponym resolution in context: a place mention plus the units written around it and the article's countries
-> one gazetteer entry, with country, admin1, admin2, coordinates, precision and border facts."""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from trocha.geo.build import ARTICLES, DATA, SEAT_POPULATION, sound_key, unit_key
from trocha.geo.entry import GeoEntry, distance_km
from trocha.geo.gazetteer import Gazetteer
from trocha.lang import LANGUAGES, lang_data
from trocha.model import ActorMention, Border, PlaceMention
from trocha.text import fold_key, split_units

# Words that say what kind of unit a name is ("Pale township", "Donetsk region", "municipio de Tibú").
UNIT = (r"village|town|city|area|district|sub-?district|township|municipality|county|region|state|province|oblast|"
        r"parish|LGA|woreda|kebele|upazila|sub-?county|regency|"
        r"governorate|department|prefecture|commune|locality|neighbou?rhood|barangay|raion|rayon|tehsil|"
        r"vereda|corregimiento|municipio|departamento|ciudad|pueblo|provincia|estado|parroquia|cant[oó]n")
# Articles and lead units are stripped only in lower case: "La Paz" and "Ciudad de México" are names.
_UNIT_EDGE = re.compile(rf"^(?:(?:the|el|la|los|las)\s+)?(?:(?:{UNIT})\s+(?:of|de|del)\s+)?|\s+(?i:{UNIT})$")
# Spanish unit words in the English words of ISO 3166-2's categories.
_KIND_OF = {"estado": "state", "departamento": "department", "provincia": "province", "región": "region",
            "region": "region"}
_COMPASS = re.compile(r"(?i)(?:north|south|east|west|central|centre|center|north-?east|north-?west|south-?east|"
                      r"south-?west|norte|sur|este|oeste|centro)(?:\s+zone)?")
# Words of second-level units: a mention written with one names its district ("Okara district"); an enclosing unit
# written with one is never a state elsewhere ("(Bara district)"), except a county (Kenya's are first-level).
_ADMIN2_UNIT = frozenset({"district", "municipality", "municipio", "county", "raion", "rayon", "tehsil", "upazila",
                          "woreda", "lga", "canton", "cantón", "regency"})
_ADMIN2_WORD = re.compile(rf"\s(?:{'|'.join(sorted(_ADMIN2_UNIT - {'county'}))})$", re.I)
_LARGE_TOWN = 100_000
# A town this large is named alone where the text names no larger one ("nurses walked out of the hospital of Alencon").
_KNOWN_TOWN = 15_000


def _article(name: str) -> bool:
    """Whether a transliterated name starts with an Arabic article ("Al-Kut", "Ad Dali")."""
    return fold_key(name).replace("-", " ").split(" ", 1)[0] in ARTICLES


def _sounds_alike(written: str, name: str) -> bool:
    """Whether two sound keys (see build.sound_key) are one name's transliterations: the same, or one the other
    with an ending more ("Al Amadiya" and "Amedi": 'amdy' and 'amd'), the shorter of three letters at least."""
    short, long = sorted((written, name), key=len)
    return written == name or (len(short.replace(" ", "")) >= 3 and long.startswith(short))


# The ayn and hamza marks of transliterations inside a word ("Dar‘ā", "Ma'rib").
_MARKS = re.compile(r"(?<=\w)[‘’'ʿʾ`](?=\w)")


@lru_cache(maxsize=1 << 16)  # entry names recur from one resolution to the next
def _name_key(name: str) -> str:
    """A name's key with the ayn and hamza marks of transliterations dropped: "Dar‘ā" is written "Dara"."""
    return fold_key(_MARKS.sub("", name))


_LOCATIVE = re.compile(r"\b(?:in|near|at|outside|around|en|cerca de)\s+(?:the\s+)?$", re.I)
_TOWN_WORD = re.compile(r"(?i)city|town|village|ciudad|pueblo")
_ADMIN1_UNIT = re.compile(r"region|state|province|governorate|oblast|department|departamento|provincia|estado")
_ADMIN1_WORD = re.compile(r"\s(?:region|state|province|governorate|oblast|department|departamento|provincia|"
                          r"estado)$", re.I)
_W = r"(?:[dl]['’])?[A-ZÁÉÍÓÚÑÜ][\w'’-]*(?:\.(?=\w)[\w'’-]*)*"
_CAP = rf"{_W}(?:[ ]+(?:(?:de[ ]+(?:la|las|los)|de|del|la|el|las|los|do|da|dos|das|al|y|ez|es|ad|wa)[ ]+)?{_W}){{0,4}}"
# "Ocheretino, Donetsk region", "Nogales, Veracruz", "Sheikh Isa village, Aleppo", "Kelly town in Idleb"
# Both scans look ahead so that a rejected match ("Head of Zmiivka") does not hide the next one
# ("Zmiivka village, Kherson").
_BRACKET = re.compile(rf"(?=\b(?P<x>{_CAP})(?:\s+(?i:{UNIT}))?\s*\((?P<units>[^()]{{2,120}})\))")
_KNOWN = re.compile(rf"(?<![\w-])(?P<x>{_CAP})(?![\w-])")
# Initials written in capitals ("UDA", "CFDT"): a party's or a union's, not a town's name.
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# How far from the town written after it a place of the same name may lie: farther, the name is a part of the town.
_PART_OF_TOWN_KM = 50.0
# A namesake outside the written admin1 is the place only this near the written district: a village written with
# its township and region is not a village of that name across the region's edge, 200 km from the township.
_NEAR_DISTRICT_KM = 50.0
# How far from the district's seat the seat of a smaller unit written inside it may lie (a township in its district).
_FINER_UNIT_KM = 100.0
# "Northern Nicosia", "East Mosul": a part of a town named by a compass word.
_COMPASS_LEAD = re.compile(r"(?:Northern|Southern|Eastern|Western|Central|North|South|East|West)[ ]+(\S.*)")
# Where a longer name may end in a town's: "Sarajevo-Stari Grad", "Donetsk - Donetsk Airport".
_HEAD_SEP = re.compile(r"[ ]*-[ ]*|[ ]+")
_HYPHEN = re.compile(r"[ ]*-[ ]*")
# Month and weekday names are capitalised words but no places ("on 8 March": the English town of March).
_DATE_WORDS = frozenset(fold_key(w) for lang in LANGUAGES for table in ("months", "weekdays")
                        for w in lang_data(lang).dates.get(table, {}))
_POSSESSIVE = re.compile(r"['’]s?$")
# A town's office or body written after its name: "Van Governor's office", "Pohang City Hall".
_OFFICE_AFTER = re.compile(r"[ ](?:Governor|Governorate|Mayor|City Hall|Town Hall|City Council|Municipality|"
                           r"Municipal|Police|Prefecture|Court|University|Hospital)\b")
_DASHED = re.compile(rf"\((?P<x>(?P<city>{_CAP}) - {_CAP})\)")
# The last words of a longer name ("College" of "Bronx Community College in New York"): a capitalised word, not a
# possessive, right before.
_NAME_TAIL = re.compile(r"(?<![\w'’-])[A-Z][\w-]*(?<!['’]s)[ ]+$")
_APPOS = re.compile(rf"(?=\b(?P<x>{_CAP})(?P<xu>\s+(?i:{UNIT}))?(?:,\s+|\s+(?:in|of|en)\s+)(?P<y>{_CAP})"
                    rf"(?P<yu>\s+(?i:{UNIT}))?\b)")


# One or two capitalised words and "of" just before a name: "Port of" (Spain), "Isle of" (Wight).
_OF_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*)?[ ]of[ ]$")
# An office or a body and "of" just before a name: "Secretary of" (Education of Veracruz), "Institute of".
_BODY_OF = re.compile(r"(?<![\w-])(?:Secretary|Secretariat|Ministry|Minister|Department|Office|Institute|Council|"
                      r"Commission|Committee|University|College|School|Court|Bank|Chamber|Federation|Association|"
                      r"Union|Directorate|Agency|Board|Bureau)(?:[ ][A-Z][\w'’-]*)?[ ]of[ ]$")
# "Dagon Myothit (North)": the part of a place a compass word in brackets names; the place is looked up whole.
_COMPASS_PART = re.compile(r"\s*\((?:North|South|East|West|Upper|Lower|Central|Middle|Old|New)\)\s*$")


# Korean unit words are joined to the name by a hyphen: "Hongseong-gun" (county), "Suwon-si" (city), "Jongno-gu"
# (district), "Hongbuk-myeon" and "Haman-eup" (townships), "Sincheon-ri" (village), "Sinsa-dong" (neighbourhood).
_KOREAN_UNIT = re.compile(r"(?<=[a-z])-(?:gun|si|gu|myeon|eup|ri|dong)$")


def clean(name: str) -> str:
    """A written unit name without its unit word: 'Yinmarbin district' -> 'Yinmarbin', 'Jindo-gun' -> 'Jindo'."""
    out = _COMPASS_PART.sub("", name).strip(" ,.;:")
    for _ in range(2):
        out = _UNIT_EDGE.sub("", out).strip()
    out = _KOREAN_UNIT.sub("", out)
    return out or name.strip()


@dataclass(frozen=True, slots=True)
class _Context:
    country: str | None  # ISO2 written in the hierarchy
    admin1: tuple[GeoEntry, ...]  # admin1 entries the hierarchy names
    admin1_text: str | None
    admin2_text: str | None
    admin2_worded: bool = False  # admin2_text is a unit: "(Kaski district)", "(Tongomayel, Soum)"


class Geocoder:
    """Resolves the place mentions of one article against an injected gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.iso2_of = {v: k for k, v in gazetteer.iso3_of.items()}
        self._seat_units: dict[int, tuple[str | None, str | None]] = {}  # a seat's admin1 and admin2, once

    def resolve_all(self, text: str, places: list[PlaceMention], actors: list[ActorMention]) -> list[PlaceMention]:
        """Every mention resolved (unknown ones kept with precision 'unknown'); names of known actors are dropped."""
        taken = [(a.start, a.end) for a in actors]
        # A known group's name is not a place ("Los Rastrojos"); a capital standing for its government is one
        # where the text says so: "in Kyiv region", "near Moscow".
        mentions = [m for m in places if m.kind == "country" or not _overlaps(m, taken)
                    or (_LOCATIVE.search(text, 0, m.start) and self._large(m.name)
                        and not any(a.start < m.start < a.end or a.start < m.end < a.end for a in actors))
                    or _holds_actors(m, taken)]
        mentions = self._of_names(text, [self._city_in_name(text, m) for m in mentions])
        mentions = self._add_appositions(text, mentions, taken)
        scanned = not any(m.kind == "place" for m in mentions)
        if scanned:
            mentions = self._add_known_names(text, mentions, taken, actors)
        out = self._resolve_mentions(text, mentions, actors)
        if not scanned and not any(m.kind == "place" and m.resolved for m in out):
            # "from Zorvak crossing, Dhaka city": no place phrase names a known place; a large city or a state
            # written elsewhere in the text is the best evidence of where it happened.
            spans = [*taken, *((m.start, m.end) for m in mentions if m.kind == "place")]
            more = self._add_known_names(text, mentions, spans, actors)
            if len(more) > len(mentions):
                out = self._resolve_mentions(text, more, actors)
        return out

    def _resolve_mentions(self, text: str, mentions: list[PlaceMention],
                          actors: list[ActorMention]) -> list[PlaceMention]:
        prefer: Counter[str] = Counter()
        for m in mentions:
            if m.kind == "country" and m.country and m.country in self.iso2_of:
                prefer[self.iso2_of[m.country]] += 1
        for a in actors:
            if a.country and a.country in self.iso2_of:
                prefer[self.iso2_of[a.country]] += 1
        for cc, units in _areas_named(text):
            prefer[cc] += 1
            for unit in units:
                prefer[area_key(cc, unit)] += 1
        out: dict[int, PlaceMention] = {}
        # Mentions with written units first: what they settle becomes context for the bare names.
        order = sorted(range(len(mentions)), key=lambda i: (not mentions[i].hierarchy, mentions[i].start))
        for i in order:
            m = mentions[i]
            if m.kind == "country":
                out[i] = self._country_mention(m)
                continue
            r = self.resolve(m, prefer)
            out[i] = r
            if r.resolved and r.country in self.iso2_of:
                prefer[self.iso2_of[r.country]] += 2
        return [out[i] for i in range(len(mentions))]

    def _city_in_name(self, text: str, m: PlaceMention) -> PlaceMention:
        """"Kansas City", "Traverse City", "Hualien City": a capitalised "City" after a name is part of a town's own
        name when the gazetteer knows it, not the unit word."""
        if m.kind != "place" or m.unit != "city" or not text.startswith(" City", m.end):
            return m
        whole = f"{m.name} City"
        key = fold_key(whole)
        if not any(e.kind == "place" and fold_key(e.name) == key for e in self.gaz.lookup(whole)):
            return m
        return replace(m, end=m.end + 5, text=text[m.start : m.end + 5], name=whole, unit=None)

    def _of_names(self, text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """"Port of Spain", "Isle of Wight": a name after "<Name> of" is part of a longer place name when the
        gazetteer knows the whole (not "Spain" the country); mentions inside the whole are dropped."""
        out = list(mentions)
        longer: list[tuple[int, int]] = []
        for i, m in enumerate(mentions):
            if m.kind not in ("place", "country"):
                continue
            before = _OF_BEFORE.search(text, max(0, m.start - 40), m.start)
            if before is None:
                continue
            whole = text[before.start() : m.end]
            key = fold_key(whole)
            if not any(e.kind in ("place", "admin1", "admin2") and fold_key(e.name) == key
                       for e in self.gaz.lookup(whole)):
                continue
            out[i] = PlaceMention(before.start(), m.end, whole, whole, None, precision="town")
            longer.append((before.start(), m.end))
        return [m for m in out if not any(a <= m.start and m.end <= b and (m.start, m.end) != (a, b)
                                          for a, b in longer)]

    def _large(self, name: str, kinds: tuple[str, ...] = ("place",), least: int = _LARGE_TOWN) -> list[GeoEntry]:
        """States named so, and towns (entries of `kinds`) of `least` (100,000) people or more: names that stand for
        a place alone ("car bomb rocks Bogota") or for a government ("Kyiv", "Moscow"), unlike a hamlet named like a
        gang."""
        return [e for e in self.gaz.lookup(name)
                if e.kind == "admin1" or (e.kind in kinds and e.population >= least)]

    def resolve(self, m: PlaceMention, prefer: Counter[str] | None = None) -> PlaceMention:
        """One mention resolved with its written units and the article's countries (`prefer`, ISO2 counts, and the
        first-level units of regions it names, keyed by `area_key`)."""
        return self._at_seat(self._resolve(m, prefer or Counter()))

    def _at_seat(self, m: PlaceMention) -> PlaceMention:
        """A place known only to its state (or country) stands at the state's seat (or the capital), where ACLED
        codes such an event; the units of that town are filled in too, so that the point and its units agree.
        `precision` still says how much the text told."""
        if m.precision not in ("admin1", "country") or m.lat is None or m.lon is None or m.admin2:
            return m
        cc = self.iso2_of.get(m.country or "")
        seat = self.gaz.place_at(m.lat, m.lon, cc) if cc else None
        if seat is None or seat.admin1 is None:
            return m
        if m.precision == "admin1" and not self._same_admin1(m.admin1, seat.cc, seat.admin1):
            return m
        units = self._seat_units.get(seat.id)
        if units is None:
            bare = PlaceMention(0, len(seat.name), seat.name, seat.name, None)
            filled = self._fill(bare, seat, _Context(cc, (), None, None))
            units = self._seat_units[seat.id] = (filled.admin1, filled.admin2)
        return replace(m, admin1=m.admin1 or units[0], admin2=units[1])

    def _same_admin1(self, written: str | None, cc: str, admin1: str) -> bool:
        key = unit_key(admin1)
        return written is not None and (unit_key(written) == key or any(
            e.kind == "admin1" and e.cc == cc and unit_key(e.name) == key for e in self.gaz.lookup(written)))

    def _resolve(self, m: PlaceMention, prefer: Counter[str]) -> PlaceMention:
        m = self._bracketed_name(m)
        ctx = self._context(m)
        if m.country and m.country in self.iso2_of and ctx.country is None:
            ctx = replace(ctx, country=self.iso2_of[m.country])
        # "Lyon - Part-Dieu Center": a city and its district, whatever the district's last word (next rule).
        if m.unit == "building" and " - " not in m.name and not self._town_named_like_building(m.name, ctx, prefer):
            # A bridge, square or office: a place only when it is a known border crossing (or when the whole name
            # is a town's: "Schwäbisch Hall", "Highland Park").
            crossing = [e for e in self.gaz.lookup(m.name) if e.kind == "crossing"]
            if not crossing:
                # "Kakuma Refugee Camp (Turkana West, Turkana)": placed by its written units; "the museum in
                # Rancho Cordova (California)" by the town's own mention; "Donetsk Airport" by the town it is named
                # after.
                if m.hierarchy and not m.chain:
                    return self._from_units(m, ctx, prefer)
                return self._head_place(m, ctx, prefer) or replace(m, precision="unknown")
            bridge = max(crossing, key=lambda e: prefer.get(e.cc, 0))
            return self._fill(m, bridge, ctx)
        # "Seoul City - Jongno", "Manaus - East Zone": a city and its district; the city is looked up.
        name, _, district = m.name.partition(" - ")
        best = self._best(name, ctx, prefer, admin1_only=bool(m.unit and _ADMIN1_UNIT.fullmatch(m.unit)),
                          unit=_KIND_OF.get(m.unit or "", m.unit), worded_admin2=(m.unit or "").lower() in _ADMIN2_UNIT)
        if best is None:
            if not m.hierarchy:
                head = self._head_place(m, ctx, prefer)
                if head is not None:
                    return head
            return self._from_units(m, ctx, prefer)
        town = self._enclosing_town(m, best, ctx, prefer)
        if town is not None:
            return town
        out = self._fill(m, best, ctx)
        unit = self._district_unit(clean(district), out) if district else None
        if unit is not None:
            out = replace(out, admin2=unit)  # "Caracas - Chacao (Miranda)": a municipality of its own
        elif district and not ctx.admin2_text and not _COMPASS.fullmatch(clean(district)) \
                and self._city_is_unit(name, best):
            # In a city that is a first-level unit of its own (Seoul, Mexico City, Bangkok), the district is the
            # second-level unit ("Rio de Janeiro - North Zone" names a sector, not a unit).
            out = replace(out, admin2=clean(district))
        return out

    def _enclosing_town(self, m: PlaceMention, best: GeoEntry, ctx: _Context,
                        prefer: Counter[str]) -> PlaceMention | None:
        """"at the Dam in Amsterdam": a name followed by the town it lies in (15,000 people or more, in the
        article's countries), whose namesakes all lie far from that town, is a part of the town (a square, a
        building, a quarter): the town is the place."""
        if not m.chain or m.hierarchy or m.unit not in (None, "building") or best.kind != "place" \
                or best.lat is None or best.lon is None:
            return None  # "Al Qurnah district, Basrah": a unit written as one, in the province named after its seat
        outer = clean(m.chain[0])
        if any(e.kind in ("admin1", "country") for e in self.gaz.lookup(outer)):
            return None  # "Acapulco, Guerrero": the state the place lies in
        town = self._best(outer, _Context(ctx.country, (), None, None), prefer)
        homes = _countries(prefer)
        if town is None or town.kind not in ("place", "admin2") or town.population < _KNOWN_TOWN \
                or (homes and town.cc not in homes) or town.lat is None or town.lon is None:
            return None
        named = [e for e in self.gaz.lookup(m.name) if e.lat is not None and e.lon is not None]
        if any(distance_km(e.lat, e.lon, town.lat, town.lon) <= _PART_OF_TOWN_KM  # type: ignore[arg-type]
               for e in named):
            return None
        return self._fill(replace(m, name=outer, chain=m.chain[1:], unit=None), town, ctx)

    def _head_place(self, m: PlaceMention, ctx: _Context, prefer: Counter[str]) -> PlaceMention | None:
        """An unknown name that begins with a town's before a hyphen ("Sarajevo-Stari Grad"), a building named
        after its town ("Donetsk Filtration Station") or a part of a town named by a compass word ("Northern
        Nicosia"): that town, when it has 15,000 people or more and lies in a country the article names."""
        homes = _countries(prefer)
        compass = _COMPASS_LEAD.match(m.name)
        heads = [compass.group(1)] if compass else []
        # A building's name may begin with its town at any word; another name only before a hyphen.
        seps = _HEAD_SEP if m.unit == "building" else _HYPHEN
        heads += [m.name[: sep.start()] for sep in reversed(list(seps.finditer(m.name)))]
        for head in heads:
            if len(head) < 3 or fold_key(head) in _DATE_WORDS:
                continue
            towns = [e for e in self._large(head, ("place", "admin2"), _KNOWN_TOWN) if e.kind != "admin1"]
            if towns and (not homes or any(e.cc in homes for e in towns)):
                best = self._best(head, ctx, prefer)
                if best is not None and best.kind != "admin1":
                    return self._fill(replace(m, name=head, unit=None), best, ctx)
        return None

    def _bracketed_name(self, m: PlaceMention) -> PlaceMention:
        """"Frankenthal (Pfalz)", "Halle (Saale)": a bracket that is part of a town's or district's own name is not
        the unit it lies in."""
        if not m.hierarchy or m.chain:
            return m
        whole = f"{m.name} ({m.hierarchy[0]})"
        key = fold_key(whole)
        if not any(e.kind in ("place", "admin2") and "(" in e.name and fold_key(e.name) == key
                   for e in self.gaz.lookup(whole)):
            return m
        rest = m.hierarchy[1:]
        return replace(m, name=whole, hierarchy=rest, admin1=rest[-1] if rest else None,
                       admin2=rest[0] if len(rest) > 1 else None)

    # --- context -------------------------------------------------------------------------------------------------

    def _context(self, m: PlaceMention) -> _Context:
        # Chain names count only when the gazetteer knows them; bracketed ones are trusted as written.
        raw: list[str] = []
        for u in [c for c in m.chain if self.gaz.lookup(clean(c))] + list(m.hierarchy):
            if clean(u) and fold_key(clean(u)) not in {fold_key(clean(r)) for r in raw}:
                raw.append(u)
        # "Shiroro LGA (Niger)": a unit word of one country's administration says the country.
        only = _countries_of_units((m.unit or "", *raw))
        country = next(iter(only)) if len(only) == 1 else None
        if raw:
            c = self._country_named(clean(raw[-1]))
            # "Athens (Georgia)", "Mashegu (Mashegu, Niger)": a state of that name holding the place wins.
            if c is not None and (not only or c.cc in only) and not any(
                    self._inside(m.name, a) for a in self.gaz.lookup(clean(raw[-1])) if a.kind == "admin1"):
                country = c.cc
                raw = raw[:-1]
        if not raw:
            return _Context(country, (), None, None)
        units = [clean(u) for u in raw]

        def admin1_of(u: str, written: str = "") -> tuple[GeoEntry, ...]:
            if _ADMIN2_WORD.search(written):
                return ()  # "Bara district" is a district, whatever state elsewhere is called Bara
            named = [e for e in self.gaz.lookup(u) if country is None or e.cc == country]
            found = tuple(e for e in named if e.kind == "admin1")
            if not found and re.search(r"[- ](?:North|South|East|West|Norte|Sur)$", u):
                # "Shan-North", "Bago-West": a coder's split of a state the gazetteer knows whole.
                found = admin1_of(re.sub(r"[- ](?:North|South|East|West|Norte|Sur)$", "", u))
            if not found:
                # The name of the town a unit is named after, in the unit's spelling ("Al Amadiya district of
                # Duhok": Dihok is the seat of Dohuk governorate).
                key = sound_key(u)
                found = tuple(a for e in named if e.kind == "place" and e.admin1 and sound_key(e.admin1) == key
                              for a in self.gaz.lookup(e.admin1) if a.kind == "admin1" and a.cc == e.cc)
            if not found and not named and _ADMIN1_WORD.search(written):
                # An unknown name a unit word calls a state or province: another transliteration ("Thi Qar").
                found = tuple(e for e in self.gaz.admin1_sounding_like(u) if country is None or e.cc == country)
            word = written.split()[-1].lower() if len(written.split()) > 1 and _ADMIN1_WORD.search(written) else ""
            if len({e.cc for e in found}) > 1 and word:
                # "Northern state" is Sudan's (states), not Israel's Northern district nor Australia's Northern
                # Territory (a unit whose name says another kind).
                found = tuple(e for e in found if word in self.gaz.admin1_kinds.get(e.cc, ())
                              and not _other_kind(e.name, word)) or found
            return found

        # The admin1 is the largest unit the gazetteer knows as one, usually the last ("(Gauteng, West Rand)" too).
        k, admin1 = next(((i, a) for i in range(len(units) - 1, -1, -1) if (a := admin1_of(units[i], raw[i]))),
                         (-1, ()))
        if k < 0:
            # No known admin1: a unit word may still say so ("Sagaing region"); else the one name is a district.
            k = next((i for i in range(len(raw) - 1, -1, -1) if _ADMIN1_WORD.search(raw[i])), -1)
            if k < 0:
                # The outermost of several names, or one written with a district word, is a unit, not a town:
                # "(Tongomayel, Soum)", "(Kaski district)".
                return _Context(country, (), None, units[-1], len(units) > 1 or bool(_ADMIN2_WORD.search(raw[-1])))
        a2 = units[k - 1] if k >= 1 else (units[k + 1] if k + 1 < len(units) else None)
        if len({a.cc for a in admin1}) > 1:
            # "Punjab", "Central", "East" name admin1 units in several countries: keep those holding the admin2.
            inner = units[:k] or ([a2] if a2 else [])
            keep = tuple(a for a in admin1 if any(self._inside(n, a) for n in inner))
            admin1 = keep or admin1
        return _Context(country, admin1, units[k], a2)

    def _written_admin1(self, m: PlaceMention, e: GeoEntry) -> str | None:
        """The text's own spelling of the admin1 when it names it, through its capital or in another
        transliteration ("Duhok" for Dohuk, "Idleb" for Idlib)."""
        key = unit_key(e.admin1 or "")
        sound = sound_key(e.admin1 or "")
        transliterated = e.cc not in self.gaz.latin
        for u in self._units_small_first(m):
            if any(x.cc == e.cc and unit_key(x.name) == key for x in self.gaz.lookup(u)) or (
                    transliterated and sound_key(u) == sound):
                return e.admin1 if unit_key(u) == key else u
        if not transliterated:
            return None
        if e.kind in ("place", "admin2") and sound_key(m.name) == sound and unit_key(m.name) != key:
            return m.name  # "Idleb" city or district: the text's spelling of the unit named after it
        return None

    def _written_admin2(self, m: PlaceMention, admin2: str, admin1: str | None) -> str:
        """In a country written in another script, the text's own transliteration of the district when it writes
        the district's name, its seat or its state ("Tadmor" for Tadmur, "Haradh" for Harad District, "Idleb" for
        the Idlib district of Idleb governorate)."""
        sound = sound_key(admin2)
        key = unit_key(admin2)
        article = _article(admin2)
        for written in (clean(m.name), *self._units_small_first(m), admin1 or ""):
            if written and (sound_key(written) == sound or self._other_spelling(written, admin2, sound)):
                # Not a form that drops the district's article ("Kut" of "Al-Kut").
                return admin2 if unit_key(written) == key or (article and not _article(written)) else written
        return admin2

    def _other_spelling(self, written: str, admin2: str, sound: str) -> bool:
        """Whether the written name is one the gazetteer gives the district, in a spelling that sounds like its own
        with an ending more or less ("Al Amadiya" of Amedi), not another name ("Mount Simeon" of Jebel Saman)."""
        return _sounds_alike(sound_key(written), sound) and any(
            x.kind == "admin2" and x.name == admin2 for x in self.gaz.lookup(written))

    def _names_unit(self, written: str, cc: str, admin2: str) -> bool:
        """Whether the written name is a short form of the municipality's own name ("Cúcuta" of "San José de
        Cúcuta"), not the name of its seat ("San Antonio del Táchira" of Bolívar)."""
        key = unit_key(admin2)
        short = set(unit_key(written).split())
        dropped = set(key.split()) - short
        if dropped and dropped <= ARTICLES:
            return False  # "Kut" of "Al Kut" only drops the article, which coders keep
        return bool(short) and short <= set(key.split()) and any(
            x.kind == "admin2" and x.cc == cc and unit_key(x.name) == key for x in self.gaz.lookup(written))

    def _district_inside(self, ctx: _Context, a1_keys: set[tuple[str, str]]) -> GeoEntry | None:
        """The written second-level unit (or its seat) where the gazetteer knows one in the written admin1."""
        if not ctx.admin2_text:
            return None
        return next((x for x in self.gaz.lookup(clean(ctx.admin2_text)) if x.kind in ("admin2", "place")
                     and (x.cc, unit_key(x.admin1 or "")) in a1_keys and x.lat is not None and x.lon is not None),
                    None)

    @staticmethod
    def _near_admin1(e: GeoEntry, admin1: tuple[GeoEntry, ...]) -> bool:
        """Within 150 km of the admin1's point, or the admin1 has no point to compare with."""
        for a in admin1:
            if a.cc != e.cc:
                continue
            if a.lat is None or a.lon is None or e.lat is None or e.lon is None:
                return True
            if distance_km(a.lat, a.lon, e.lat, e.lon) <= 150:
                return True
        return False

    def _town_named_like_building(self, name: str, ctx: _Context, prefer: Counter[str]) -> bool:
        """'Schwäbisch Hall', 'Highland Park (Illinois)': a name of two words or more ending in a building word that
        is a town's whole name, in the written units or the article's countries (never a lone 'Mine')."""
        if len(name.split()) < 2:
            return False
        towns = [e for e in self.gaz.lookup(name) if e.kind in ("place", "admin2")]
        if ctx.admin1 or ctx.country:
            ccs = {a.cc for a in ctx.admin1} | ({ctx.country} if ctx.country else set())
            return any(e.cc in ccs for e in towns)
        return any(e.cc in prefer for e in towns) if prefer else bool(towns)

    def _district_unit(self, district: str, out: PlaceMention) -> str | None:
        """The second-level unit a city's district is, when the gazetteer knows one of that name in the city's
        country and state, or knows the district as a place of the city with its own unit ("New York - Bronx": the
        Bronx is in Bronx county, Manhattan in New York county)."""
        key = unit_key(out.admin1 or "")
        cc = self.iso2_of.get(out.country or "")
        named = [e for e in self.gaz.lookup(district) if e.cc == cc and unit_key(e.admin1 or "") == key]
        unit = next((e.name for e in named if e.kind == "admin2"), None)
        if unit is None and out.lat is not None and out.lon is not None:
            lat, lon = out.lat, out.lon
            unit = next((e.admin2 for e in named if e.kind == "place" and e.admin2 and e.lat is not None
                         and e.lon is not None and distance_km(lat, lon, e.lat, e.lon) <= 30
                         and self._unit_point(e.cc, e.admin1 or "", e.admin2) is not None), None)
        return unit

    def _city_is_unit(self, name: str, e: GeoEntry) -> bool:
        """Whether the city's name also names the first-level unit it lies in, the city holds a good share of that
        unit's people ("Seoul", "Ciudad de México"; not Donetsk, whose oblast is named after it) and no second-level
        unit is known for it (Bogotá's districts lie inside the municipality Bogotá, D.C.)."""
        key = unit_key(e.admin1 or "")
        if e.kind != "place" or e.admin2 is not None:
            return False
        return any(x.kind == "admin1" and x.cc == e.cc and unit_key(x.name) == key and 3 * e.population >= x.population
                   for x in self.gaz.lookup(clean(name)))

    def _inside(self, name: str, a1: GeoEntry) -> bool:
        key = unit_key(a1.name)
        return any(e.cc == a1.cc and e.kind in ("place", "admin2") and unit_key(e.admin1 or "") == key
                   for e in self.gaz.lookup(name))

    def _country_named(self, name: str) -> GeoEntry | None:
        for e in self.gaz.lookup(name):
            if e.kind == "country":
                return e
        return None

    # --- choosing an entry ---------------------------------------------------------------------------------------

    def _best(self, name: str, ctx: _Context, prefer: Counter[str], admin1_only: bool = False,
              unit: str | None = None, admin2_only: bool = False, worded_admin2: bool = False) -> GeoEntry | None:
        cands = [e for e in self.gaz.lookup(name) if e.kind != "country"]
        if not cands and clean(name) != name:
            cands = [e for e in self.gaz.lookup(clean(name)) if e.kind != "country"]
        if admin1_only and any(e.kind == "admin1" for e in cands):
            cands = [e for e in cands if e.kind == "admin1"]  # "the Odesa region": the oblast, not the city
        if admin2_only and any(e.kind == "admin2" for e in cands):
            cands = [e for e in cands if e.kind == "admin2"]  # "(Bara district)": the district, not a town
        if not cands and admin1_only:
            # "Thi Qar province": another transliteration of a unit, when a unit word says it is one; among units
            # of several countries ("Wassit" sounds like Cameroon's "West" too), only those of the article's.
            cands = self.gaz.admin1_sounding_like(clean(name))
            if len({e.cc for e in cands}) > 1:
                cands = [e for e in cands if e.cc in prefer]
        if not cands:
            return None
        total = sum(v for k, v in prefer.items() if "/" not in k) or 1
        key = _name_key(name)
        a1_keys = {(a.cc, unit_key(a.name)) for a in ctx.admin1}
        a1_ccs = {a.cc for a in ctx.admin1}
        a2_key = unit_key(ctx.admin2_text) if ctx.admin2_text else None

        if ctx.country is not None:
            cands = [e for e in cands if e.cc == ctx.country]
        if not a1_ccs and ctx.admin2_worded and ctx.admin2_text:
            # "Rupa rural municipality (Kaski district)": a district the gazetteer knows keeps its country's places.
            a2_ccs = {x.cc for x in self.gaz.lookup(ctx.admin2_text) if x.kind == "admin2"}
            cands = [e for e in cands if e.cc in a2_ccs] if a2_ccs else cands
        if a1_ccs:
            cands = [e for e in cands if e.cc in a1_ccs]  # written units outrank a same-named place abroad
            inside = [e for e in cands if (e.cc, unit_key(e.admin1 or "")) in a1_keys]
            # None inside the written admin1: keep only places near it (the two may just name the unit differently);
            # where the written district lies in the written admin1, only those near that district: a namesake
            # across the unit's edge far from it is another place.
            district = self._district_inside(ctx, a1_keys)
            cands = inside or [e for e in cands if self._near_admin1(e, ctx.admin1) and (
                district is None or e.lat is None or e.lon is None
                or distance_km(e.lat, e.lon, district.lat, district.lon) <= _NEAR_DISTRICT_KM)]  # type: ignore[arg-type]
        if worded_admin2 and any(e.kind == "admin2" for e in cands):
            cands = [e for e in cands if e.kind == "admin2"]  # "Cedeño municipality": the unit, not a village
        if not cands:
            return None

        # The written country and admin1 have already filtered the candidates; what is left is ranked by the written
        # admin2, the article's countries, population and kind.
        def score(e: GeoEntry) -> float:
            s = 0.0
            if a2_key and e.admin2 and unit_key(e.admin2) == a2_key:
                s += 2
            s += 3 * prefer.get(e.cc, 0) / total
            if e.admin1 and prefer.get(area_key(e.cc, e.admin1)):
                s += 1.5  # a unit of a region the article names by its observers (areas.toml)
            s += 0.5 * math.log10((e.population if e.kind != "admin1" else 0) + 10)  # a town outranks its state
            # Curated municipalities outrank their seats; a district known only from its places' names ("Lyon
            # County") or from ISO 3166-2 does not outrank a town.
            s += {"admin2": 0.0 if e.source.startswith(("geonames", "iso3166")) else 0.6, "admin1": 0.4,
                  "subregion": 0.5, "crossing": 0.8}.get(e.kind, 0.0)
            if _name_key(e.name) == key:
                s += 0.5  # its own name, not an alias: Parma is the Italian city, not Perm's old name
            if unit and e.kind == "admin1" and unit in self.gaz.admin1_kinds.get(e.cc, ()):
                s += 1.0  # "Bolívar state" is Venezuela's; "Bolívar department" Colombia's
            return s

        return max(cands, key=lambda e: (score(e), -e.id))

    # --- output --------------------------------------------------------------------------------------------------

    def _fill(self, m: PlaceMention, e: GeoEntry, ctx: _Context) -> PlaceMention:
        a1 = e.admin1
        a1_entry = next((a for a in ctx.admin1 if a.cc == e.cc), None)
        if a1_entry is not None and ctx.admin1_text:
            a1 = self.gaz.full_name(ctx.admin1_text, a1_entry)
        elif ctx.admin1_text and not ctx.admin1 and ctx.country == e.cc:
            a1 = ctx.admin1_text
        elif a1 is None:
            a1 = m.admin1
        elif not ctx.admin1_text:
            a1 = self._written_admin1(m, e) or a1
        a2 = clean(ctx.admin2_text) if ctx.admin2_text else (e.admin2 or m.admin2)
        if not ctx.admin2_text and e.kind == "place" and e.admin2 is None and (m.unit or "").lower() in _ADMIN2_UNIT:
            a2 = clean(m.name)  # "Al Amadiya district", "Okara district": the mention names the second-level unit
        if e.kind == "admin2" and not ctx.admin2_text:
            a2 = e.name
        if a2 and not ctx.admin2_text and self._names_unit(m.name, e.cc, a2):
            a2 = m.name  # "Cúcuta" for "San José de Cúcuta": the short name the text and coders use
        elif a2 is None and e.kind == "place" and e.population >= SEAT_POPULATION:
            # A large town with no known district is most often the seat of the district named after it, by the
            # town's full name when the text writes it ("Oaxaca de Juárez" for the town GeoNames calls Oaxaca).
            full = clean(m.name.partition(" - ")[0])
            a2 = full if set(unit_key(e.name).split()) < set(unit_key(full).split()) else e.name
            home = self.gaz.country(e.cc)
            if home is not None and fold_key(a2) == fold_key(f"{home.name} City"):
                a2 = home.name  # "Guatemala City", English for the capital called like its country and its district
        if e.kind == "admin1":
            a1 = self.gaz.full_name(m.name, e)
            a2 = clean(ctx.admin2_text) if ctx.admin2_text else None
        elif a2 and e.cc not in self.gaz.latin:
            a2 = self._written_admin2(m, a2, a1)
        return replace(m, country=self.gaz.iso3_of.get(e.cc), country_name=self._country_name(e.cc), admin1=a1,
                       admin2=a2, lat=e.lat, lon=e.lon, precision=e.precision, border=self._border(e, a1, a2),
                       resolved=True)

    def _country_name(self, cc: str) -> str | None:
        c = self.gaz.country(cc)
        return c.name if c else None

    def _from_units(self, m: PlaceMention, ctx: _Context, prefer: Counter[str]) -> PlaceMention:
        """An unknown name inside known units: placed at the finest unit the text gives."""
        if ctx.admin1:
            a1e = ctx.admin1[0]
            if ctx.country is None and len({a.cc for a in ctx.admin1}) > 1:
                a1e = max(ctx.admin1, key=lambda a: (prefer.get(a.cc, 0), a.population))
            a2 = clean(ctx.admin2_text) if ctx.admin2_text else None
            point = self._unit_point(a1e.cc, a1e.name, a2)
            point = self._finer_unit(m, ctx, a1e, point) or point
            if point is None and a2 is None:
                town = self._town_in_chain(m, a1e, ctx, prefer)
                if town is not None:
                    return town
            lat, lon, prec = (point.lat, point.lon, "municipality") if point else (a1e.lat, a1e.lon, "admin1")
            a2 = a2 or self._district_named_as(ctx.admin1_text, a1e)
            return replace(m, country=self.gaz.iso3_of.get(a1e.cc), country_name=self._country_name(a1e.cc),
                           admin1=self.gaz.full_name(ctx.admin1_text or a1e.name, a1e), admin2=a2, lat=lat,
                           lon=lon, precision=prec, resolved=True)
        for unit in self._units_small_first(m):
            # "Nagare (Fada Ngourma, Gourma)": the first enclosing name the gazetteer knows places X.
            if unit == ctx.admin2_text:
                break
            # "Zorvak in Chicago - North Side": the city before its district is the unit.
            inner = self._best(unit.partition(" - ")[0], replace(ctx, admin2_text=None), prefer)
            if inner is not None:
                filled = self._fill(m, inner, replace(ctx, admin2_text=None))
                return replace(filled, precision="municipality" if inner.kind in ("place", "admin2") else
                               inner.precision, admin2=ctx.admin2_text or filled.admin2)
        if ctx.admin2_text:
            # "X (Y)" with Y a town or district: X lies in Y.
            inner = self._best(ctx.admin2_text, replace(ctx, admin2_text=None), prefer, admin2_only=ctx.admin2_worded)
            if inner is not None:
                filled = self._fill(replace(m, name=m.name), inner, replace(ctx, admin2_text=None))
                return replace(filled, precision="municipality" if inner.kind in ("place", "admin2") else
                               inner.precision, admin2=inner.admin2 or (inner.name if inner.kind != "admin1" else None))
        if ctx.country is not None:
            c = self.gaz.country(ctx.country)
            return replace(m, country=self.gaz.iso3_of.get(ctx.country), country_name=c.name if c else None,
                           lat=c.lat if c else None,
                           lon=c.lon if c else None, precision="country", resolved=True)
        return replace(m, precision="unknown")

    def _finer_unit(self, m: PlaceMention, ctx: _Context, a1e: GeoEntry,
                    district: GeoEntry | None) -> GeoEntry | None:
        """"Zorvak village (Kanbalu township, Shwebo district, Sagaing region)": the seat of a written unit smaller than
        the district, when the gazetteer knows it in the state (within 100 km of the district's seat), is nearer
        the village than the district's seat."""
        units = [clean(u) for u in (*m.chain, *m.hierarchy)]  # "Zorvak village of Kanbalu township (Shwebo ...)"
        if not ctx.admin2_text or len(units) < 3 or unit_key(units[0]) == unit_key(clean(ctx.admin2_text)):
            return None
        key = unit_key(a1e.name)
        for e in self.gaz.lookup(units[0]):
            if e.cc == a1e.cc and e.kind in ("place", "admin2") and unit_key(e.admin1 or "") == key \
                    and e.lat is not None and e.lon is not None and (
                        district is None or district.lat is None or district.lon is None
                        or distance_km(e.lat, e.lon, district.lat, district.lon) <= _FINER_UNIT_KM):
                return e
        return None

    def _town_in_chain(self, m: PlaceMention, a1e: GeoEntry, ctx: _Context,
                       prefer: Counter[str]) -> PlaceMention | None:
        """"Zorvak in Chicago - North Side (Illinois)": an unknown name in a town of the written state
        lies in that town (the city before its district, when the text names one)."""
        state = {unit_key(a1e.name), unit_key(ctx.admin1_text or "")}
        for unit in (clean(u) for u in m.chain):
            if unit_key(unit) in state:
                continue  # "in Raqqa countryside": the state itself, not its seat
            town = self._best(unit.partition(" - ")[0], replace(ctx, admin2_text=None), prefer)
            if town is not None and town.kind in ("place", "admin2") and town.cc == a1e.cc \
                    and unit_key(town.admin1 or "") == unit_key(a1e.name):
                filled = self._fill(m, town, replace(ctx, admin2_text=None))
                return replace(filled, precision="municipality")
        return None

    @staticmethod
    def _units_small_first(m: PlaceMention) -> list[str]:
        return [clean(u) for u in (*m.chain, *m.hierarchy) if clean(u)]

    def _district_named_as(self, written: str | None, a1e: GeoEntry) -> str | None:
        """The text's name of an admin1 when it is also the name of a district of it, as written ("Tawileh in Al
        Hasakeh countryside": Al Hasakeh district, seat of the governorate): the unit a name the text gives also
        denotes, not a guess at one it does not name."""
        if not written or a1e.cc in self.gaz.latin:
            return None
        found = any(e.kind == "admin2" and e.cc == a1e.cc and e.admin1 == a1e.name for e in self.gaz.lookup(written))
        return clean(written) if found else None

    def _unit_point(self, cc: str, admin1: str, admin2: str | None) -> GeoEntry | None:
        if not admin2:
            return None
        key = unit_key(admin1)
        for e in self.gaz.lookup(admin2):
            if e.cc == cc and e.kind in ("admin2", "place") and unit_key(e.admin1 or "") == key:
                return e
        return None

    def _country_mention(self, m: PlaceMention) -> PlaceMention:
        cc = self.iso2_of.get(m.country or "")
        c = self.gaz.country(cc) if cc else None
        if c is None:
            return m
        return self._at_seat(replace(m, lat=c.lat, lon=c.lon, precision="country", resolved=True))

    def _border(self, e: GeoEntry, admin1: str | None, admin2: str | None) -> Border | None:
        """Border facts where the curated border data covers the place (municipality row and crossings): not for
        the curated units of countries with no crossing in it (Nepal's districts, Germany's Kreise)."""
        if not self.gaz.has_crossings(e.cc):
            return None
        muni = None
        if admin2:
            key1, key2 = unit_key(admin1 or ""), unit_key(admin2)
            muni = next((x for x in self.gaz.lookup(admin2) if x.kind == "admin2" and x.cc == e.cc
                         and unit_key(x.admin1 or "") == key1 and unit_key(x.name) == key2), None)
        if muni is None and e.kind == "admin2":
            muni = e
        if muni is None or muni.source.startswith("geonames"):
            return None
        crossing, km = self.gaz.nearest_crossing(e.lat, e.lon)
        neighbours = tuple(self.gaz.iso3_of.get(c, c) for c in muni.border.replace(",", " ").split())
        return Border(bool(neighbours), neighbours, crossing.name if crossing else None,
                      round(km, 1) if km is not None else None)

    # --- more mentions -------------------------------------------------------------------------------------------

    def _add_known_names(self, text: str, mentions: list[PlaceMention], taken: list[tuple[int, int]],
                         actors: list[ActorMention]) -> list[PlaceMention]:
        """A text with no place phrase ("car bomb rocks Bogota"): a capitalised name inside a sentence that is a
        large city (100,000 people or more) or a state/department; the article's own countries first. When no name
        is that large, a town of 15,000 people or more of a country the article names or whose actors it names
        ("at the hospital of Alencon")."""
        ccs = {self.iso2_of[m.country] for m in mentions if m.kind == "country" and m.country in self.iso2_of}
        homes = ccs | {self.iso2_of[a.country] for a in actors if a.country in self.iso2_of}
        for least in (_LARGE_TOWN, _KNOWN_TOWN):
            found: list[tuple[bool, PlaceMention]] = []
            for start, end in self._known_candidates(text, taken):
                big = self._large(text[start:end], ("place", "admin2"), least)
                if _ACRONYM.fullmatch(text[start:end]):
                    big = [e for e in big if e.kind == "admin1"]  # "KANU supporters", but "in CDMX"
                units = {e.cc for e in big if e.kind == "admin1"}
                if len(units) > 1 and not units & ccs:
                    # "Sud", "Central": a unit name of several countries, none the article's, says nothing alone.
                    big = [e for e in big if e.kind != "admin1"]
                if least < _LARGE_TOWN:
                    # A small town abroad is no evidence against the countries the article names.
                    big = [e for e in big if not homes or e.cc in homes]
                if big:
                    home = not ccs or any(e.cc in ccs for e in big)
                    found.append((home, PlaceMention(start, end, text[start:end], text[start:end], None,
                                                     precision="town")))
                    if home:
                        break
            if found:
                # The first name in the article's countries; else the first anywhere ("Russian forces shelled X,
                # Kherson").
                found.sort(key=lambda f: not f[0])
                return [*mentions, found[0][1]]
        return mentions

    @staticmethod
    def _known_candidates(text: str, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """Spans of capitalised names inside sentences, without a possessive ("Plovdiv's old quarter") and
        without the office or body written after a town ("Van Governor's office", "Pohang City Hall")."""
        for mt in _KNOWN.finditer(text):
            start = mt.start("x")
            if start == 0 or text[:start].rstrip().endswith((".", "!", "?", ":", "\n")) or not text[:start].strip():
                continue  # a capital at the start of a sentence is not evidence of a name
            name = mt.group("x")
            end = start + len(_POSSESSIVE.sub("", name))
            office = _OFFICE_AFTER.search(text, start, end)
            if office is not None:
                end = office.start()
            if end > start and not _overlaps_span(start, end, taken) and fold_key(text[start:end]) not in _DATE_WORDS:
                yield start, end

    def _add_appositions(self, text: str, mentions: list[PlaceMention],
                         taken: list[tuple[int, int]]) -> list[PlaceMention]:
        """'X, Y' and 'X town in Y' where Y is a known admin1 or country and X a place inside it; 'X (Y, Z)' where
        the last bracketed name is a known admin1 or country."""
        by_start = {m.start: i for i, m in enumerate(mentions) if m.kind == "place"}
        out = list(mentions)
        for mt in _BRACKET.finditer(text):
            x = mt.group("x")
            if mt.start("x") in by_start or _overlaps_span(mt.start("x"), mt.end("x"), taken) \
                    or _NAME_TAIL.search(text, max(0, mt.start("x") - 40), mt.start("x")):
                continue
            if self._country_named(x) is not None:
                continue  # "Workers Front of India (WFI)": a country, never a place named like it
            units = list(split_units(mt.group("units")))
            last = clean(units[-1].split(" - ")[0]) if units else ""
            outer = self.gaz.lookup(last)
            if not any(e.kind in ("admin1", "country") for e in outer):
                # "(FARC)", "(CIDE)": brackets that hold an acronym or a namesake town are not a place's units,
                # unless the name before them is a place of the same country.
                ccs = {e.cc for e in outer}
                if not ccs or not any(e.cc in ccs and e.kind != "country" for e in self.gaz.lookup(clean(x))):
                    continue
            if any(m.start <= mt.start("x") < m.end for m in out if m.kind == "place"):
                continue
            out.append(PlaceMention(mt.start("x"), mt.end("x"), x, clean(x), None, hierarchy=tuple(units),
                                    precision="town"))
        for mt in _DASHED.finditer(text):
            # "(Seoul City - Jongno)": a coder's "city - district" written alone in brackets is the place.
            if any(m.start <= mt.start("x") < m.end for m in out if m.kind == "place"):
                continue
            if any(e.kind in ("place", "admin1", "admin2") for e in self.gaz.lookup(clean(mt.group("city")))):
                out.append(PlaceMention(mt.start("x"), mt.end("x"), mt.group("x"), mt.group("x"), None,
                                        precision="town"))
        for mt in _APPOS.finditer(text):
            x, y = mt.group("x"), mt.group("y")
            if _overlaps_span(mt.start("x"), mt.end("x"), taken) or _NAME_TAIL.search(
                    text, max(0, mt.start("x") - 40), mt.start("x")):
                continue
            ys = [e for e in self.gaz.lookup(clean(y)) if e.kind in ("admin1", "country")]
            if _TOWN_WORD.fullmatch((mt.group("yu") or "").strip()):
                # "the Hussein neighbourhood of Amara city": a town, not a state named alike in another country
                # (but "in Shymkent city" may name the city that is a state of its own).
                towns = {e.cc for e in self.gaz.lookup(clean(y)) if e.kind == "place"}
                if towns and not towns & {e.cc for e in ys}:
                    continue
            if not ys or (any(e.kind == "country" for e in ys) and self._country_named(x) is not None):
                continue  # "migrants from Cuba, Georgia and Haiti": a list of countries
            ccs = {e.cc for e in ys}
            xs = [e for e in self.gaz.lookup(clean(x)) if e.cc in ccs and e.kind in ("place", "admin2")]
            if not xs and _BODY_OF.search(text, max(0, mt.start("x") - 40), mt.start("x")):
                continue  # "the Secretary of Education of Veracruz": the end of an office's or a body's name
            if not xs and _ACRONYM.fullmatch(x):
                continue  # "two unions (FO, Sud)": initials of bodies, not an unknown place
            if not xs and not mt.group("xu") and not (mt.group("yu") and _ADMIN1_UNIT.search(mt.group("yu"))):
                # An unknown name before a known state/province ("shelled Mala Shestirnya, Kherson") is a place
                # when its sentence names no other.
                begin = max(text.rfind(". ", 0, mt.start("x")), text.rfind("\n", 0, mt.start("x")), 0)
                alone = not any(begin <= m.start < mt.start("x") + 200 and m.kind == "place" for m in out)
                if not (alone and any(e.kind == "admin1" for e in ys)):
                    continue
            i = by_start.get(mt.start("x"))
            if i is not None:
                if not out[i].hierarchy and not out[i].chain:
                    out[i] = replace(out[i], hierarchy=(y,))
                continue
            if any(m.start <= mt.start("x") < m.end for m in out if m.kind == "place"):
                continue
            out.append(PlaceMention(mt.start("x"), mt.end("x"), x, clean(x), None, hierarchy=(y,),
                                    precision="town"))
        out.sort(key=lambda p: p.start)
        return out


_KIND_WORDS = frozenset(
    "region state province governorate oblast department territory district county prefecture".split())


def _countries(prefer: Counter[str]) -> set[str]:
    """The countries (ISO2) among a resolver's preferences, without the first-level units of `area_key`."""
    return {k for k in prefer if "/" not in k}


def area_key(cc: str, admin1: str) -> str:
    """The key of a first-level unit in a resolver's preferences (which otherwise count countries by ISO2)."""
    return f"{cc}/{admin1}"


@lru_cache(maxsize=1)
def _areas() -> list[tuple[re.Pattern[str], str, tuple[str, ...]]]:
    rows = tomllib.loads((DATA / "areas.toml").read_text(encoding="utf-8"))["area"]
    return [(re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in row['names'])})(?![\w-])"), row["country"],
             tuple(row["admin1"])) for row in rows]


def _areas_named(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The regions whose names (areas.toml) the text writes: (country, first-level units)."""
    return [(cc, units) for pattern, cc, units in _areas() if pattern.search(text)]


def _other_kind(name: str, word: str) -> bool:
    """Whether a unit's own name ends in a unit word other than the written one ("Northern Territory" for
    "Northern state")."""
    words = name.lower().split()
    return len(words) > 1 and words[-1] != word and words[-1] in _KIND_WORDS


@lru_cache(maxsize=1)
def _unit_countries() -> dict[str, frozenset[str]]:
    table = tomllib.loads((DATA / "unit_words.toml").read_text(encoding="utf-8")).get("countries", {})
    return {word: frozenset(ccs) for word, ccs in table.items()}


def _countries_of_units(written: tuple[str, ...]) -> frozenset[str]:
    """The countries the unit words written with a place belong to, when one country's administration uses them."""
    table = _unit_countries()
    said = []
    for w in written:
        words = w.lower().split()
        # The unit word ends the written unit: "lga", "Rafi LGA", "Manthai divisional secretariat".
        ccs = table.get(" ".join(words[-1:])) or table.get(" ".join(words[-2:])) if words else None
        if ccs:
            said.append(ccs)
    # Words of different countries contradict each other: no country is said.
    return frozenset.intersection(*said) if said else frozenset()


def _holds_actors(m: PlaceMention, spans: list[tuple[int, int]]) -> bool:
    """A place written with its units or its unit word whose name only holds a word read as an actor ("Man Taw
    village (Kale township)", "Sheikh Imam district, Kunar": neither "Man" nor "Imam" is the people of the
    sentence)."""
    inside = [(s, e) for s, e in spans if s < m.end and m.start < e]
    return bool(m.hierarchy or m.chain or m.unit) and all(
        m.start <= s and e <= m.end and e - s < m.end - m.start for s, e in inside)


def _overlaps(m: PlaceMention, spans: list[tuple[int, int]]) -> bool:
    return _overlaps_span(m.start, m.end, spans)


def _overlaps_span(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)
