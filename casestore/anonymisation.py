"""A decision version's anonymisation: the replacements the caseworker reviewed, saved and
accepted for publication (methods of :class:`casestore.Tx`).

Each save and each acceptance writes an audit line in the same transaction
(``case.anonymisation_saved``, ``case.anonymised``) and moves the row's version on, so a stale
preview is refused. What the replacements may be, and who may, the desk has decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select, update

from casestore.anonymisationrecords import ACCEPTED, PROPOSED, SPAN_FIELDS, AnonymisationRow
from casestore.models import ANONYMISATIONS, EVENTS
from casestore.txbase import TxBase
from statemachine.errors import ConflictError
from statemachine.text import N_, t

STALE = N_("The anonymisation was changed by someone else since you opened it. Open it again.")

_COLUMNS = tuple(
    ANONYMISATIONS.c[name]
    for name in (
        "id",
        "case_id",
        "decision_version",
        "version",
        "state",
        "text",
        "spans",
        "updated_at",
        "updated_by",
        "accepted_at",
        "accepted_by",
    )
)


class AnonymisationQueries(TxBase):
    """A case's anonymisations (methods of :class:`casestore.Tx`)."""

    def anonymisation_of(self, case_id: int, decision_version: int) -> AnonymisationRow | None:
        """The saved anonymisation of one decision version; None if none was saved."""
        found = self._conn.execute(
            select(*_COLUMNS).where(
                ANONYMISATIONS.c.case_id == case_id,
                ANONYMISATIONS.c.decision_version == decision_version,
            )
        ).first()
        return None if found is None else _row(found)

    def save_anonymisation(
        self,
        case_id: int,
        decision_version: int,
        *,
        text: str,
        spans: Sequence[Mapping[str, Any]],
        actor: str,
        expected_version: int,
    ) -> AnonymisationRow:
        """Save the replacements of a decision version's text, as proposed (an accepted
        preview that is changed must be accepted again).

        Args:
            text: the text the spans lie in.
            spans: every replacement, kept or not (keys :data:`SPAN_FIELDS`).
            actor: who saves them.
            expected_version: the version the caller read; 0 for one never saved.

        Raises:
            ConflictError: the saved anonymisation is not at ``expected_version``.
        """
        self._need_write()
        now = self._now()
        stored = [{name: span[name] for name in SPAN_FIELDS} for span in spans]
        saved = self.anonymisation_of(case_id, decision_version)
        if (saved.version if saved else 0) != expected_version:
            raise ConflictError(t(STALE))
        values = {"text": text, "spans": stored, "state": PROPOSED, "updated_at": now}
        values |= {"updated_by": actor, "accepted_at": None, "accepted_by": None}
        if saved is None:
            row_id = self._conn.execute(
                insert(ANONYMISATIONS).returning(ANONYMISATIONS.c.id),
                {
                    "case_id": case_id,
                    "decision_version": decision_version,
                    "version": 1,
                    "created_at": now,
                    **values,
                },
            ).scalar_one()
        else:
            row_id = saved.id
            self._change_anonymisation(saved, values)
        kept = sum(1 for span in stored if span["kept"])
        self._audit_anonymisation(
            case_id,
            "case.anonymisation_saved",
            actor,
            {"decision": decision_version, "kept": kept, "reverted": len(stored) - kept},
        )
        return self._anonymisation(row_id)

    def accept_anonymisation(
        self, case_id: int, decision_version: int, *, actor: str, expected_version: int
    ) -> AnonymisationRow:
        """Accept the saved preview of a decision version for publication.

        Raises:
            ConflictError: none is saved, or it is not at ``expected_version``.
        """
        self._need_write()
        saved = self.anonymisation_of(case_id, decision_version)
        if saved is None or saved.version != expected_version:
            raise ConflictError(t(STALE))
        now = self._now()
        self._change_anonymisation(
            saved, {"state": ACCEPTED, "accepted_at": now, "accepted_by": actor}
        )
        kept = sum(1 for span in saved.spans if span["kept"])
        self._audit_anonymisation(
            case_id, "case.anonymised", actor, {"decision": decision_version, "kept": kept}
        )
        return self._anonymisation(saved.id)

    def _change_anonymisation(self, saved: AnonymisationRow, values: Mapping[str, Any]) -> None:
        changed = self._conn.execute(
            update(ANONYMISATIONS)
            .where(ANONYMISATIONS.c.id == saved.id, ANONYMISATIONS.c.version == saved.version)
            .values(**values, version=saved.version + 1)
        )
        if changed.rowcount != 1:
            raise ConflictError(t(STALE))

    def _audit_anonymisation(
        self, case_id: int, kind: str, actor: str, data: dict[str, Any]
    ) -> None:
        values = {"case_id": case_id, "draft_id": None, "kind": kind, "actor": actor}
        self._conn.execute(insert(EVENTS), {**values, "at": self._now(), "data": data})

    def _anonymisation(self, row_id: int) -> AnonymisationRow:
        found = self._conn.execute(select(*_COLUMNS).where(ANONYMISATIONS.c.id == row_id)).one()
        return _row(found)


def _row(found: Any) -> AnonymisationRow:
    data = dict(found._mapping)
    data["spans"] = tuple(data["spans"] or ())
    return AnonymisationRow(**data)


__all__ = ["AnonymisationQueries", "AnonymisationRow"]
