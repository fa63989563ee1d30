"""A real HTTP server on 127.0.0.1 serving the fixture feeds and pages, plus the failures a crawler meets."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "pages"
HUGE_BYTES = 50 * 1024 * 1024


class Site:
    """The running server: its base URL and how often each path was requested."""

    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        host, port = server.server_address[:2]
        self.base = f"http://{host!s}:{port}"
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base + path

    def fixture(self, name: str) -> bytes:
        return (PAGES / name).read_bytes().replace(b"{base}", self.base.encode())


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            return

        def _send(self, status: int, body: bytes, ctype: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            with site.lock:
                site.hits[path] += 1
                count = site.hits[path]
            # The client may give up on purpose (size limit, timeout).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._route(path, count)

        def _route(self, path: str, count: int) -> None:
            if path == "/feed.rss":
                self._send(200, site.fixture("feed.rss"), "application/rss+xml")
            elif path == "/feed.atom":
                self._send(200, site.fixture("feed.atom"), "application/atom+xml; charset=utf-8")
            elif path == "/malformed.xml":
                self._send(200, site.fixture("malformed.xml"), "application/rss+xml")
            elif path.startswith("/news/") and path.endswith(".html") and (PAGES / f"news-{path[6:-5]}.html").exists():
                charset = "windows-1252" if path == "/news/3.html" else "utf-8"
                self._send(200, site.fixture(f"news-{path[6:-5]}.html"), f"text/html; charset={charset}")
            elif path == "/news/broken.html":
                self._send(500, b"<h1>Internal error</h1>", "text/html")
            elif path == "/news/flaky.html":
                if count == 1:
                    self._send(503, b"busy", "text/plain")
                else:
                    self._send(200, site.fixture("news-2.html"), "text/html; charset=utf-8")
            elif path == "/news/slow.html":
                time.sleep(2.5)
                self._send(200, site.fixture("news-1.html"), "text/html")
            elif path == "/news/huge.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()  # no Content-Length: the client must count what it reads
                chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
                for _ in range(HUGE_BYTES // len(chunk)):
                    self.wfile.write(chunk)
            elif path == "/news/photo.png":
                self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png")
            elif path == "/news/bad-encoding.html":
                self._send(200, b"<html><body><p>Ataque en C\xfacuta \xff\xfe</p></body></html>",
                           "text/html; charset=utf-8")
            elif path == "/news/no-text.html":
                self._send(200, b"<html><head><title>Empty</title></head><body><script>var x=1;</script></body></html>",
                           "text/html")
            else:
                self._send(404, b"<h1>Not found</h1>", "text/html")

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    s = Site(server)
    server.RequestHandlerClass = _handler(s)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()
