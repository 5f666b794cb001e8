"""The conversation service: one turn is load, step, save in one transaction, then render.

Both the terminal chat and (later) the HTTP service call this. It keeps nothing in memory
between turns: the draft lives in the store, so a filer can stop anywhere and continue on any
channel with their resume code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from assistant import codes
from assistant.filetypes import check_file
from assistant.replies import render_turn
from casestore import DraftCursor, DraftRow, Store, Submission, Tx
from statemachine.draft import Draft
from statemachine.engine import Answer, Engine, Outcome
from statemachine.errors import InvalidInputError, NaevnError, NotFoundError, UploadError
from statemachine.filing import filing_from
from statemachine.text import Text, t
from statemachine.values import is_blank

Turn = dict[str, Any]
"""A rendered turn (the turn protocol's JSON object)."""


@dataclass(frozen=True)
class Started:
    """A new session: its id, the secrets only the filer gets, and the first turn."""

    session: str
    """The session id."""
    token: str
    """The bearer token; stored only as a hash."""
    resume_code: str
    """The code to continue later; stored only as a hash."""
    turn: Turn
    """The first question."""


class Conversation:
    """Runs dialogue turns against the store."""

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
            tx.create_draft(
                draft_id=session,
                token_hash=codes.digest(token),
                resume_hash=codes.digest(code),
                lang=lang,
                state=draft.state,
                data=draft.to_data(),
            )
            tx.record_event("draft.started", actor=f"filer:{session}", draft_id=session)
        return Started(session, token, code, self._render(session, draft))

    def resume(self, code: str) -> tuple[str, Turn]:
        """Find a saved draft by its resume code and return its session id and current turn.

        Raises:
            NotFoundError: no draft has that code.
        """
        digest = codes.digest(codes.normalise_resume_code(code))
        with self.store.begin() as tx:
            row = tx.find_draft_by_resume(digest)
            tx.record_event("draft.resumed", actor=f"filer:{row.id}", draft_id=row.id)
        return row.id, self._render(row.id, _draft(row))

    def current(self, session: str) -> Turn:
        """The current turn of a session, without changing anything."""
        with self.store.read() as tx:
            row = tx.load_draft(session)
        return self._render(session, _draft(row))

    def answer(self, session: str, answer: Any, *, resume_code: str | None = None) -> Turn:
        """Apply one answer (the protocol's JSON shape) and return the next turn.

        A file answer may be ``{"path": FILE}`` (local chat) or ``{"attachment": ID}``, or a
        list of either. Bad input comes back as the same turn with errors; nothing changes.
        """
        today = self.today()
        if _names_files(answer):
            with self.store.begin() as tx:
                draft, outcome = self._apply(tx, session, answer, today)
        else:
            try:
                with self.store.turn() as cursor:
                    draft, outcome = self._apply(cursor, session, answer, today)
            except _NeedsFullStore:
                # Rare (the declaration): redo the turn where submission can be written.
                with self.store.begin() as tx:
                    draft, outcome = self._apply(tx, session, answer, today)
        messages = list(outcome.messages)
        if outcome.saved:
            messages.append(_saved_message(resume_code))
        return self._render(session, draft, messages=messages, errors=outcome.errors)

    def _apply(
        self, tx: Tx | DraftCursor, session: str, answer: Any, today: date
    ) -> tuple[Draft, Outcome]:
        """Load, step and save one draft inside the caller's transaction."""
        row = tx.load_draft(session)
        draft = _draft(row)
        try:
            parsed = Answer.from_json(answer)
            if isinstance(parsed.value, dict) and "files" in parsed.value:
                # Only this service says which stored files an answer holds; a client names
                # them by path or by attachment id, and they are checked here.
                raise InvalidInputError(
                    t(
                        "Please give the path to a file, or choose the option to say you do not "
                        "have it."
                    )
                )
            if isinstance(tx, Tx):
                parsed = self._resolve_files(tx, session, draft, parsed)
        except (InvalidInputError, UploadError, NotFoundError) as err:
            return draft, Outcome(draft, errors=[_text(err)])
        outcome = self.engine.step(draft, parsed, today)
        if outcome.errors:
            return _draft(row), outcome
        if draft.submit_requested and draft.case_number is None and not isinstance(tx, Tx):
            raise _NeedsFullStore
        tx.save_draft(
            session, state=draft.state, data=draft.to_data(), expected_version=row.version
        )
        if draft.submit_requested and draft.case_number is None and isinstance(tx, Tx):
            draft.case_number = self._submit(tx, session, draft, today)
        return draft, outcome

    def _submit(self, tx: Tx, session: str, draft: Draft, today: date) -> str:
        filing = filing_from(draft, self.engine.path_answers(draft), today)
        return tx.submit(
            session, Submission(filing, filed_at=datetime.now(UTC), actor=f"filer:{session}")
        )

    def _resolve_files(self, tx: Tx, session: str, draft: Draft, answer: Answer) -> Answer:
        """Turn file references into checked, stored attachments the engine can record."""
        spec = self.engine.states[draft.state].get("input")
        if answer.action is not None or spec is None or spec["kind"] != "file":
            return answer
        value = answer.value
        if is_blank(value) or value == "missing":
            return answer
        refs = value if isinstance(value, list) else [value]
        files = []
        for ref in refs:
            if isinstance(ref, dict) and isinstance(ref.get("path"), str):
                files.append(self._store_file(tx, session, Path(ref["path"]).expanduser()))
            elif isinstance(ref, dict) and isinstance(ref.get("attachment"), str):
                found = tx.attachment(ref["attachment"])
                if found.draft_id != session:
                    raise NotFoundError(t("There is no such file in this case."))
                files.append(
                    _meta(found.id, found.filename, found.size, found.sha256, found.media_type)
                )
            else:
                raise InvalidInputError(
                    t(
                        "Please give the path to a file, or choose the "
                        "option to say you do not have it."
                    )
                )
        return Answer(value={"files": files})

    def _store_file(self, tx: Tx, session: str, path: Path) -> dict[str, Any]:
        checked = check_file(path)
        blob = self.store.blobs.put_file(path)
        row = tx.add_attachment(
            session,
            filename=checked.filename,
            size=blob.size,
            sha256=blob.sha256,
            media_type=checked.media_type,
        )
        return _meta(row.id, row.filename, row.size, row.sha256, row.media_type)

    def _render(
        self,
        session: str,
        draft: Draft,
        *,
        messages: list[Text] | None = None,
        errors: list[Text] | None = None,
    ) -> Turn:
        spec = self.engine.turn(draft, self.today(), messages or [], errors or [])
        return render_turn(spec, session, draft.lang)


class _NeedsFullStore(Exception):
    """A turn on the fast path found it must write more than the draft (a submission)."""


def _names_files(answer: Any) -> bool:
    """Whether an answer refers to files, which need the full store to check and record."""
    value = answer.get("value") if isinstance(answer, dict) else None
    refs = value if isinstance(value, list) else [value]
    return any(isinstance(r, dict) and ("path" in r or "attachment" in r) for r in refs)


def _draft(row: DraftRow) -> Draft:
    draft = Draft.from_data(row.data)
    if row.case_number is not None:
        draft.case_number = row.case_number
    return draft


def _meta(id_: str, filename: str, size: int, sha256: str, media_type: str) -> dict[str, Any]:
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
