"""The command line: single texts, batches with bad lines, exit statuses, lexicon check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from trocha.cli import main

GOOD = {"id": "ok", "text": "Police arrested two ELN members in Cúcuta on Tuesday.", "published": "2024-03-07"}


def _run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "trocha", *args], input=stdin, capture_output=True, check=False)


def test_batch_goes_on_and_counts_rejects(tmp_path: Path) -> None:
    lines = [
        json.dumps(GOOD).encode(),
        b"this is not json",
        json.dumps({"id": "no-text"}).encode(),
        json.dumps({"id": "empty", "text": "   "}).encode(),
        b'{"id": "bad", "text": "\xff\xfe broken"}',
        json.dumps({"id": "big", "text": "word " * 250_000}).encode(),
        json.dumps({"id": "bin", "text": "\x00\x01\x02\x03" * 20}).encode(),
        json.dumps({"id": "lang", "text": "x", "lang": "pt"}).encode(),
        json.dumps({"id": "ok2", "text": "Soldados del Ejército se enfrentaron con el ELN en Tame anoche."}).encode(),
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    rejects = tmp_path / "rejects.jsonl"
    out = tmp_path / "out.jsonl"
    proc = _run(["extract", "--input", str(src), "--format", "jsonl", "-o", str(out), "--rejects", str(rejects)])
    assert proc.returncode == 1
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {e["article_id"] for e in events} == {"ok", "ok2"}
    kept = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    reasons = sorted(r["reason"] for r in kept)
    assert reasons == sorted(["not_json", "missing_text", "empty_text", "invalid_utf8", "too_large", "binary",
                              "unsupported_language"])
    summary = proc.stderr.decode()
    assert "read 9, coded 2" in summary and "rejected 7" in summary
    relaxed = _run(["extract", "--input", str(src), "-o", str(out), "--rejects", str(rejects), "--allow-rejects"])
    assert relaxed.returncode == 0


def test_single_file_and_stdin(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(GOOD["text"], encoding="utf-8")
    proc = _run(["extract", str(f), "--published", "2024-03-07", "--format", "json"])
    assert proc.returncode == 0, proc.stderr
    events = json.loads(proc.stdout)
    assert events[0]["sub_event_type"] == "Arrests" and events[0]["article_id"] == "a"
    proc = _run(["extract", "-", "--lang", "en", "--format", "table"], stdin=GOOD["text"].encode())
    assert proc.returncode == 0 and b"Arrests" in proc.stdout


@pytest.mark.parametrize(
    ("payload", "reason"),
    [(b"", "empty_text"), (b"\xff\xfe\xfa", "invalid_utf8"), (b"\x00\x01" * 50, "binary")],
)
def test_single_bad_input_is_a_clear_error(payload: bytes, reason: str) -> None:
    proc = _run(["extract", "-"], stdin=payload)
    assert proc.returncode == 1
    assert f"rejected ({reason})" in proc.stderr.decode()


def test_bad_published_date() -> None:
    proc = _run(["extract", "-", "--published", "19/07/2012"], stdin=b"Police arrested two men.")
    assert proc.returncode == 1 and "YYYY-MM-DD" in proc.stderr.decode()


def test_lexicon_check_passes() -> None:
    assert main(["lexicon", "check"]) == 0


def test_lexicon_check_finds_problems(tmp_path: Path) -> None:
    import shutil

    from trocha.lang import LANG_DIR
    from trocha.lang.check import check

    root = tmp_path / "lang"
    shutil.copytree(LANG_DIR, root)
    trig = root / "en" / "triggers.toml"
    trig.write_text(trig.read_text(encoding="utf-8") + '\n[[trigger]]\naction = "nonsense"\nweight = 1.0\n'
                    'patterns = ["(unclosed"]\n', encoding="utf-8")
    problems = check(root)
    assert any("nonsense" in p for p in problems) and any("bad regex" in p for p in problems)
