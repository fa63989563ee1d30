"""`trocha serve --workers N`: N server processes, each accepting on a listening socket of its own.

uvicorn's own `--workers` shares one listening socket between its processes, and the kernel hands each new
connection to whichever process happens to be waiting in accept(): under benchmarks/web.py (50 kept-alive
connections) one process often took most of them and set the tail. Here the parent binds N sockets to the same
address with SO_REUSEPORT, so the kernel spreads connections across the sockets by a hash of each connection's
addresses and ports, and gives each socket to one worker process. All sockets listen before any worker starts (no
connection is refused while they start), and the parent keeps no copy of them: when a worker ends, its socket
closes and the kernel stops sending connections to it. The parent only forwards SIGINT/SIGTERM to the workers and
waits; when one worker ends, it stops the others, so the server never silently runs on fewer processes, and a
worker whose parent is gone (killed with SIGKILL) stops itself within about a second.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from multiprocessing.connection import wait
from types import FrameType
from typing import TYPE_CHECKING

from trocha.errors import TrochaError

if TYPE_CHECKING:
    from uvicorn import Server

WAIT_SECONDS = 30
PARENT_CHECK_SECONDS = 1.0


def listening_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """`count` sockets listening on one address with SO_REUSEPORT (port 0: the first one's port, picked by the
    OS). The address is read as uvicorn reads `--host`: IPv6 when it holds a colon, else IPv4."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    address: tuple[str, int] = (host, port)
    socks: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(family, socket.SOCK_STREAM)
            socks.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind(address)
            sock.listen(2048)  # uvicorn's default backlog
            address = (host, sock.getsockname()[1])  # the port the OS picked when asked for 0
    except OSError as exc:
        for sock in socks:
            sock.close()
        raise TrochaError(f"cannot listen on {host}:{port}: {exc}") from exc
    return socks


def run_workers(url: str, host: str, port: int, workers: int) -> int:
    """Serve the store at `url` from `workers` processes until SIGINT/SIGTERM (0) or until a worker ends on its
    own (1)."""
    socks = listening_sockets(host, port, workers)
    # spawn, not fork: each worker starts a fresh interpreter and opens its own store; a forked copy of the parent's
    # engine and pool (SQLite or PostgreSQL connections) must never be used.
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(url, sock, os.getpid()), name=f"trocha-serve-{i}", daemon=False)
             for i, sock in enumerate(socks)]
    stopping = False

    def stop(_sig: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for p in procs:
            if p.is_alive():
                p.terminate()  # SIGTERM: uvicorn finishes the requests in flight and returns

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for p in procs:
            p.start()
        for sock in socks:
            sock.close()  # each worker holds its own socket now
        wait([p.sentinel for p in procs])  # returns when the first worker ends
        if not stopping:
            print("trocha: a server process ended; stopping the others", file=sys.stderr)
            stop(signal.SIGTERM, None)
        for p in procs:
            p.join(WAIT_SECONDS)
            if p.is_alive():
                p.kill()
                p.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if stopping and all(p.exitcode == 0 for p in procs) else 1


def _worker(url: str, sock: socket.socket, parent: int) -> None:
    """One server process: its own store and app on its own socket, while its parent (`parent`, the pid the parent
    passed: a worker still starting when the parent is killed must not take init for its parent) lives."""
    import uvicorn

    from trocha.config import settings
    from trocha.store import open_store
    from trocha.web import create_app

    # uvicorn stops gracefully on SIGINT/SIGTERM, then raises the signal again for the handler it found: make that
    # an ordinary exit, so the store closes and the parent sees status 0 (the default handlers would kill us).
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _exit)
    config = settings()
    with open_store(url, config) as store:
        server = uvicorn.Server(uvicorn.Config(create_app(store, config), log_level="warning"))
        threading.Thread(target=_watch_parent, args=(server, parent), daemon=True).start()
        server.run(sockets=[sock])


def _watch_parent(server: Server, parent: int) -> None:
    """Stop this worker when its parent is gone (killed with SIGKILL, it could not stop us): no worker keeps
    serving on its own."""
    while os.getppid() == parent and not server.should_exit:
        time.sleep(PARENT_CHECK_SECONDS)
    server.should_exit = True


def _exit(_sig: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)
