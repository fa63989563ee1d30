"""Whether two events (from different reports) can be the same incident, and how strongly they look alike."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from trocha.text import fold

# Types that different outlets use for one violent incident ("clash" for one, "attack on civilians" for another).
VIOLENT = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})


@dataclass(frozen=True, slots=True)
class Limits:
    """How far apart two events of one incident may be."""

    days: int = 3
    km: float = 30.0


@dataclass(frozen=True, slots=True)
class Facts:
    """The fields of one event the comparison reads, normalized once."""

    event_type: str
    sub_event_type: str
    day: date | None
    country: str | None
    admin1: str | None
    admin2: str | None
    place: str | None
    lat: float | None
    lon: float | None
    actor1: str | None
    actor1_inter: int | None
    actor2: str | None
    actor2_inter: int | None

    @classmethod
    def of(cls, data: dict[str, Any]) -> Facts:
        loc = known_location(data.get("location") or {})
        a1 = data.get("actor1") or {}
        a2 = data.get("actor2") or {}
        raw_day = data.get("date")
        return cls(event_type=str(data.get("event_type")), sub_event_type=str(data.get("sub_event_type")),
                   day=date.fromisoformat(raw_day) if isinstance(raw_day, str) else None,
                   country=_norm(loc.get("country")), admin1=_norm(loc.get("admin1")), admin2=_norm(loc.get("admin2")),
                   place=_place(loc), lat=_num(loc.get("lat")), lon=_num(loc.get("lon")),
                   actor1=_norm(a1.get("name")), actor1_inter=a1.get("inter"),
                   actor2=_norm(a2.get("name")), actor2_inter=a2.get("inter"))

    @property
    def actors(self) -> frozenset[str]:
        return frozenset(a for a in (self.actor1, self.actor2) if a)

    @property
    def armed_groups(self) -> frozenset[str]:
        """Named non-state armed groups (ACLED inter 2-4), not unidentified ones: disjoint sets rule a pair out."""
        return frozenset(name for name, inter in ((self.actor1, self.actor1_inter), (self.actor2, self.actor2_inter))
                         if name and inter in (2, 3, 4) and "unidentified" not in name and "generic" not in name)


# Precisions at which an event's point and finer units are its unit's seat's (geo/resolve.py), not its own.
UNIT_WIDE = ("admin1", "country")


def known_location(loc: dict[str, Any]) -> dict[str, Any]:
    """A location without what stands in for a unit: an event known only to its state (or country) is placed at
    the state's seat (or the capital) with the seat's units, which are no spot that reports could agree on."""
    precision = loc.get("precision")
    if precision not in UNIT_WIDE:
        return loc
    kept = ("country", "admin1", "name", "text", "precision") if precision == "admin1" else \
        ("country", "name", "text", "precision")
    return {k: loc.get(k) for k in kept}


def _norm(value: object) -> str | None:
    return _folded(value) if isinstance(value, str) and value.strip() else None


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    # A store repeats a few thousand names and places over and over: folding each once cut a large merge's time.
    return " ".join(fold(text).split())


def _place(loc: dict[str, Any]) -> str | None:
    # "zona rural", "the area": a place written in lower case names no place that can be compared.
    name = loc.get("name") or loc.get("text")
    return _norm(name) if isinstance(name, str) and name[:1].isupper() else None


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _type_score(a: Facts, b: Facts) -> float | None:
    if a.event_type == b.event_type:
        return 1.0 if a.sub_event_type == b.sub_event_type else 0.6
    if a.event_type in VIOLENT and b.event_type in VIOLENT:
        return 0.4
    return None


def _place_score(a: Facts, b: Facts, limits: Limits) -> float | None:
    """1 for the same spot, lower for vaguer agreement, None when the places rule the pair out."""
    if a.country and b.country and a.country != b.country:
        return None
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        d = km_between(a.lat, a.lon, b.lat, b.lon)
        return None if d > limits.km else 1.0 - 0.3 * d / limits.km
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return None  # one name in two departments is two places (merge.py's blocking relies on this rule)
    if a.admin2 and b.admin2:
        return 1.0 if a.admin2 == b.admin2 else None
    if a.place and b.place and a.place == b.place:
        return 0.9
    if a.admin1 and b.admin1:
        return 0.6
    if a.place and b.place and a.place not in (a.country, b.country) and b.place not in (a.country, b.country):
        return None  # two different named places, nothing finer to reconcile them
    return 0.3


def _actor_score(a: Facts, b: Facts) -> float | None:
    """1 for the same actors (in either role), lower for partial agreement, None for different perpetrators."""
    differ = bool(a.actor1 and b.actor1 and a.actor1 != b.actor1 and a.actor1 != b.actor2)
    if differ and a.actor1_inter is not None and b.actor1_inter is not None and a.actor1_inter != b.actor1_inter:
        return None
    ga, gb = a.armed_groups, b.armed_groups
    if ga and gb and not ga & gb:
        return None
    sa, sb = a.actors, b.actors
    if sa and sa == sb:
        return 1.0
    shared = sa & sb
    if shared:
        # One actor in common: strong when the other is simply not named, weak when another actor is named.
        return 0.7 if len(sa) == 1 or len(sb) == 1 else 0.3
    return 0.5 if not sa or not sb else 0.2


def similarity(a: Facts, b: Facts, limits: Limits) -> float | None:
    """A score in (0, 1] when the two events may be one incident, None when they may not."""
    if a.day is None or b.day is None:
        return None
    gap = abs((a.day - b.day).days)
    if gap > limits.days:
        return None
    t = _type_score(a, b)
    p = _place_score(a, b, limits)
    r = _actor_score(a, b)
    if t is None or p is None or r is None:
        return None
    if t < 1.0 and r < 0.7:
        return None  # different (sub-)types: only when the actors agree
    if p < 0.6 and not (r == 1.0 and t == 1.0):
        return None  # vague place: only with the same actors and the same sub-event type
    return round(0.3 * t + 0.3 * p + 0.2 * r + 0.2 * (1.0 - gap / (limits.days + 1)), 4)
