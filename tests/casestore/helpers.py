"""Builders for the case store tests: a ticking clock, drafts and a realistic submission."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from casestore import Store, Submission
from statemachine.flows.intake.filing import Filing, PartyData

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
"""When the test clock starts, and when the test cases are filed."""


class Ticker:
    """A clock that moves one second per reading, so stamps are distinct and predictable."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def new_draft(store: Store, n: int = 1, *, state: str = "ask_role") -> str:
    """Create draft number ``n`` with distinct token and resume hashes; return its id."""
    draft_id = f"s_{n:022d}"
    with store.begin() as tx:
        tx.create_draft(
            draft_id=draft_id,
            token_hash=f"token-{n}",
            resume_hash=f"resume-{n}",
            lang="da",
            state=state,
            data={"answers": {}},
        )
    return draft_id


def submission(
    municipality_code: int = 101,
    *,
    attachments: list[tuple[str, str]] | None = None,
) -> Submission:
    """A realistic rent-increase filing by a tenant against a private landlord."""
    return Submission(
        Filing(
            municipality_code=municipality_code,
            case_type="rent_increase",
            extra_topics=["utility_accounts"],
            role="tenant",
            side="tenant",
            housing="private",
            lang="da",
            answers={"ask_role": "tenant", "ask_notice_date": "2026-10-01", "ask_rent": 7500},
            parties=[
                PartyData(
                    "filer",
                    "Karen Jensen",
                    "person",
                    "Nørregade 1, 1165 København K",
                    "karen@example.dk",
                    "+45 12 34 56 78",
                ),
                PartyData(
                    "counterparty",
                    "Ejendomsselskabet Nord ApS",
                    "company",
                    "Havnegade 9, 1058 København K",
                ),
            ],
            attachments=attachments or [],
            deadlines=[
                {
                    "rule": "rent_increase.tenant_objection",
                    "event": "notice_received",
                    "starts": "2026-10-01",
                    "ends": "2026-11-12",
                    "act_by": "2026-11-12",
                    "days_left": -11,
                    "status": "expired",
                    "consequence": "The increase stands unless you objected in time.",
                    "legal_basis": "Lejeloven § 88",
                }
            ],
        ),
        filed_at=START,
        actor="filer",
    )


def file_case(
    store: Store,
    n: int,
    municipality_code: int = 101,
    *,
    housing: str = "private",
    case_type: str = "rent_increase",
    filer: str = "Karen Jensen",
    counterparty: str = "Ejendomsselskabet Nord ApS",
    address: str = "Nørregade 1, 1165 København K",
    claim: str = "The rent increase is not valid.",
    filed_at: datetime = START,
    documents: int = 0,
) -> str:
    """File case ``n`` (its own draft, with ``documents`` PDF files) and return its number."""
    base = submission(municipality_code)
    answers = {**base.filing.answers, "ask_address": address, "ask_claim": claim}
    parties = [
        replace(base.filing.parties[0], name=filer, email=f"filer{n}@example.dk"),
        replace(base.filing.parties[1], name=counterparty),
    ]
    draft_id = new_draft(store, n)
    files = []
    for k in range(documents):
        ref = store.blobs.put_chunks([f"%PDF-1.7 document {k} of case {n}".encode()])
        with store.begin() as tx:
            row = tx.add_attachment(
                draft_id,
                filename=f"bilag-{k}.pdf",
                size=ref.size,
                sha256=ref.sha256,
                media_type="application/pdf",
            )
        files.append((row.id, "rent_increase_notice"))
    filing = replace(
        base.filing,
        housing=housing,
        case_type=case_type,
        answers=answers,
        parties=parties,
        attachments=files,
    )
    with store.begin() as tx:
        return tx.submit(draft_id, replace(base, filing=filing, filed_at=filed_at))
