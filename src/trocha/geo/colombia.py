"""Colombia's centros poblados (data/co_centros_poblados.tsv, DANE DIVIPOLA, see scripts/co-centros).

Reports place Colombian incidents in corregimientos and caseríos ("in the rural area of El Palo corregimiento
(Cauca)") that GeoNames often lacks or places in the wrong municipality: its municipality is only the nearest seat.
DIVIPOLA lists each centro poblado under its municipality, without coordinates. So:
- a GeoNames place of a department that the centros poblados of one municipality only are named like takes it;
- a centro poblado GeoNames lacks becomes a place of its municipality, when its name is that of one
  municipality's centros only in its department, at the municipal seat's point (precision: municipality).
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

# Words written in lower case inside a Spanish place name.
_LOWER = frozenset("de del la las los el y e en".split())


def title(name: str) -> str:
    """A name DANE writes in upper case as reports write it: 'BANCO DE ARENAS' -> 'Banco de Arenas'."""
    words = name.lower().split()
    return " ".join(w if i and w in _LOWER else w[:1].upper() + w[1:] for i, w in enumerate(words))


def centros(path: Path = DATA / "co_centros_poblados.tsv") -> dict[str, list[str]]:
    """Municipality code -> the names of its centros poblados, as reports write them."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, names = line.split("\t")
            out[code] = [title(n) for n in names.split("|")]
    return out


def colombian_villages(b: _Builder, municipalities: list[dict[str, str]]) -> None:
    """Municipalities for Colombia's places, and places for the centros poblados GeoNames lacks."""
    unit = {row["code"]: row for row in municipalities if row["country"] == "CO" and row.get("code")}
    named: dict[tuple[str, str], set[str]] = defaultdict(set)  # (department, folded name) -> municipalities
    rows: list[tuple[dict[str, str], str]] = []
    for code, names in centros().items():
        muni = unit.get(code)
        if muni is None:
            continue
        for n in names:
            named[(muni["admin1"], fold_key(n))].add(muni["name"])
            rows.append((muni, n))
    known: set[tuple[str, str]] = set()
    for i, e in enumerate(b.entries):
        if e.cc != "CO" or e.kind != "place" or e.admin1 is None:
            continue
        key = (e.admin1, fold_key(e.name))
        if key in named:
            known.add(key)
            if len(named[key]) == 1:
                b.entries[i] = replace(e, admin2=next(iter(named[key])))
    for muni, n in rows:
        key = (muni["admin1"], fold_key(n))
        if key in known or len(named[key]) > 1 or not muni.get("lat") or not muni.get("lon"):
            continue
        known.add(key)
        b.add([], kind="place", name=n, cc="CO", admin1=muni["admin1"], admin2=muni["name"],
              lat=float(muni["lat"]), lon=float(muni["lon"]), approximate=True, source="divipola+municipality")
