"""Filing a draft as a case, and knowing beforehand which answers may do it.

The intake flow asks for submission with one action (:data:`SUBMISSION_ACTION`) after one
answer (the declaration); the conversation then files the draft in the same transaction. Only
the full store can write a case, so a turn must know before its transaction opens whether its
answer may file: :func:`submitting_states` reads that from the flow data once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final

from casestore import FilingTransaction, Submission, access_digest, new_access_code
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Engine
from statemachine.errors import FlowError
from statemachine.flows.intake.filing import filing_from
from statemachine.text import N_, Text, t

ACCESS_CODE_LINE = N_(
    "Your access code for Mine sager is {code}. With it you can follow your case and answer "
    "the tribunal at /mine, also without e-mail. Keep it safe: it is shown only now."
)
"""The one line that tells the filer what the case's access code is for."""

SUBMISSION_ACTION: Final = "request_submission"
"""The intake's action (named in its flow data) that asks for the draft to be filed."""


def submitting_states(engine: Engine) -> frozenset[str]:
    """The states where one answer may ask for submission.

    Those are the sources of the answer transitions that run :data:`SUBMISSION_ACTION`, and,
    in a flow with an edit that returns (to the review), the states whose answer may be
    followed by a replay of stored answers that passes through one of them: the engine
    replays from the next state until it is back where the edit returns to or at an end. A
    draft is never editing at that state itself, so an answer there starts no replay.

    Raises:
        FlowError: the flow never runs the action, so nothing could be filed.
    """
    flow = engine.flow
    answers = [tr for tr in flow["transitions"] if tr["trigger"] == flow["answer_trigger"]]
    found = {tr["source"] for tr in answers if SUBMISSION_ACTION in tr.get("after", [])}
    if not found:
        raise FlowError(f"no answer in the flow runs {SUBMISSION_ACTION!r}")
    returns_to = {a["returns_to"] for a in flow["actions"] if "returns_to" in a}
    if not returns_to:
        return frozenset(found)
    stops = returns_to | engine.finals
    grew = True
    while grew:
        more = {
            tr["source"]
            for tr in answers
            if tr["dest"] in found and tr["dest"] not in stops and tr["source"] not in stops
        }
        grew = not more <= found
        found |= more
    return frozenset(found)


def wants_filing(draft: Draft) -> bool:
    """Whether the flow asked for the draft to be filed and it is not filed yet."""
    return draft.submit_requested and draft.case_number is None


@dataclass(frozen=True, slots=True)
class Filed:
    """A case just filed, and the one time its access code is known in the clear."""

    number: str
    """The case number."""
    access_code: str
    """The filer's access code for Mine sager; only its digest is stored."""

    @property
    def access_line(self) -> Text:
        """The line the done turn says about the access code."""
        return t(ACCESS_CODE_LINE, code=self.access_code)


def submit(tx: FilingTransaction, engine: Engine, session: str, draft: Draft, today: date) -> Filed:
    """File the draft as a case in the caller's transaction, with the filer's access code
    for Mine sager (stored as its digest, so it is told now or never).

    Raises:
        NotFoundError: the draft, or a file it lists, is gone.
        ConflictError: the draft was already filed, or lists another draft's file.
        StoreError: a listed file's content is missing.
    """
    filing = filing_from(draft, engine.path_answers(draft), today)
    submission = Submission(filing, filed_at=datetime.now(UTC), actor=f"filer:{session}")
    number = tx.submit(session, submission)
    code = new_access_code()
    tx.add_access_code(tx.case_scope(number)[0], kind="case", code_hash=access_digest(code))
    return Filed(number, code)
