"""The records of the gazetteer: one GeoEntry per country, admin unit, place, sub-region or border crossing."""

from __future__ import annotations

import math
from dataclasses import dataclass

# What an entry is, from the coarsest to the finest. The order matters when names tie.
KINDS = ("country", "admin1", "subregion", "admin2", "place", "crossing")

# The precision written into an event's location for an entry of each kind.
PRECISION = {
    "country": "country",
    "admin1": "admin1",
    "subregion": "subregion",
    "admin2": "municipality",
    "place": "town",
    "crossing": "point",
}


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One named place with its administrative parents and a representative point."""

    id: int
    kind: str  # one of KINDS
    name: str
    cc: str  # ISO 3166-1 alpha-2 of the country
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    border: str = ""  # ISO2 codes of the neighbouring countries this unit touches by land ("" when inland)
    source: str = ""
    approximate: bool = False  # a place known only by its unit, placed at the unit's seat

    @property
    def precision(self) -> str:
        return "municipality" if self.approximate else PRECISION[self.kind]


EARTH_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
