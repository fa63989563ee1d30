"""First-level units shown by the names reports and ACLED use (data/admin1_shown.toml) where they differ from the
names the gazetteer builds from ISO 3166-2 and GeoNames: the unit and its places take the name; the former names
stay aliases. Units that are one second-level unit as well give it to their places, and so do the districts named
otherwise than their towns (Honduras' Distrito Central)."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from trocha.text import fold_key

if TYPE_CHECKING:
    from trocha.geo.build import _Builder
    from trocha.geo.entry import GeoEntry

DATA = Path(__file__).parent / "data"


def show_units(b: _Builder, unit_of: dict[str, GeoEntry]) -> None:
    """Rename the units of admin1_shown.toml (ISO 3166-2 code -> name) in the entries, `unit_of` and the index."""
    from trocha.geo.build import unit_key  # build imports this module

    data = tomllib.loads((DATA / "admin1_shown.toml").read_text(encoding="utf-8"))
    table: dict[str, str] = data["units"]
    renamed: dict[tuple[str, str], str] = {}  # (country, former name) -> name
    for iso, name in table.items():
        unit = unit_of.get(iso)
        if unit is not None and unit.name != name:
            renamed[(unit.cc, unit.name)] = name
            unit_of[iso] = b.entries[unit.id] = replace(unit, name=name, admin1=name)
            # Found by the whole name only: "Seoul Special City" without its unit words would be "Seoul City",
            # which a report writes for the city.
            b.names[fold_key(name)].add(unit.id)
    # A first-level unit that is one second-level unit too ([one_unit]): every place in it has that unit.
    single = {(unit_of[iso].cc, unit_of[iso].name): name for iso, name in data["one_unit"].items() if iso in unit_of}
    # Towns whose district bears another name ([district]): each place of that name in the unit has it.
    district = {(unit_of[iso].cc, unit_of[iso].name, fold_key(town)): name
                for iso, towns in data.get("district", {}).items() if iso in unit_of for town, name in towns.items()}
    for i, e in enumerate(b.entries):
        if e.kind != "admin1" and e.admin1 and (e.cc, e.admin1) in renamed:
            e = b.entries[i] = replace(e, admin1=renamed[(e.cc, e.admin1)])
        if e.kind == "place" and (e.cc, e.admin1) in single:
            b.entries[i] = replace(e, admin2=single[(e.cc, e.admin1 or "")])
        elif e.kind == "place" and (e.cc, e.admin1, fold_key(e.name)) in district:
            b.entries[i] = replace(e, admin2=district[(e.cc, e.admin1 or "", fold_key(e.name))])
    # A former name that is now another unit's ("Kyiv" was the city's, now the oblast's) finds that unit only.
    now = {(cc, name) for (cc, _), name in renamed.items()}
    for (cc, former), name in renamed.items():
        if (cc, former) in now:
            unit = next(u for u in unit_of.values() if u.cc == cc and u.name == name)
            for key in (fold_key(former), unit_key(former)):
                b.names[key].discard(unit.id)
