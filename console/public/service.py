"""Reading the registers for the public, and their rows as JSON and as CSV lines.

:class:`Registers` is the public side's one way into the store: read-only transactions, no
login, and only the register tables (which hold no party's name). The shapes here are the
JSON API's; the pages and the CSV export show the same fields.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Final

from casestore import Store
from casestore.registerrecords import (
    DecisionPage,
    DecisionQuery,
    RegisterDecisionRow,
    RegisterRentRow,
    RentPage,
    RentQuery,
)
from console.public import labels
from locales import Translator
from statemachine.catalog.municipalities import municipality
from statemachine.catalog.tribunals import tribunal
from statemachine.errors import NaevnError

EXPORT_CHUNK: Final = 1000
"""Rows the CSV export reads per transaction: memory stays flat however many match."""

Json = dict[str, Any]


class Registers:
    """The public registers over one store (read-only)."""

    def __init__(self, store: Store) -> None:
        """Read ``store``'s registers."""
        self._store = store

    def decisions(self, query: DecisionQuery) -> DecisionPage:
        """A page of listed decisions.

        Raises:
            QueryError: a bad cursor or limit.
        """
        with self._store.read() as tx:
            return tx.decisions_page(query)

    def rents(self, query: RentQuery) -> RentPage:
        """A page of listed rents.

        Raises:
            QueryError: a bad cursor or limit.
        """
        with self._store.read() as tx:
            return tx.rents_page(query)

    def decision(self, decision_id: int) -> tuple[RegisterDecisionRow, list[RegisterRentRow]]:
        """One decision, listed or withdrawn, and the rents it set.

        Raises:
            NotFoundError: no such decision.
        """
        with self._store.read() as tx:
            row = tx.register_decision(decision_id)
            return row, tx.rents_of_decision(decision_id)

    def document(self, decision_id: int) -> bytes | None:
        """The anonymised PDF of a decision, None without one.

        Raises:
            NotFoundError: no such decision.
        """
        with self._store.read() as tx:
            tx.register_decision(decision_id)
            return tx.register_document(decision_id)


def export_query(query: Any) -> Any:
    """``query`` as the export pages it: from the top, :data:`EXPORT_CHUNK` rows a read."""
    return replace(query, limit=EXPORT_CHUNK, after=None)


# --- shapes ------------------------------------------------------------------------------------


def _label(tr: Translator, table: Any, value: str) -> str:
    msgid = table.get(value)
    return tr.gettext(msgid) if msgid else value


def municipality_name(code: int) -> str:
    """The municipality's name, or its code if the catalog does not know it."""
    try:
        return municipality(code).name
    except NaevnError:
        return str(code)


def tribunal_name(tr: Translator, code: str) -> str:
    """The tribunal's name in the reader's language, or its code."""
    try:
        return tr.render(tribunal(code).name)
    except NaevnError:
        return code


def subject_label(tr: Translator, subject: str) -> str:
    """A subject's label, or the id itself if the catalog does not know it."""
    return _label(tr, labels.SUBJECTS, subject)


def decision_json(row: RegisterDecisionRow, tr: Translator) -> Json:
    """A decision as the JSON API gives it: ids with their labels, never a name."""
    return {
        "id": row.id,
        "case_number": row.case_number,
        "version": row.version,
        "listed": row.listed,
        "replaced_by": row.replaced_by,
        "withdrawn_at": row.withdrawn_at.isoformat() if row.withdrawn_at else None,
        "correction_reason": row.correction_reason,
        "municipality_code": row.municipality_code,
        "municipality_name": municipality_name(row.municipality_code),
        "tribunal": row.tribunal,
        "tribunal_name": tribunal_name(tr, row.tribunal),
        "board": row.board,
        "filed_on": row.filed_on.isoformat(),
        "decided_on": row.decided_on.isoformat(),
        "published_at": row.published_at.isoformat(),
        "submitter": row.submitter,
        "outcome": row.outcome,
        "outcome_label": _label(tr, labels.OUTCOMES, row.outcome),
        "in_favour": row.in_favour,
        "locally_inspected": row.locally_inspected,
        "public_interest": row.public_interest,
        "fee_imposed": row.fee_imposed,
        "subjects": [{"id": s, "label": subject_label(tr, s)} for s in row.subjects],
        "statutes": [{"id": s.id, "label": s.label} for s in row.statutes],
        "document": f"/api/v1/public/decisions/{row.id}/document" if row.document_sha256 else None,
    }


def rent_json(row: RegisterRentRow, tr: Translator) -> Json:
    """A rent as the JSON API gives it: the unit's address and the rent, never a name."""
    return {
        "id": row.id,
        "decision_id": row.decision_id,
        "municipality_code": row.municipality_code,
        "municipality_name": municipality_name(row.municipality_code),
        "tribunal": row.tribunal,
        "decided_on": row.decided_on.isoformat(),
        "street": row.street,
        "number": row.number,
        "floor": row.floor,
        "door": row.door,
        "postcode": row.postcode,
        "method": row.method,
        "method_label": _label(tr, labels.METHODS, row.method),
        "category": row.category,
        "declaration": row.declaration,
        "amount": str(row.amount),
        "area": row.area,
        "rent_from": row.rent_from.isoformat() if row.rent_from else None,
    }


DECISION_COLUMNS: Final = (
    "id",
    "case_number",
    "version",
    "municipality_code",
    "municipality_name",
    "tribunal",
    "board",
    "filed_on",
    "decided_on",
    "published_at",
    "submitter",
    "outcome",
    "in_favour",
    "locally_inspected",
    "public_interest",
    "fee_imposed",
    "subjects",
    "statutes",
)
"""The decision export's columns (canonical values; subjects and statutes by id, ``;``
between them)."""

RENT_COLUMNS: Final = (
    "id",
    "decision_id",
    "municipality_code",
    "municipality_name",
    "tribunal",
    "decided_on",
    "street",
    "number",
    "floor",
    "door",
    "postcode",
    "method",
    "category",
    "declaration",
    "amount",
    "area",
    "rent_from",
)
"""The rent export's columns."""


def decision_line(row: RegisterDecisionRow) -> list[str]:
    """A decision as one CSV line, in :data:`DECISION_COLUMNS` order."""
    return [
        str(row.id),
        row.case_number,
        str(row.version),
        str(row.municipality_code),
        municipality_name(row.municipality_code),
        row.tribunal,
        row.board,
        row.filed_on.isoformat(),
        row.decided_on.isoformat(),
        row.published_at.isoformat(),
        row.submitter,
        row.outcome,
        row.in_favour,
        row.locally_inspected,
        row.public_interest,
        row.fee_imposed,
        ";".join(row.subjects),
        ";".join(s.id for s in row.statutes),
    ]


def rent_line(row: RegisterRentRow) -> list[str]:
    """A rent as one CSV line, in :data:`RENT_COLUMNS` order."""
    return [
        str(row.id),
        str(row.decision_id),
        str(row.municipality_code),
        municipality_name(row.municipality_code),
        row.tribunal,
        row.decided_on.isoformat(),
        row.street,
        row.number,
        row.floor,
        row.door,
        str(row.postcode),
        row.method,
        row.category,
        row.declaration,
        str(row.amount),
        str(row.area),
        row.rent_from.isoformat() if row.rent_from else "",
    ]
