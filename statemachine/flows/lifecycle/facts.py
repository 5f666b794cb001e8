"""What a lifecycle step is given and gives back: the case's facts, the request, the change."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Facts:
    """What the lifecycle knows about one case, and who asks, on one day. The caller reads it
    from the store; the guards judge only this."""

    status: str
    """The case's status now (an id in ``statuses.STATUSES``)."""
    role: str
    """The role of the staff member asking (an id in ``roles.ROLES``)."""
    today: date
    """Today, for the hearing's reply deadline."""
    has_assignee: bool
    """Whether a caseworker is assigned (the assign route sets one in the same transaction)."""
    counterparty_reachable: bool
    """Whether a counterparty has a postal address or an e-mail address to send a hearing to."""
    reply_received: bool
    """Whether the counterparty has replied to the hearing."""
    reply_due: date | None
    """The hearing's reply deadline, or None when no hearing has been started."""
    decision_recorded: bool = False
    """Whether the board's decision is recorded (board meetings come in a later issue)."""
    decision_anonymised: bool = False
    """Whether the decision text is anonymised for publication (a later issue)."""


@dataclass(frozen=True)
class Request:
    """One step a staff member asks for."""

    step: str
    """The step id (``steps.STEPS``), e.g. ``dismiss``."""
    reason: str | None = None
    """The reason id from the step's list, for an exit."""
    text: str | None = None
    """Free text: why (needed to reopen, and with the reason ``other``; kept with any step)."""


@dataclass(frozen=True)
class Change:
    """What an applied step does: the new status, and the audit event's data to store with it
    (event kind ``case.step``, in the same transaction as the status)."""

    step: str
    """The step taken."""
    source: str
    """The status before."""
    dest: str
    """The status after."""
    data: dict[str, Any] = field(default_factory=dict)
    """The audit event's data: ``step``, ``from``, ``to``, and ``reason`` and ``text`` where
    given."""


@dataclass(frozen=True)
class Attempt:
    """What the lifecycle's guards get (as the engine step's ``value``): the facts, and the
    request being judged, or None when a console asks which steps to offer. Guards on the
    request (a reason given) hold while there is none: the console asks for the reason."""

    facts: Facts
    """The case's facts."""
    request: Request | None = None
    """The request, or None when only the offer is judged."""
