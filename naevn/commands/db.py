"""``naevn db gc``: the housekeeping the service does periodically, once, with a report."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TextIO

from casestore import Store
from casestore.housekeeping import Removed, housekeep
from naevn.housekeeping import facts, retention_of
from naevn.settings import Settings


def gc(store: Store, settings: Settings, as_json: bool, out: TextIO) -> None:
    """Delete stale drafts and old kept replies, sweep the blob folder, and say what went.

    Safe beside a running service: files younger than the grace are left alone.

    Raises:
        NaevnError: a retention setting is out of range.
        StoreError: the database failed; what was committed before stays.
    """
    retention = retention_of(settings)
    removed = housekeep(store, retention, datetime.now(UTC))
    if as_json:
        out.write(json.dumps(facts(removed)) + "\n")
        return
    out.write(report(removed, settings.draft_retention_days) + "\n")


def report(removed: Removed, draft_days: int) -> str:
    """One sentence for an administrator, e.g. "Removed 3 files without a case or draft
    (12.4 MB), 2 stale partial uploads (1.0 MB), 5 drafts untouched for 90 days, 120 kept
    replies older than a day."."""
    orphans, partials = removed.orphans, removed.partials
    parts = [
        f"{_count(orphans.files, 'file')} without a case or draft ({_size(orphans.bytes)})",
        f"{_count(partials.files, 'stale partial upload')} ({_size(partials.bytes)})",
        f"{_count(removed.drafts, 'draft')} untouched for {_count(draft_days, 'day')}",
        f"{_count(removed.replies, 'kept reply', 'kept replies')} older than a day",
    ]
    return "Removed " + ", ".join(parts) + "."


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _size(n: int) -> str:
    """Bytes in decimal units, as file managers show them: 980 bytes, 12.4 MB, 1.2 GB."""
    if n < 1000:
        return _count(n, "byte")
    value, units = n / 1000, ["kB", "MB", "GB"]
    while value >= 999.95 and len(units) > 1:
        value, units = value / 1000, units[1:]
    return f"{value:.1f} {units[0]}"
