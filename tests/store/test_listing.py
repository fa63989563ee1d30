"""A page of events for the API: each stored event object is sent as the store keeps it, and the bytes are what
decoding and encoding it again gave."""

from __future__ import annotations

import json
from datetime import date

from trocha.ingest.fingerprint import content_fingerprint, lsh_bands
from trocha.model import Event
from trocha.store import ArticleIn, Store
from trocha.store.access import Viewer
from trocha.store.guarded import Guarded, ViewFilter
from trocha.web.views import dumps, event_json, events_page_json


def test_listed_events_splice_the_stored_objects_byte_for_byte(store: Store, extractor: object) -> None:
    from trocha.api import Extractor

    assert isinstance(extractor, Extractor)
    g = Guarded(store)
    text = "La Policía incautó el martes dos toneladas de cocaína en Tumaco, Nariño, y murieron 2.5 «personas»."
    events: list[Event] = extractor.extract(text, lang="es", published="2024-03-05")
    assert events
    store.add_article(ArticleIn(ext_id="l1", ref="test", text=text, content_fp=content_fingerprint(text),
                                bands=lsh_bands(text), published=date(2024, 3, 5)), events)
    for sort in ("date", "-id"):
        rows, nxt = g.events(ViewFilter(), Viewer(), sort, 1)
        listed, listed_nxt = g.listed_events(ViewFilter(), Viewer(), sort, 1)
        assert listed_nxt == nxt
        want = dumps({"events": [event_json(r) for r in rows], "next_cursor": "c"}).encode()
        assert events_page_json(listed, "c") == want
        assert json.loads(want)["events"][0]["event"]["location"]["admin1"] == "Nariño"
