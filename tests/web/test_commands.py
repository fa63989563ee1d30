"""trocha org/user/token manage access from the CLI; trocha serve starts the app on loopback."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from trocha.cli import main
from trocha.store import open_store
from trocha.store.guarded import Guarded


def test_org_user_token_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["org", "create", "Cancillería", "--db", db]) == 0
    assert main(["org", "create", "Cancillería", "--db", db]) == 2  # names are unique
    monkeypatch.setenv("NEW_PW", "una-clave-larga")
    assert main(["user", "add", "lucia", "--org", "Cancillería", "--role", "admin", "--password-env", "NEW_PW",
                 "--db", db]) == 0
    assert main(["user", "add", "x", "--org", "Nadie", "--password-env", "NEW_PW", "--db", db]) == 2
    capsys.readouterr()
    assert main(["token", "create", "--org", "Cancillería", "--name", "etl", "--role", "analyst", "--db", db]) == 0
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("trk_")
    assert main(["token", "list", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert "etl" in listing and "live" in listing and secret not in listing
    with open_store(db) as store:
        g = Guarded(store)
        who = g.authenticate(secret)
        assert who is not None and who.role == "analyst" and who.org == "Cancillería"
        assert g.sign_in("lucia", "una-clave-larga", 1) is not None
        assert g.sign_in("lucia", "otra-clave", 1) is None
        token_id = who.token_id
    assert main(["token", "revoke", str(token_id), "--db", db]) == 0
    assert main(["token", "revoke", str(token_id), "--db", db]) == 2  # already revoked
    with open_store(db) as store:
        assert Guarded(store).authenticate(secret) is None


def test_serve_listens_on_loopback(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TROCHA_DB_PATH": str(tmp_path / "serve.db")}
    proc = subprocess.Popen([sys.executable, "-m", "trocha", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                res = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError("trocha serve did not start") from None
                time.sleep(0.2)
        assert res.status_code == 200 and res.json()["info"]["title"] == "trocha"
        assert httpx.get(f"http://127.0.0.1:{port}/", follow_redirects=False).status_code == 303
    finally:
        proc.terminate()
        proc.wait(10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(args: list[str], db: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`trocha serve ARGS` in its own process, once it answers; (process, base URL)."""
    port = _free_port()
    env = {**os.environ, "TROCHA_DB_PATH": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "trocha", "serve", "--port", str(port), *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(base + "/openapi.json", timeout=2)
            return proc, base
        except httpx.TransportError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise AssertionError("trocha serve did not start") from None
            time.sleep(0.2)


def _stop_all(proc: subprocess.Popen[bytes], workers: list[int]) -> None:
    """Kill what a failed test left running: the parent and its workers."""
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)
    for w in workers:
        with contextlib.suppress(OSError):  # gone already (and its id not taken by another process: checked)
            if b"spawn_main" in Path(f"/proc/{w}/cmdline").read_bytes():
                os.kill(w, signal.SIGKILL)


def _workers(pid: int) -> list[int]:
    """The server processes `serve --workers N` started (not multiprocessing's resource tracker)."""
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                out.append(int(child))
    return out


def _sockets(pid: int) -> set[str]:
    """Inodes of the sockets a process holds."""
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


def _opened(pid: int, path: Path) -> bool:
    """Whether a process holds the file open."""
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd) == str(path):
                return True
        except OSError:
            continue
    return False


def _tcp(port: int, state: str) -> set[str]:
    """Inodes of the loopback TCP sockets on local `port` in `state` (01 established, 0A listening)."""
    found = set()
    for row in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        cols = row.split()
        if int(cols[1].split(":")[1], 16) == port and cols[3] == state:
            found.add(cols[9])
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads sockets from Linux's /proc")
def test_serve_workers_each_answer_on_their_own_socket(tmp_path: Path) -> None:
    proc, base = _start(["--workers", "2"], tmp_path / "serve.db")
    port = int(base.rsplit(":", 1)[1])
    workers = _workers(proc.pid)
    try:
        assert len(workers) == 2
        # Two listening sockets (SO_REUSEPORT), one in each worker; the parent keeps none of them.
        listening = _tcp(port, "0A")
        assert len(listening) == 2
        assert [len(_sockets(w) & listening) for w in workers] == [1, 1]
        assert not _sockets(proc.pid) & listening
        # Nor a connection to the store: each worker opens its own (once it has started; one may still be starting).
        deadline = time.monotonic() + 30
        while not all(_opened(w, tmp_path / "serve.db") for w in workers):
            assert time.monotonic() < deadline, "a worker never opened the store"
            time.sleep(0.1)
        assert not _opened(proc.pid, tmp_path / "serve.db")
        # Kept-alive connections are spread by the kernel over both sockets: both processes answer
        # (16 connections all hashed to one socket: 1 in 32,768).
        clients = [httpx.Client(base_url=base, timeout=10) for _ in range(16)]
        try:
            assert all(c.get("/openapi.json").status_code == 200 for c in clients)
            established = _tcp(port, "01")
            assert all(_sockets(w) & established for w in workers)
        finally:
            for c in clients:
                c.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        assert not any(Path(f"/proc/{w}").exists() for w in workers)
        assert not _tcp(port, "0A")
    finally:
        _stop_all(proc, workers)


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads processes from Linux's /proc")
def test_serve_workers_stop_together_when_one_dies(tmp_path: Path) -> None:
    proc, base = _start(["--workers", "2"], tmp_path / "serve.db")
    workers = _workers(proc.pid)
    try:
        first, second = workers
        os.kill(first, signal.SIGKILL)
        assert proc.wait(30) == 1  # never goes on serving from fewer processes than asked
        assert not Path(f"/proc/{second}").exists()
        assert proc.stderr is not None and b"a server process ended" in proc.stderr.read()
        with pytest.raises(httpx.TransportError):
            httpx.get(base + "/openapi.json", timeout=2)
    finally:
        _stop_all(proc, workers)


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads processes from Linux's /proc")
def test_serve_workers_stop_when_the_parent_is_killed(tmp_path: Path) -> None:
    proc, base = _start(["--workers", "2"], tmp_path / "serve.db")
    workers = _workers(proc.pid)
    try:
        proc.kill()  # SIGKILL: the parent cannot stop them
        proc.wait(10)
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{w}").exists() and b"spawn_main" in Path(f"/proc/{w}/cmdline").read_bytes()
                  for w in workers):
            assert time.monotonic() < deadline, "a worker kept running without its parent"
            time.sleep(0.2)
        with pytest.raises(httpx.TransportError):
            httpx.get(base + "/openapi.json", timeout=2)
    finally:
        _stop_all(proc, workers)


def test_a_worker_whose_parent_died_before_it_started_stops(tmp_path: Path) -> None:
    # The parent passes its own pid: a worker still starting when the parent was killed has init for its parent
    # already, and must stop at once rather than watch init.
    from trocha.serving import _watch_parent

    server = SimpleNamespace(should_exit=False)
    gone = os.getpid()  # not this process's parent: as a dead parent looks to a reparented worker
    started = time.monotonic()
    _watch_parent(server, gone)  # type: ignore[arg-type]
    assert server.should_exit and time.monotonic() - started < 1


def test_serve_workers_on_a_taken_port_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = main(["serve", "--workers", "2", "--port", str(port), "--db", f"sqlite:///{tmp_path / 's.db'}"])
    assert status == 2 and f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
