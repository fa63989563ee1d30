"""Shared fixtures: one loaded extractor per test session."""

from __future__ import annotations

import pytest

from trocha.api import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()
