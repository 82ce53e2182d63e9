"""Shared fixtures: the spaCy pipeline is loaded once per test process (it takes about a second)."""

from __future__ import annotations

import pytest

from fogmap.settings import default_settings


@pytest.fixture(scope="session")
def settings():
    return default_settings()


@pytest.fixture(scope="session")
def extractor(settings):
    from fogmap.pipeline import make_extractor

    return make_extractor(settings)
