"""The location the extractor codes for a sentence's first event, for the tests of places."""

from __future__ import annotations

from trocha.api import Extractor


def first_location(extractor: Extractor, text: str, lang: str = "en", published: str = "2024-05-10"
                   ) -> dict[str, object]:
    events = extractor.extract(text, lang=lang, published=published)
    assert events and events[0].location is not None, f"no place coded from {text!r}"
    return events[0].location.to_dict()
