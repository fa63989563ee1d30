"""Web load benchmark: concurrent clients running the dashboard's typical API queries against `trocha serve`.

    python benchmarks/web.py [--events 1000000] [--clients 50] [--seconds 60] [--private 0.1] [--keep DIR]
                             [--sqlite-only | --pg-only] [--workers N]

Loads synthetic events (benchmarks/store.py's generator) into a SQLite store (and PostgreSQL when TROCHA_TEST_PG_URL
is set, in `trocha_bench`), merges them into incidents, makes a share of the articles private to another
organisation, starts `trocha serve` in its own process on loopback, and reports throughput, p50/p95/p99 and errors,
overall and per kind of request. `--keep DIR` keeps the SQLite file (and PostgreSQL `trocha_bench`) and reuses it
when it already holds the events.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store import PLACES, _fake, _templates, backends

from trocha.config import settings
from trocha.dedup import merge_store
from trocha.store import open_store
from trocha.store.access import Access, set_access_many
from trocha.store.bulk import add_many
from trocha.store.guarded import Guarded


def load(url: str, n_events: int, private: float, merge: bool = True) -> str:
    """Fill the store (unless it holds the events already); returns an API token of the organisation that reads
    public data only."""
    with open_store(url) as store:
        g = Guarded(store)
        reader = g.find_org("Reader")
        if reader is not None and store.counts().events >= n_events:
            print(f"  reusing {store.counts().events} stored events", flush=True)
            return g.issue_token(reader.id, "bench", "viewer")[0]
    templates = _templates()
    rng = random.Random(5)
    with open_store(url) as store:
        start = time.perf_counter()
        n_articles = n_events // 4
        for first in range(0, n_articles, 2500):
            add_many(store, (_fake(i, rng, templates) for i in range(first, min(first + 2500, n_articles))))
        print(f"  loaded {n_articles * 4} events in {time.perf_counter() - start:.0f} s", flush=True)
        g = Guarded(store)
        owner, reader = g.create_org("Owner"), g.create_org("Reader")
        hidden = random.Random(9).sample(range(1, n_articles + 1), int(n_articles * private))
        with store.engine.begin() as conn:
            set_access_many(conn, hidden, Access(owner.id, "private"))
        if merge:
            start = time.perf_counter()
            merged = merge_store(store, settings())
            print(f"  merged into {merged.incidents} incidents in {time.perf_counter() - start:.0f} s", flush=True)
        secret, _ = g.issue_token(reader.id, "bench", "viewer")
    return secret


def queries(rng: random.Random, kinds: tuple[str, ...] = ()) -> tuple[str, str]:
    """One typical dashboard request (what a page load and a filter change ask) and its kind (only those whose kind
    starts with one of `kinds`, when given)."""
    start = date(2023, 1, 1) + timedelta(days=rng.randrange(700))
    window = f"from={start}&to={start + timedelta(days=rng.choice((30, 90)))}"
    place = rng.choice(PLACES)
    return rng.choice([q for q in [
        ("incidents admin1 100", f"/api/incidents?limit=100&sort=-date&{window}&admin1={place[1]}"),
        ("incidents country 500", f"/api/incidents?limit=500&{window}&country={place[0]}"),
        ("aggregates week/type", f"/api/aggregates?every=week&by=type&{window}&country={place[0]}"),
        ("events admin2 50", f"/api/events?limit=50&sort=-date&{window}&admin2={place[2]}"),
        ("events Battles 50", f"/api/events?limit=50&{window}&type=Battles"),
    ] if not kinds or q[0].startswith(kinds)])


async def run_clients(base: str, token: str, clients: int, seconds: float, kinds: tuple[str, ...] = (),
                      client: str = "raw") -> tuple[list[float], int, dict[str, list[float]]]:
    """Closed-loop clients, each with one keep-alive connection: (latencies in ms, errors, latencies per kind). A
    request is an error unless it gets a 200 with a whole body."""
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = defaultdict(list)
    errors = 0
    stop = time.perf_counter() + seconds
    get = _raw_client if client == "raw" else _httpx_client

    async def one(k: int) -> None:
        nonlocal errors
        rng = random.Random(k)
        async with get(base, token) as fetch:
            while time.perf_counter() < stop:
                kind, path = queries(rng, kinds)
                t0 = time.perf_counter()
                ok = await fetch(path)
                latencies.append((time.perf_counter() - t0) * 1000)
                by_kind[kind].append(latencies[-1])
                errors += 0 if ok else 1

    await asyncio.gather(*(one(k) for k in range(clients)))
    return latencies, errors, by_kind


Fetch = Callable[[str], Awaitable[bool]]


@asynccontextmanager
async def _httpx_client(base: str, token: str) -> AsyncIterator[Fetch]:
    """httpx: what an application would use (about 4 ms of CPU a request, on the same cores as the server)."""
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:

        async def fetch(path: str) -> bool:
            try:
                res = await http.get(path)
            except httpx.HTTPError:
                return False
            return res.status_code == 200

        yield fetch


@asynccontextmanager
async def _raw_client(base: str, token: str) -> AsyncIterator[Fetch]:
    """HTTP/1.1 over asyncio streams with keep-alive: a GET, then the status line and the headers, then the whole
    body (Content-Length or chunked). It measures the same round trip over loopback as httpx for a fraction of
    its CPU, which the server gets instead on a small machine."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    head = f"Host: {host}:{port}\r\nAuthorization: Bearer {token}\r\nAccept: application/json\r\n\r\n".encode()
    conn: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def fetch(path: str) -> bool:
        try:
            if not conn:
                conn.append(await asyncio.open_connection(host, int(port)))
            reader, writer = conn[0]
            writer.write(b"GET " + quote(path, safe="/?&=,:").encode("ascii") + b" HTTP/1.1\r\n" + head)
            status, body, keep = await asyncio.wait_for(_response(reader), 30)
        except (OSError, EOFError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                TimeoutError):
            status, body, keep = 0, 0, False
        if not keep and conn:
            conn.pop()[1].close()
        return status == 200 and body > 0

    try:
        yield fetch
    finally:
        if conn:
            conn[0][1].close()


async def _response(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """One response off the stream: (status, body length, whether the connection stays open)."""
    lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
    version, code, _ = lines[0].split(b" ", 2)
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip().lower()
    if b"content-length" in fields:
        body = len(await reader.readexactly(int(fields[b"content-length"])))
    elif fields.get(b"transfer-encoding") == b"chunked":
        body = 0
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            body += len(await reader.readexactly(size + 2)) - 2
        await reader.readuntil(b"\r\n")
    else:
        raise ValueError("a response without a length cannot be followed on the same connection")
    return int(code), body, version == b"HTTP/1.1" and fields.get(b"connection") != b"close"


def serve(url: str, workers_env: dict[str, str], workers: int) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "trocha", "serve", "--db", url, "--port", str(port),
                             "--workers", str(workers)],
                            env=workers_env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/openapi.json", timeout=1)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("trocha serve did not start")


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of a process and its child processes (`serve --workers N`) so far; None where
    /proc is missing. On a shared machine this moves less with other work than throughput does."""
    try:
        total = 0.0
        for p in [pid, *_children(pid)]:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total
    except (OSError, ValueError):
        return None


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


def pct(sorted_ms: list[float], p: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(p * len(sorted_ms)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--private", type=float, default=0.1, help="share of articles private to another organisation")
    ap.add_argument("--keep", help="keep the databases (SQLite in this folder) and reuse them when they hold "
                    "the events")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (trocha serve --workers)")
    ap.add_argument("--only", default="", help="comma-separated request kinds to send (incidents, aggregates, "
                    "events; default: all)")
    ap.add_argument("--no-merge", action="store_true", help="load without merging into incidents (then send no "
                    "incident requests)")
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw", help="load generator: HTTP/1.1 over "
                    "asyncio streams (default, cheap) or httpx")
    ap.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    ap.add_argument("--pg-only", action="store_true", help="skip SQLite")
    args = ap.parse_args()
    env = {**os.environ, "TROCHA_WEB_RATE_PER_MINUTE": "100000000", "TROCHA_WEB_RATE_BURST": "100000000"}
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in backends(args.keep or tmp, args.sqlite_only, args.keep is not None):
            if args.pg_only and name == "sqlite":
                continue
            print(f"{name}:", flush=True)
            token = load(url, args.events, args.private, not args.no_merge)
            proc, base = serve(url, env, args.workers)
            try:
                kinds = tuple(k for k in args.only.split(",") if k)
                served, sent = cpu_seconds(proc.pid), time.process_time()
                lat, errors, by_kind = asyncio.run(run_clients(base, token, args.clients, args.seconds, kinds,
                                                                 args.client))
                served_end, sent = cpu_seconds(proc.pid), time.process_time() - sent
            finally:
                proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:  # still answering slow requests of clients that gave up
                    proc.kill()
                    proc.wait(10)
            lat.sort()
            print(f"  {args.clients} clients, {args.seconds:.0f} s: {len(lat)} requests = "
                  f"{len(lat) / args.seconds:.1f} req/s; p50 {pct(lat, 0.5):.0f} ms, p95 {pct(lat, 0.95):.0f} ms, "
                  f"p99 {pct(lat, 0.99):.0f} ms; errors {errors}", flush=True)
            if served is not None and served_end is not None:
                print(f"  CPU per request: server {(served_end - served) / len(lat) * 1000:.1f} ms, load generator "
                      f"({args.client}) {sent / len(lat) * 1000:.1f} ms; load average {os.getloadavg()[0]:.1f}",
                      flush=True)
            for kind, ms in sorted(by_kind.items()):
                ms.sort()
                print(f"    {kind}: {len(ms)} requests, p50 {pct(ms, 0.5):.0f} ms, p95 {pct(ms, 0.95):.0f} ms, "
                      f"p99 {pct(ms, 0.99):.0f} ms", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
