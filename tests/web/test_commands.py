"""trocha org/user/token manage access from the CLI; trocha serve starts the app on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

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
