"""The HTTP client against a real loopback server: each failure a crawler meets becomes a reason."""

from __future__ import annotations

import time

import pytest

from tests.ingest.server import Site
from trocha.config import Settings
from trocha.errors import Rejected
from trocha.ingest.feeds import page_doc, parse_feed
from trocha.ingest.fetch import Fetcher

FAST = Settings(fetch_timeout=1, fetch_retries=1, host_delay_ms=0, fetch_max_bytes=2_000_000)


def _reason(site: Site, path: str, config: Settings = FAST) -> str:
    with Fetcher(config, sleep=0.05) as f, pytest.raises(Rejected) as err:
        page_doc(f.get(site.url(path)), None)
    return err.value.reason


@pytest.mark.parametrize(("path", "reason"), [
    ("/news/missing.html", "http_404"),
    ("/news/broken.html", "http_500"),
    ("/news/slow.html", "timeout"),
    ("/news/huge.html", "too_large"),
    ("/news/photo.png", "not_html"),
    ("/news/bad-encoding.html", "invalid_encoding"),
    ("/news/no-text.html", "no_main_text"),
])
def test_failures_have_reasons(site: Site, path: str, reason: str) -> None:
    assert _reason(site, path) == reason


def test_retries_5xx_but_not_404(site: Site) -> None:
    _reason(site, "/news/broken.html")
    _reason(site, "/news/missing.html")
    assert site.hits["/news/broken.html"] == 2  # one retry
    assert site.hits["/news/missing.html"] == 1
    with Fetcher(FAST, sleep=0.05) as f:
        page = f.get(site.url("/news/flaky.html"))  # 503 then 200
    assert page.status == 200 and site.hits["/news/flaky.html"] == 2


def test_huge_page_is_cut_short(site: Site) -> None:
    start = time.monotonic()
    assert _reason(site, "/news/huge.html") == "too_large"
    assert time.monotonic() - start < 10  # the 50 MB body is not read to the end


def test_connection_refused_is_a_reason() -> None:
    with Fetcher(Settings(fetch_timeout=1, fetch_retries=0, host_delay_ms=0)) as f, pytest.raises(Rejected) as err:
        f.get("http://127.0.0.1:9/nothing")
    assert err.value.reason == "connection_error"
    with Fetcher(FAST) as f, pytest.raises(Rejected) as err:
        f.get("ftp://127.0.0.1/file")
    assert err.value.reason == "bad_url"


def test_per_host_delay(site: Site) -> None:
    with Fetcher(Settings(fetch_timeout=2, fetch_retries=0, host_delay_ms=300)) as f:
        start = time.monotonic()
        for _ in range(3):
            f.get(site.url("/news/1.html"))
        assert time.monotonic() - start >= 0.6


def test_page_and_feed_parsing(site: Site) -> None:
    with Fetcher(FAST) as f:
        doc = page_doc(f.get(site.url("/news/3.html")), None)
        items = parse_feed(f.get(site.url("/feed.rss")).body, "feed")
        atom = parse_feed(f.get(site.url("/feed.atom")).body, "atom")
        with pytest.raises(Rejected) as err:
            parse_feed(f.get(site.url("/malformed.xml")).body, "bad")
    assert "Campesinos bloquearon" in doc.text  # windows-1252 page decoded by its declared charset
    assert doc.title == "Bloqueo en la vía al mar" and doc.lang == "es" and str(doc.published) == "2024-05-16"
    assert len(items) == 8 and str(items[0].published) == "2024-05-14"
    assert [i.title for i in atom] == ["Bloqueo en la vía al mar", "Same clash, other URL"]
    assert err.value.reason == "malformed_feed"
