"""Conversions between table rows and the plain records in :mod:`casestore.records`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Column, Row

from casestore.caserecords import OutboxMail
from casestore.models import ATTACHMENTS, CASES, DEADLINES, DRAFTS, EVENTS, PARTIES
from casestore.records import CaseRecord, Submission
from statemachine.catalog.ids import Housing
from statemachine.catalog.secretariat import SecretariatFacts, next_deadline
from statemachine.catalog.tribunals import tribunal_for
from statemachine.errors import UnknownIdError
from statemachine.flows.intake.filing import PartyData

# Column orders match the records' field orders, so a row unpacks straight into a record.
DRAFT_COLUMNS: tuple[Column[Any], ...] = tuple(
    DRAFTS.c[name]
    for name in (
        "id",
        "lang",
        "state",
        "data",
        "version",
        "status",
        "case_number",
        "created_at",
        "updated_at",
        "token_hash",
    )
)
ATTACHMENT_COLUMNS: tuple[Column[Any], ...] = tuple(
    ATTACHMENTS.c[name]
    for name in (
        "id",
        "draft_id",
        "filename",
        "size",
        "sha256",
        "media_type",
        "requirement",
        "created_at",
    )
)
SUMMARY_COLUMNS: tuple[Column[Any], ...] = tuple(
    CASES.c[name]
    for name in (
        "number",
        "case_type",
        "role",
        "housing",
        "municipality_code",
        "status",
        "filed_at",
    )
)
DETAIL_COLUMNS: tuple[Column[Any], ...] = tuple(
    CASES.c[name] for name in ("side", "lang", "extra_topics", "answers", "id", "draft_id")
)
PARTY_FIELDS = ("role", "name", "kind", "address", "email", "phone")
PARTY_COLUMNS: tuple[Column[Any], ...] = tuple(PARTIES.c[name] for name in PARTY_FIELDS)
DEADLINE_FIELDS = (
    "rule",
    "event",
    "starts",
    "ends",
    "act_by",
    "days_left",
    "status",
    "consequence",
    "legal_basis",
)
DEADLINE_COLUMNS: tuple[Column[Any], ...] = tuple(DEADLINES.c[name] for name in DEADLINE_FIELDS)
EVENT_COLUMNS: tuple[Column[Any], ...] = tuple(
    EVENTS.c[name] for name in ("kind", "actor", "at", "data")
)
_DAYS = ("starts", "ends", "act_by")


def values_of(record: Any, columns: Iterable[Column[Any]]) -> dict[str, Any]:
    """Insert values from a record whose fields come in the order of ``columns``."""
    return dict(zip((column.name for column in columns), astuple(record), strict=True))


def case_values(draft_id: str, number: str, submission: Submission) -> dict[str, Any]:
    """The insert values of a newly filed case."""
    filing = submission.filing
    return {
        "number": number,
        "draft_id": draft_id,
        "case_type": filing.case_type,
        "extra_topics": list(filing.extra_topics),
        "role": filing.role,
        "side": filing.side,
        "housing": filing.housing,
        "municipality_code": filing.municipality_code,
        "lang": filing.lang,
        "status": "submitted",
        "answers": filing.answers,
        "filed_at": submission.filed_at,
        "version": 1,
        **first_deadline(submission.filed_at.date()),
        **case_facts(
            filing.housing,
            filing.municipality_code,
            filing.answers,
            [(party.role, party.name) for party in filing.parties],
        ),
    }


def first_deadline(filed_on: date) -> dict[str, Any]:
    """A new case's next secretariat deadline, for the queue: telling the other party
    (D17, a week after filing)."""
    due, rule = next_deadline(SecretariatFacts(filed_on, "submitted"), filed_on)
    return {"next_deadline": due, "next_rule": rule}


def case_facts(
    housing: str,
    municipality_code: int,
    answers: dict[str, Any],
    parties: Iterable[tuple[str, str]],
) -> dict[str, str]:
    """The columns the queue shows and filters by that follow from what was filed: the
    tribunal, "filer / counterparty" and the home's address.

    Args:
        parties: (role, name) of each party, in filing order.
    """
    try:
        tribunal = tribunal_for(cast(Housing, housing), municipality_code).code
    except UnknownIdError:
        # The intake files no commercial lease and no unknown municipality; an old or odd row
        # still gets a code of the right shape, so scoping keeps working.
        tribunal = f"hln-{municipality_code}"
    named = list(parties)
    filers = [name for role, name in named if role == "filer" and name]
    others = [name for role, name in named if role == "counterparty" and name]
    label = " / ".join(part for part in (", ".join(filers), ", ".join(others)) if part)
    address = answers.get("ask_address")
    return {
        "tribunal": tribunal,
        "parties_label": label[:400],
        "address": address[:400] if isinstance(address, str) else "",
    }


def party_values(case_id: int, parties: Iterable[PartyData]) -> list[dict[str, Any]]:
    """The insert values of a case's parties; an unknown address is stored empty."""
    return [
        {
            "case_id": case_id,
            **{name: getattr(party, name) for name in PARTY_FIELDS},
            "address": party.address or "",
        }
        for party in parties
    ]


def deadline_values(case_id: int, deadlines: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The insert values of a case's deadlines; dates may come as ISO text or ``date``."""
    out = []
    for deadline in deadlines:
        values = {name: deadline[name] for name in DEADLINE_FIELDS}
        for name in _DAYS:
            value = values[name]
            values[name] = value if isinstance(value, date) else date.fromisoformat(value)
        out.append({"case_id": case_id, **values})
    return out


def case_record(
    case: Row[Any],
    parties: Iterable[Row[Any]],
    attachments: Iterable[Row[Any]],
    deadlines: Iterable[Row[Any]],
    events: Iterable[Row[Any]],
) -> CaseRecord:
    """Assemble a whole case from its row and its children's rows (JSON-ready lists)."""
    return CaseRecord(
        **{column.name: case._mapping[column] for column in SUMMARY_COLUMNS},
        side=case.side,
        lang=case.lang,
        extra_topics=list(case.extra_topics),
        answers=dict(case.answers),
        parties=[dict(zip(PARTY_FIELDS, row, strict=True)) for row in parties],
        attachments=[_attachment(row) for row in attachments],
        deadlines=[jsonable(row._mapping) for row in deadlines],
        events=[jsonable(row._mapping) for row in events],
    )


def _attachment(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "filename": row.filename,
        "size": row.size,
        "sha256": row.sha256,
        "media_type": row.media_type,
        "requirement": row.requirement,
    }


def jsonable(mapping: Any) -> dict[str, Any]:
    """A row's mapping with its dates and times as ISO strings."""
    return {
        key: value.isoformat() if isinstance(value, date | datetime) else value
        for key, value in mapping.items()
    }


def mail_values(mail: OutboxMail) -> dict[str, Any]:
    """The outbox columns a queued mail fills (the delivery state is the caller's)."""
    return {
        "kind": mail.kind,
        "recipient": mail.recipient,
        "recipient_name": mail.recipient_name,
        "subject": mail.subject,
        "body": mail.body,
        "attachments": list(mail.attachments),
        "lang": mail.lang,
    }
