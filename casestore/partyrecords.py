"""Plain records of Mine sager: access codes, mailed sign-in codes, sessions, a party's cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class AccessCodeRow:
    """A working access code (never the code itself, only what it opens)."""

    id: int
    """The code's id."""
    case_id: int
    """The case it opens."""
    number: str
    """That case's number."""
    kind: str
    """``case`` (the filer's, from the receipt) or ``hearing`` (a counterparty's)."""
    party_id: int | None
    """The party it was given to, if known."""
    hearing_id: int | None
    """For a hearing code, the hearing whose material it opens."""
    expires_at: datetime | None
    """When it stops working; None: it does not expire."""


@dataclass(frozen=True, slots=True)
class SigninCodeRow:
    """The latest mailed sign-in code of an address that may still be used."""

    id: int
    """The code's id."""
    email: str
    """The address it was mailed to (normalised)."""
    code_hash: str
    """The digest of the code."""
    expires_at: datetime
    """When it stops working."""
    tries: int
    """How many wrong codes were typed against it."""


@dataclass(frozen=True, slots=True)
class PartySessionRow:
    """A browser signed in to Mine sager."""

    id: int
    """The session's id."""
    email: str | None
    """Signed in by e-mail: the address (all its cases)."""
    access: AccessCodeRow | None
    """Signed in by an access code: what it opens."""
    expires_at: datetime
    """When the sign-in ends by itself."""


@dataclass(frozen=True, slots=True)
class PartyCase:
    """One case of a party, as Mine sager lists it."""

    case_id: int
    """The internal case id."""
    number: str
    """The case number."""
    case_type: str
    """The main case type id."""
    status: str
    """The lifecycle status."""
    filed_at: datetime
    """When the case was filed (UTC)."""
    party_ids: tuple[int, ...]
    """The viewer's parties in the case (the filer, or their representative)."""
    next_deadline: date | None
    """The end of the case's earliest deadline from the day asked about on."""


@dataclass(frozen=True, slots=True)
class PartyMessage:
    """A message a party may read: one the secretariat sent them (or all), or their reply."""

    id: int
    """The message id."""
    direction: str
    """``out`` (from the secretariat) or ``in`` (a party's reply)."""
    party_id: int | None
    """For a reply, who sent it."""
    subject: str
    """The subject line (empty for replies)."""
    body: str
    """The text."""
    attachments: list[str]
    """The ids of the case's attachments with it."""
    at: datetime
    """When it was sent (UTC)."""
    late: bool
    """A hearing reply sent after its deadline."""


@dataclass(frozen=True, slots=True)
class PartyHearing:
    """A hearing as its party sees it."""

    id: int
    """The hearing id."""
    party_id: int
    """The party heard."""
    started_at: datetime
    """When the material was sent (UTC)."""
    reply_due: date
    """The last day for a reply."""
    material: list[str]
    """The ids of the attachments sent."""
    note: str
    """The covering letter's text."""
    replied_at: datetime | None
    """When the party first replied."""


@dataclass(frozen=True, slots=True)
class PartyDeadline:
    """A deadline of a case, as a party is told it."""

    rule: str
    """The rule id."""
    event: str
    """What starts it."""
    ends: date
    """The last day."""
    status: str
    """The deadline's status as computed."""
    consequence: str
    """What happens if it is missed."""
