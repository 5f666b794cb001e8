"""The conversation service: the one face the chats and the HTTP views see of a dialogue.

Each call is one transaction on the store: a turn loads the draft, steps it, saves it and
renders the next question (:mod:`assistant.service.answering`). Nothing is kept in memory between
calls, so a filer can stop anywhere and continue on any channel with their resume code. The
parts live in their own modules: tokens in :mod:`assistant.service.access`, kept replies in
:mod:`assistant.service.idempotency`, files in :mod:`assistant.service.uploads`, filing in
:mod:`assistant.service.submission` and the turn's text in :mod:`assistant.service.rendering`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from assistant.protocol import RESUME_QUIET_SECONDS, Attachment, Files, Turn
from assistant.service import codes
from assistant.service.access import check_token
from assistant.service.answering import DRAFT_DAYS, Answering, draft_of
from assistant.service.idempotency import AnswerRequest
from assistant.service.rendering import turn_of
from assistant.service.uploads import (
    Accepted,
    accept,
    attachment_of,
    check_room,
    drop_unused,
    files_named,
    record,
    remove,
)
from casestore import BlobRef, BlobWriter, DraftRow, Store, Tx
from statemachine.engine.machine import Engine
from statemachine.errors import ConflictError, NaevnError
from statemachine.text import N_, t

__all__ = ["Accepted", "Conversation", "Started"]


JUST_RESUMED = N_(
    "This filing was opened with its resume code a moment ago, in another window or on "
    "another device. Go on there, or wait {seconds} seconds and try again here."
)


@dataclass(frozen=True)
class Started:
    """A session a filer holds: its id, the secrets only the filer gets, and its turn."""

    session: str
    """The session id."""
    token: str
    """The bearer token; stored only as a hash."""
    resume_code: str
    """The code to continue later; stored only as a hash (empty when resumed: the filer
    already has it)."""
    turn: Turn
    """The current question."""


class Conversation:
    """Runs dialogue turns against the store.

    Calls that take a ``token`` check it against the session's stored hash and raise
    :class:`AccessError` on a mismatch; the local chat, which owns its store, passes none.
    """

    def __init__(
        self,
        store: Store,
        engine: Engine,
        today: Callable[[], date],
        *,
        draft_days: int = DRAFT_DAYS,
        resume_quiet: timedelta = timedelta(seconds=RESUME_QUIET_SECONDS),
    ) -> None:
        """Args:
        store: the case store. The composition root opens, pings and closes it; the
            views only ever call the methods here.
        engine: the shared dialogue engine.
        today: the clock for deadlines and date checks, read once a call (tests freeze it).
        draft_days: how many days an untouched draft is kept, for the filer who saves.
        resume_quiet: after a resume, how long another with the same code is refused, so
            that of resumes racing with one code only the first gets a token (zero: never,
            for the local chat, where one person owns the store).
        """
        self.store = store
        self.engine = engine
        self.today = today
        self._answering = Answering(store, engine, draft_days=draft_days)
        self._resume_quiet = resume_quiet

    def start(self, lang: str) -> Started:
        """Start a new dialogue in ``lang`` (``da`` or ``en``)."""
        draft = self.engine.start(lang)
        session, token, code = codes.new_session_id(), codes.new_token(), codes.new_resume_code()
        with self.store.begin() as tx:
            row = tx.create_draft(
                draft_id=session,
                token_hash=codes.digest(token),
                resume_hash=codes.digest(code),
                lang=lang,
                state=draft.state,
                data=draft.to_data(),
            )
            tx.record_event("draft.started", actor=f"filer:{session}", draft_id=session)
        return Started(session, token, code, self._turn_at(row))

    def resume(self, code: str) -> Started:
        """Find a saved draft by its resume code, give it a new token, and return it.

        The new token replaces the old one: whoever holds the code holds the draft.

        Raises:
            NotFoundError: no draft has that code.
            ConflictError: the draft was resumed a moment ago (a second tab or a replayed
                request): the first resume's token is the one that works.
        """
        digest = codes.digest(codes.normalise_resume_code(code))
        row, token = self.hand_over(lambda tx: tx.find_draft_by_resume(digest))
        return Started(row.id, token, "", self._turn_at(row))

    def hand_over(self, find: Callable[[Tx], DraftRow]) -> tuple[DraftRow, str]:
        """Give the draft ``find`` picks (in the same transaction) a new bearer token.

        Resuming by code and continuing from Mine sager both come here: ``find`` checks that
        the caller may have the draft, and from now on they hold it; the old token stops
        working.

        Returns:
            The draft, and its new token.

        Raises:
            NotFoundError: ``find`` found no draft the caller may have.
            ConflictError: the draft was handed over a moment ago (a second tab or a replayed
                request): the first one's token is the one that works. The message is in the
                draft's language.
        """
        token = codes.new_token()
        row: DraftRow | None = None
        try:
            with self.store.begin() as tx:
                row = find(tx)
                since = tx.time_since_event(row.id, "draft.resumed")
                if since is not None and since < self._resume_quiet:
                    raise ConflictError(t(JUST_RESUMED, seconds=self._resume_quiet.seconds))
                # Only the hand-over that loaded the token it replaces wins a race.
                tx.set_token(row.id, codes.digest(token), replaces=row.token_hash)
                tx.record_event("draft.resumed", actor=f"filer:{row.id}", draft_id=row.id)
        except ConflictError as err:
            if row is not None:
                err.message = t(JUST_RESUMED, seconds=max(self._resume_quiet.seconds, 1))
                err.lang = draft_of(row).lang  # the holder reads the draft's language
            raise
        return row, token

    def current(self, session: str, *, token: str | None = None) -> Turn:
        """The current turn of a session, without changing anything.

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
        """
        return self._turn_at(self.authorize(session, token))

    def authorize(self, session: str, token: str | None) -> DraftRow:
        """The session's draft, if ``token`` opens it (or no token is asked for).

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
        """
        row = self.store.draft(session)
        check_token(row.token_hash, token)
        return row

    def answer(
        self,
        session: str,
        answer: Any,
        *,
        resume_code: str | None = None,
        token: str | None = None,
        idempotency_key: str | None = None,
    ) -> Turn:
        """Apply one answer (the protocol's JSON shape) and return the next turn.

        A file answer may be ``{"path": FILE}`` (local chat) or ``{"attachment": ID}``, or a
        list of either. Bad input comes back as the same turn with errors; nothing changes.
        An answer may carry the ``version`` of the turn it answers; if the draft has moved on
        since (another tab answered), nothing changes and :class:`ConflictError` is raised.

        With an ``idempotency_key``, the turn is kept under that key: the same request again
        returns the same turn without applying anything twice.

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
            ConflictError: the answer is for an older version of the draft, or the draft was
                submitted from elsewhere. Its ``details["turn"]`` is the turn the draft is at
                now, in the session's language, for the stale tab to go on from.
            InvalidInputError: the idempotency key was used before for another answer.
        """
        request = AnswerRequest(answer, resume_code, token, idempotency_key, self.today())
        return self._answering.apply(session, request)

    def room_for_files(self, session: str, token: str | None, incoming: int = 1) -> str:
        """Check that ``token`` opens the session and its case may take one more file of
        about ``incoming`` bytes; give the language the filer reads now (their choice in the
        dialogue, which may differ from the one the session was started in), for the
        upload's errors.

        Checked before an upload is read, so a filed or full case is refused before one byte
        of the file is stored; the upload is checked again when it is recorded
        (:meth:`record_file`).

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
            ConflictError: the draft was filed.
            LimitError: the case already holds as many files, or bytes, as it may.
        """
        with self.store.read() as tx:
            row = tx.load_draft(session)
            check_token(row.token_hash, token)
            lang = draft_of(row).lang
            try:
                check_room(tx, row, incoming)
            except NaevnError as err:
                err.lang = lang
                raise
        return lang

    def upload(self) -> BlobWriter:
        """A temporary blob to stream an upload into, as a context manager.

        Hand it to :meth:`accept_file` before the ``with`` block ends: a blob that is not
        accepted is discarded when it closes.
        """
        return self.store.blobs.writer()

    def accept_file(self, upload: BlobWriter, filename: str) -> Accepted:
        """Check an uploaded file by its content and keep it in the blob store.

        Only file work, no database: the service runs it in a worker thread, since the
        blob's fsyncs would otherwise stall every other request.

        Args:
            upload: the file as streamed to a temporary blob (:meth:`upload`); committed only
                if accepted.
            filename: what the filer called it; cleaned and kept for display only.

        Raises:
            UploadError: the file is refused (its type or size).
        """
        return accept(upload, filename)

    def record_file(self, session: str, accepted: Accepted, token: str | None) -> Attachment:
        """Record an accepted file against the session's draft.

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
            LimitError: the case has no room left for it.
            ConflictError: the draft was already submitted.
        """
        try:
            with self.store.begin() as tx:
                check_token(tx.load_draft(session).token_hash, token)
                row = record(tx, self.store.blobs, session, accepted.check, accepted.blob)
                tx.record_event(
                    "draft.file_uploaded",
                    actor=f"filer:{session}",
                    draft_id=session,
                    data={"attachment": row.id, "size": row.size},
                )
        except BaseException:
            # Refused (full, filed, not yours) or failed: a refused file leaves nothing.
            drop_unused(self.store, accepted.blob)
            raise
        return attachment_of(row)

    def files(self, session: str, token: str | None) -> Files:
        """The files uploaded to the session's draft, oldest first, and those its answers
        name.

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
        """
        with self.store.read() as tx:
            row = tx.load_draft(session)
            check_token(row.token_hash, token)
            listed = [attachment_of(found) for found in tx.attachments_of_draft(session)]
        named = files_named(draft_of(row).answers)
        return {"attachments": listed, "in_use": [f["id"] for f in listed if f["id"] in named]}

    def remove_file(self, session: str, attachment_id: str, token: str | None) -> Attachment:
        """Remove an uploaded file the draft's answers do not name; returns what it was.

        Its content goes too, unless another file has the same content.

        Raises:
            NotFoundError: no such session, or no such file in it.
            AccessError: ``token`` is not this session's.
            ConflictError: the draft was filed, or an answer names the file.
        """
        with self.store.begin() as tx:
            row = tx.load_draft(session)
            check_token(row.token_hash, token)
            draft = draft_of(row)
            try:
                removed = remove(tx, session, draft, attachment_id)
            except NaevnError as err:
                err.lang = draft.lang
                raise
            tx.record_event(
                "draft.file_removed",
                actor=f"filer:{session}",
                draft_id=session,
                data={"attachment": removed.id, "size": removed.size},
            )
        drop_unused(self.store, BlobRef(removed.sha256, removed.size))
        return attachment_of(removed)

    def _turn_at(self, row: DraftRow) -> Turn:
        """The turn a stored draft is at, with nothing more to say."""
        return turn_of(self.engine, row.id, draft_of(row), row.version, self.today())
