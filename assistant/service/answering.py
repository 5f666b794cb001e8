"""One answer, applied in one transaction: load, check, step, save, render; the path picked first.

A turn that only moves its draft runs on the store's draft path (on a SQLite file, straight on
the driver). One that copies in a local file or files the case runs in the full store. Which
one is decided before the transaction opens: from the answer (it names local files, or it is
an action), and from a peek at the draft's state, against the states where an answer may ask
for submission (:func:`~assistant.service.submission.submitting_states`).

The peek is a hint. If the draft moved on before the transaction opened, and the draft path
finds it at a state whose answer may file, it stops before writing anything and the turn is
done again in the full store. An answer is thus applied exactly once: a transaction that
stops writes nothing, and the kept reply under an idempotency key is looked up first in
whichever transaction does the work.
"""

from __future__ import annotations

from typing import Any

from assistant.protocol import Turn
from assistant.service.access import check_token
from assistant.service.idempotency import AnswerRequest
from assistant.service.rendering import turn_of
from assistant.service.submission import Filed, submit, submitting_states, wants_filing
from assistant.service.uploads import GIVE_A_FILE, LocalFiles, names_paths, resolve_files
from casestore import DraftRow, DraftTransaction, FilingTransaction, Store
from casestore.housekeeping import Retention
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer, Engine, Outcome
from statemachine.errors import (
    ConflictError,
    InvalidInputError,
    NaevnError,
    NotFoundError,
    UploadError,
)
from statemachine.flows.intake.filing import contact_email
from statemachine.text import N_, Text, t, tn

DRAFT_DAYS = Retention().drafts.days
"""How many days an untouched draft is kept, unless the service is set up otherwise."""

STALE_TAB = N_(
    "This filing was answered in another window or tab, so this question is out of date. "
    "Here is where the filing is now."
)


class Answering:
    """Applies answers to drafts in the store, one transaction per answer."""

    def __init__(self, store: Store, engine: Engine, *, draft_days: int = DRAFT_DAYS) -> None:
        """Args:
        store: the case store.
        engine: the dialogue engine.
        draft_days: how many days an untouched draft is kept, said when the filer saves.
        """
        self._store = store
        self._engine = engine
        self._draft_days = draft_days
        self._submitting = submitting_states(engine)

    def apply(self, session: str, request: AnswerRequest) -> Turn:
        """Apply one answer and return the next turn (see ``Conversation.answer``).

        Raises:
            NotFoundError: no such session.
            AccessError: the token is not this session's.
            ConflictError: the answer is for an older version of the draft, or the draft
                moved on or was filed meanwhile; ``details["turn"]`` is where it is now.
            InvalidInputError: the idempotency key was used before for another answer.
        """
        try:
            if self._in_full_store(session, request):
                return self._full(session, request)
            try:
                with self._store.draft_transaction() as tx:
                    return self._answer_in(tx, None, session, request)
            except _NeedsFiling:
                # The draft is where an answer may file (it moved on since the peek); the
                # draft path stopped before writing anything.
                return self._full(session, request)
        except ConflictError as err:
            if err.details is None or "turn" not in err.details:
                return self._after_race(session, request, err)
            raise

    def _in_full_store(self, session: str, request: AnswerRequest) -> bool:
        """Whether the answer may need the full store: it copies in local files, or it may
        file the case (where the draft path is a path of its own and worth a peek)."""
        if request.local and names_paths(request.answer):
            return True
        if not self._store.fast_drafts:
            return True
        if _is_action(request.answer):
            return False  # no peek needed: an action never files
        return self._may_file(self._store.draft_state(session), request)

    def _may_file(self, state: str | None, request: AnswerRequest) -> bool:
        """Whether an answer at ``state`` may ask for the draft to be filed."""
        return state in self._submitting and not _is_action(request.answer)

    def _full(self, session: str, request: AnswerRequest) -> Turn:
        with self._store.begin() as tx:
            return self._answer_in(tx, tx, session, request)

    def _answer_in(
        self,
        tx: DraftTransaction,
        filing: FilingTransaction | None,
        session: str,
        request: AnswerRequest,
    ) -> Turn:
        """Load, check, step, save and render one turn inside the caller's transaction.

        ``filing`` is the same transaction when it may record files and file the case, and
        None on the draft path.
        """
        row = tx.load_draft(session)
        check_token(row.token_hash, request.token)
        if request.key is not None:
            replayed = request.replay(tx.find_reply(session, request.key))
            if replayed is not None:
                return replayed
        expected = request.answer.get("version") if isinstance(request.answer, dict) else None
        if expected is not None and (type(expected) is not int or expected != row.version):
            # A version is only ever copied from a turn; anything else is a stale or broken one.
            raise _conflict(t(STALE_TAB), self._now(row, request))
        if filing is None and self._may_file(row.state, request):
            raise _NeedsFiling
        draft, outcome, version, filed = self._apply(tx, filing, session, row, request)
        messages = list(outcome.messages)
        if filed is not None:
            messages.append(filed.access_line)
        if outcome.saved:
            messages += [_saved_message(request.resume_code), _kept_for(self._draft_days)]
        turn = turn_of(
            self._engine,
            session,
            draft,
            version,
            request.today,
            messages=messages,
            errors=outcome.errors,
        )
        if filed is not None:
            turn["access_code"] = filed.access_code
        if request.key is not None:
            tx.remember_reply(session, request.key, request.reply(turn))
        return turn

    def _apply(
        self,
        tx: DraftTransaction,
        filing: FilingTransaction | None,
        session: str,
        row: DraftRow,
        request: AnswerRequest,
    ) -> tuple[Draft, Outcome, int, Filed | None]:
        """Step and save one draft; returns it, the outcome, the draft's new version and,
        if this answer filed it, the case just filed."""
        draft = draft_of(row)
        local = None
        if filing is not None and request.local:
            local = LocalFiles(filing, self._store.blobs)
        try:
            parsed = Answer.from_json(request.answer)
            if isinstance(parsed.value, dict) and "files" in parsed.value:
                # Only this service says which stored files an answer holds; a client names
                # them by path or by attachment id, and they are checked here.
                raise InvalidInputError(t(GIVE_A_FILE))
            spec = self._engine.states[draft.state].get("input")
            kind = spec["kind"] if spec is not None else None
            others = None
            if kind == "file":
                # Only a file answer needs the other answers (one file is one document).
                others = self._engine.path_answers(draft)
                others.pop(draft.key, None)
            parsed = resolve_files(parsed, kind, session, tx, local, others)
        except (InvalidInputError, UploadError, NotFoundError) as err:
            return draft, Outcome(draft, errors=[_text(err)]), row.version, None
        outcome = self._engine.step(draft, parsed, request.today)
        if outcome.errors:
            return draft_of(row), outcome, row.version, None
        files_it = wants_filing(draft)
        if files_it and filing is None:
            # Not foreseen by submitting_states; stop before writing and file in full.
            raise _NeedsFiling
        version = tx.save_draft(
            session,
            state=draft.state,
            data=draft.to_data(),
            expected_version=row.version,
            email=contact_email(draft),
        )
        filed = None
        if files_it and filing is not None:
            filed = submit(filing, self._engine, session, draft, request.today)
            draft.case_number = filed.number
            version += 1  # filing bumps the version once (FilingTransaction.submit)
        return draft, outcome, version, filed

    def _after_race(self, session: str, request: AnswerRequest, err: ConflictError) -> Turn:
        """After a write lost to a concurrent request: replay that request's turn if it was
        this one under the same key, else raise ``err`` with the turn the draft is at now.

        Two transactions on one draft overlap on a database server (PostgreSQL); on SQLite
        they wait for each other, and the second sees the first's work when it loads.
        """
        with self._store.read() as tx:
            if request.key is not None:
                replayed = request.replay(tx.find_reply(session, request.key))
                if replayed is not None:
                    return replayed
            row = tx.load_draft(session)
        # A resume in between may have ended this token: show the draft only to its holder.
        check_token(row.token_hash, request.token)
        err.details = {"turn": self._now(row, request)}
        raise err

    def _now(self, row: DraftRow, request: AnswerRequest) -> Turn:
        """The turn a draft is at, as loaded, with nothing more to say."""
        return turn_of(self._engine, row.id, draft_of(row), row.version, request.today)


class _NeedsFiling(Exception):
    """On the draft path, before anything is written: the draft is at a state whose answer
    may file the case (it moved on since the peek), so the turn must run in the full store."""


def draft_of(row: DraftRow) -> Draft:
    """The draft a stored row holds, with its case number once filed."""
    draft = Draft.from_data(row.data)
    if row.case_number is not None:
        draft.case_number = row.case_number
    return draft


def _conflict(message: Text | str, now: Turn) -> ConflictError:
    """A conflict that carries the turn the draft is at now, for the stale tab to go on from."""
    err = ConflictError(message)
    err.details = {"turn": now}
    return err


def _is_action(answer: Any) -> bool:
    """Whether an answer is an action (back, help, save, …, or a broken one): those never
    run a transition, so never file the case (``Answer.from_json``)."""
    return isinstance(answer, dict) and "action" in answer


def _text(err: NaevnError) -> Text:
    return err.message if isinstance(err.message, Text) else Text(err.message)


def _kept_for(days: int) -> Text:
    """What happens to a saved draft nobody comes back to (the housekeeping deletes it)."""
    return tn(
        "A draft that nobody continues for {count} day is deleted, together with its files.",
        "A draft that nobody continues for {count} days is deleted, together with its files.",
        days,
    )


def _saved_message(code: str | None) -> Text:
    if code is None:
        return t("Your answers are saved. Use your resume code to continue later.")
    return t("Your answers are saved. To continue later, use this code: {code}", code=code)
