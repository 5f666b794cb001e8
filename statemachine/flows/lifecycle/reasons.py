"""Why a case leaves by an exit: the reason lists of dismissal, rejection, settlement and
withdrawal (domain.md §4.4), as ids with labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from statemachine.errors import UnknownIdError
from statemachine.text import N_, Text, t

OTHER: Final = "other"
"""The reason every list ends with; with it, the step needs a text saying what the reason is."""

_OTHER_LABEL: Final = N_("Another reason")

REASONS: Final[Mapping[str, Mapping[str, str]]] = {
    "dismissal": {
        "fee_not_paid": N_("The fee was not paid"),
        "no_reply_from_filer": N_("The filer did not reply"),
        "not_pursued": N_("The filer did not pursue the case"),
        OTHER: _OTHER_LABEL,
    },
    "rejection": {
        "outside_competence": N_("Outside the tribunal's competence"),
        "needs_evidence_in_court": N_("Needs evidence that only the housing court can take"),
        "no_prior_complaint": N_("No complaint to the housing organisation first"),
        "filed_too_late": N_("Filed too late"),
        OTHER: _OTHER_LABEL,
    },
    "settlement": {
        "agreed_by_parties": N_("The parties agreed between themselves"),
        "agreed_at_meeting": N_("The parties agreed at the meeting"),
        OTHER: _OTHER_LABEL,
    },
    "withdrawal": {
        "withdrawn_by_filer": N_("The filer withdrew the case"),
        OTHER: _OTHER_LABEL,
    },
}
"""Each reason list by name, its reasons by id with their labels (msgids), in the order a
console offers them. No official list of reason codes exists (domain.md §4.4); these follow
the grounds the municipalities name: an unpaid fee, a case outside the tribunal's competence
or needing evidence in court, a beboerklagenævn complaint with no approach to the housing
organisation first."""


def reason_ids(reason_list: str) -> tuple[str, ...]:
    """The reason ids of one list, in order.

    Args:
        reason_list: ``dismissal``, ``rejection``, ``settlement`` or ``withdrawal``.

    Raises:
        UnknownIdError: there is no such list.
    """
    return tuple(_list(reason_list))


def label(reason_list: str, reason: str) -> Text:
    """The label of a reason in a list.

    Args:
        reason_list: the list's name.
        reason: a reason id of that list.

    Raises:
        UnknownIdError: no such list, or the reason is not in it; the message lists the ids.
    """
    reasons = _list(reason_list)
    if reason not in reasons:
        raise UnknownIdError(
            t(
                "There is no reason called {value}. Use one of: {valid}.",
                value=reason,
                valid=", ".join(reasons),
            )
        )
    return Text(reasons[reason])


def _list(reason_list: str) -> Mapping[str, str]:
    try:
        return REASONS[reason_list]
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no reason list called {value}. Use one of: {valid}.",
                value=reason_list,
                valid=", ".join(REASONS),
            )
        ) from None
