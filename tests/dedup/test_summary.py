"""An incident's summary from its reports: a state-wide report's stand-in units never outvote a named town."""

from __future__ import annotations

from typing import Any

from trocha.dedup.summary import build_incident
from trocha.store.records import EventRow


def _row(i: int, location: dict[str, Any], confidence: float) -> EventRow:
    data = {"event_type": "Protests", "sub_event_type": "Peaceful protest", "date": "2024-05-06",
            "fatalities": 0, "confidence": confidence, "location": location}
    return EventRow(id=i, article_id=i, ordinal=0, data=data, content_fp=f"{i:04d}", url=None, source=None,
                    published=None)


# Known only to its state: placed at the seat (Ciudad Bolívar, municipality Heres), as the extractor codes it.
STATE_WIDE = {"name": "Bolivar", "country": "Venezuela", "admin1": "Bolívar", "admin2": "Heres",
              "lat": 8.12, "lon": -63.55, "precision": "admin1"}
TOWN = {"name": "Ciudad Guayana", "country": "Venezuela", "admin1": "Bolívar", "admin2": "Caroní",
        "lat": 8.35, "lon": -62.64, "precision": "town"}


def test_a_named_town_outranks_the_seat_standing_for_its_state() -> None:
    # Two state-wide reports, the more confident ones, and one that names the town.
    members = [_row(1, STATE_WIDE, 0.9), _row(2, STATE_WIDE, 0.9), _row(3, TOWN, 0.5)]
    inc = build_incident("k", members, ())
    assert (inc.admin1, inc.admin2) == ("Bolívar", "Caroní")
    assert (inc.lat, inc.lon) == (8.35, -62.64)
    assert "admin2" not in inc.summary["disagreements"]


def test_state_wide_reports_alone_keep_the_seat() -> None:
    inc = build_incident("k", [_row(1, STATE_WIDE, 0.9), _row(2, STATE_WIDE, 0.8)], ())
    assert (inc.admin1, inc.admin2, inc.lat, inc.lon) == ("Bolívar", "Heres", 8.12, -63.55)
