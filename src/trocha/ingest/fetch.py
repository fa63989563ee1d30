"""Polite HTTP fetching: timeouts, a size limit read as a stream, retries with backoff, polite per-host pace."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from trocha.config import Settings
from trocha.errors import Rejected


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched body with the final URL (after redirects), its content type and declared charset."""

    url: str
    status: int
    body: bytes
    content_type: str
    charset: str | None


class Fetcher:
    """An HTTP client that keeps a minimum delay per host and turns every failure into Rejected(reason)."""

    def __init__(self, config: Settings, sleep: float = 0.5) -> None:
        self.max_bytes = config.fetch_max_bytes
        self.retries = config.fetch_retries
        self.delay = config.host_delay_ms / 1000
        self.backoff = sleep
        self._last: dict[str, float] = {}
        self.client = httpx.Client(timeout=httpx.Timeout(config.fetch_timeout), follow_redirects=True,
                                   max_redirects=5, headers={"User-Agent": config.user_agent})

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def get(self, url: str) -> Page:
        """The body of `url`, or Rejected: timeout, connection_error, http_4xx/5xx, too_large, bad_url."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise Rejected("bad_url", f"not an http(s) URL: {url!r}")
        last_error: Rejected | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for_host(url)
            try:
                return self._get_once(url)
            except Rejected as rej:
                last_error = rej
                if rej.reason not in ("timeout", "connection_error") and not rej.reason.startswith("http_5"):
                    raise
        assert last_error is not None
        raise Rejected(last_error.reason, f"{last_error.detail} (after {self.retries + 1} tries)")

    def _get_once(self, url: str) -> Page:
        try:
            with self.client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise Rejected(f"http_{resp.status_code}", f"{url} answered {resp.status_code} "
                                   f"{resp.reason_phrase}")
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise Rejected("too_large", f"{url} is {declared} bytes, over the {self.max_bytes} limit")
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise Rejected("too_large", f"{url} sent more than {self.max_bytes} bytes")
                    chunks.append(chunk)
                ctype = resp.headers.get("content-type", "")
                return Page(url=str(resp.url), status=resp.status_code, body=b"".join(chunks),
                            content_type=ctype.split(";")[0].strip().lower(), charset=_charset(ctype))
        except httpx.TimeoutException as exc:
            raise Rejected("timeout", f"{url} did not answer in time ({type(exc).__name__})") from exc
        except httpx.TooManyRedirects as exc:
            raise Rejected("too_many_redirects", f"{url} redirects too many times") from exc
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise Rejected("connection_error", f"{url}: {type(exc).__name__}: {exc}") from exc


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
