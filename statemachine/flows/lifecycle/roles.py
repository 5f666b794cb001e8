"""Staff roles, and what each may do besides lifecycle steps (assigning, notes, messages, …).

Who may take each *step* is said with the step (``steps.STEPS``); this module says who may do
the rest. Every staff route asks :func:`may` (or the step's ``roles``) in one place, on the
server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from statemachine.errors import UnknownIdError
from statemachine.text import N_, Text, t

LABELS: Final[Mapping[str, str]] = {
    "caseworker": N_("Caseworker"),
    "lead": N_("Secretariat lead"),
    "board_member": N_("Board member"),
    "admin": N_("Administrator"),
}
"""Each role's label (a msgid)."""

ROLES: Final[tuple[str, ...]] = tuple(LABELS)
"""Every role id: ``caseworker`` and ``lead`` work cases (a lead also reopens, puts on the
agenda, decides and publishes); a ``board_member`` reads their tribunals' cases and adds
notes; an ``admin`` reads and manages staff but takes no step."""

_WORKERS: Final = frozenset({"caseworker", "lead"})

ACTIONS: Final[Mapping[str, frozenset[str]]] = {
    "read": frozenset(ROLES),
    "assign": _WORKERS,
    "bulk_assign": frozenset({"lead"}),
    "note": frozenset({"caseworker", "lead", "board_member"}),
    "message": _WORKERS,
    "hearing": _WORKERS,
    "manage_staff": frozenset({"admin"}),
}
"""Who may do each action that is not a lifecycle step:

- ``read``: open the queue and cases of one's own tribunals (everyone);
- ``assign``: assign a case (``POST …/assign``); a caseworker may assign only to themselves,
  which the route checks, since it knows who the assignee is;
- ``bulk_assign``: assign many cases at once (a lead);
- ``note``: add an internal note that parties never see;
- ``message``: write to the parties;
- ``hearing``: send material to the counterparty for a hearing (partshøring);
- ``manage_staff``: add and revoke staff (an admin)."""


def may(role: str, action: str) -> bool:
    """Whether a role may do an action that is not a lifecycle step.

    Args:
        role: a role id.
        action: an id in :data:`ACTIONS`, e.g. ``note``.

    Returns:
        True when the role may; False for a role that may not, or an unknown role.

    Raises:
        UnknownIdError: no action has that id (a typo in the caller, not a refusal).
    """
    try:
        return role in ACTIONS[action]
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no staff action called {value}. Use one of: {valid}.",
                value=action,
                valid=", ".join(ACTIONS),
            )
        ) from None


def role_label(role: str) -> Text:
    """The label of a role, e.g. "Caseworker".

    Raises:
        UnknownIdError: no role has that id; the message lists the valid ids.
    """
    try:
        return Text(LABELS[role])
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no staff role called {value}. Use one of: {valid}.",
                value=role,
                valid=", ".join(ROLES),
            )
        ) from None
