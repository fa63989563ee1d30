"""Access control in the store, on both backends: passwords, tokens, and which articles each viewer may read."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from trocha.ingest.fingerprint import content_fingerprint, lsh_bands
from trocha.model import Event
from trocha.store import ArticleIn, Store, StoreError
from trocha.store.access import Access, Viewer, check_password, hash_password
from trocha.store.guarded import Guarded, ViewFilter


def _article(text: str) -> ArticleIn:
    return ArticleIn(ext_id=text[:10], ref="test", text=text, content_fp=content_fingerprint(text),
                     bands=lsh_bands(text), published=date(2024, 3, 1))


def test_password_hashes_are_salted_and_checked() -> None:
    a, b = hash_password("correct horse"), hash_password("correct horse")
    assert a != b and a.startswith("scrypt$") and "correct" not in a
    assert check_password("correct horse", a) and not check_password("correct hose", a)
    assert not check_password("x", "not-a-hash")


def test_tokens_expire_and_revoke(store: Store) -> None:
    g = Guarded(store)
    org = g.create_org("Org")
    with pytest.raises(StoreError):
        g.create_org("Org")
    secret, token_id = g.issue_token(org.id, "t", "analyst")
    who = g.authenticate(secret)
    assert who is not None and who.may("viewer") and who.may("analyst") and not who.may("admin")
    assert g.authenticate(secret + "x") is None
    assert g.revoke_token(token_id) and not g.revoke_token(token_id)
    assert g.authenticate(secret) is None
    with store.engine.begin() as conn:
        from trocha.store.access import issue_token

        old, _ = issue_token(conn, org.id, "old", "viewer", ttl=timedelta(seconds=-1))
    assert g.authenticate(old) is None
    assert all(secret not in repr(t) for t in g.tokens())


def test_visibility_of_public_private_and_shared_articles(store: Store) -> None:
    g = Guarded(store)
    a, b, c = g.create_org("A"), g.create_org("B"), g.create_org("C")
    public = store.add_article(_article("an open report"), []).article_id
    private = store.add_article(_article("a private report of A"), [], access=Access(a.id, "private")).article_id
    shared = store.add_article(_article("a report A shares with C"), [],
                               access=Access(a.id, "shared", (c.id,))).article_id
    ids = [public, private, shared]
    assert g.visible_article_ids(ids, Viewer(a.id)) == {public, private, shared}
    assert g.visible_article_ids(ids, Viewer(b.id)) == {public}
    assert g.visible_article_ids(ids, Viewer(c.id)) == {public, shared}
    assert g.visible_article_ids(ids, Viewer()) == {public}
    assert g.visible_article_ids(ids, Viewer(everything=True)) == set(ids)
    assert g.article(private, Viewer(b.id)) is None
    art = g.article(shared, Viewer(c.id))
    assert art is not None and art.visibility == "shared" and art.owner == "A" and art.shared_with == ("C",)


def test_a_share_with_one_partner_opens_no_other_shared_article(store: Store, extractor: object) -> None:
    from trocha.api import Extractor

    assert isinstance(extractor, Extractor)
    g = Guarded(store)
    a, b, c = g.create_org("A"), g.create_org("B"), g.create_org("C")
    text = "Soldiers of the Colombian army clashed with ELN guerrillas on Monday in Saravena, Arauca."
    events: list[Event] = extractor.extract(text, lang="en", published="2024-03-05")
    assert events
    to_b = store.add_article(_article(text), events, access=Access(a.id, "shared", (b.id,))).article_id
    to_c = store.add_article(_article(text + " Two more were hurt."), events,
                             access=Access(a.id, "shared", (c.id,))).article_id
    assert g.visible_article_ids([to_b, to_c], Viewer(b.id)) == {to_b}
    assert g.visible_article_ids([to_b, to_c], Viewer(c.id)) == {to_c}
    assert g.article(to_c, Viewer(b.id)) is None
    seen_b, _ = g.events(ViewFilter(), Viewer(b.id))
    seen_c, _ = g.events(ViewFilter(), Viewer(c.id))
    assert {e.article_id for e in seen_b} == {to_b} and {e.article_id for e in seen_c} == {to_c}


def test_events_of_a_private_article_stay_private(store: Store, extractor: object) -> None:
    from trocha.api import Extractor

    assert isinstance(extractor, Extractor)
    g = Guarded(store)
    a, b = g.create_org("A"), g.create_org("B")
    text = "Soldiers of the Colombian army clashed with ELN guerrillas on Monday in Saravena, Arauca."
    events: list[Event] = extractor.extract(text, lang="en", published="2024-03-05")
    assert events
    store.add_article(_article(text), events, access=Access(a.id, "private"))
    seen_a, _ = g.events(ViewFilter(), Viewer(a.id))
    seen_b, _ = g.events(ViewFilter(), Viewer(b.id))
    assert len(seen_a) == len(events) and seen_b == []
    assert g.aggregate(ViewFilter(), Viewer(b.id), "week", "type") == []
    assert g.search("Saravena", Viewer(b.id), 10) == [] and g.search("Saravena", Viewer(a.id), 10)
