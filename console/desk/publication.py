"""Publication: the lifecycle step ``publish`` writes the public registers from the case's
current decision and its accepted anonymised text, in the same transaction; a correction of a
published decision is published again as a new register version, the old one kept withdrawn.

The anonymised text is the anonymisation's accepted preview of the current decision version
(:meth:`Publication._public_text`); without one the step is refused by the lifecycle's guard
``decision_anonymised``, and nothing is written.
"""

from __future__ import annotations

from dataclasses import replace

from casestore import DecisionRow, Tx
from console.access import Staff
from console.desk.anonymisation import accepted_text
from console.desk.casefile import Json, facts_of
from console.desk.changes import Changes
from console.desk.checks import at_version
from console.desk.publicfields import public_decision, public_pdf
from console.public.service import Registers
from statemachine.errors import ConflictError
from statemachine.flows import lifecycle
from statemachine.text import N_, t

NO_DECISION = N_("Case {number} has no registered decision to publish.")
NOT_PUBLISHED = N_("Case {number} is not published, so there is nothing to publish again.")
UP_TO_DATE = N_("The register already shows the current decision of case {number}.")
NOT_ANONYMISED = N_(
    "The corrected decision of case {number} must be anonymised before it is published."
)


class Publication(Changes):
    """The registers' side of the desk (a base of :class:`console.desk.Desk`).

    It takes the lifecycle step ``publish`` itself (:meth:`step` hands it to :meth:`publish`),
    so no path to ``published`` leaves the registers unwritten.
    """

    def registers(self) -> Registers:
        """The public registers over the desk's store, for the public pages and API."""
        return Registers(self._store)

    def step(
        self,
        staff: Staff,
        number: str,
        step: str,
        *,
        version: int,
        reason: str | None = None,
        text: str | None = None,
        lang: str = "da",
    ) -> Json:
        """``POST /cases/{number}/steps``, with ``publish`` taken by :meth:`publish`."""
        if step == "publish":
            return self.publish(staff, number, version=version, lang=lang)
        return super().step(
            staff, number, step, version=version, reason=reason, text=text, lang=lang
        )

    def publish(self, staff: Staff, number: str, *, version: int, lang: str = "da") -> Json:
        """Publish a decided case: the step ``publish``, and in the same transaction its
        decision in the Afgørelsesregister (with the anonymised PDF) and its rent in the
        Huslejeregister; the case after it.

        Raises:
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not publish (a lead may).
            ConflictError: a stale version, no registered decision, or the step not possible
                now: not decided, or the decision not anonymised (409).
        """
        today = self._clock()
        with self._store.begin() as tx:
            case_id = self._scope(tx, staff, number, "step", step="publish")[0]
            work = at_version(tx.casework(number), version)
            decision = tx.current_decision(case_id)
            if decision is None:
                raise ConflictError(t(NO_DECISION, number=number))
            text = self._public_text(tx, case_id, decision)
            # The accepted anonymised text of this very version is what the guard asks for.
            facts = replace(facts_of(work, staff, today), decision_anonymised=bool(text))
            change = lifecycle.apply(facts, lifecycle.Request("publish"))
            self._move(tx, staff, work, change, version, today)
            pdf = public_pdf(work, decision, text or "", today)
            tx.publish_decision(public_decision(work, decision), case_id=case_id, document=pdf)
            return self._case_json(tx, staff, tx.casework(number), lang)

    def republish(self, staff: Staff, number: str, *, lang: str = "da") -> Json:
        """Publish a corrected decision of a published case: a new register version with the
        correction's reason; the version it replaces stays readable, withdrawn. An audit line
        ``case.republished`` names both.

        Raises:
            NotFoundError: no such case in the caller's tribunals.
            AccessError: the role may not publish.
            ConflictError: the case is not published, the register already shows its current
                decision, or the correction is not anonymised yet (409).
        """
        today = self._clock()
        with self._store.begin() as tx:
            case_id, _, status, _ = self._scope(tx, staff, number, "step", step="publish")
            if status != lifecycle.FINAL:
                raise ConflictError(t(NOT_PUBLISHED, number=number))
            work = tx.casework(number)
            decision = tx.current_decision(case_id)
            listed = tx.listed_decision_of(number)
            if decision is None:
                raise ConflictError(t(NO_DECISION, number=number))
            if listed is not None and listed.version >= decision.version:
                raise ConflictError(t(UP_TO_DATE, number=number))
            text = self._public_text(tx, case_id, decision)
            if not text:
                raise ConflictError(t(NOT_ANONYMISED, number=number))
            published = tx.publish_decision(
                public_decision(work, decision),
                case_id=case_id,
                document=public_pdf(work, decision, text, today),
                reason=decision.correction_reason,
            )
            tx.record_event(
                "case.republished",
                case_id=case_id,
                actor=staff.actor,
                data={
                    "register_id": published.decision.id,
                    "withdrawn": published.withdrawn,
                    "decision": decision.version,
                    "reason": decision.correction_reason,
                },
            )
            return self._case_json(tx, staff, tx.casework(number), lang)

    def _public_text(self, tx: Tx, case_id: int, decision: DecisionRow) -> str | None:
        """The accepted anonymised text of ``decision``: what the register publishes.

        None until the anonymisation of this decision version is accepted.
        """
        return accepted_text(tx, case_id, decision)
