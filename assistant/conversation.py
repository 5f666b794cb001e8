"""The conversation service: one turn is load, step, save in one transaction, then render.

Both the terminal chat and (later) the HTTP service call this. It keeps nothing in memory
between turns: the draft lives in the store, so a filer can stop anywhere and continue on any
channel with their resume code.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from assistant import codes
from assistant.filetypes import CASE_LIMITS, FileCheck, check_file
from assistant.replies import render_turn
from casestore import (
    AttachmentRow,
    BlobRef,
    BlobWriter,
    DraftCursor,
    DraftRow,
    Reply,
    Store,
    Submission,
    Tx,
)
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer, Engine, Outcome
from statemachine.engine.values import is_blank
from statemachine.errors import (
    AccessError,
    ConflictError,
    InvalidInputError,
    NaevnError,
    NotFoundError,
    UploadError,
)
from statemachine.flows.intake.filing import filing_from
from statemachine.text import N_, Text, t

Turn = dict[str, Any]
"""A rendered turn (the turn protocol's JSON object)."""
Meta = dict[str, Any]
"""An attachment's public metadata: id, filename, size, sha256 and media_type."""

GIVE_A_FILE = N_("Please give the path to a file, or choose the option to say you do not have it.")
STALE_TAB = N_(
    "This filing was answered in another window or tab, so this question is out of date. "
    "Here is where the filing is now."
)
KEY_REUSED = N_(
    "This request repeats an earlier request key with a different answer. "
    "Send a new Idempotency-Key for a new answer."
)
NOT_YOURS = N_(
    "This filing belongs to someone else, or your access has ended. Use your "
    "resume code to continue your own filing."
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

    def __init__(self, store: Store, engine: Engine, today: Callable[[], date]) -> None:
        """Args:
        store: the case store.
        engine: the shared dialogue engine.
        today: the clock for deadlines and date checks (tests freeze it).
        """
        self.store = store
        self.engine = engine
        self.today = today

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
        return Started(session, token, code, self._render(session, draft, row.version))

    def resume(self, code: str) -> Started:
        """Find a saved draft by its resume code, give it a new token, and return it.

        The new token replaces the old one: whoever holds the code holds the draft.

        Raises:
            NotFoundError: no draft has that code.
        """
        digest = codes.digest(codes.normalise_resume_code(code))
        token = codes.new_token()
        with self.store.begin() as tx:
            row = tx.find_draft_by_resume(digest)
            tx.set_token(row.id, codes.digest(token))
            tx.record_event("draft.resumed", actor=f"filer:{row.id}", draft_id=row.id)
        return Started(row.id, token, "", self._render(row.id, _draft(row), row.version))

    def current(self, session: str, *, token: str | None = None) -> Turn:
        """The current turn of a session, without changing anything.

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
        """
        row = self.authorize(session, token)
        return self._render(session, _draft(row), row.version)

    def authorize(self, session: str, token: str | None) -> DraftRow:
        """The session's draft, if ``token`` opens it (or no token is asked for).

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
        """
        with self.store.read() as tx:
            row = tx.load_draft(session)
        _check_token(row, token)
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
                submitted from elsewhere.
            InvalidInputError: the idempotency key was used before for another answer.
        """
        call = _Call(answer, resume_code, token, idempotency_key, self.today())
        try:
            return self._answer_once(session, call)
        except ConflictError:
            # A concurrent request with the same key may have won the race: replay its turn.
            if idempotency_key is None:
                raise
            with self.store.read() as tx:
                replayed = call.replay(tx.find_reply(session, idempotency_key))
            if replayed is None:
                raise
            return replayed

    def room_for_files(self, session: str, token: str | None) -> DraftRow:
        """The session's draft, if ``token`` opens it and it may take one more file.

        Checked before an upload is read, so a full case is refused at once; the upload is
        checked again when it is recorded (:meth:`record_file`).

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
            LimitError: the case already holds as many files, or bytes, as it may.
        """
        with self.store.read() as tx:
            row = tx.load_draft(session)
            _check_token(row, token)
            CASE_LIMITS.check(*tx.attachment_totals(session), size=0)
        return row

    def accept_file(self, upload: BlobWriter, filename: str) -> Accepted:
        """Check an uploaded file by its content and keep it in the blob store.

        Only file work, no database: the service runs it in a worker thread, since the
        blob's fsyncs would otherwise stall every other request.

        Args:
            upload: the file as streamed to a temporary blob; committed only if accepted.
            filename: what the filer called it; cleaned and kept for display only.

        Raises:
            UploadError: the file is refused (its type or size).
        """
        upload.flush()
        checked = check_file(upload.path, filename)
        return Accepted(checked, upload.commit())

    def record_file(self, session: str, accepted: Accepted, token: str | None) -> Meta:
        """Record an accepted file against the session's draft.

        Raises:
            NotFoundError: no such session.
            AccessError: ``token`` is not this session's.
            LimitError: the case has no room left for it.
            ConflictError: the draft was already submitted.
        """
        with self.store.begin() as tx:
            _check_token(tx.load_draft(session), token)
            row = _record(tx, session, accepted.check, accepted.blob)
            tx.record_event(
                "draft.file_uploaded",
                actor=f"filer:{session}",
                draft_id=session,
                data={"attachment": row.id, "size": row.size},
            )
        return _meta(row.id, row.filename, row.size, row.sha256, row.media_type)

    def _answer_once(self, session: str, call: _Call) -> Turn:
        if _names_paths(call.answer):
            with self.store.begin() as tx:
                return self._turn_in(tx, session, call)
        try:
            with self.store.turn() as cursor:
                return self._turn_in(cursor, session, call)
        except _NeedsFullStore:
            # Rare (the declaration): redo the turn where submission can be written.
            with self.store.begin() as tx:
                return self._turn_in(tx, session, call)

    def _turn_in(self, tx: Tx | DraftCursor, session: str, call: _Call) -> Turn:
        """Load, check, step, save and render one turn inside the caller's transaction."""
        row = tx.load_draft(session)
        _check_token(row, call.token)
        if call.key is not None:
            replayed = call.replay(tx.find_reply(session, call.key))
            if replayed is not None:
                return replayed
        expected = call.answer.get("version") if isinstance(call.answer, dict) else None
        if expected is not None and (type(expected) is not int or expected != row.version):
            # A version is only ever copied from a turn; anything else is a stale or broken one.
            raise ConflictError(t(STALE_TAB))
        draft, outcome, version = self._apply(tx, session, row, call)
        messages = list(outcome.messages)
        if outcome.saved:
            messages.append(_saved_message(call.resume_code))
        turn = self._render(session, draft, version, messages=messages, errors=outcome.errors)
        if call.key is not None:
            tx.remember_reply(session, call.key, Reply(call.request_hash, turn))
        return turn

    def _apply(
        self, tx: Tx | DraftCursor, session: str, row: DraftRow, call: _Call
    ) -> tuple[Draft, Outcome, int]:
        """Step and save one draft; returns it, the outcome and the draft's new version."""
        draft = _draft(row)
        try:
            parsed = Answer.from_json(call.answer)
            if isinstance(parsed.value, dict) and "files" in parsed.value:
                # Only this service says which stored files an answer holds; a client names
                # them by path or by attachment id, and they are checked here.
                raise InvalidInputError(t(GIVE_A_FILE))
            parsed = self._resolve_files(tx, session, draft, parsed, local=call.token is None)
        except (InvalidInputError, UploadError, NotFoundError) as err:
            return draft, Outcome(draft, errors=[_text(err)]), row.version
        outcome = self.engine.step(draft, parsed, call.today)
        if outcome.errors:
            return _draft(row), outcome, row.version
        if draft.submit_requested and draft.case_number is None and not isinstance(tx, Tx):
            raise _NeedsFullStore
        version = tx.save_draft(
            session, state=draft.state, data=draft.to_data(), expected_version=row.version
        )
        if draft.submit_requested and draft.case_number is None and isinstance(tx, Tx):
            draft.case_number = self._submit(tx, session, draft, call.today)
            version = tx.load_draft(session).version
        return draft, outcome, version

    def _submit(self, tx: Tx, session: str, draft: Draft, today: date) -> str:
        filing = filing_from(draft, self.engine.path_answers(draft), today)
        return tx.submit(
            session, Submission(filing, filed_at=datetime.now(UTC), actor=f"filer:{session}")
        )

    def _resolve_files(
        self, tx: Tx | DraftCursor, session: str, draft: Draft, answer: Answer, *, local: bool
    ) -> Answer:
        """Turn file references into checked, stored attachments the engine can record.

        ``{"path": FILE}`` is only for the local chat, whose filer owns this machine's disk
        (``local``: no token was needed). Over HTTP a path would let a filer attach the
        server's own files, so there files arrive by upload and are named by attachment id.
        """
        spec = self.engine.states[draft.state].get("input")
        if answer.action is not None or spec is None or spec["kind"] != "file":
            return answer
        value = answer.value
        if is_blank(value) or value == "missing":
            return answer
        refs = value if isinstance(value, list) else [value]
        files = []
        for ref in refs:
            if local and isinstance(ref, dict) and isinstance(ref.get("path"), str):
                files.append(self._store_file(tx, session, Path(ref["path"]).expanduser()))
            elif isinstance(ref, dict) and isinstance(ref.get("attachment"), str):
                found = tx.attachment(ref["attachment"])
                if found.draft_id != session:
                    raise NotFoundError(t("There is no such file in this case."))
                files.append(
                    _meta(found.id, found.filename, found.size, found.sha256, found.media_type)
                )
            else:
                raise InvalidInputError(t(GIVE_A_FILE))
        return Answer(value={"files": files})

    def _store_file(self, tx: Tx | DraftCursor, session: str, path: Path) -> Meta:
        if not isinstance(tx, Tx):
            raise _NeedsFullStore
        checked = check_file(path)
        row = _record(tx, session, checked, self.store.blobs.put_file(path))
        return _meta(row.id, row.filename, row.size, row.sha256, row.media_type)

    def _render(
        self,
        session: str,
        draft: Draft,
        version: int,
        *,
        messages: list[Text] | None = None,
        errors: list[Text] | None = None,
    ) -> Turn:
        spec = self.engine.turn(draft, self.today(), messages or [], errors or [])
        return render_turn(spec, session, draft.lang, version)


@dataclass(frozen=True)
class Accepted:
    """An uploaded file that passed the checks and is kept in the blob store."""

    check: FileCheck
    """What it is and what to call it."""
    blob: BlobRef
    """Where its content is."""


@dataclass(frozen=True)
class _Call:
    """One answer request, as the conversation needs it in every transaction it tries."""

    answer: Any
    resume_code: str | None
    token: str | None
    key: str | None
    today: date

    @cached_property
    def request_hash(self) -> str:
        """A digest of the answer, to tell a replay from another request under the same key."""
        return codes.digest(json.dumps(self.answer, sort_keys=True, ensure_ascii=False))

    def replay(self, reply: Reply | None) -> Turn | None:
        """The kept turn, if this request was answered before under its key.

        Raises:
            InvalidInputError: the key was used before for a different answer.
        """
        if reply is None:
            return None
        if reply.request_hash != self.request_hash:
            raise InvalidInputError(t(KEY_REUSED))
        return reply.turn


def _record(tx: Tx, session: str, checked: FileCheck, blob: BlobRef) -> AttachmentRow:
    """Record a checked, stored file against a draft, within the per-case limits."""
    return tx.add_attachment(
        session,
        filename=checked.filename,
        size=blob.size,
        sha256=blob.sha256,
        media_type=checked.media_type,
        limits=CASE_LIMITS,
    )


def _check_token(row: DraftRow, token: str | None) -> None:
    """Raise AccessError unless ``token`` is this draft's (no token: the local chat)."""
    if token is not None and not hmac.compare_digest(codes.digest(token), row.token_hash):
        raise AccessError(t(NOT_YOURS))


class _NeedsFullStore(Exception):
    """A turn on the fast path found it must write more than the draft (a submission, or a
    local file to copy in)."""


def _names_paths(answer: Any) -> bool:
    """Whether an answer names local files, which need the full store to copy in and record."""
    value = answer.get("value") if isinstance(answer, dict) else None
    refs = value if isinstance(value, list) else [value]
    return any(isinstance(r, dict) and "path" in r for r in refs)


def _draft(row: DraftRow) -> Draft:
    draft = Draft.from_data(row.data)
    if row.case_number is not None:
        draft.case_number = row.case_number
    return draft


def _meta(id_: str, filename: str, size: int, sha256: str, media_type: str) -> Meta:
    return {
        "id": id_,
        "filename": filename,
        "size": size,
        "sha256": sha256,
        "media_type": media_type,
    }


def _text(err: NaevnError) -> Text:
    return err.message if isinstance(err.message, Text) else Text(err.message)


def _saved_message(code: str | None) -> Text:
    if code is None:
        return t("Your answers are saved. Use your resume code to continue later.")
    return t("Your answers are saved. To continue later, use this code: {code}", code=code)
