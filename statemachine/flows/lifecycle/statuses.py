"""The lifecycle's statuses: their ids, their labels, and which are open or closed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from statemachine.errors import UnknownIdError
from statemachine.text import N_, Text, t

LABELS: Final[Mapping[str, str]] = {
    "submitted": N_("Submitted"),
    "awaiting_fee": N_("Awaiting the fee"),
    "assigned": N_("Assigned"),
    "hearing": N_("In hearing"),
    "ready_for_meeting": N_("Ready for a meeting"),
    "inspection": N_("Inspection"),
    "on_agenda": N_("On the agenda"),
    "decided": N_("Decided"),
    "published": N_("Published"),
    "dismissed": N_("Dismissed"),
    "rejected": N_("Rejected"),
    "settled": N_("Settled"),
    "withdrawn": N_("Withdrawn"),
}
"""Each status's label (a msgid), in the order a case goes through them, exits last
(domain.md §4.3: INDBRAGT, AFVENTER_GEBYR, TILDELT, PARTSHOERING, KLAR_TIL_NAEVNSMOEDE,
BESIGTIGELSE, PAA_DAGSORDEN, AFGOERELSE_TRUFFET, PUBLICERET; henlagt, afvist, forlig,
trukket tilbage)."""

STATUSES: Final[tuple[str, ...]] = tuple(LABELS)
"""Every status id, in lifecycle order. The store writes ``submitted`` on a new case."""

EXITS: Final[tuple[str, ...]] = ("dismissed", "rejected", "settled", "withdrawn")
"""The closed exits: a case leaves the way to a decision here, each with a reason from its
list. A lead may reopen one (back to ``assigned``), saying why."""

FINAL: Final = "published"
"""The lifecycle's end: a decided case whose anonymised decision is public. Nothing leaves it."""

OPEN_STATUSES: Final[tuple[str, ...]] = tuple(s for s in STATUSES if s not in {FINAL, *EXITS})
"""The statuses in which the secretariat still works the case: every status but ``published``
and the exits. Any of them can be left by an exit."""

CLOSED_STATUSES: Final[tuple[str, ...]] = (FINAL, *EXITS)
"""The statuses nobody works any more: ``published`` and the four exits (of which only the exits
can be reopened). Together with :data:`OPEN_STATUSES`, every status once."""


def status_label(status: str) -> Text:
    """The label of a status, to translate at the edge.

    Args:
        status: a status id.

    Returns:
        Its label, e.g. "In hearing" for ``hearing``.

    Raises:
        UnknownIdError: no status has that id; the message lists the valid ids.
    """
    try:
        return Text(LABELS[status])
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no case status called {value}. Use one of: {valid}.",
                value=status,
                valid=", ".join(STATUSES),
            )
        ) from None
