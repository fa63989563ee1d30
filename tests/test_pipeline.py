"""The pipeline checks stage order when it is built."""

from __future__ import annotations

import pytest

from trocha.errors import PipelineError
from trocha.pipeline import build


def test_missing_need_fails_early() -> None:
    with pytest.raises(PipelineError, match="needs"):
        build(["normalize", "assemble"])


def test_unknown_stage() -> None:
    with pytest.raises(PipelineError, match="unknown stage"):
        build(["normalize", "nope"])


def test_event_ids_are_stable() -> None:
    from trocha import extract

    text = "Police arrested two ELN members in Cúcuta on Tuesday."
    a = [e.event_id for e in extract(text, published="2024-03-07")]
    b = [e.event_id for e in extract(text, published="2024-03-07")]
    assert a and a == b
