"""RSS/Atom feeds and the sources.toml that lists them; each item's page is fetched and read as HTML."""

from __future__ import annotations

import calendar
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import feedparser

from trocha.errors import Rejected, TrochaError
from trocha.ingest.docs import Doc, Item
from trocha.ingest.fetch import Fetcher, Page
from trocha.ingest.fingerprint import canonical_url
from trocha.ingest.html import parse_html
from trocha.store.records import RejectIn, SourceIn

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed to follow: its name (the source), URL, language when known and poll interval in seconds."""

    name: str
    url: str
    lang: str | None = None
    interval: int | None = None

    @property
    def source(self) -> SourceIn:
        return SourceIn(name=self.name, kind="feed", url=self.url)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: the link to its page plus what the feed itself says."""

    link: str
    title: str | None
    published: date | None
    summary: str | None


def load_sources(path: Path) -> tuple[list[Feed], int | None]:
    """The feeds of a sources.toml and its top-level `interval` (seconds), with clear errors for bad entries."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TrochaError(f"cannot read sources file {path}: {exc}") from exc
    feeds: list[Feed] = []
    for i, entry in enumerate(data.get("feed", []), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise TrochaError(f"{path}: [[feed]] number {i} needs a string `url`")
        lang = entry.get("lang")
        if lang is not None and lang not in ("en", "es"):
            raise TrochaError(f"{path}: feed {entry['url']}: lang must be en or es, not {lang!r}")
        feeds.append(Feed(name=str(entry.get("name") or entry["url"]), url=entry["url"], lang=lang,
                          interval=_int(entry.get("interval"), path)))
    if not feeds:
        raise TrochaError(f"{path} lists no [[feed]]")
    return feeds, _int(data.get("interval"), path)


def _int(value: Any, path: Path) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or value <= 0:
        raise TrochaError(f"{path}: interval must be a positive number of seconds, not {value!r}")
    return value


def parse_feed(body: bytes, url: str) -> list[FeedItem]:
    """The items of an RSS or Atom document; Rejected(malformed_feed) when it is not one."""
    parsed = feedparser.parse(body)
    items: list[FeedItem] = []
    for entry in parsed.get("entries") or []:
        link = entry.get("link")
        if not isinstance(link, str) or not link.strip():
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC).date() if stamp else None
        items.append(FeedItem(link=link.strip(), title=entry.get("title"), published=published,
                              summary=entry.get("summary")))
    # feedparser is lenient: a broken document may still give entries. With no usable item it is not a feed; with
    # some, the items it could read are kept (a feed with one bad character should not lose a day of news).
    if not items and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        why = f" ({problem})" if problem else ""
        raise Rejected("malformed_feed", f"{url} is not a readable RSS/Atom feed{why}")
    return items


def looks_like_feed(page: Page) -> bool:
    """Whether a fetched body is a feed rather than a page (by content type, else by its first tag)."""
    if any(k in page.content_type for k in ("rss", "atom", "xml")) and "xhtml" not in page.content_type:
        return True
    head = page.body[:1000].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def page_doc(page: Page, source: SourceIn | None, lang: str | None = None, title: str | None = None,
             published: date | None = None) -> Doc:
    """A document from a fetched page (Rejected when it is not HTML)."""
    if page.content_type not in HTML_TYPES and not page.content_type.startswith("text/"):
        raise Rejected("not_html", f"{page.url} is {page.content_type}, not an HTML page")
    doc = parse_html(page.body, ref=page.url, url=canonical_url(page.url), charset=page.charset, source=source)
    return Doc(ref=doc.ref, ext_id=doc.ext_id, text=doc.text, url=doc.url, title=doc.title or title,
               published=doc.published or published, lang=lang or doc.lang, source=source)


def iter_feed(feed: Feed, fetcher: Fetcher, known: Callable[[str], bool], body: Page | None = None) -> Iterator[Item]:
    """Documents of a feed's items, fetching each page not already stored; failures become rejects."""
    source = feed.source
    try:
        page = body or fetcher.get(feed.url)
        items = parse_feed(page.body, feed.url)
    except Rejected as rej:
        yield RejectIn(ref=feed.url, reason=rej.reason, detail=rej.detail, source=source)
        return
    for item in items:
        url = canonical_url(item.link)
        if url and known(url):
            continue
        try:
            yield page_doc(fetcher.get(item.link), source, feed.lang, item.title, item.published)
        except Rejected as rej:
            yield RejectIn(ref=item.link, reason=rej.reason, detail=rej.detail, source=source)
