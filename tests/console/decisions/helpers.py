"""A tribunal's office for the decision tests: a lead and a caseworker of Copenhagen, a
stranger of Frederiksberg, and a case on a meeting's agenda (on each backend)."""

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
"""The desk's today: the decision is registered and notified on it."""

RENT_BOX: dict[str, Any] = {
    "outcome": "IN_PARTIAL_FAVOUR",
    "in_favour": "TENANT",
    "fee_imposed": "NO",
    "locally_inspected": "HELD",
    "public_interest": "YES",
    "decided_on": "2026-12-01",
    "subjects": ["rent_increase", "utility_accounts"],
    "statutes": ["lejeloven:6:42", "lejeloven:7:77"],
    "rent_method": "BASED_ON_EXPENSES",
    "rent_category": "MONTHLY_RENT",
    "rent_declaration": "TENANCY_SPECIFIC_RENT",
    "rent_amount": "7250.50",
    "rent_area": 45,
    "rent_from": "2026-11-01",
}

FACTS = (
    "Lejer Hans Hansen, tlf. 12 34 56 78, hansen@example.dk, har klaget over Slemme Rasss A/S' "
    "varsel af 1. september 2026. Hansens nabo, Grethe Jensen, har bekræftet, at varslet kom "
    "for sent."
)
"""A SAGSFREMSTILLING naming the parties (in Danish inflection), a neighbour, a phone number
and an e-mail address: what the anonymisation must remove."""
NAMES = ("Hans Hansen", "Hansens", "Slemme Rasss", "Grethe Jensen", "hansen@example.dk")
"""What of :data:`FACTS` no published text may show."""


@dataclass(frozen=True)
class Office:
    """A desk on a store with staff and one case on an agenda."""

    store: Store
    desk: Desk
    lead: Staff
    caseworker: Staff
    board: Staff
    stranger: Staff
    number: str
    """A case of ``hln-101`` on a meeting's agenda."""
    tokens: dict[str, str]
    """Each staff member's token, by role name."""


def put_on_agenda(store: Store, number: str) -> None:
    """Move a case straight to ``on_agenda`` (the meetings module does this for real)."""
    with store.begin() as tx:
        work = tx.casework(number)
        tx.change_status(
            number,
            expected_version=work.version,
            to="on_agenda",
            actor="staff:test",
            data={"step": "put_on_agenda"},
            next_deadline=None,
            next_rule=None,
        )


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
            ):
                tokens[who] = new_token()
                row = tx.add_staff(who.title(), role, tribunals, token_hash(tokens[who]))
                people[who] = Staff(row.id, row.name, role, tribunals)
        number = file_case(
            store,
            1,
            101,
            address="Røde Mellemvej 101, 2300 København S",
            filer="Hans Hansen",
            counterparty="Slemme Rasss A/S",
            claim="Lejeforhøjelsen er ugyldig.",
        )
        put_on_agenda(store, number)
        desk = Desk(store, lambda: TODAY)
        yield Office(
            store,
            desk,
            people["lead"],
            people["caseworker"],
            people["board"],
            people["stranger"],
            number,
            tokens,
        )
    finally:
        store.close()


def decide(office: Office, box: dict[str, Any] | None = None) -> int:
    """Register a decision of the office's case (the rent decision with :data:`FACTS`); the
    case's version after it."""
    fields = box if box is not None else {**RENT_BOX, "facts_text": FACTS}
    saved = office.desk.save_decision(office.caseworker, office.number, fields)
    done = office.desk.register_decision(
        office.lead, office.number, version=1, case_version=saved["case_version"]
    )
    assert done["status"] == "decided"
    with office.store.read() as tx:
        return tx.casework(office.number).version


def pdf_text(content: bytes) -> str:
    """The text of a PDF, its lines joined with single spaces."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split())
