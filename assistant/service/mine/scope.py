"""What a viewer of Mine sager may see: the one place that decides, which every page asks.

A viewer signed in by e-mail sees the cases that address filed (as filer or representative)
and the open drafts whose filer gave it, which they may continue;
one signed in by a case's access code sees that case as its filer; one signed in by a hearing
code sees only that hearing: its letter, its material, its deadline and their own replies.
Anything else, whether it does not exist or is someone else's, is refused the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from assistant.service import codes
from casestore import AccessCodeRow, DraftRow, PartyCase, PartyHearing, PartyMessage, Tx
from statemachine.errors import AuthenticationError, NotFoundError
from statemachine.text import N_, t

SIGNED_OUT = N_("You are not signed in to Mine sager on this browser, or your sign-in has ended.")
NOT_HERE = N_("There is no case or document here that you can see.")

ViewerKind = Literal["email", "case", "hearing"]
"""How a viewer signed in: by a mailed code, by the case's code, by a hearing code."""


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking, and what their sign-in opens."""

    kind: ViewerKind
    """How they signed in."""
    expires_at: datetime
    """When the sign-in ends."""
    email: str | None = None
    """For ``email``: the address."""
    access: AccessCodeRow | None = None
    """For ``case`` and ``hearing``: what the code opens."""


@dataclass(frozen=True, slots=True)
class Opened:
    """One case as a viewer may see it: which of its parties they are, and what they read."""

    case: PartyCase
    """The case, as listed."""
    party_ids: tuple[int, ...]
    """The viewer's parties in it."""
    hearing_id: int | None
    """For a hearing code: the only hearing they see."""
    messages: list[PartyMessage]
    """The messages they may read, oldest first."""
    hearings: list[PartyHearing]
    """Their hearings (for a hearing code, only that one)."""
    files: frozenset[str]
    """The ids of the case's files they may open."""


def viewer_of(tx: Tx, token: str | None) -> Viewer:
    """The viewer a browser's token signs in.

    Raises:
        AuthenticationError: no token, or its sign-in ended or its code was revoked.
    """
    found = None if not token else tx.party_session(codes.digest(token))
    if found is None:
        raise AuthenticationError(t(SIGNED_OUT))
    if found.access is None:
        return Viewer("email", found.expires_at, email=found.email)
    kind: ViewerKind = "hearing" if found.access.kind == "hearing" else "case"
    return Viewer(kind, found.expires_at, access=found.access)


def cases_of(tx: Tx, viewer: Viewer, today: date) -> list[PartyCase]:
    """The cases a viewer may open, newest first."""
    if viewer.email is not None:
        return tx.cases_of_email(viewer.email, today=today)
    assert viewer.access is not None
    return [tx.party_case(viewer.access.case_id, _code_parties(tx, viewer.access), today=today)]


def drafts_of(tx: Tx, viewer: Viewer) -> list[DraftRow]:
    """The open drafts a viewer may continue, last saved first: for an address, those whose
    filer gave it; a case's or a hearing's code opens none."""
    if viewer.email is None:
        return []
    return tx.open_drafts_of_email(viewer.email)


def open_draft(tx: Tx, viewer: Viewer, draft_id: str) -> DraftRow:
    """One open draft the viewer may continue.

    Raises:
        NotFoundError: there is no such open draft, or the viewer may not continue it (the
            same).
    """
    found = next((d for d in drafts_of(tx, viewer) if d.id == draft_id), None)
    if found is None:
        raise NotFoundError(t(NOT_HERE))
    return found


def open_case(tx: Tx, viewer: Viewer, number: str, today: date) -> Opened:
    """One case as the viewer may see it.

    Raises:
        NotFoundError: there is no such case, or the viewer may not see it (the same).
    """
    found = next((c for c in cases_of(tx, viewer, today) if c.number == number), None)
    if found is None:
        raise NotFoundError(t(NOT_HERE))
    parties = found.party_ids
    hearing_id = None
    if viewer.kind == "hearing":
        assert viewer.access is not None
        hearing_id = viewer.access.hearing_id
        hearings = [h for h in tx.party_hearings(found.case_id, parties) if h.id == hearing_id]
        replies = tx.party_messages(found.case_id, parties)
        messages = [m for m in replies if m.direction == "in"]
    else:
        hearings = tx.party_hearings(found.case_id, parties)
        messages = tx.party_messages(found.case_id, parties)
    files = {a for m in messages for a in m.attachments}
    files |= {a for h in hearings for a in h.material}
    if viewer.kind != "hearing":
        # The filer's own documents: those filed with the case, from its draft.
        files |= {a.id for a in tx.case_attachments(found.case_id) if a.draft_id is not None}
    return Opened(found, parties, hearing_id, messages, hearings, frozenset(files))


def _code_parties(tx: Tx, access: AccessCodeRow) -> tuple[int, ...]:
    """The parties an access code speaks for: its own; else a hearing code's heard party,
    and a case code's filer side."""
    if access.party_id is not None:
        return (access.party_id,)
    if access.kind == "hearing":
        everyone = list(tx.party_names(access.case_id))
        heard = tx.party_hearings(access.case_id, everyone)
        return tuple(h.party_id for h in heard if h.id == access.hearing_id)
    return tuple(tx.filer_parties(access.case_id))
