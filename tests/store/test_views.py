"""What each viewer sees, kept at write time (store/views.py), on both backends: incident views per audience and
per-day event counts agree with the events each viewer may read, and what the migration fills equals what the
merge and the article writes keep."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from trocha.api import Extractor
from trocha.config import settings
from trocha.dedup import merge_store
from trocha.ingest.fingerprint import content_fingerprint, lsh_bands
from trocha.store import ArticleIn, Store
from trocha.store.access import Access, Viewer, set_access, set_access_many
from trocha.store.guarded import Guarded, ViewFilter
from trocha.store.schema import event_counts, incident_views
from trocha.store.views import COUNT_KEYS, fill_views, rebuild_counts

CLASH = "Soldiers of the Colombian army clashed with ELN guerrillas on Monday in Saravena, Arauca."
ATTACK = "FARC dissidents attacked the police station of Tibú, Norte de Santander, on Sunday. One officer died."


def _article(text: str) -> ArticleIn:
    return ArticleIn(ext_id=text[-12:], ref="test", text=text, content_fp=content_fingerprint(text),
                     bands=lsh_bands(text), published=date(2024, 3, 5))


@pytest.fixture
def world(store: Store, extractor: Extractor) -> dict[str, Any]:
    """A (public + private-A + shared A->C) Saravena clash, a wholly private Tibú attack of A, orgs A, B, C."""
    g = Guarded(store)
    a, b, c = g.create_org("A"), g.create_org("B"), g.create_org("C")
    clash = extractor.extract(CLASH, lang="en", published="2024-03-05")[:1]
    attack = extractor.extract(ATTACK, lang="en", published="2024-03-11")[:1]
    assert clash and attack
    ids = {
        "public": store.add_article(_article(CLASH + " Public wire."), clash).article_id,
        "private": store.add_article(_article(CLASH + " Report of A."), clash,
                                     access=Access(a.id, "private")).article_id,
        "shared": store.add_article(_article(CLASH + " A to C."), clash,
                                    access=Access(a.id, "shared", (c.id,))).article_id,
        "tibu": store.add_article(_article(ATTACK + " Report of A."), attack,
                                  access=Access(a.id, "private")).article_id,
    }
    merge_store(store, settings())
    return {"g": g, "a": Viewer(a.id), "b": Viewer(b.id), "c": Viewer(c.id), "public": Viewer(), "ids": ids,
            "orgs": (a, b, c)}


def _incidents(g: Guarded, viewer: Viewer) -> list[Any]:
    rows, nxt = g.incidents(ViewFilter(), viewer, "date", 500, None)
    assert nxt is None
    return rows


def _saravena(g: Guarded, viewer: Viewer) -> Any:
    found = [r for r in _incidents(g, viewer) if r[0].admin2 == "Saravena"]
    assert len(found) == 1
    return found[0]


def test_each_viewer_gets_the_view_of_what_it_may_read(world: dict[str, Any]) -> None:
    g, ids = world["g"], world["ids"]
    row, _, _, whole = _saravena(g, world["a"])
    assert whole and row.n_articles == 3 and len(_incidents(g, world["a"])) == 2
    for who in ("b", "public"):
        row, _, _, whole = _saravena(g, world[who])
        assert not whole and row.n_articles == 1 and row.n_events == 1 and row.summary == {}
        assert len(_incidents(g, world[who])) == 1  # the wholly private Tibú attack is not there at all
        detail = g.incident(row.id, world[who])
        assert detail is not None and not detail[3]
        assert [m.article_id for m in g.incident_members(row.id, world[who])] == [ids["public"]]
    row, _, _, whole = _saravena(g, world["c"])
    assert not whole and row.n_articles == 2
    tibu = next(r for r, *_ in _incidents(g, world["a"]) if r.admin2 != "Saravena")
    assert g.incident(tibu.id, world["b"]) is None and g.incident(tibu.id, world["c"]) is None
    assert g.incident(tibu.id, world["a"]) is not None
    everything = _incidents(g, Viewer(everything=True))
    assert {r.n_articles for r, *_ in everything} == {3, 1} and all(w for *_, w in everything)


def test_filters_apply_to_the_viewers_values(world: dict[str, Any]) -> None:
    g = world["g"]
    for who in ("a", "b", "c"):
        rows, _ = g.incidents(ViewFilter(admin2="saravena", date_from=date(2024, 3, 1)), world[who], "-date", 10,
                              None)
        assert [r.admin2 for r, *_ in rows] == ["Saravena"]
        rows, _ = g.incidents(ViewFilter(country="Venezuela"), world[who], "date", 10, None)
        assert rows == []


def _by_week_and_type(g: Guarded, viewer: Viewer) -> Counter[tuple[str, str]]:
    events, _ = g.events(ViewFilter(), viewer, "date", 500, None)
    out: Counter[tuple[str, str]] = Counter()
    for e in events:
        y, w, _ = date.fromisoformat(e.data["date"]).isocalendar()
        out[(f"{y}-W{w:02d}", e.data["event_type"])] += 1
    return out


def test_counts_agree_with_the_events_each_viewer_reads(world: dict[str, Any]) -> None:
    g = world["g"]
    for who in ("a", "b", "c", "public"):
        counted = {(p, k): n for p, k, n in g.aggregate(ViewFilter(), world[who], "week", "type")}
        assert counted == _by_week_and_type(g, world[who]), who
        narrowed = g.aggregate(ViewFilter(admin1="arauca"), world[who], "day", "admin1")
        assert [(k, n) for _, k, n in narrowed] == [("Arauca", {"a": 3, "c": 2}.get(who, 1))]


def test_a_changed_visibility_moves_counts_and_hides_views_until_the_merge(world: dict[str, Any],
                                                                           store: Store) -> None:
    g, ids = world["g"], world["ids"]
    _, b, _ = world["orgs"]
    with store.engine.begin() as conn:
        set_access(conn, ids["public"], Access(b.id, "private"))
    for who in ("a", "b", "c", "public"):
        counted = {(p, k): n for p, k, n in g.aggregate(ViewFilter(), world[who], "week", "type")}
        assert counted == _by_week_and_type(g, world[who]), who
        assert [r for r, *_ in _incidents(g, world[who]) if r.admin2 == "Saravena"] == []  # fails closed
    merge_store(store, settings())
    assert _saravena(g, world["b"])[0].n_articles == 1 and _saravena(g, world["a"])[0].n_articles == 2
    assert [r for r, *_ in _incidents(g, world["public"]) if r.admin2 == "Saravena"] == []


def test_many_articles_change_visibility_at_once(world: dict[str, Any], store: Store) -> None:
    g, ids = world["g"], world["ids"]
    _, b, c = world["orgs"]
    with store.engine.begin() as conn:
        set_access_many(conn, [ids["public"], ids["tibu"]], Access(b.id, "shared", (c.id,)))
    assert g.visible_article_ids(list(ids.values()), world["c"]) == {ids["public"], ids["tibu"], ids["shared"]}
    assert g.visible_article_ids(list(ids.values()), world["public"]) == set()
    for who in ("a", "b", "c", "public"):
        counted = {(p, k): n for p, k, n in g.aggregate(ViewFilter(), world[who], "week", "type")}
        assert counted == _by_week_and_type(g, world[who]), who
        assert _incidents(g, world[who]) == []  # every incident had one of them: hidden until the merge


def _snapshot(store: Store) -> tuple[list[tuple[Any, ...]], dict[tuple[Any, ...], int]]:
    with store.engine.connect() as conn:
        views = sorted(tuple(r) for r in conn.execute(sa.select(incident_views)))
        keys = [event_counts.c.day, *(event_counts.c[k] for k in COUNT_KEYS[1:]), event_counts.c.audience]
        sums = {tuple(r[:-1]): int(r[-1]) for r in conn.execute(sa.select(*keys, sa.func.sum(event_counts.c.n))
                                                               .group_by(*keys))}
    return views, {k: n for k, n in sums.items() if n}


def test_the_migration_fills_what_the_writes_keep(world: dict[str, Any], store: Store) -> None:
    kept = _snapshot(store)
    assert kept[0] and kept[1]
    with store.engine.begin() as conn:
        rebuild_counts(conn)
        fill_views(conn)
    assert _snapshot(store) == kept


def test_listed_incidents_are_the_encoded_views_byte_for_byte(world: dict[str, Any]) -> None:
    """The API's page of incidents spliced from each view's stored list JSON is what encoding the rows gave."""
    from trocha.web.views import dumps, incident_json, incidents_page, incidents_page_json

    g = world["g"]
    for who in ("a", "b", "c", "public"):
        for flt in (ViewFilter(), ViewFilter(admin1="ARAUCA", date_from=date(2024, 3, 1))):
            for sort in ("date", "-date", "id", "-id"):
                after = None
                for _ in range(3):  # every page of one, then the empty end
                    page, nxt = incidents_page(g, flt, world[who], sort, 1, after)
                    listed, listed_nxt = g.listed_incidents(flt, world[who], sort, 1, after)
                    assert listed_nxt == nxt
                    want = dumps({"incidents": [incident_json(v) for v in page], "next_cursor": "c"}).encode()
                    assert incidents_page_json(listed, "c") == want, (who, sort)
                    after = nxt
                    if nxt is None:
                        break


def test_migration_7_writes_the_list_json_the_merge_keeps(world: dict[str, Any], store: Store) -> None:
    from trocha.store.migrations import MIGRATIONS, VERSION_TABLE, migrate

    kept = _snapshot(store)
    with store.engine.begin() as conn:
        conn.execute(incident_views.update().values(list_json=""))
        conn.execute(sa.text(f"DELETE FROM {VERSION_TABLE} WHERE version >= 7"))
    assert migrate(store.engine) == [n for n, _, _ in MIGRATIONS if n >= 7]
    assert _snapshot(store) == kept
