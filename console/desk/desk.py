"""The staff service layer: one plain method per staff call, each one transaction.

The HTTP views (:mod:`console.api.views`) and the console's embedded client call the same
methods, with a :class:`console.access.Staff` from :meth:`Desk.sign_in`. Every method checks
scope and role with :func:`console.access.authorize` before it reads a case for the caller
or changes anything, and answers with a JSON-ready dict in the shapes of the staff API
(labels in ``lang``). Refusals are :class:`statemachine.errors.NaevnError`: nothing changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from casestore import Tx
from casestore.outbox import OutboxRow
from console.access import Staff, authenticate, authorize
from console.desk.anonymisation import Anonymisations
from console.desk.casefile import Json, row_json
from console.desk.changes import StaffRef
from console.desk.decisions import Decisions
from console.desk.export import Exports
from console.desk.meetings import Meetings
from console.desk.publication import Publication
from console.desk.queries import queue_query, saved_query
from locales import translator
from statemachine.catalog.tribunals import tribunal
from statemachine.errors import InvalidInputError, NotFoundError
from statemachine.text import N_, t

MAIL_STATES: Final = ("pending", "sent", "dead")
"""The states of queued mail."""
MAIL_LISTED: Final = 200
"""The most mail one outbox listing shows."""

NO_DOCUMENT = N_("Case {number} has no document {id}.")
BAD_FILTER_NAME = N_(
    "A filter's name is 1 to 80 characters, without a slash or control characters."
)
BAD_MAIL_STATE = N_("state can be one of: {valid}.")
NO_SUCH_MAIL = N_("There is no queued message {id} about a case of your tribunals.")


@dataclass(frozen=True)
class Download:
    """A case's document, to send as it was stored."""

    path: Path
    """Where its content is on disk (the blob store)."""
    media_type: str
    """The media type it was stored with."""
    filename: str
    """The name the filer gave it (for display and saving only, never a path)."""
    size: int
    """Its size in bytes."""


class Desk(Publication, Anonymisations, Exports, Decisions, Meetings):
    """The staff service layer over one store: ``Desk(store, clock)``, where ``clock``
    gives today (tests freeze it). The changes are in :class:`console.desk.changes.Changes`.
    """

    def sign_in(self, token: str | None) -> Staff:
        """The staff member a bearer token belongs to.

        Raises:
            AuthenticationError: no token, or nobody's.
            AccessError: a revoked one.
        """
        with self._store.read() as tx:
            return authenticate(tx, token)

    def me(self, staff: Staff, *, lang: str = "da") -> Json:
        """``GET /me``: the caller, with their tribunals' names."""
        authorize(staff, "read")
        r = translator(lang).render
        return {
            "id": staff.id,
            "name": staff.name,
            "role": staff.role,
            "tribunals": [
                {"code": code, "name": r(tribunal(code).name)} for code in staff.tribunals
            ],
        }

    def colleagues(self, staff: Staff) -> Json:
        """``GET /staff``: the staff sharing a tribunal with the caller (not revoked)."""
        authorize(staff, "read")
        with self._store.read() as tx:
            found = tx.list_staff(tribunals=staff.tribunals)
        return {
            "staff": [
                {"id": s.id, "name": s.name, "role": s.role} for s in found if s.revoked_at is None
            ]
        }

    def queue(self, staff: Staff, params: Mapping[str, Any], *, lang: str = "da") -> Json:
        """``GET /cases``: one page of the queue of the caller's tribunals.

        Raises:
            InvalidInputError: a filter or value the queue does not know (422).
        """
        authorize(staff, "read")
        today = self._clock()
        query = queue_query(staff, params, today)
        if query is not None and staff.role == "board_member":
            # A board member's queue: only the cases on their tribunals' meetings' agendas,
            # filtered, sorted and paged like anyone's.
            query = replace(query, on_board_agenda=True)
        if query is None:
            return {"cases": [], "after": None}
        with self._store.read() as tx:
            page = tx.queue(query)
        words = translator(lang)
        return {"cases": [row_json(row, today, words) for row in page.rows], "after": page.after}

    def case(self, staff: Staff, number: str, *, lang: str = "da") -> Json:
        """``GET /cases/{number}``: the whole case.

        Raises:
            NotFoundError: no such case in the caller's tribunals.
        """
        with self._store.read() as tx:
            self._scope(tx, staff, number, "read")
            return self._case_json(tx, staff, tx.casework(number), lang)

    def document(self, staff: Staff, number: str, attachment_id: str) -> Download:
        """``GET /cases/{number}/attachments/{id}``: where a document of the case is.

        Raises:
            NotFoundError: no such case in the caller's tribunals, or the document is not
                this case's.
        """
        with self._store.read() as tx:
            self._scope(tx, staff, number, "read")
            work = tx.casework(number)
        for found in work.attachments:
            if found["id"] == attachment_id:
                return Download(
                    self._store.blobs.path_of(found["sha256"]),
                    found["media_type"],
                    found["filename"],
                    int(found["size"]),
                )
        raise NotFoundError(t(NO_DOCUMENT, number=number, id=attachment_id))

    def filters(self, staff: Staff) -> Json:
        """``GET /filters``: the caller's saved filters."""
        authorize(staff, "read")
        with self._store.read() as tx:
            saved = tx.saved_filters(staff.id)
        return {"filters": [{"name": f.name, "query": f.query} for f in saved]}

    def save_filter(self, staff: Staff, name: str, query: Mapping[str, Any]) -> Json:
        """``PUT /filters/{name}``: save a queue filter under a name (replacing one).

        Raises:
            InvalidInputError: a bad name, or a query the queue would refuse.
        """
        authorize(staff, "read")
        _check_filter_name(name)
        queue_query(staff, query, self._clock())
        with self._store.begin() as tx:
            saved = tx.save_filter(staff.id, name, saved_query(query))
        return {"name": saved.name, "query": saved.query}

    def delete_filter(self, staff: Staff, name: str) -> None:
        """``DELETE /filters/{name}``.

        Raises:
            NotFoundError: the caller has no filter of that name.
        """
        authorize(staff, "read")
        with self._store.begin() as tx:
            tx.delete_filter(staff.id, name)

    def outbox(self, staff: Staff, state: str = "dead") -> Json:
        """``GET /outbox``: queued mail in one state, newest first.

        Raises:
            AccessError: a role other than lead or admin.
            InvalidInputError: an unknown state.
        """
        authorize(staff, "outbox")
        if state not in MAIL_STATES:
            raise InvalidInputError(t(BAD_MAIL_STATE, valid=", ".join(MAIL_STATES)))
        with self._store.read() as tx:
            found = tx.outbox_list(state=state, limit=MAIL_LISTED, tribunals=staff.tribunals)
            numbers = _case_numbers(tx, found)
        return {"mail": [_mail_json(m, numbers.get(m.case_id)) for m in found]}

    def retry(self, staff: Staff, mail_id: int) -> Json:
        """``POST /outbox/{id}/retry``: send a dead letter again.

        Raises:
            NotFoundError: no such mail.
            ConflictError: it is not dead.
        """
        authorize(staff, "outbox")
        with self._store.begin() as tx:
            about = tx.mail_case(mail_id)
            # Mail about another tribunal's case is answered as mail that does not exist.
            if about is None or about[1] not in staff.tribunals:
                raise NotFoundError(t(NO_SUCH_MAIL, id=mail_id))
            return _mail_json(tx.outbox_retry(mail_id), about[0])


def _check_filter_name(name: str) -> None:
    if not 0 < len(name) <= 80 or "/" in name or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise InvalidInputError(t(BAD_FILTER_NAME))


def _case_numbers(tx: Tx, mail: list[OutboxRow]) -> dict[int | None, str]:
    """The number of each case ``mail`` is about, looked up once per case."""
    numbers: dict[int | None, str] = {}
    for letter in mail:
        if letter.case_id is not None and letter.case_id not in numbers:
            about = tx.mail_case(letter.id)
            if about is not None:
                numbers[letter.case_id] = about[0]
    return numbers


def _mail_json(mail: OutboxRow, case: str | None) -> Json:
    """A queued letter as the staff API shows it, with the number of the case it is about."""
    return {
        "id": mail.id,
        "case": case,
        "kind": mail.kind,
        "recipient": mail.recipient,
        "recipient_name": mail.recipient_name,
        "subject": mail.subject,
        "state": mail.state,
        "attempts": mail.attempts,
        "last_error": mail.last_error,
        "created_at": mail.created_at.isoformat(),
        "sent_at": mail.sent_at.isoformat() if mail.sent_at else None,
    }


__all__ = ["Desk", "Download", "StaffRef"]
