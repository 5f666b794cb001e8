"""Fixtures for the case store tests: a store on each backend (``db_url`` is in tests/pgserver)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casestore import Store
from tests.casestore.helpers import Ticker


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(db_url, tmp_path / "blobs", clock=Ticker())
    yield opened
    opened.close()
