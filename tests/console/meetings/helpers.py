"""A tribunal's office for the meeting tests: a lead, a caseworker and a board member of
Copenhagen, a lead and a board member of Frederiksberg, and three Copenhagen cases ready for
a meeting (on each backend)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from casestore import Store
from console.access import Staff, new_token, token_hash
from console.desk import Desk
from tests.casestore.helpers import file_case

TODAY = date(2026, 12, 2)
"""The desk's today."""
MEETING_AT = "2026-12-15T09:30"
"""A meeting 13 days after today (Copenhagen time)."""


@dataclass(frozen=True)
class Office:
    """A desk on a store with staff and ready cases."""

    store: Store
    desk: Desk
    staff: dict[str, Staff]
    tokens: dict[str, str]
    ready: list[str]
    """Three cases of ``hln-101`` ready for a meeting."""
    away: str
    """A case of ``hln-147`` ready for a meeting."""


def make_ready(store: Store, number: str) -> None:
    """Move a case straight to ``ready_for_meeting``."""
    with store.begin() as tx:
        work = tx.casework(number)
        tx.change_status(
            number,
            expected_version=work.version,
            to="ready_for_meeting",
            actor="staff:test",
            data={"step": "end_hearing"},
            next_deadline=None,
            next_rule=None,
        )


def members(board_id: int | None = None) -> list[dict[str, Any]]:
    """The three seats of a meeting."""
    return [
        {"seat": "chair", "name": "Dommer Ida Lund"},
        {"seat": "tenant_member", "name": "Ole Bak", "staff_id": board_id},
        {"seat": "landlord_member", "name": "Lis Holm"},
    ]


@contextmanager
def open_office(db_url: str, tmp_path: Path) -> Iterator[Office]:
    """Fill a store and put a desk on it."""
    store = Store.open(db_url, tmp_path / "blobs")
    try:
        people = {}
        tokens = {}
        with store.begin() as tx:
            for who, role, tribunals in (
                ("lead", "lead", ("hln-101",)),
                ("caseworker", "caseworker", ("hln-101",)),
                ("board", "board_member", ("hln-101",)),
                ("stranger", "lead", ("hln-147",)),
                ("board_away", "board_member", ("hln-147",)),
            ):
                tokens[who] = new_token()
                row = tx.add_staff(who.title(), role, tribunals, token_hash(tokens[who]))
                people[who] = Staff(row.id, row.name, role, tribunals)
        ready = [
            file_case(
                store,
                n,
                101,
                address=f"Røde Mellemvej {n}, 2300 København S",
                filer=f"Hans Hansen {n}",
                counterparty="Slemme Rasss A/S",
                documents=1,
            )
            for n in (1, 2, 3)
        ]
        away = file_case(store, 4, 147, address="Falkoner Allé 4, 2000 Frederiksberg")
        for number in (*ready, away):
            make_ready(store, number)
        yield Office(store, Desk(store, lambda: TODAY), people, tokens, ready, away)
    finally:
        store.close()


def pdf_text(content: bytes) -> str:
    """The text of a PDF, its lines joined with single spaces."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split())
