"""Article identity: canonical URLs, exact content fingerprints, MinHash LSH bands and Jaccard for near-duplicates."""

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


# MinHash: 12 hash functions h_i(x) = (a_i * x + b_i) mod p over each shingle's 64-bit hash, in 4 LSH bands of 3.
# Two texts with Jaccard similarity J share a band with probability 1 - (1 - J^3)^4: 0.94 at J=0.8, 0.10 at J=0.3.
_P = (1 << 61) - 1
_COEFFS = tuple((int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest(), "big") % _P | 1,
                 int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest(), "big") % _P)
                for i in range(12))
ROWS_PER_BAND = 3


def _shingle_hashes(text: str) -> set[int]:
    return {int.from_bytes(hashlib.blake2b(sh.encode("utf-8"), digest_size=8).digest(), "big")
            for sh in shingles(text)}


def minhash(text: str) -> tuple[int, ...]:
    """The 12-value MinHash signature of the word 3-shingles (all zeros for an empty text)."""
    hashes = _shingle_hashes(text)
    if not hashes:
        return (0,) * len(_COEFFS)
    return tuple(min((a * h + b) % _P for h in hashes) for a, b in _COEFFS)


def lsh_bands(text: str) -> tuple[int, int, int, int]:
    """Four 31-bit band keys of the MinHash signature (fit an INTEGER column on every backend)."""
    sig = minhash(text)
    out = []
    for i in range(0, len(sig), ROWS_PER_BAND):
        chunk = ",".join(str(v) for v in sig[i : i + ROWS_PER_BAND]).encode()
        out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=4).digest(), "big") & 0x7FFFFFFF)
    return (out[0], out[1], out[2], out[3])


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the word 3-shingle sets of two texts."""
    sa, sb = set(shingles(a)), set(shingles(b))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def word_count(text: str) -> int:
    """Words in a text (near-duplicate detection is only trusted on texts long enough)."""
    return len(_WORD.findall(text))
