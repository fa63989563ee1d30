"""The store on SQLite and PostgreSQL: identity, atomic writes, rejects, filters, stats, search, incidents, pins."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
import sqlalchemy as sa

from trocha.api import Extractor
from trocha.ingest.fingerprint import content_fingerprint, lsh_bands
from trocha.model import Event, Place
from trocha.store import (
    ArticleIn,
    EventFilter,
    IncidentIn,
    LinkIn,
    Pin,
    RejectIn,
    SourceIn,
    Store,
    StoreError,
    open_store,
)
from trocha.store.migrations import LATEST, current_version

CLASH = "Soldiers of the army clashed with ELN rebels on Monday in Tame, killing three guerrillas."
PROTEST = "Cientos de estudiantes protestaron el martes en Pasto contra la reforma educativa."


def _article(text: str, ext_id: str = "a1", url: str | None = None, published: date | None = date(2024, 5, 15)
             ) -> ArticleIn:
    return ArticleIn(ext_id=ext_id, ref=f"test:{ext_id}", text=text, content_fp=content_fingerprint(text),
                     bands=lsh_bands(text), url=url, title=f"title {ext_id}", published=published,
                     source=SourceIn("test outlet", "file"))


def _coded(extractor: Extractor, text: str, ext_id: str = "a1") -> list[Event]:
    events = extractor.extract(text, published="2024-05-15", article_id=ext_id)
    assert events, f"the extractor found no event in {text!r}"
    return events


def _placed(ev: Event, admin1: str, admin2: str, day: str) -> Event:
    loc = Place(text=admin2, name=admin2, country="Colombia", admin1=admin1, admin2=admin2, lat=6.46, lon=-71.73,
                precision="town")
    return dataclasses.replace(ev, location=loc, date=day)


def test_migrated_and_reopened(db_url: str) -> None:
    with open_store(db_url) as s:
        assert current_version(s.engine) == LATEST
    with open_store(db_url) as s:  # opening again applies nothing and keeps the data
        assert current_version(s.engine) == LATEST
        assert s.counts().articles == 0


def test_refuses_a_newer_schema(db_url: str) -> None:
    with open_store(db_url) as s, s.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO trocha_schema (version, name, applied_at) VALUES (999, 'future', "
                             "CURRENT_TIMESTAMP)"))
    with pytest.raises(StoreError, match="newer than this trocha"):
        open_store(db_url)


def test_article_and_events_stored_once(store: Store, extractor: Extractor) -> None:
    events = _coded(extractor, CLASH)
    first = store.add_article(_article(CLASH, url="https://a.example/x"), events)
    assert first.outcome == "stored" and first.events == len(events)
    again = store.add_article(_article(CLASH, ext_id="other-id"), events)  # same text, other id
    by_url = store.add_article(_article(PROTEST, ext_id="a2", url="https://a.example/x"), [])  # same URL
    assert again.outcome == by_url.outcome == "duplicate"
    assert again.article_id == by_url.article_id == first.article_id
    c = store.counts()
    assert (c.articles, c.events, c.sources) == (1, len(events), 1)
    stored = list(store.events())
    assert [r.data for r in stored] == [e.to_dict() for e in events]  # the full contract object round-trips
    assert stored[0].source == "test outlet" and stored[0].url == "https://a.example/x"


def test_article_is_atomic_with_its_events(store: Store, extractor: Extractor) -> None:
    good = _coded(extractor, CLASH)
    broken = dataclasses.replace(good[0], event_type=None)  # type: ignore[arg-type]  # NOT NULL fails mid-article
    with pytest.raises(sa.exc.IntegrityError):
        store.add_article(_article(CLASH), [good[0], broken])
    c = store.counts()
    assert (c.articles, c.events, c.sources) == (0, 0, 0)
    assert store.add_article(_article(CLASH), good).outcome == "stored"


def test_rejects_are_kept_once_per_input_and_reason(store: Store) -> None:
    store.reject(RejectIn("feed.jsonl:3", "not_json", "line 3 is not JSON", "garbage\x00bytes"))
    store.reject(RejectIn("feed.jsonl:3", "not_json", "line 3 is not JSON", "garbage"))
    store.reject(RejectIn("https://x.example/p", "http_404", "answered 404"))
    rows = store.rejected()
    assert sorted((r.ref, r.reason, r.seen) for r in rows) == [("feed.jsonl:3", "not_json", 2),
                                                             ("https://x.example/p", "http_404", 1)]
    assert [r.reason for r in store.rejected(reason="http_404")] == ["http_404"]
    assert "\x00" not in next(r.raw for r in rows if r.reason == "not_json")


def test_filters_and_stats(store: Store, extractor: Extractor) -> None:
    clash = _coded(extractor, CLASH)[0]
    protest = _coded(extractor, PROTEST, "a2")[0]
    store.add_article(_article(CLASH), [_placed(clash, "Arauca", "Tame", "2024-05-13")])
    store.add_article(_article(PROTEST, "a2"), [_placed(protest, "Nariño", "Pasto", "2024-05-21")])
    def ids(**kw: object) -> list[str]:
        return [r.data["sub_event_type"] for r in store.events(EventFilter(**kw))]  # type: ignore[arg-type]
    assert ids(admin1="Arauca") == ["Armed clash"]
    assert ids(admin1="arauca") == []  # exact spellings, so that the indexes serve the filter
    assert ids(admin2="Pasto") == [protest.sub_event_type]
    assert ids(date_from=date(2024, 5, 14)) == [protest.sub_event_type]
    assert ids(date_to=date(2024, 5, 14), country="Colombia") == ["Armed clash"]
    assert ids(event_type="Battles") == ids(event_type="Armed clash") == ["Armed clash"]
    assert ids(actor="eln") == ["Armed clash"]
    assert ids(country="Ecuador") == []
    st = store.stats()
    assert dict(st.by_week) == {"2024-W20": 1, "2024-W21": 1}
    assert dict(st.by_admin1) == {"Colombia / Arauca": 1, "Colombia / Nariño": 1}
    assert st.total == 2


def test_text_search_ignores_accents_and_case(store: Store) -> None:
    store.add_article(_article("Un ataque con drones en Cúcuta dejó dos heridos.", "s1"), [])
    store.add_article(_article("Flooding in Guayaquil displaced hundreds of families.", "s2"), [])
    assert [h.ref for h in store.search("cucuta")] == ["test:s1"]
    assert [h.ref for h in store.search("ATAQUE drones")] == ["test:s1"]
    assert [h.ref for h in store.search("Guayaquil families")] == ["test:s2"]
    assert store.search("ataque guayaquil") == []
    assert store.search("  ") == []


def _incident(key: str, event_ids: list[int], fatalities: int) -> IncidentIn:
    return IncidentIn(key=key, event_type="Battles", sub_event_type="Armed clash", date=date(2024, 5, 13),
                      date_min=None, date_max=None, country="Colombia", admin1="Arauca", admin2="Tame", lat=None,
                      lon=None, fatalities=fatalities, fatalities_min=fatalities, fatalities_max=fatalities,
                      n_articles=len(event_ids), summary={"k": key},
                      links=tuple(LinkIn(e, "auto", "merge", "test") for e in event_ids))


def test_incidents_replaced_by_key_and_pins_kept(store: Store, extractor: Extractor) -> None:
    for i in range(3):
        text = f"{CLASH} Report number {i}."
        store.add_article(_article(text, f"r{i}"), _coded(extractor, text, f"r{i}")[:1])
    e1, e2, e3 = (r.id for r in store.events())
    store.replace_incidents([_incident("k1", [e1, e2], 3), _incident("k2", [e3], 1)])
    before = {i.key: i.id for i in store.incidents()}
    store.replace_incidents([_incident("k1", [e1, e2, e3], 5)])  # k2 is gone, k1 keeps its id
    after = store.incidents()
    assert [(i.key, i.id, i.n_events, i.fatalities) for i in after] == [("k1", before["k1"], 3, 5)]
    store.pin(Pin(e3, "analyst-split", "ana", "different village"))
    assert [(p.event_id, p.incident_key, p.decided_by) for p in store.pins()] == [(e3, "analyst-split", "ana")]
    store.replace_incidents([_incident("k1", [e1, e2], 5)])  # the merge never touches an analyst's link
    assert sorted(i.key for i in store.incidents()) == ["analyst-split", "k1"]
    assert store.counts().linked_events == 3
    with pytest.raises(StoreError, match="no event"):
        store.pin(Pin(99999, "x", "ana", "typo"))


def test_a_long_read_does_not_block_writes(store: Store, extractor: Extractor) -> None:
    import time

    for i in range(3):
        text = f"{CLASH} Report number {i}."
        store.add_article(_article(text, f"r{i}"), _coded(extractor, text, f"r{i}")[:1])
    reading = store.events()
    first = next(reading)  # an export in progress: its read transaction is open
    start = time.monotonic()
    assert store.add_article(_article(PROTEST, "p"), _coded(extractor, PROTEST, "p")).outcome == "stored"
    assert time.monotonic() - start < 5  # not waiting for the reader (SQLite would wait 30 s, then fail)
    rest = list(reading)
    assert [first.data["article_id"], *(r.data["article_id"] for r in rest)] == ["r0", "r1", "r2"]  # its snapshot
    assert store.counts().events == 3 + len(_coded(extractor, PROTEST, "p"))
