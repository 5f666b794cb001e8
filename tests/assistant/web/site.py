"""The service over a real server, for the pages' tests: its settings, and the running site
with a store opened beside it on the same database.

A test module imports the fixtures it uses (``settings``, ``site``) and names them in its
``__all__``; a module that needs other settings defines its own ``settings`` fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from casestore import Store
from naevn.settings import Settings
from tests.service import running

TODAY = date(2026, 11, 23)
"""The served site's frozen "today"."""


@dataclass(frozen=True)
class Site:
    """The running service and a store on the same database."""

    url: str
    """Where the service listens (``http://127.0.0.1:<port>``)."""
    store: Store
    """The test's own store on the service's database, to see what the service keeps."""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A service on a SQLite store of its own, with a frozen today and no rate limits."""
    return Settings(
        db=f"sqlite:///{tmp_path / 'var' / 'naevn.db'}",
        data_dir=tmp_path / "data",
        today=TODAY,
        rate_limit=0,
    )


@pytest.fixture
def site(settings: Settings) -> Iterator[Site]:
    """``create_app(settings)`` served on a real port (:func:`tests.service.running`), and a
    store opened on the same database before it starts and closed after it stops."""
    store = Store.open(settings.db, settings.blob_dir)
    try:
        with running(settings) as url:
            yield Site(url, store)
    finally:
        store.close()
