"""Knowledge as data: loads the TOML files of a language folder and the shared folder.

Every language folder holds the same file names (see docs/lexicons.md); adding a trigger, an alias or a
month name is an edit to those files, never to code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from trocha.errors import LexiconError

LANG_DIR = Path(__file__).resolve().parent
LANGUAGES = ("en", "es")
LANG_FILES = ("triggers.toml", "numbers.toml", "dates.toml", "cues.toml", "quantities.toml", "stopwords.toml")
SHARED_FILES = ("codebook.toml", "actors.toml", "countries.toml", "rules.toml")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse one data file, naming the file in the error when it is not valid TOML."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class LangData:
    """The raw data of one language folder."""

    lang: str
    triggers: dict[str, Any]
    numbers: dict[str, Any]
    dates: dict[str, Any]
    cues: dict[str, Any]
    quantities: dict[str, Any]
    stopwords: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SharedData:
    """The raw data shared by all languages."""

    codebook: dict[str, Any]
    actors: dict[str, Any]
    countries: dict[str, Any]
    rules: dict[str, Any]


@cache
def lang_data(lang: str, root: Path = LANG_DIR) -> LangData:
    """The data files of one language; cached because they never change within a process."""
    if lang not in LANGUAGES:
        raise LexiconError(f"unsupported language {lang!r}; supported: {', '.join(LANGUAGES)}")
    folder = root / lang
    parts = [read_toml(folder / name) for name in LANG_FILES]
    return LangData(lang, *parts)


@cache
def shared_data(root: Path = LANG_DIR) -> SharedData:
    """The data files shared by all languages."""
    parts = [read_toml(root / "shared" / name) for name in SHARED_FILES]
    return SharedData(*parts)
