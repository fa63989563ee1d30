"""A real uvicorn server on a free loopback port, in a thread, over a real store; and a small HTTP client."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import uvicorn

from trocha.api import Extractor
from trocha.config import Settings
from trocha.store import Store
from trocha.web import create_app


@contextmanager
def serve(store: Store, config: Settings, extractor: Extractor) -> Iterator[str]:
    """Run the app on 127.0.0.1 (a port the OS picks) until the block ends; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store, config, extractor), log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def web_settings(**overrides: Any) -> Settings:
    """Settings for test servers: no tiles (no internet), generous rate limits unless a test lowers them."""
    return replace(Settings(), web_tile_url="", web_rate_per_minute=100_000, web_rate_burst=100_000, **overrides)


@dataclass
class Site:
    """A running server with its store and the secrets of the seeded organisations' tokens."""

    base: str
    store: Store
    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)

    def client(self, who: str | None) -> httpx.Client:
        """An HTTP client authenticated as `who` (a key of `tokens`), or anonymous."""
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        return httpx.Client(base_url=self.base, headers=headers, timeout=60)
