"""Bulk loading: many articles in one transaction, the same identity rules as one by one."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from tests.store.test_store import CLASH, PROTEST, _article, _coded
from trocha.api import Extractor
from trocha.store import Store
from trocha.store.bulk import add_many


def test_add_many_skips_known_and_repeated(store: Store, extractor: Extractor) -> None:
    clash, protest = _coded(extractor, CLASH), _coded(extractor, PROTEST, "p")
    store.add_article(_article(CLASH, "c0"), clash)
    third = "Police arrested two ELN members in Cúcuta on Tuesday."
    out = add_many(store, [(_article(CLASH, "c1"), clash), (_article(PROTEST, "p", url="https://x.example/p"), protest),
                           (_article(PROTEST, "p-again"), protest), (_article(third, "t"), [])])
    assert [a.outcome for a in out] == ["duplicate", "stored", "duplicate", "stored"]
    assert out[2].article_id == out[1].article_id
    c = store.counts()
    assert (c.articles, c.events) == (3, len(clash) + len(protest))
    assert [h.ref for h in store.search("cucuta eln")] == ["test:t"]
    assert [r.data for r in store.events() if r.article_id == out[1].article_id] == [e.to_dict() for e in protest]


def test_add_many_is_all_or_nothing(store: Store, extractor: Extractor) -> None:
    clash = _coded(extractor, CLASH)
    broken = dataclasses.replace(clash[0], event_type=None)  # type: ignore[arg-type]
    with pytest.raises(sa.exc.IntegrityError):
        add_many(store, [(_article(CLASH, "c1"), clash), (_article(PROTEST, "p"), [broken])])
    assert store.counts().articles == 0
