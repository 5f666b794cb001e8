"""A real store for the console tests: a tribunal's caseworkers and a handful of filed cases."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

from casestore import Store
from console.access import Staff, token_hash
from console.clients.embedded import EmbeddedStaffClient
from console.desk import Desk
from statemachine.flows.intake.filing import PartyData
from tests.casestore.helpers import Ticker, new_draft, submission
from tests.samples import pdf

TODAY = date(2026, 11, 23)
"""The console's frozen today: the day the test cases are filed."""

CASES = (
    ("Karen Jensen", "Ejendomsselskabet Nord ApS", "Nørregade 1, 1165 København K"),
    ("Mads Holm", "Boligselskabet Syd A/S", "Vesterbrogade 12, 1620 København V"),
    ("Sofie Lund", "Udlejer Peter Berg", "Amagerbrogade 40, 2300 København S"),
    ("Ali Demir", "Ejendomsselskabet Nord ApS", "Jagtvej 7, 2200 København N"),
)
"""Filer, counterparty and tenancy address of each case, filed in this order."""


@dataclasses.dataclass(frozen=True)
class Office:
    """The store, its desk, and who works there."""

    store: Store
    desk: Desk
    karen: Staff
    """A caseworker of hln-101 (the console signs in as her)."""
    ole: Staff
    """A lead of the same tribunal."""
    numbers: list[str]
    """The case numbers, in filing order."""

    def client(self, lang: str = "en") -> EmbeddedStaffClient:
        """Karen's embedded client."""
        return EmbeddedStaffClient(self.desk, self.karen, lang=lang)


def file_case(
    store: Store,
    n: int,
    filer: str,
    counterparty: str,
    address: str,
    *,
    also: Sequence[PartyData] = (),
) -> str:
    """File case ``n`` (a rent increase in Copenhagen, with one PDF) with the parties ``also``
    after the filer and the counterparty; returns its number."""
    draft_id = new_draft(store, n)
    ref = store.blobs.put_chunks([pdf(f"Varsel {n}")])
    with store.begin() as tx:
        attachment = tx.add_attachment(
            draft_id,
            filename=f"varsel-{n}.pdf",
            size=ref.size,
            sha256=ref.sha256,
            media_type="application/pdf",
        )
    base = submission(attachments=[(attachment.id, "rent_increase.notice")])
    parties = [
        PartyData("filer", filer, "person", address, f"filer{n}@example.dk", None),
        PartyData("counterparty", counterparty, "company", "Havnegade 9, 1058 København K"),
        *also,
    ]
    filing = dataclasses.replace(base.filing, parties=parties)
    with store.begin() as tx:
        return tx.submit(draft_id, dataclasses.replace(base, filing=filing))


def staff(store: Store, name: str, role: str) -> Staff:
    """Add ``name`` to hln-101 with the token ``token-<name>``."""
    with store.begin() as tx:
        row = tx.add_staff(name, role, ["hln-101"], token_hash(f"token-{name}"))
    return Staff(row.id, row.name, row.role, tuple(row.tribunals))


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    store = Store.open(f"sqlite:///{tmp_path / 'naevn.db'}", tmp_path / "blobs", clock=Ticker())
    karen = staff(store, "Karen Sagsbehandler", "caseworker")
    ole = staff(store, "Ole Leder", "lead")
    numbers = [file_case(store, n, *case) for n, case in enumerate(CASES, start=1)]
    yield Office(store, Desk(store, lambda: TODAY), karen, ole, numbers)
    store.close()


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio (anyio's pytest plugin runs the ``async def`` tests)."""
    return "asyncio"
