"""The lifecycle's steps as a caseworker sees them: label, who may, and what each needs.

Where a step leads, and on which conditions, is in the flow data (``flow.LIFECYCLE``); this
module says what a console shows and asks for: the step's label, the roles that may take it,
the reason list it picks from, and whether it needs a free text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from statemachine.errors import UnknownIdError
from statemachine.flows.lifecycle import reasons
from statemachine.text import N_, Text, t

_WORKERS: Final = frozenset({"caseworker", "lead"})
_LEAD: Final = frozenset({"lead"})


@dataclass(frozen=True)
class StepSpec:
    """What one step needs from the person taking it."""

    label: str
    """What the step is called on a button or in a menu (a msgid)."""
    roles: frozenset[str]
    """The roles that may take it."""
    reason_list: str | None = None
    """The reason list (``reasons.REASONS``) the step picks from; None: no reason is asked."""
    needs_text: bool = False
    """Whether a free text is always needed (reopen: why). A reason ``other`` needs one too."""

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reason ids to pick from, in order; empty when no reason is asked."""
        return reasons.reason_ids(self.reason_list) if self.reason_list else ()

    @property
    def needs_reason(self) -> bool:
        """Whether a reason must be picked."""
        return self.reason_list is not None


STEPS: Final[Mapping[str, StepSpec]] = {
    "request_fee": StepSpec(N_("Ask for the fee"), _WORKERS),
    "register_fee": StepSpec(N_("Register the fee as paid"), _WORKERS),
    "assign": StepSpec(N_("Mark as assigned"), _WORKERS),
    "start_hearing": StepSpec(N_("Start the hearing"), _WORKERS),
    "end_hearing": StepSpec(N_("End the hearing"), _WORKERS),
    "plan_inspection": StepSpec(N_("Plan an inspection"), _WORKERS),
    "put_on_agenda": StepSpec(N_("Put on a meeting's agenda"), _LEAD),
    "decide": StepSpec(N_("Record the decision"), _LEAD),
    "publish": StepSpec(N_("Publish the decision"), _LEAD),
    "dismiss": StepSpec(N_("Dismiss the case"), _WORKERS, reason_list="dismissal"),
    "reject": StepSpec(N_("Reject the case"), _WORKERS, reason_list="rejection"),
    "settle": StepSpec(N_("Close with a settlement"), _WORKERS, reason_list="settlement"),
    "withdraw": StepSpec(N_("Record a withdrawal"), _WORKERS, reason_list="withdrawal"),
    "reopen": StepSpec(N_("Reopen the case"), _LEAD, needs_text=True),
}
"""Every step by id, in the order a console lists them: the way to a decision first, then the
exits, then reopening. A board member and an admin take no step."""


def step(step_id: str) -> StepSpec:
    """The spec of a step.

    Raises:
        UnknownIdError: no step has that id; the message lists the valid ids.
    """
    try:
        return STEPS[step_id]
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no step called {value}. Use one of: {valid}.",
                value=step_id,
                valid=", ".join(STEPS),
            )
        ) from None


def step_label(step_id: str) -> Text:
    """The label of a step, e.g. "Dismiss the case".

    Raises:
        UnknownIdError: no step has that id.
    """
    return Text(step(step_id).label)


def reason_label(step_or_list: str, reason: str) -> Text:
    """The label of a reason, found by the step that picks it or by the list's name.

    Args:
        step_or_list: a step id (``dismiss``) or a reason list (``dismissal``).
        reason: the reason id, e.g. ``fee_not_paid``.

    Raises:
        UnknownIdError: the step picks no reason, or there is no such list or reason.
    """
    if step_or_list in reasons.REASONS:
        return reasons.label(step_or_list, reason)
    spec = step(step_or_list)
    if spec.reason_list is None:
        raise UnknownIdError(t("The step “{step}” takes no reason.", step=Text(spec.label)))
    return reasons.label(spec.reason_list, reason)
