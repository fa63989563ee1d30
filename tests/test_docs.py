"""Documentation kept complete by tests: every setting and every registered stage is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from trocha.config import Settings, settings
from trocha.pipeline import DEFAULT_STAGES, registered

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    for f in fields(Settings):
        assert f"`{f.name}`" in text, f"setting {f.name} is missing from docs/settings.md"


def test_every_stage_is_documented_and_default() -> None:
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    assert set(registered()) == set(DEFAULT_STAGES)
    assert ",".join(DEFAULT_STAGES) in text
    assert Settings().stages == ",".join(DEFAULT_STAGES)


def test_env_override() -> None:
    assert settings({"TROCHA_MAX_CHARS": "10"}).max_chars == 10
