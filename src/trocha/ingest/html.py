"""HTML pages to documents via trafilatura: text, title, date, language; non-pages are rejected."""

from __future__ import annotations

import codecs
import re
from datetime import date

import trafilatura

from trocha.errors import Rejected
from trocha.ingest.docs import Doc
from trocha.store.records import SourceIn

_MAGIC = {b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image",
          b"PK\x03\x04": "a ZIP archive", b"\x1f\x8b": "gzip data", b"\x7fELF": "an executable"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<\s*(html|body|p|div|article|head|title|main|section)\b", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})", re.IGNORECASE)


def sniff_binary(raw: bytes) -> str | None:
    """What a byte string is when it is plainly not text (a PDF, an image, NUL bytes), else None."""
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            return what
    return "binary data (NUL bytes)" if b"\x00" in raw[:8192] else None


def decode_html(raw: bytes, declared: str | None = None) -> str:
    """Text of a page in its declared charset (HTTP header, else <meta>, else UTF-8); invalid bytes are rejected."""
    charset = declared
    if not charset:
        found = _META_CHARSET.search(raw[:4096])
        charset = found.group(1).decode("ascii", "replace") if found else None
    try:
        codec = codecs.lookup(charset).name if charset else "utf-8"
    except LookupError:
        codec = "utf-8"
    if codec == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise Rejected("invalid_encoding", f"the page is not valid {codec} ({exc.reason} at byte {exc.start})") from exc


def parse_html(raw: bytes, ref: str, url: str | None = None, charset: str | None = None,
               source: SourceIn | None = None, ext_id: str | None = None) -> Doc:
    """A document from the bytes of an HTML page, or Rejected(not_html | invalid_encoding | no_main_text)."""
    what = sniff_binary(raw)
    if what:
        raise Rejected("not_html", f"expected an HTML page, got {what}")
    html = decode_html(raw, charset)
    if not _TAG.search(html[:20000]):
        raise Rejected("not_html", "no HTML tags found in the page")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise Rejected("no_main_text", "no article text could be extracted from the page")
    found = _HTML_LANG.search(html[:4000])
    lang = found.group(1).lower() if found else None
    return Doc(ref=ref, ext_id=ext_id or url or ref, text=text, url=url, title=getattr(doc, "title", None),
               published=_date(getattr(doc, "date", None)), lang=lang if lang in ("en", "es") else None,
               source=source)


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
