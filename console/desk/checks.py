"""The checks a change to a case makes before it writes: the version, the texts, the parties,
the documents and the colleague; each refusal a plain sentence, nothing written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from casestore import CaseWork, Tx
from console.access import Staff
from console.desk.casefile import counterparties, reachable
from statemachine.engine.values import clean
from statemachine.errors import ConflictError, InvalidInputError, StepRefusedError
from statemachine.text import N_, t

STALE = N_("Someone else changed case {number} a moment ago. Please reload it and try again.")
NO_TEXT = N_("Write the {what}: it cannot be empty.")
TOO_LONG = N_("The {what} can be at most {most} characters.")
NOT_A_COLLEAGUE = N_("{name} does not work for this case's tribunal.")
NO_COLLEAGUE = N_("There is no staff member {id} in your tribunals.")
REVOKED_COLLEAGUE = N_("{name} no longer has access, so cases cannot be assigned to them.")
NOT_A_PARTY = N_("Case {number} has no party {party}.")
NO_COUNTERPARTY = N_("Case {number} has no counterparty to hear.")
NOBODY_REACHABLE = N_("None of the recipients has an e-mail or a postal address.")
NOT_THE_CASES = N_("Document {id} is not part of case {number}.")
UNREACHABLE = N_(
    "{name} has neither an e-mail nor a postal address, so no letter can reach them. Add one first."
)


def at_version(work: CaseWork, version: int) -> CaseWork:
    """The case, if it is still at the version the caller read.

    Raises:
        ConflictError: it changed since.
    """
    if work.version != version:
        raise ConflictError(t(STALE, number=work.number))
    return work


def written(text: str, what: str, most: int) -> str:
    """A text a staff member wrote, trimmed, without the characters no stored text keeps
    (control characters, direction overrides).

    Raises:
        InvalidInputError: empty, or longer than ``most``.
    """
    trimmed: str = clean(text).strip()
    if not trimmed:
        raise InvalidInputError(t(NO_TEXT, what=t(what)))
    if len(trimmed) > most:
        raise InvalidInputError(t(TOO_LONG, what=t(what), most=most))
    return trimmed


def check_material(work: CaseWork, ids: Sequence[str]) -> None:
    """Refuse a document that is not the case's.

    Raises:
        InvalidInputError: one of ``ids`` is no document of the case.
    """
    known = {a["id"] for a in work.attachments}
    for found in ids:
        if found not in known:
            raise InvalidInputError(t(NOT_THE_CASES, id=found, number=work.number))


def party_heard(work: CaseWork, party: int | None) -> dict[str, Any]:
    """The party a hearing goes to: the one named, or the first counterparty.

    Raises:
        InvalidInputError: no such party of the case, or one no letter can reach.
        StepRefusedError: the case has no counterparty.
    """
    if party is None:
        found = counterparties(work)
        if not found:
            raise StepRefusedError(t(NO_COUNTERPARTY, number=work.number))
        heard = next((p for p in found if reachable(p)), found[0])
    else:
        named = [p for p in work.parties if p["id"] == party]
        if not named:
            raise InvalidInputError(t(NOT_A_PARTY, number=work.number, party=party))
        heard = named[0]
    if not reachable(heard):
        raise InvalidInputError(t(UNREACHABLE, name=str(heard.get("name") or "")))
    return heard


def check_colleague(tx: Tx, staff: Staff, staff_id: int, court: str) -> None:
    """Refuse a colleague who is not of the case's tribunal, or no longer has access.

    Raises:
        InvalidInputError: not one of the caller's colleagues there, or revoked.
    """
    colleagues = {s.id: s for s in tx.list_staff(tribunals=staff.tribunals)}
    found = colleagues.get(staff_id)
    if found is None:
        raise InvalidInputError(t(NO_COLLEAGUE, id=staff_id))
    if found.revoked_at is not None:
        raise InvalidInputError(t(REVOKED_COLLEAGUE, name=found.name))
    if court not in found.tribunals:
        raise InvalidInputError(t(NOT_A_COLLEAGUE, name=found.name))
