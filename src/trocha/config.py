"""One table of settings (name, default, help) -> typed Settings; TROCHA_* environment overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from trocha.errors import TrochaError


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of trocha. docs/settings.md lists each one (a test keeps it complete)."""

    max_chars: int = 1_000_000
    """Longest text (in characters) that is coded; longer inputs are rejected as too_large."""
    stages: str = "normalize,language,sentences,actors,places,triggers,dates,quantities,assemble"
    """Comma-separated stage names of the extraction line, in order."""


def settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from defaults overridden by TROCHA_<NAME> environment variables."""
    env = dict(os.environ) if env is None else env
    values: dict[str, object] = {}
    for f in fields(Settings):
        raw = env.get(f"TROCHA_{f.name.upper()}")
        if raw is None:
            continue
        try:
            values[f.name] = int(raw) if f.type in (int, "int") else raw
        except ValueError as exc:
            raise TrochaError(f"TROCHA_{f.name.upper()} must be an integer, not {raw!r}") from exc
    return Settings(**values)  # type: ignore[arg-type]
