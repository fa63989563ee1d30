"""The ingest loop: identify, skip what is stored, link near-duplicates, code the rest, store atomically."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from trocha.api import Extractor
from trocha.config import Settings
from trocha.errors import Rejected
from trocha.ingest.docs import Doc, Item
from trocha.ingest.feeds import Feed, iter_feed, looks_like_feed, page_doc
from trocha.ingest.fetch import Fetcher
from trocha.ingest.files import iter_path
from trocha.ingest.fingerprint import canonical_url, content_fingerprint, jaccard, lsh_bands, word_count
from trocha.model import Article
from trocha.store import ArticleIn, NearDup, RejectIn, SourceIn, Store
from trocha.store.access import Access, Viewer
from trocha.store.guarded import Guarded

# Below this many words two different short reports of routine events can share most of their wording.
MIN_WORDS_NEAR_DUP = 30


@dataclass(slots=True)
class IngestSummary:
    """What a run did: documents read, stored, already there, near-duplicates, events, rejects by reason."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    rejected: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        reasons = ", ".join(f"{k}={v}" for k, v in sorted(self.rejected.items())) or "none"
        return (f"read {self.read}, stored {self.stored}, already stored {self.duplicates}, near-duplicates "
                f"{self.near_duplicates}, events {self.events}, rejected {sum(self.rejected.values())} ({reasons})")

    def to_dict(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "near_duplicates": self.near_duplicates, "events": self.events,
                "rejected": sum(self.rejected.values()), "rejected_by_reason": dict(self.rejected)}


class Ingestor:
    """Reads inputs into one store with one loaded extractor; each article is committed with its events."""

    def __init__(self, store: Store, config: Settings, extractor: Extractor | None = None,
                 fetcher: Fetcher | None = None, on_item: Callable[[IngestSummary], None] | None = None,
                 access: Access | None = None) -> None:
        self.store = store
        # Who may read what this run stores (None: public); a near-duplicate is linked only to an original that
        # the same readers may see, so an unseen original never swallows a report.
        self.access = access
        self.config = config
        self._extractor = extractor
        self._fetcher = fetcher
        self.summary = IngestSummary()
        self.on_item = on_item

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = Extractor(self.config)
        return self._extractor

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.config)
        return self._fetcher

    def close(self) -> None:
        """Close the HTTP client if one was opened."""
        if self._fetcher is not None:
            self._fetcher.close()

    def run(self, items: Iterable[Item]) -> IngestSummary:
        """Ingest every document and keep every reject; the run never stops on a bad input."""
        for item in items:
            self.summary.read += 1
            if isinstance(item, RejectIn):
                self._reject(item)
            else:
                self.ingest_doc(item)
            if self.on_item:
                self.on_item(self.summary)
        return self.summary

    def _reject(self, rej: RejectIn) -> None:
        self.store.reject(rej)
        self.summary.rejected[rej.reason] += 1

    def ingest_doc(self, doc: Doc) -> str:
        """Store one document unless it is already there; returns the outcome (stored, duplicate, ...)."""
        url = canonical_url(doc.url)
        fp = content_fingerprint(doc.text)
        if self.store.find_article(url, fp) is not None:
            self.summary.duplicates += 1
            return "duplicate"
        bands = lsh_bands(doc.text)
        art = ArticleIn(ext_id=doc.ext_id, ref=doc.ref, text=doc.text, content_fp=fp, bands=bands, url=url,
                        title=doc.title, published=doc.published, lang=doc.lang, source=doc.source)
        near = self.near_duplicate(doc.text, bands)
        if near is not None:
            added = self.store.add_article(art, [], near, access=self.access)
        else:
            try:
                coded = self.extractor.run(Article(id=doc.ext_id, text=doc.text, lang=doc.lang,
                                                   published=doc.published, url=url, title=doc.title))
            except Rejected as rej:
                self._reject(RejectIn(ref=doc.ref, reason=rej.reason, detail=rej.detail, raw=doc.text[:300],
                                      source=doc.source))
                return "rejected"
            added = self.store.add_article(art, coded.events, access=self.access)
        if added.outcome == "duplicate":
            self.summary.duplicates += 1
        elif added.outcome == "near_duplicate":
            self.summary.near_duplicates += 1
        else:
            self.summary.stored += 1
            self.summary.events += added.events
        return added.outcome

    def near_duplicate(self, text: str, bands: tuple[int, int, int, int]) -> NearDup | None:
        """The most similar stored original at or above the near_dup_similarity setting (ties: the oldest)."""
        if word_count(text) < MIN_WORDS_NEAR_DUP:
            return None
        floor = self.config.near_dup_similarity / 100
        best: NearDup | None = None
        cands = self.store.near_dup_candidates(bands)
        viewer = Viewer(org_id=self.access.org_id if self.access else None)
        seen = Guarded(self.store).visible_article_ids(sorted({c[0] for c in cands} | {c[1] for c in cands}), viewer)
        for art_id, original, other in cands:
            if art_id not in seen or original not in seen:
                continue
            sim = round(jaccard(text, other), 4)
            if sim >= floor and (best is None or (-sim, original) < (-best.similarity, best.article_id)):
                best = NearDup(original, sim)
        return best

    def known_url(self, url: str) -> bool:
        """Whether a page with this canonical URL is stored (so a feed item need not be fetched)."""
        return self.store.find_article(url, "-") is not None

    def targets(self, targets: Iterable[str], published: date | None = None, lang: str | None = None
                ) -> Iterator[Item]:
        """Documents of paths (files, folders, JSONL) and URLs (pages or feeds), in the order given."""
        for target in targets:
            if target.startswith(("http://", "https://")):
                yield from self._url(target, lang)
            else:
                yield from iter_path(Path(target), published, lang)

    def _url(self, url: str, lang: str | None) -> Iterator[Item]:
        source = SourceIn(name=url, kind="url", url=url)
        try:
            page = self.fetcher.get(url)
        except Rejected as rej:
            yield RejectIn(ref=url, reason=rej.reason, detail=rej.detail, source=source)
            return
        if looks_like_feed(page):
            yield from iter_feed(Feed(name=url, url=url, lang=lang), self.fetcher, self.known_url, body=page)
            return
        try:
            yield page_doc(page, source, lang)
        except Rejected as rej:
            yield RejectIn(ref=url, reason=rej.reason, detail=rej.detail,
                           raw=page.body[:300].decode("utf-8", "replace"), source=source)

    def feeds(self, feeds: Iterable[Feed]) -> Iterator[Item]:
        """Documents of the items of each feed."""
        for feed in feeds:
            yield from iter_feed(feed, self.fetcher, self.known_url)
