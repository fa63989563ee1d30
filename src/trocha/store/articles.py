"""Writing articles with their events and evidence, one transaction each, and keeping rejected inputs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from trocha.model import Event
from trocha.store.records import Added, ArticleIn, NearDup, RejectIn, SourceIn
from trocha.store.schema import articles, events, evidence, rejected, sources
from trocha.text import fold


def now() -> datetime:
    """UTC now without tzinfo (SQLite has no time zones; every timestamp of the store is UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def source_id(conn: sa.Connection, source: SourceIn | None) -> int | None:
    """The id of a source, created on first sight."""
    if source is None:
        return None
    found = conn.execute(_SOURCE_BY_NAME, {"name": source.name}).scalar()
    if found is not None:
        return int(found)
    res = conn.execute(sources.insert(), {"name": source.name, "kind": source.kind, "url": source.url,
                                          "created_at": now()})
    return int(res.inserted_primary_key[0])  # type: ignore[index]


# Statements built once with bind parameters: SQLAlchemy then reuses their compiled form on every article.
_BY_FP = sa.select(articles.c.id).where(articles.c.content_fp == sa.bindparam("fp")).order_by(articles.c.id).limit(1)
_BY_URL_OR_FP = (sa.select(articles.c.id)
                 .where(sa.or_(articles.c.content_fp == sa.bindparam("fp"), articles.c.url == sa.bindparam("url")))
                 .order_by(articles.c.id).limit(1))
_SOURCE_BY_NAME = sa.select(sources.c.id).where(sources.c.name == sa.bindparam("name"))
_EVENT_INSERT = events.insert().returning(events.c.id, sort_by_parameter_order=True)


def find_article(conn: sa.Connection, url: str | None, content_fp: str) -> int | None:
    """The stored article with this canonical URL or this content fingerprint, if any."""
    if url:
        found = conn.execute(_BY_URL_OR_FP, {"fp": content_fp, "url": url}).scalar()
    else:
        found = conn.execute(_BY_FP, {"fp": content_fp}).scalar()
    return None if found is None else int(found)


def near_dup_candidates(conn: sa.Connection, bands: tuple[int, int, int, int]) -> list[tuple[int, int, str]]:
    """Stored articles sharing an LSH band: (id, id of the original it stands for, text), by id."""
    query = (sa.select(articles.c.id, articles.c.near_dup_of, articles.c.text)
             .where(sa.or_(articles.c.band0 == bands[0], articles.c.band1 == bands[1],
                           articles.c.band2 == bands[2], articles.c.band3 == bands[3]))
             .order_by(articles.c.id).limit(200))
    return [(int(i), int(dup) if dup is not None else int(i), str(text)) for i, dup, text in conn.execute(query)]


def insert_article(conn: sa.Connection, art: ArticleIn, coded: Sequence[Event], near: NearDup | None) -> Added:
    """Insert one article, its events, evidence and search entry in the caller's transaction."""
    sid = source_id(conn, art.source)
    b = art.bands
    res = conn.execute(articles.insert(), {
        "source_id": sid, "ext_id": art.ext_id[:300], "ref": art.ref, "url": art.url, "content_fp": art.content_fp,
        "band0": b[0], "band1": b[1], "band2": b[2], "band3": b[3],
        "near_dup_of": near.article_id if near else None, "near_dup_similarity": near.similarity if near else None,
        "title": art.title, "published": art.published, "lang": art.lang, "text": art.text,
        "n_events": len(coded), "ingested_at": now()})
    art_id = int(res.inserted_primary_key[0])  # type: ignore[index]
    _index_text(conn, art_id, f"{art.title or ''}\n{art.text}")
    if not coded:
        return Added(art_id, "near_duplicate" if near else "stored", 0)
    rows = [{"article_id": art_id, "ordinal": i, **event_columns(ev)} for i, ev in enumerate(coded)]
    ids = [int(r[0]) for r in conn.execute(_EVENT_INSERT, rows)]
    spans = []
    for ev_id, ev in zip(ids, coded, strict=True):
        spans += [{"event_id": ev_id, "field": "sentence", "start": s.start, "end": s.end, "text": s.text}
                  for s in ev.evidence]
        spans += [{"event_id": ev_id, "field": name, "start": s.start, "end": s.end, "text": s.text}
                  for name, s in ev.fields_evidence]
    if spans:
        conn.execute(evidence.insert(), spans)
    return Added(art_id, "near_duplicate" if near else "stored", len(coded))


def _index_text(conn: sa.Connection, art_id: int, body: str) -> None:
    folded = fold(body)
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text("INSERT INTO article_search(rowid, body) VALUES (:id, :body)"),
                     {"id": art_id, "body": folded})
    else:
        conn.execute(sa.text("INSERT INTO article_search(article_id, body) VALUES (:id, to_tsvector('simple', :body))"),
                     {"id": art_id, "body": folded})


def event_columns(ev: Event) -> dict[str, Any]:
    """The queryable columns of an event plus its full contract object."""
    a1, a2, loc = ev.actor1, ev.actor2, ev.location
    return {
        "event_id": ev.event_id, "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "disorder_type": ev.disorder_type, "action": ev.action, "plover": ev.plover, "plover_mode": ev.plover_mode,
        "cameo": ev.cameo, "quad_class": ev.quad_class, "goldstein": ev.goldstein,
        "actor1": a1.name if a1 else None, "actor1_inter": a1.inter if a1 else None,
        "actor1_cameo": a1.cameo if a1 else None, "actor1_country": a1.country if a1 else None,
        "actor2": a2.name if a2 else None, "actor2_inter": a2.inter if a2 else None,
        "actor2_cameo": a2.cameo if a2 else None, "actor2_country": a2.country if a2 else None,
        "location": loc.text if loc else None, "place_name": loc.name if loc else None,
        "country": loc.country if loc else None, "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "date": date.fromisoformat(ev.date) if ev.date else None, "date_text": ev.date_text,
        "date_basis": ev.date_basis, "fatalities": ev.fatalities, "background": ev.background,
        "confidence": ev.confidence, "data": ev.to_dict(),
    }


def record_reject(conn: sa.Connection, rej: RejectIn) -> None:
    """Keep a rejected input; meeting the same (ref, reason) again only bumps its count and last time."""
    ref = _clean(rej.ref)[:1000]
    t = now()
    updated = conn.execute(rejected.update()
                           .where(rejected.c.ref == ref, rejected.c.reason == rej.reason)
                           .values(seen=rejected.c.seen + 1, last_seen=t, detail=_clean(rej.detail)))
    if updated.rowcount:
        return
    conn.execute(rejected.insert().values(ref=ref, reason=rej.reason, detail=_clean(rej.detail),
                                          raw=_clean(rej.raw[:500]),
                                          source_id=source_id(conn, rej.source), first_seen=t, last_seen=t, seen=1))


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL; a rejected input is often exactly the kind of bytes that has them.
    return text.replace("\x00", "\\x00")
