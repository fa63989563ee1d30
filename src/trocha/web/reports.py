"""Submitting a report through the API: code it with the ingest pieces and store it with its visibility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import httpx

from trocha.api import Extractor
from trocha.config import Settings
from trocha.dedup import merge_store
from trocha.errors import Rejected
from trocha.ingest.docs import Doc
from trocha.ingest.feeds import page_doc
from trocha.ingest.fetch import Fetcher
from trocha.ingest.fingerprint import canonical_url, content_fingerprint, jaccard, lsh_bands, word_count
from trocha.ingest.runner import MIN_WORDS_NEAR_DUP
from trocha.model import Article
from trocha.store import ArticleIn, NearDup, SourceIn, Store
from trocha.store.guarded import Access, Guarded, Principal, Viewer

# One source for every report sent through the API: naming the organisation here would tell every reader of a
# public report who sent it (the owner of a private or shared report is shown only to those who may read it).
SUBMITTED = SourceIn(name="report submitted to trocha", kind="api")


@dataclass(frozen=True, slots=True)
class Submitted:
    """What a submission did: its outcome, the stored article (None when not stored) and the coded events."""

    outcome: str  # stored | near_duplicate | duplicate
    article_id: int | None
    events: list[dict[str, Any]]


def read_url(url: str, config: Settings, lang: str | None) -> Doc:
    """The article text of a web page (Rejected when it cannot be fetched or read)."""
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url
    except ValueError:
        ok = False
    if not ok:
        raise Rejected("bad_url", "url must be an http(s) URL")
    fetcher = Fetcher(config)
    try:
        page = fetcher.get(url)
    except (ValueError, httpx.HTTPError) as exc:  # a URL the HTTP client cannot use at all
        raise Rejected("bad_url", f"cannot fetch this URL ({type(exc).__name__})") from None
    finally:
        fetcher.close()
    return page_doc(page, SourceIn(name=url, kind="url", url=url), lang)


class Submitter:
    """Codes and stores reports for the web app, each with its owner organisation and visibility."""

    def __init__(self, store: Store, guarded: Guarded, config: Settings, extractor: Extractor | None = None) -> None:
        self.store = store
        self.guarded = guarded
        self.config = config
        self._extractor = extractor

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(self.config)
        return self._extractor

    def _near(self, text: str, bands: tuple[int, int, int, int], viewer: Viewer) -> NearDup | None:
        """The most similar stored original the submitter may read (an unseen one must not swallow its report)."""
        if word_count(text) < MIN_WORDS_NEAR_DUP:
            return None
        cands = self.store.near_dup_candidates(bands)
        seen = self.guarded.visible_article_ids(sorted({c[0] for c in cands} | {c[1] for c in cands}), viewer)
        floor = self.config.near_dup_similarity / 100
        best: NearDup | None = None
        for art_id, original, other in cands:
            if art_id not in seen or original not in seen:
                continue
            sim = round(jaccard(text, other), 4)
            if sim >= floor and (best is None or (-sim, original) < (-best.similarity, best.article_id)):
                best = NearDup(original, sim)
        return best

    def submit(self, doc: Doc, who: Principal, visibility: str, partners: tuple[int, ...]) -> Submitted:
        """Code `doc` and store it as `who`'s organisation decides; Rejected when it cannot be coded."""
        viewer = Viewer(org_id=who.org_id)
        url = canonical_url(doc.url)
        fp = content_fingerprint(doc.text)
        found = self.store.find_article(url, fp)
        if found is not None:
            seen = self.guarded.visible_article_ids([found], viewer)
            if found in seen:
                rows = self.guarded.article_events(found, viewer)
                return Submitted("duplicate", found, [r.data for r in rows])
            # Someone else holds the same text or URL privately: code it for the caller without storing or
            # naming the stored copy (docs/web.md, "What is not stored").
            coded = self._code(doc, url)
            return Submitted("duplicate", None, [e.to_dict() for e in coded])
        bands = lsh_bands(doc.text)
        art = ArticleIn(ext_id=doc.ext_id, ref=doc.ref, text=doc.text, content_fp=fp, bands=bands, url=url,
                        title=doc.title, published=doc.published, lang=doc.lang,
                        source=doc.source or SUBMITTED)
        access = None if visibility == "public" else Access(who.org_id, visibility, partners)
        near = self._near(doc.text, bands, viewer)
        coded = [] if near else self._code(doc, url)
        added = self.store.add_article(art, coded, near, access=access)
        if added.outcome != "duplicate" and self.config.web_merge_on_submit:
            merge_store(self.store, self.config)
        if near is not None:
            # A near-copy is linked, not coded again: its events are the original's.
            return Submitted(added.outcome, added.article_id,
                             [r.data for r in self.guarded.article_events(near.article_id, viewer)])
        return Submitted(added.outcome, added.article_id, [e.to_dict() for e in coded])

    def _code(self, doc: Doc, url: str | None) -> list[Any]:
        coded = self.extractor.run(Article(id=doc.ext_id, text=doc.text, lang=doc.lang, published=doc.published,
                                           url=url, title=doc.title))
        return list(coded.events)


def text_doc(text: str, title: str | None, lang: str | None, published: date | None, org: str) -> Doc:
    """A submitted text as a document."""
    if not text.strip():
        raise Rejected("empty", "the report has no text")
    return Doc(ref=f"api:{org}", ext_id=f"api:{content_fingerprint(text)[:16]}", text=text, title=title,
               published=published, lang=lang, source=SUBMITTED)
