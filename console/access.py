"""Who may do what on the staff side: the one place every staff call is checked.

Every desk method (:mod:`console.desk`) calls :func:`authorize` before it reads a case for
the caller or changes anything, and the HTTP views only reach the desk with a :class:`Staff`
that :func:`authenticate` gave them. Two checks, in this order:

1. **Scope**: a case belongs to one tribunal, and the caller must belong to it. A case of
   another tribunal is answered as if it did not exist (404), so its number tells nothing.
2. **Role**: what each role may do (:data:`ACTIONS`; a lifecycle step by the step's own
   roles). Refused with 403 and a plain sentence.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal, Protocol

from statemachine.errors import AccessError, AuthenticationError, NotFoundError
from statemachine.flows import lifecycle
from statemachine.text import N_, t

Action = Literal[
    "read",
    "note",
    "message",
    "hearing",
    "assign",
    "assign_other",
    "bulk_assign",
    "outbox",
    "step",
    "export",
    "meeting",
    "anonymise",
]
"""What a staff call does to a case (or, for ``outbox``, to the service)."""

ACTIONS: Final[Mapping[str, frozenset[str]]] = {
    **lifecycle.ACTIONS,
    "assign_other": frozenset({"lead"}),
    "outbox": frozenset({"lead", "admin"}),
    "export": frozenset({"caseworker", "lead", "admin"}),
    "meeting": frozenset({"lead"}),
    "anonymise": frozenset({"caseworker", "lead"}),
}
"""The roles that may do each action: the lifecycle's (:data:`statemachine.flows.lifecycle.
ACTIONS`), and those only the staff API knows of: assigning a case to someone other than
oneself (or to nobody), the dead letters of the outbox, and a case's export for the ESDH (not a
board member's). Planning the board's meetings (a meeting, its agenda, its summons) is
``meeting``: a lead's. Reviewing and accepting a decision's anonymisation is ``anonymise``:
a caseworker's or a lead's. ``step`` is the step's own ``roles``
(:data:`statemachine.flows.lifecycle.STEPS`)."""

NO_TOKEN = N_(
    "This request needs a staff token, sent as 'Authorization: Bearer <token>'. Ask your "
    "administrator for one (naevn staff add)."
)
UNKNOWN_TOKEN = N_(
    "This token does not belong to any staff member. Check that you copied all of it, or ask "
    "your administrator for a new one."
)
REVOKED = N_("This staff token has been revoked. Ask your administrator for a new one.")
OUT_OF_SCOPE = N_("There is no case {number} in your tribunals.")
NO_MEETING_HERE = N_("There is no meeting {id} in your tribunals.")
NOT_YOUR_ROLE = N_("Your role ({role}) may not do this.")
NOT_YOUR_STEP = N_("Your role ({role}) may not take the step “{step}”.")


@dataclass(frozen=True)
class Staff:
    """A signed-in staff member, as every desk method gets them."""

    id: int
    """The staff id."""
    name: str
    """Their name, as colleagues see it."""
    role: str
    """One of :data:`statemachine.flows.lifecycle.ROLES`."""
    tribunals: tuple[str, ...]
    """The codes of the tribunals they belong to (``hln-101``)."""

    @property
    def actor(self) -> str:
        """How the audit trail names them: ``staff:<id>``."""
        return f"staff:{self.id}"


class StaffRecord(Protocol):
    """What the store gives for a staff member (``casestore`` ``StaffRow``)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def tribunals(self) -> tuple[str, ...]: ...
    @property
    def revoked_at(self) -> object | None: ...


class StaffLookup(Protocol):
    """The one store call :func:`authenticate` needs (``casestore.Tx.staff_by_token``)."""

    def staff_by_token(self, token_hash: str) -> StaffRecord:
        """The staff member with this token hash; NotFoundError if none."""
        ...


def token_hash(token: str) -> str:
    """The hex sha256 a staff token is stored (and looked up) under."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A fresh staff token: 32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def authenticate(tx: StaffLookup, token: str | None) -> Staff:
    """The staff member a bearer token belongs to.

    A filer's token is simply unknown here: filers and staff are looked up in different
    tables.

    Raises:
        AuthenticationError: no token, a blank one, or one that is nobody's (401).
        AccessError: the token was revoked (403).
    """
    if token is None or not token.strip():
        raise AuthenticationError(t(NO_TOKEN))
    digest = token_hash(token.strip())
    try:
        row = tx.staff_by_token(digest)
    except NotFoundError:
        raise AuthenticationError(t(UNKNOWN_TOKEN)) from None
    if row.revoked_at is not None:
        raise AccessError(t(REVOKED))
    return Staff(row.id, row.name, row.role, tuple(row.tribunals))


def same_token(token: str, digest: str) -> bool:
    """Whether ``token`` hashes to ``digest``, compared in constant time."""
    return hmac.compare_digest(token_hash(token), digest)


def authorize(
    staff: Staff,
    action: Action,
    tribunal: str | None = None,
    *,
    number: str = "",
    step: str | None = None,
    on_agenda: bool = False,
) -> None:
    """Refuse unless ``staff`` may do ``action`` on a case of ``tribunal``.

    A board member reaches a case only while it is on the agenda of a meeting of one of
    their tribunals (``on_agenda``, which the caller looks up); any other case of their
    tribunals is answered as one that does not exist.

    Args:
        staff: the caller.
        action: what they are about to do.
        tribunal: the case's tribunal code; None for a call about no case.
        number: the case number, for the message.
        step: for ``action="step"``, the lifecycle step (known: the desk checks first).
        on_agenda: whether the case is on an agenda of the caller's tribunals' meetings
            (asked only of a board member).

    Raises:
        NotFoundError: the case is not in one of the caller's tribunals (404, as for a case
            that does not exist).
        AccessError: the caller's role may not do it (403).
    """
    if tribunal is not None and tribunal not in staff.tribunals:
        raise NotFoundError(t(OUT_OF_SCOPE, number=number))
    role = lifecycle.role_label(staff.role)
    if action == "step":
        spec = lifecycle.STEPS.get(step or "")
        if spec is None or staff.role not in spec.roles:
            label = lifecycle.step_label(step) if spec is not None and step else step or ""
            raise AccessError(t(NOT_YOUR_STEP, role=role, step=label))
        return
    if staff.role not in ACTIONS[action]:
        raise AccessError(t(NOT_YOUR_ROLE, role=role))
    if staff.role == "board_member" and tribunal is not None and not on_agenda:
        raise NotFoundError(t(OUT_OF_SCOPE, number=number))


def authorize_meeting(staff: Staff, action: Action, tribunal: str, meeting_id: int) -> None:
    """Refuse unless ``staff`` may do ``action`` (``read`` or ``meeting``) on a meeting of
    ``tribunal``: another tribunal's meeting is answered as one that does not exist (404).

    Raises:
        NotFoundError: the meeting is not of one of the caller's tribunals.
        AccessError: the caller's role may not (403).
    """
    if tribunal not in staff.tribunals:
        raise NotFoundError(t(NO_MEETING_HERE, id=meeting_id))
    if staff.role not in ACTIONS[action]:
        raise AccessError(t(NOT_YOUR_ROLE, role=lifecycle.role_label(staff.role)))


def scoped(staff: Staff, tribunals: tuple[str, ...]) -> tuple[str, ...]:
    """The caller's tribunals narrowed to ``tribunals`` (all of theirs when empty): what a
    queue query may ever see."""
    if not tribunals:
        return staff.tribunals
    return tuple(code for code in tribunals if code in staff.tribunals)
