"""Fixtures for the case store tests: a real SQLite file and blob folder under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casestore import Store
from tests.casestore.helpers import Ticker


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'var' / 'naevn.db'}"


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(db_url, tmp_path / "blobs", clock=Ticker())
    yield opened
    opened.close()
