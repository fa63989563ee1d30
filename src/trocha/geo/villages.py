"""Villages of the border region known from official lists of their units, without coordinates: Colombia's centros
poblados (DANE DIVIPOLA, data/co_centros_poblados.tsv, see scripts/co-centros) and Ecuador's rural parroquias
(INEC DPA, data/ec_parroquias.tsv, see scripts/ec-parroquias).

Reports place incidents in corregimientos, caseríos and parroquias ("in the rural area of El Palo corregimiento
(Cauca)", "in Achupallas (Chimborazo)") that GeoNames often lacks, or places in the wrong unit: its unit is only the
nearest seat. So:
- a GeoNames place of a department/province that the villages of one unit only are named like takes that unit;
- a village GeoNames lacks becomes a place of its unit, when its name is that of one unit's villages only in its
  department/province, at the unit's seat (precision: municipality).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from trocha.text import fold_key

if TYPE_CHECKING:
    from trocha.geo.build import _Builder

DATA = Path(__file__).parent / "data"

# (country, data file, the source named on the entries it adds)
VILLAGE_FILES = (("CO", "co_centros_poblados.tsv", "divipola"), ("EC", "ec_parroquias.tsv", "inec-dpa"))

# Words written in lower case inside a Spanish place name.
_LOWER = frozenset("de del la las los el y e en".split())


def title(name: str) -> str:
    """A name written in upper case as reports write it: 'BANCO DE ARENAS' -> 'Banco de Arenas'."""
    words = name.lower().split()
    return " ".join(w if i and w in _LOWER else w[:1].upper() + w[1:] for i, w in enumerate(words))


def names_of(written: str) -> list[str]:
    """A listed village's names: 'Checa (Jidcay)' is Checa, also called Jidcay; 'Simon Bolivar (Cab. En
    Gañanzol)' says where its seat is, not another name."""
    name, _, other = (title(written) if written.isupper() else written).partition(" (")
    other = other.rstrip(")")
    return [name, other] if other and not other.lower().startswith("cab") else [name]


def villages(file: str) -> dict[str, list[list[str]]]:
    """Unit code -> its villages, each as its names."""
    out: dict[str, list[list[str]]] = {}
    for line in (DATA / file).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, names = line.split("\t")
            out[code] = [names_of(n) for n in names.split("|")]
    return out


def listed_villages(b: _Builder, municipalities: list[dict[str, str]]) -> None:
    """For each country of VILLAGE_FILES: units for its places, and places for the villages GeoNames lacks."""
    for cc, file, source in VILLAGE_FILES:
        unit = {row["code"]: row for row in municipalities if row["country"] == cc and row.get("code")}
        _country_villages(b, cc, unit, villages(file), source)


def _country_villages(b: _Builder, cc: str, unit: dict[str, dict[str, str]], listed: dict[str, list[list[str]]],
                      source: str) -> None:
    named: dict[tuple[str, str], set[str]] = defaultdict(set)  # (admin1, folded name) -> units
    rows: list[tuple[dict[str, str], list[str]]] = []
    for code, group in listed.items():
        muni = unit.get(code)
        if muni is None:
            continue
        for names in group:
            for n in names:
                named[(muni["admin1"], fold_key(n))].add(muni["name"])
            rows.append((muni, names))
    known: set[tuple[str, str]] = set()
    for i, e in enumerate(b.entries):
        if e.cc != cc or e.kind != "place" or e.admin1 is None:
            continue
        key = (e.admin1, fold_key(e.name))
        if key in named:
            known.add(key)
            if len(named[key]) == 1:
                b.entries[i] = replace(e, admin2=next(iter(named[key])))
    for muni, names in rows:
        keys = [(muni["admin1"], fold_key(n)) for n in names]
        if any(k in known or len(named[k]) > 1 for k in keys) or not muni.get("lat") or not muni.get("lon"):
            continue
        known.update(keys)
        b.add(names[1:], kind="place", name=names[0], cc=cc, admin1=muni["admin1"], admin2=muni["name"],
              lat=float(muni["lat"]), lon=float(muni["lon"]), approximate=True, source=f"{source}+municipality")
