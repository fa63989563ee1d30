"""Trigger phrases and their modality: invented English sentences -> the sub-event type of the first event."""

from __future__ import annotations

import pytest

from trocha.api import Extractor

PUB = "2024-06-10"


def _first(extractor: Extractor, text: str) -> str | None:
    events = extractor.extract(text, lang="en", published=PUB)
    return events[0].sub_event_type if events else None


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # "No" in title case inside a sentence starts a name or an abbreviation, not a negation.
        ("On 2 June 2024, No Mask campaigners gathered outside the provincial legislature in Salta.",
         "Peaceful protest"),
        ("On 3 June 2024, parents at school No. 118 blocked the entrance of the building in Luque.",
         "Peaceful protest"),
    ],
)
def test_title_case_no_is_not_a_negation(extractor: Extractor, text: str, sub_event_type: str) -> None:
    assert _first(extractor, text) == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "No protesters gathered outside the provincial legislature in Salta on Sunday.",
        "On 4 June 2024, the police said that no soldiers were attacked in Tame.",
        "NO PROTESTERS GATHERED OUTSIDE THE LEGISLATURE IN SALTA ON SUNDAY.",
    ],
)
def test_negation_still_holds(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text, lang="en", published=PUB) == []
