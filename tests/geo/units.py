"""Checks shared by the tests of the seated second-level units (Turkey and Afghanistan, Chile and Argentina): the
index entries of a country's units, and a sentence's coded unit compared as coders' names are."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tests.geo.coded import first_location
from trocha.api import Extractor
from trocha.geo.entry import GeoEntry
from trocha.geo.gazetteer import Gazetteer
from trocha.geo.seated import unit_names
from trocha.text import fold_key

# (min_lat, max_lat, min_lon, max_lon)
Box = tuple[float, float, float, float]


def entries(gazetteer: Gazetteer, cc: str, kind: str) -> list[GeoEntry]:
    """Every entry of one kind of a country."""
    return [e for e in (gazetteer.entry(i) for i in range(len(gazetteer))) if e.cc == cc and e.kind == kind]


def indexed_units(gazetteer: Gazetteer, cc: str, source: str, groups: list[dict[str, Any]], key: str,
                  counts: dict[str, int], box: Box) -> list[GeoEntry]:
    """A country's units from one source, checked: each unit of a data group is indexed once under one admin1 that
    holds the whole group, there are as many admin1s and units as `counts` says, all inside `box`."""
    units = [e for e in entries(gazetteer, cc, "admin2") if e.source.startswith(source)]
    admin1s: dict[str, list[str | None]] = defaultdict(list)
    for e in units:
        admin1s[e.name].append(e.admin1)
    held = set()
    for g in groups:
        names = [unit_names(row)[0] for row in g[key]]
        found = {a for n in names for a in admin1s[n]}
        common = [a for a in found if all(admin1s[n].count(a) == 1 for n in names)]
        assert len(common) == 1, (g["code"], found)
        held.add(common[0])
    assert len(held) == len(counts)
    assert len(units) == sum(counts.values())
    min_lat, max_lat, min_lon, max_lon = box
    assert all(e.lat is not None and e.lon is not None and min_lat <= e.lat <= max_lat and min_lon <= e.lon <= max_lon
               for e in units)
    return units


def assert_coded(extractor: Extractor, text: str, expected: dict[str, object], published: str) -> None:
    """The sentence's first event is coded with the expected fields, compared folded as coders' names are (a unit
    written as the report spells it, "Inegol", may be shown so). Spanish when the sentence starts with "El "."""
    lang = "es" if text.startswith("El ") else "en"
    loc = first_location(extractor, text, lang=lang, published=published)
    assert {k: fold_key(str(loc.get(k))) for k in expected} == {k: fold_key(str(v)) for k, v in expected.items()}
