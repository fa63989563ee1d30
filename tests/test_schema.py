"""docs/schema.md is the output contract: its tables and Event.to_dict() must list the same keys."""

from __future__ import annotations

import re
from pathlib import Path

from trocha import extract

DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"

TEXT = (
    "On Tuesday, Colombian police seized 55 rifles and $90,000 in Tibú (Norte de Santander). "
    "Two soldiers were killed by ELN guerrillas on Monday."
)


def _table_keys(heading: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.M)


def _events() -> list[dict[str, object]]:
    events = [e.to_dict() for e in extract(TEXT, published="2024-03-07")]
    assert events, "the schema test text must produce events"
    return events


def test_event_keys_match_doc() -> None:
    for ev in _events():
        assert list(ev) == _table_keys("Event")


def test_actor_place_quantity_keys_match_doc() -> None:
    events = _events()
    actors = [e[k] for e in events for k in ("actor1", "actor2") if e[k]]
    assert actors
    for a in actors:
        assert set(a) == set(_table_keys("Actor"))  # type: ignore[arg-type]
    places = [e["location"] for e in events if e["location"]]
    assert places
    for p in places:
        assert set(p) == set(_table_keys("Place"))  # type: ignore[arg-type]
    quantities = [q for e in events for q in e["quantities"]]  # type: ignore[attr-defined]
    assert quantities
    for q in quantities:
        assert set(q) == set(_table_keys("Quantity"))


def test_quantity_what_values_are_documented() -> None:
    import tomllib

    from trocha.lang import LANG_DIR

    doc = DOC.read_text(encoding="utf-8")
    for lang in ("en", "es"):
        data = tomllib.loads((LANG_DIR / lang / "quantities.toml").read_text(encoding="utf-8"))
        names = {r["what"] for key in ("item", "substance", "people") for r in data[key]}
        for name in names:
            assert f"`{name}`" in doc, f"quantity {name!r} ({lang}) is missing from docs/schema.md"


def test_spans_point_into_text() -> None:
    for ev in _events():
        for span in ev["evidence"]["fields"].values():  # type: ignore[index]
            assert TEXT[span["start"] : span["end"]] == span["text"]
