"""Which pairs of events may be one incident, and order-independent clustering of many synthetic events."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trocha.dedup.compat import Facts, Limits, km_between, similarity
from trocha.dedup.merge import cluster_events
from trocha.store.records import EventRow

LIMITS = Limits(days=3, km=30)


def ev(day: str = "2024-05-13", etype: str = "Battles", sub: str = "Armed clash", a1: str | None = "Military",
       a2: str | None = "ELN", inter1: int | None = 1, place: str | None = "Tame", admin1: str | None = "Arauca",
       admin2: str | None = "Tame", lat: float | None = None, lon: float | None = None,
       country: str | None = "Colombia", precision: str | None = None) -> dict[str, Any]:
    return {"date": day, "event_type": etype, "sub_event_type": sub,
            "actor1": {"name": a1, "inter": inter1} if a1 else None, "actor2": {"name": a2, "inter": 2} if a2 else None,
            "location": {"name": place, "text": place, "country": country, "admin1": admin1, "admin2": admin2,
                         "lat": lat, "lon": lon, "precision": precision}}


# Known only to its state: the point and municipality are the state's seat's (Arauca town), no spot of its own.
STATE_WIDE: dict[str, Any] = {"place": "Arauca", "admin1": "Arauca", "admin2": "Arauca", "lat": 7.08, "lon": -70.76,
              "precision": "admin1"}


@pytest.mark.parametrize(("a", "b", "same"), [
    (ev(), ev(day="2024-05-15"), True),                                # two days later
    (ev(), ev(day="2024-05-17"), False),                               # beyond the window
    (ev(), ev(a1="ELN", a2="Military", inter1=2), True),                # roles swapped by the other outlet
    (ev(), ev(place="Saravena", admin2="Saravena"), False),            # another municipality
    (ev(), ev(etype="Protests", sub="Peaceful protest"), False),       # incompatible types
    (ev(), ev(etype="Violence against civilians", sub="Attack"), True),  # violent types, same actors
    (ev(), ev(etype="Violence against civilians", sub="Attack", a2="Civilians"), False),
    (ev(), ev(a1="Police", inter1=1, a2="Clan del Golfo"), False),     # different armed group
    (ev(), ev(country="Venezuela"), False),
    (ev(lat=6.46, lon=-71.73), ev(lat=6.50, lon=-71.70, admin2="Fortul"), True),   # 5 km apart
    (ev(lat=6.46, lon=-71.73), ev(lat=7.07, lon=-70.75, admin2="Saravena"), False),  # 125 km apart
    (ev(place="zona rural", admin2=None, admin1=None), ev(admin2=None, admin1=None), True),  # vague place, same actors
    (ev(place=None, admin2=None, admin1=None, a2=None), ev(admin2=None, admin1=None), False),  # vague and unsure
    (ev(day=None), ev(), False),  # type: ignore[arg-type]
    (ev(**STATE_WIDE), ev(lat=6.46, lon=-71.73), True),   # a state-wide report and a town of the state 115 km away
    (ev(**STATE_WIDE), ev(place="Yopal", admin1="Casanare", admin2="Yopal", lat=5.34, lon=-72.39), False),
    (ev(country="Colombia", place="Colombia", admin1="Bogotá, D.C.", admin2="Bogotá, D.C.", lat=4.61, lon=-74.08,
        precision="country"), ev(lat=6.46, lon=-71.73), True),  # country-wide: the capital's units say nothing
])
def test_pairs(a: dict[str, Any], b: dict[str, Any], same: bool) -> None:
    fa, fb = Facts.of(a), Facts.of(b)
    assert (similarity(fa, fb, LIMITS) is not None) == same
    assert similarity(fa, fb, LIMITS) == similarity(fb, fa, LIMITS)  # symmetric


def test_distance() -> None:
    assert km_between(4.711, -74.072, 6.244, -75.581) == pytest.approx(240, abs=10)  # Bogotá–Medellín


def _rows(n: int, seed: int) -> list[EventRow]:
    rng = random.Random(seed)
    places = [("Tame", "Arauca"), ("Saravena", "Arauca"), ("Tibú", "Norte de Santander"), ("Tumaco", "Nariño")]
    actors = ["ELN", "Clan del Golfo", "Disidencias", None]
    rows = []
    for i in range(n):
        place, admin1 = rng.choice(places)
        day = (date(2024, 5, 1) + timedelta(days=rng.randrange(12))).isoformat()
        data = ev(day=day, a2=rng.choice(actors), place=place, admin2=place, admin1=admin1)
        rows.append(EventRow(id=i + 1, article_id=i + 1, ordinal=0, data=data, content_fp=f"{i:06d}", url=None,
                             source=None, published=None))
    return rows


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), shuffle=st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_input_order(seed: int, shuffle: random.Random) -> None:
    rows = _rows(60, seed)
    def groups(rs: list[EventRow]) -> set[frozenset[int]]:
        return {frozenset(m.id for m, _ in c) for c in cluster_events(rs, LIMITS)}
    base = groups(rows)
    mixed = list(rows)
    shuffle.shuffle(mixed)
    assert groups(mixed) == base
    assert sum(len(g) for g in base) == len(rows)  # every event in exactly one incident
    assert len(base) < len(rows)  # and some were merged


def _plain_clusters(rows: list[EventRow]) -> set[frozenset[int]]:
    """The merge without blocking: every event against every open cluster (slow, obviously right)."""
    from trocha.dedup.merge import THRESHOLD

    clusters: list[list[tuple[EventRow, Facts]]] = []
    for r in sorted(rows, key=lambda r: r.sort_key):
        f = Facts.of(r.data)
        best: tuple[float, int] | None = None
        for i, c in enumerate(clusters):
            if f.day is None or any(m.article_id == r.article_id for m, _ in c):
                continue
            scores = [similarity(f, g, LIMITS) for _, g in c]
            if any(s is None for s in scores):
                continue
            mean = sum(s for s in scores if s is not None) / len(scores)
            if mean >= THRESHOLD and (best is None or mean > best[0]):
                best = (mean, i)
        if best is None:
            clusters.append([(r, f)])
        else:
            clusters[best[1]].append((r, f))
    return {frozenset(m.id for m, _ in c) for c in clusters}


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_blocking_finds_exactly_what_a_full_scan_finds(seed: int) -> None:
    rng = random.Random(seed)
    places = [("Colombia", "Arauca", "Tame", 6.46, -71.73), ("Colombia", "Arauca", "Fortul", 6.79, -71.77),
              ("Colombia", "Casanare", "Hato Corozal", 6.15, -71.76),
              ("Venezuela", "Apure", "Guasdualito", 7.24, -70.7),
              ("Colombia", None, "Tame", None, None), (None, None, "Tame", None, None)]
    rows = []
    for i in range(80):
        country, admin1, place, lat, lon = rng.choice(places)
        coords = rng.random() < 0.5 and lat is not None
        data = ev(day=f"2024-05-{rng.randrange(1, 9):02d}", country=country, admin1=admin1,
                  admin2=place if rng.random() < 0.5 else None, place=place, lat=lat if coords else None,
                  lon=lon if coords else None, a2=rng.choice(["ELN", None]),
                  etype=rng.choice(["Battles", "Battles", "Violence against civilians"]),
                  precision=rng.choice([None, None, None, "admin1", "country"]))
        rows.append(EventRow(id=i, article_id=i // 2 if rng.random() < 0.2 else 1000 + i, ordinal=i % 2, data=data,
                             content_fp=f"{rng.random():.12f}", url=None, source=None, published=None))
    got = {frozenset(m.id for m, _ in c) for c in cluster_events(rows, LIMITS)}
    assert got == _plain_clusters(rows)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_grid_blocking_finds_exactly_what_a_full_scan_finds(seed: int) -> None:
    """Coordinates scattered around the 30 km limit and across grid cells, next to the antimeridian and a pole,
    with mixed types, armed groups, countries and admin1 (some unknown), and broken coordinates."""
    rng = random.Random(seed)
    bases = [(6.46, -71.73), (0.2, 179.9), (-0.1, -179.95), (88.95, 10.0), (-45.0, 170.0)]
    rows = []
    for i in range(120):
        lat0, lon0 = rng.choice(bases)
        lat, lon = lat0 + rng.uniform(-0.45, 0.45), lon0 + rng.uniform(-0.45, 0.45)
        lon = (lon + 180.0) % 360.0 - 180.0
        if rng.random() < 0.05:
            lon += 360.0  # out of range, yet the same place to km_between
        elif rng.random() < 0.02:
            lat = float("nan")
        coords = rng.random() < 0.7
        armed = rng.choice(["ELN", "Clan del Golfo", "Segunda Marquetalia", None])
        data = ev(day=f"2024-05-{rng.randrange(1, 9):02d}", country=rng.choice(["Colombia", "Colombia", None]),
                  admin1=rng.choice(["Arauca", "Casanare", None]), admin2=None, place=None,
                  lat=lat if coords else None, lon=lon if coords else None,
                  a1=rng.choice(["Military", "Police", "Clan del Golfo"]), inter1=rng.choice([1, 2]), a2=armed,
                  etype=rng.choice(["Battles", "Violence against civilians", "Protests"]))
        rows.append(EventRow(id=i, article_id=i // 2 if rng.random() < 0.2 else 1000 + i, ordinal=i % 2, data=data,
                             content_fp=f"{rng.random():.12f}", url=None, source=None, published=None))
    got = {frozenset(m.id for m, _ in c) for c in cluster_events(rows, LIMITS)}
    assert got == _plain_clusters(rows)
    assert len(got) < len(rows)  # some were merged
