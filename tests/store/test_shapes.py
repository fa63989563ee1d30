"""Statements built once per filter shape (store/analyst.py plain_shape) give what building each request's statement
gave, for every viewer in turn (so a statement one organisation ran is reused by the next), filter, sort and page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from tests.store.test_views import world
from trocha.store import analyst, analyst_incidents
from trocha.store.access import Viewer
from trocha.store.guarded import Guarded, ViewFilter

__all__ = ["world"]

FILTERS = [ViewFilter(), ViewFilter(admin1="ARAUCA", date_from=date(2024, 3, 1)),
           ViewFilter(country="colombia", date_to=date(2024, 3, 31), include_background=True),
           ViewFilter(admin2="Saravena", event_type="battles", sub_event_type="armed clash"),
           ViewFilter(date_from=date(2024, 3, 6), date_to=date(2024, 3, 5))]


def _walk(read: Callable[[Any], tuple[list[Any], Any]]) -> list[Any]:
    """Every page of one row, following the cursors."""
    out: list[Any] = []
    after = None
    while True:
        rows, after = read(after)
        out += rows
        if after is None:
            return out


def _both(monkeypatch: pytest.MonkeyPatch, read: Callable[[], Any]) -> tuple[Any, Any]:
    """What `read` gives with the statements of each shape, and with each request's statement built anew."""
    shaped = read()
    with monkeypatch.context() as m:
        m.setattr(analyst, "plain_shape", lambda *_: None)
        m.setattr(analyst_incidents, "plain_shape", lambda *_: None)
        built = read()
    return shaped, built


def test_shaped_statements_read_what_built_ones_read(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    g: Guarded = world["g"]
    viewers = [world[w] for w in ("a", "b", "c", "public")]
    seen = 0
    for flt in FILTERS:
        for sort in ("date", "-date", "id", "-id"):
            for viewer in [*viewers, Viewer(everything=True)]:
                shaped, built = _both(monkeypatch, lambda: _walk(
                    lambda after: g.events(flt, viewer, sort, 1, after)))  # noqa: B023 (read at once)
                assert shaped == built, (flt, sort, viewer)
                listed, built_listed = _both(monkeypatch, lambda: _walk(
                    lambda after: g.listed_events(flt, viewer, sort, 1, after)))  # noqa: B023
                assert listed == built_listed
                seen += len(shaped)
            for viewer in viewers:
                shaped, built = _both(monkeypatch, lambda: _walk(
                    lambda after: g.listed_incidents(flt, viewer, sort, 1, after)))  # noqa: B023
                assert shaped == built, (flt, sort, viewer)
                seen += len(shaped)
        for viewer in viewers:
            for by in ("type", "sub_event_type", "admin1", "country"):
                shaped, built = _both(monkeypatch, lambda: g.aggregate(flt, viewer, "day", by))  # noqa: B023
                assert shaped == built, (flt, by, viewer)
    assert seen > 50


@pytest.mark.parametrize(("flt", "sort", "by", "expected"), [
    (ViewFilter(admin1="Arauca", date_from=date(2024, 3, 1)), "-date", None, True),
    (ViewFilter(), "date", None, True),
    (ViewFilter(country="Colombia"), "id", None, False),  # an id order over a value sorts every match
    (ViewFilter(actor="eln"), "date", None, False),
    (ViewFilter(q="Saravena"), "date", None, False),
    (ViewFilter(bbox=(-80, -5, -60, 15)), "date", None, False),
    (ViewFilter(border=True), "date", None, False),
    (ViewFilter(country="Colombia"), None, "type", True),
    (ViewFilter(country="Colombia"), None, "actor", False),  # actors are counted from the events
])
def test_one_range_reads(flt: ViewFilter, sort: str | None, by: str | None, expected: bool) -> None:
    """Which reads the web app may run on its event loop (web/fast.py)."""
    assert analyst.one_range(flt, sort=sort, by=by) is expected
