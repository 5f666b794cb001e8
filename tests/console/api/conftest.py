"""Fixtures of the staff API tests: an office served on each backend (``db_url``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from naevn.settings import Settings
from tests.console.api.office import Office, open_office, settings_for


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """The service's settings on the test's store."""
    return settings_for(db_url, tmp_path)


@pytest.fixture
def office(settings: Settings) -> Iterator[Office]:
    """The office's staff and cases, and the app served on them."""
    with open_office(settings) as opened:
        yield opened
