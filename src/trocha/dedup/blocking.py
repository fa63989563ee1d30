"""Blocking for the merge: which open incidents an event could join, found by key instead of by scanning.

Exact, not a heuristic. An event can join an incident only if it is compatible with every member (complete
linkage), so in particular with the first one; each open incident is therefore filed once, under keys of its first
member, and an event looks only where `compat.similarity` could accept that member:

- type class: the same event type, or both violent (`compat._type_score`);
- country: the same, or either unknown;
- place: both with coordinates -> within `Limits.km` (grid cells of the search radius, with the neighbouring cells
  the radius reaches); otherwise the same admin1, or either unknown;
- named armed groups: a shared one, or either side names none;
- date: at most `Limits.days` from the first member's day.

`tests/dedup/test_compat.py` checks that this finds exactly what comparing with every open incident finds.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from trocha.dedup.compat import VIOLENT, Facts, Limits

# Kilometres per degree of latitude on compat.km_between's sphere (radius 6371 km).
_KM_PER_DEGREE = 6371.0 * math.pi / 180.0
# Reach a little further than the radius, so rounding never hides a pair at exactly `km`.
_MARGIN = 1.001

_ANY = None  # a probe level that visits every child


class Filed(Protocol):
    """What the index needs of an open incident."""

    seq: int
    first_day: date | None
    closed: bool


F = TypeVar("F", bound=Filed)


def type_class(facts: Facts) -> str:
    """Violent types may merge with each other; any other type only with itself."""
    return "violent" if facts.event_type in VIOLENT else f"type:{facts.event_type}"


def _valid_xy(lat: float, lon: float) -> bool:
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0  # False for NaN too


class Index(Generic[F]):
    """Open incidents in a tree: type class -> country -> place key -> armed group -> incidents."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.reach_deg = max(limits.km, 0.0) / _KM_PER_DEGREE * _MARGIN + 1e-9
        self.cell = max(self.reach_deg, 1e-6)
        self.tree: dict[Any, Any] = {}
        self.filed: list[tuple[F, Facts]] = []

    def _cell(self, lat: float, lon: float) -> tuple[str, int, int]:
        return ("xy", math.floor(lat / self.cell), math.floor(lon / self.cell))

    def _place_keys(self, facts: Facts) -> list[tuple[Any, ...]]:
        """Where an incident whose first member has these facts is filed: "a1" holds every incident by admin1 (for
        events without coordinates, which compare by admin1 with everything); "a1-only" those without coordinates
        (for events with coordinates, which compare with them by admin1); "xy" the others by grid cell ("xy?" for
        coordinates out of range, which every event with coordinates checks)."""
        if facts.lat is not None and facts.lon is not None:
            cell = self._cell(facts.lat, facts.lon) if _valid_xy(facts.lat, facts.lon) else ("xy?",)
            return [cell, ("a1", facts.admin1)]
        return [("a1", facts.admin1), ("a1-only", facts.admin1)]

    def add(self, item: F, facts: Facts) -> None:
        """File an incident under its first member's keys."""
        self.filed.append((item, facts))
        self._file(item, facts)

    def _file(self, item: F, facts: Facts) -> None:
        groups: list[str | None] = [*sorted(facts.armed_groups)] or [None]
        node = self.tree.setdefault(type_class(facts), {}).setdefault(facts.country, {})
        for place in self._place_keys(facts):
            by_group = node.setdefault(place, {})
            for g in groups:
                by_group.setdefault(g, []).append(item)

    def prune(self) -> None:
        """Forget the closed incidents: the tree is filed anew from the open ones, so keys of places and groups
        no longer seen do not pile up over years of events."""
        self.filed = [(c, f) for c, f in self.filed if not c.closed]
        self.tree = {}
        for c, f in self.filed:
            self._file(c, f)

    def candidates(self, facts: Facts) -> list[F]:
        """Every open incident whose first member the event could be compatible with, oldest first."""
        by_country = self.tree.get(type_class(facts))
        if by_country is None:
            return []
        seen: dict[int, F] = {}
        groups = sorted(facts.armed_groups)
        countries = list(by_country) if facts.country is None else [facts.country, None]
        for country in countries:
            node = by_country.get(country)
            if node is None:
                continue
            for place in self._probe_places(facts, node):
                by_group = node.get(place)
                if by_group is None:
                    continue
                for leaf in (by_group.values() if not groups else
                             [by_group[g] for g in [*groups, None] if g in by_group]):
                    for c in leaf:
                        if not c.closed:
                            seen[c.seq] = c
        return [seen[i] for i in sorted(seen) if self._within_days(facts.day, seen[i].first_day)]

    def _within_days(self, day: date | None, first_day: date | None) -> bool:
        return day is None or first_day is None or abs((day - first_day).days) <= self.limits.days

    def _probe_places(self, facts: Facts, node: dict[Any, Any]) -> Iterator[tuple[Any, ...]]:
        """The place keys of `node` an event with these facts must look under."""
        admin1 = facts.admin1
        if facts.lat is not None and facts.lon is not None:
            # Members with coordinates: by distance; members without: by admin1.
            yield from self._near_cells(facts.lat, facts.lon, node)
            yield ("xy?",)
            kinds: tuple[str, ...] = ("a1-only",)
        else:
            kinds = ("a1",)  # every member, with or without coordinates
        for kind in kinds:
            if admin1 is None:
                yield from [k for k in node if k[0] == kind]
            else:
                yield (kind, admin1)
                yield (kind, None)

    def _near_cells(self, lat: float, lon: float, node: dict[Any, Any]) -> Iterator[tuple[Any, ...]]:
        if not _valid_xy(lat, lon):
            yield from [k for k in node if k[0] == "xy"]
            return
        reach = self.reach_deg
        if abs(lat) + reach >= 89.0:
            yield from [k for k in node if k[0] == "xy"]  # near a pole every longitude is close
            return
        r = math.radians(reach)
        # The widest longitude span of a spherical cap of radius r around latitude `lat`.
        dlon = math.degrees(math.asin(min(1.0, math.sin(r) / math.cos(math.radians(lat))))) * _MARGIN + 1e-9
        rows = range(math.floor((lat - reach) / self.cell), math.floor((lat + reach) / self.cell) + 1)
        spans = [(lon - dlon, lon + dlon)]
        if lon - dlon < -180.0:
            spans.append((lon - dlon + 360.0, 180.0))
        if lon + dlon > 180.0:
            spans.append((-180.0, lon + dlon - 360.0))
        for lo, hi in spans:
            for j in range(math.floor(lo / self.cell), math.floor(hi / self.cell) + 1):
                for i in rows:
                    yield ("xy", i, j)
