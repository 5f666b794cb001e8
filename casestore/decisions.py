"""A case's decision, version by version: the draft the caseworker edits, registering it, and
corrections that add a version and keep the ones before (methods of :class:`casestore.Tx`).

A case has at most one draft at a time, always its highest version. Registering turns the
draft into the case's current decision (:meth:`DecisionQueries.current_decision`: its highest
registered version) with a ``case.decision`` audit line, or ``case.decision_corrected`` with
the reason when a registered version came before. A registered version is never changed.

What is valid, and who may, the caller (the desk) has decided: the store records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select, update

from casestore import rows
from casestore.decisionrecords import (
    BOX_COLUMNS,
    DRAFT,
    REGISTERED,
    TEXT_COLUMNS,
    DecisionRow,
)
from casestore.models import DEADLINES, DECISIONS, EVENTS
from casestore.txbase import TxBase
from statemachine.errors import ConflictError, NotFoundError
from statemachine.text import N_, t

NO_DRAFT = N_("This case has no draft decision to register.")
STALE_DRAFT = N_(
    "The draft decision was changed by someone else since you opened it. Open it again."
)
NO_DECISION_VERSION = N_("This case has no decision version {version}.")

_COLUMNS = tuple(DECISIONS.c[f.name] for f in fields(DecisionRow))
_EDITABLE = frozenset((*BOX_COLUMNS, *TEXT_COLUMNS))


class DecisionQueries(TxBase):
    """A case's decision versions (methods of :class:`casestore.Tx`)."""

    def decision_versions(self, case_id: int) -> list[DecisionRow]:
        """Every version of the case's decision, the first first (drafts too)."""
        found = self._conn.execute(
            select(*_COLUMNS).where(DECISIONS.c.case_id == case_id).order_by(DECISIONS.c.version)
        )
        return [_row(r) for r in found]

    def current_decision(self, case_id: int) -> DecisionRow | None:
        """The case's decision as it stands: its highest registered version; None if none."""
        found = self._conn.execute(
            select(*_COLUMNS)
            .where(DECISIONS.c.case_id == case_id, DECISIONS.c.state == REGISTERED)
            .order_by(DECISIONS.c.version.desc())
            .limit(1)
        ).first()
        return None if found is None else _row(found)

    def decision_draft(self, case_id: int) -> DecisionRow | None:
        """The case's draft decision, if it has one (always its highest version)."""
        found = self._conn.execute(
            select(*_COLUMNS)
            .where(DECISIONS.c.case_id == case_id)
            .order_by(DECISIONS.c.version.desc())
            .limit(1)
        ).first()
        if found is None or found.state != DRAFT:
            return None
        return _row(found)

    def save_decision_draft(
        self,
        case_id: int,
        values: Mapping[str, Any],
        *,
        actor: str,
        expected_version: int | None = None,
        correction_reason: str | None = None,
    ) -> DecisionRow:
        """Save the case's draft decision: the open draft is updated, or a new version starts
        (after the registered ones, which stay as they are).

        Args:
            values: box fields and free texts (:data:`BOX_COLUMNS`, :data:`TEXT_COLUMNS`);
                every box field is written, the missing ones as NOT_SET or empty.
            actor: who saves it.
            expected_version: the draft's version the caller edited, if it edited one; a
                different open draft is refused.
            correction_reason: why a new version corrects the registered one.

        Raises:
            ConflictError: the open draft is not at ``expected_version``.
        """
        self._need_write()
        unknown = set(values) - _EDITABLE
        if unknown:
            raise ValueError(f"not a decision field: {sorted(unknown)}")
        now = self._now()
        box = _fields(values)
        draft = self.decision_draft(case_id)
        if draft is not None:
            if expected_version is not None and draft.version != expected_version:
                raise ConflictError(t(STALE_DRAFT))
            reason = correction_reason if correction_reason is not None else draft.correction_reason
            self._conn.execute(
                update(DECISIONS)
                .where(DECISIONS.c.id == draft.id)
                .values(**box, correction_reason=reason, updated_at=now)
            )
            return self._decision(draft.id)
        last = self._conn.execute(
            select(func.max(DECISIONS.c.version)).where(DECISIONS.c.case_id == case_id)
        ).scalar()
        new = {"case_id": case_id, "version": int(last or 0) + 1, "state": DRAFT}
        new |= {"created_at": now, "created_by": actor, "updated_at": now}
        new |= {"correction_reason": correction_reason}
        decision_id = self._conn.execute(
            insert(DECISIONS).returning(DECISIONS.c.id), {**new, **box}
        ).scalar_one()
        return self._decision(decision_id)

    def record_decision(
        self,
        case_id: int,
        *,
        version: int,
        actor: str,
        notified_on: date,
        document_id: str | None,
        deadline: Mapping[str, Any] | None = None,
    ) -> DecisionRow:
        """Register the case's draft as its current decision, with its audit line; the draft
        must be at ``version``.

        Args:
            version: the draft's version, as the caller read it.
            actor: who registers it.
            notified_on: the day the parties are sent it.
            document_id: the decision PDF as a file of the case.
            deadline: the appeal deadline from ``notified_on`` (the deadline JSON structure),
                added to the case's deadlines.

        Raises:
            NotFoundError: the case has no draft decision.
            ConflictError: the draft is not at ``version``.
        """
        self._need_write()
        draft = self.decision_draft(case_id)
        if draft is None:
            raise NotFoundError(t(NO_DRAFT))
        if draft.version != version:
            raise ConflictError(t(STALE_DRAFT))
        earlier = self.current_decision(case_id)
        now = self._now()
        self._conn.execute(
            update(DECISIONS)
            .where(DECISIONS.c.id == draft.id, DECISIONS.c.state == DRAFT)
            .values(
                state=REGISTERED,
                registered_at=now,
                registered_by=actor,
                notified_on=notified_on,
                document_id=document_id,
                updated_at=now,
            )
        )
        data: dict[str, Any] = {"decision": draft.id, "version": draft.version}
        data |= {"outcome": draft.outcome, "document": document_id}
        kind = "case.decision"
        if earlier is not None:
            kind = "case.decision_corrected"
            data |= {"replaces": earlier.version, "reason": draft.correction_reason}
        values = {"case_id": case_id, "draft_id": None, "kind": kind, "actor": actor}
        self._conn.execute(insert(EVENTS), {**values, "at": now, "data": data})
        if deadline is not None:
            self._conn.execute(insert(DEADLINES), rows.deadline_values(case_id, [dict(deadline)]))
        return self._decision(draft.id)

    def decision_version(self, case_id: int, version: int) -> DecisionRow:
        """One version of the case's decision.

        Raises:
            NotFoundError: no such version.
        """
        found = self._conn.execute(
            select(*_COLUMNS).where(DECISIONS.c.case_id == case_id, DECISIONS.c.version == version)
        ).first()
        if found is None:
            raise NotFoundError(t(NO_DECISION_VERSION, version=version))
        return _row(found)

    def _decision(self, decision_id: int) -> DecisionRow:
        found = self._conn.execute(select(*_COLUMNS).where(DECISIONS.c.id == decision_id)).one()
        return _row(found)


def _fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Every box column and free text from ``values``: lists as lists, a missing list field
    as NOT_SET, a missing optional as None."""
    out: dict[str, Any] = {}
    for name in BOX_COLUMNS:
        value = values.get(name)
        if name in ("subjects", "statutes"):
            out[name] = list(value or ())
        elif name in (
            "outcome",
            "in_favour",
            "fee_imposed",
            "locally_inspected",
            "public_interest",
        ):
            out[name] = value or "NOT_SET"
        else:
            out[name] = value
    for name in TEXT_COLUMNS:
        out[name] = values.get(name)
    return out


def _row(found: Any) -> DecisionRow:
    data = dict(found._mapping)
    data["subjects"] = tuple(data["subjects"] or ())
    data["statutes"] = tuple(data["statutes"] or ())
    return DecisionRow(**data)


__all__ = ["DecisionQueries", "DecisionRow"]
