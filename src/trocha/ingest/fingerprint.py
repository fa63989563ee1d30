"""Article identity: canonical URLs, exact content fingerprints and 64-bit simhashes for near-duplicates."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from trocha.text import fold

# Query parameters that only say how a reader arrived (campaigns, clicks), never which article it is.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|outputType|"
                       r"amp|s_cid|_ga|ocid|at_\w+)$", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def canonical_url(url: str | None) -> str | None:
    """The URL with scheme and host lower-cased, default port, fragment and tracking parameters removed."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url.strip()
    host = parts.hostname.lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    # http and https copies of one page are one article.
    return urlunsplit(("https", netloc, path, query, ""))


def normalize_text(text: str) -> str:
    """The text as compared for identity: NFKC, accents and case folded, whitespace collapsed."""
    return " ".join(fold(unicodedata.normalize("NFKC", text)).split())


def content_fingerprint(text: str) -> str:
    """SHA-256 of the normalized text: the same words in any spacing or case are one article."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = 3) -> list[str]:
    """Overlapping word n-grams of the normalized text (the single words when the text is shorter)."""
    words = _WORD.findall(normalize_text(text))
    if len(words) < size:
        return words
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def simhash(text: str) -> int:
    """A 64-bit simhash of the word 3-shingles: small edits flip few bits, different texts about half."""
    weights = [0] * 64
    for sh in shingles(text):
        h = int.from_bytes(hashlib.blake2b(sh.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


def hamming(a: int, b: int) -> int:
    """Number of differing bits of two 64-bit hashes."""
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


def word_count(text: str) -> int:
    """Words in a text (near-duplicate detection is only trusted on texts long enough)."""
    return len(_WORD.findall(text))
