"""The gazetteer, loaded once for all geography tests."""

from __future__ import annotations

import pytest

from trocha.geo.gazetteer import Gazetteer, load


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load()
