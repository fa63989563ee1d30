"""Many articles in one transaction with multi-row statements: for imports of coded history and for benchmarks
(`trocha ingest` commits article by article so that a killed run loses at most the article in hand)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from trocha.model import Event
from trocha.store.articles import event_columns, now, source_id
from trocha.store.records import Added, ArticleIn
from trocha.store.schema import articles, events, evidence
from trocha.store.store import Store
from trocha.store.views import add_counts
from trocha.text import fold


def add_many(store: Store, items: Iterable[tuple[ArticleIn, Sequence[Event]]]) -> list[Added]:
    """Store every (article, events) pair in one transaction, skipping articles already stored; all or nothing."""
    batch = list(items)
    with store.engine.begin() as conn:
        known = _known(conn, batch)
        fresh: list[tuple[ArticleIn, Sequence[Event]]] = []
        seen: dict[str, int] = {}
        for article, coded in batch:
            if article.content_fp in known or (article.url and article.url in known) or article.content_fp in seen:
                continue
            seen[article.content_fp] = len(fresh)
            if article.url:
                seen[article.url] = len(fresh)
            fresh.append((article, coded))
        ids = _insert(conn, fresh)
    by_key = {a.content_fp: i for (a, _), i in zip(fresh, ids, strict=True)}
    out = []
    for article, coded in batch:
        new_id = by_key.pop(article.content_fp, None)
        if new_id is not None:
            out.append(Added(new_id, "stored", len(coded)))
        else:
            found = known.get(article.content_fp) or known.get(article.url or "") or ids[seen[article.content_fp]]
            out.append(Added(found, "duplicate"))
    return out


def _known(conn: sa.Connection, batch: list[tuple[ArticleIn, Sequence[Event]]]) -> dict[str, int]:
    fps = [a.content_fp for a, _ in batch]
    urls = [a.url for a, _ in batch if a.url]
    rows = conn.execute(sa.select(articles.c.id, articles.c.content_fp, articles.c.url)
                        .where(sa.or_(articles.c.content_fp.in_(fps), articles.c.url.in_(urls)))).all()
    out: dict[str, int] = {}
    for art_id, fp, url in rows:
        out[fp] = int(art_id)
        if url:
            out[url] = int(art_id)
    return out


def _insert(conn: sa.Connection, fresh: list[tuple[ArticleIn, Sequence[Event]]]) -> list[int]:
    if not fresh:
        return []
    t = now()
    sources = {a.source.name: source_id(conn, a.source) for a, _ in fresh if a.source}
    rows = [{"source_id": sources.get(a.source.name) if a.source else None, "ext_id": a.ext_id[:300], "ref": a.ref,
             "url": a.url, "content_fp": a.content_fp, "band0": a.bands[0], "band1": a.bands[1],
             "band2": a.bands[2], "band3": a.bands[3], "near_dup_of": None, "near_dup_similarity": None,
             "title": a.title, "published": a.published, "lang": a.lang, "text": a.text, "n_events": len(c),
             "ingested_at": t} for a, c in fresh]
    # Plain executemany, then one SELECT for the new ids: RETURNING with a guaranteed row order makes SQLAlchemy send
    # one statement per row here, several times slower.
    conn.execute(articles.insert(), rows)
    fps = [a.content_fp for a, _ in fresh]
    by_fp = {fp: int(i) for i, fp in conn.execute(sa.select(articles.c.id, articles.c.content_fp)
                                                    .where(articles.c.content_fp.in_(fps)))}
    ids = [by_fp[fp] for fp in fps]
    search = [{"id": i, "body": fold(f"{a.title or ''}\n{a.text}")} for i, (a, _) in zip(ids, fresh, strict=True)]
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text("INSERT INTO article_search(rowid, body) VALUES (:id, :body)"), search)
    else:
        conn.execute(sa.text("INSERT INTO article_search(article_id, body) VALUES (:id, to_tsvector('simple', :body))"),
                     search)
    ev_rows: list[dict[str, Any]] = []
    flat: list[Event] = []
    for art_id, (_, coded) in zip(ids, fresh, strict=True):
        for ordinal, ev in enumerate(coded):
            ev_rows.append({"article_id": art_id, "ordinal": ordinal, **event_columns(ev)})
            flat.append(ev)
    if ev_rows:
        conn.execute(events.insert(), ev_rows)
        by_pos = {(int(a), int(o)): int(i) for i, a, o in conn.execute(
            sa.select(events.c.id, events.c.article_id, events.c.ordinal).where(events.c.article_id.in_(ids)))}
        ev_ids = [by_pos[(r["article_id"], r["ordinal"])] for r in ev_rows]
        spans = [{"event_id": ev_id, "field": "sentence", "start": s.start, "end": s.end, "text": s.text}
                 for ev_id, ev in zip(ev_ids, flat, strict=True) for s in ev.evidence]
        spans += [{"event_id": ev_id, "field": name, "start": s.start, "end": s.end, "text": s.text}
                  for ev_id, ev in zip(ev_ids, flat, strict=True) for name, s in ev.fields_evidence]
        if spans:
            conn.execute(evidence.insert(), spans)
    add_counts(conn, ids)
    return ids
