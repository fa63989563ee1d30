"""The seed article (read from ../shared at test time, never committed) coded as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest

from trocha.api import Extractor

SEED = Path(__file__).resolve().parents[2] / "shared" / "samples" / "seed-article.txt"


@pytest.fixture(scope="module")
def events(extractor: Extractor):  # type: ignore[no-untyped-def]
    if not SEED.exists():
        pytest.fail(f"the seed article is expected at {SEED}")
    return extractor.extract(SEED.read_text(encoding="utf-8"), lang="en", published="2012-07-19")


def test_raid_first(events) -> None:  # type: ignore[no-untyped-def]
    raid = events[0]
    assert raid.sub_event_type == "Disrupted weapons use"
    assert raid.date == "2012-07-17" and raid.date_basis == "relative"
    assert raid.actor1.cameo == "COLPOL"
    assert raid.actor2 is not None and raid.actor2.name == "Los Rastrojos"
    got = {(q.what, q.value, q.unit) for q in raid.quantities}
    assert ("firearms", 55, None) in got and ("money", 90000, "USD") in got
    loc = raid.location
    assert loc is not None and loc.text == "Norte de Santander"
    # The department is all the text gives: no municipality, so the precision is admin1; the event stands at the
    # department's seat with the seat's municipality, as ACLED codes it (docs/schema.md), which the precision flags.
    assert (loc.country, loc.admin1, loc.precision) == ("Colombia", "Norte de Santander", "admin1")
    assert loc.admin2 == "Cúcuta" and loc.lat is not None and loc.lon is not None


def test_minister_call_on_venezuela(events) -> None:  # type: ignore[no-untyped-def]
    call = next(e for e in events if e.plover == "REQUEST")
    assert call.sub_event_type == "Diplomatic event"
    assert call.actor1.country == "COL" and call.actor2.country == "VEN"
    assert call.date == "2012-07-18"
    # The minister spoke in Cúcuta: that is where the statement is placed, not where the raid was.
    assert call.location is not None and call.location.admin1 == "Norte de Santander"
    assert call.location.precision == "town" and call.location.name in ("Cúcuta", "Cucuta")


def test_group_name_never_a_place(events) -> None:  # type: ignore[no-untyped-def]
    assert all(e.location is None or "Rastrojos" not in e.location.text for e in events)


def test_ecuador_assurance(events) -> None:  # type: ignore[no-untyped-def]
    ecu = next(e for e in events if e.date == "2012-06-25")
    assert ecu.sub_event_type == "Diplomatic event"
    assert ecu.actor1.country == "ECU" and ecu.actor2.country == "COL"


def test_2008_rupture_only_background(events) -> None:  # type: ignore[no-untyped-def]
    rupture = [e for e in events if e.action == "sever_relations"]
    assert rupture and all(e.background for e in rupture)
    assert events[-1].background
    assert sum(1 for e in events if not e.background) == 3


def test_related_posts_are_not_coded(events) -> None:  # type: ignore[no-untyped-def]
    assert all(e.evidence[0].start < SEED.read_text(encoding="utf-8").index("Related posts") for e in events)
