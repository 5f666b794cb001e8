"""Every query of the case store, as methods of one transaction (SQLAlchemy Core throughout)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Select,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import ReturningInsert

from casestore import rows, search
from casestore.access import AccessQueries, stored_email
from casestore.anonymisation import AnonymisationQueries
from casestore.blobs import BlobStore
from casestore.casework import CaseworkQueries
from casestore.decisions import DecisionQueries
from casestore.export import ExportQueries
from casestore.failures import (
    CONFLICT,
    FOREIGN_FILE,
    LOST_FILE,
    NO_CASE,
    NO_DRAFT,
    NO_FILE,
    STALE,
    SUBMITTED,
    translated,
)
from casestore.filters import SavedFilterQueries
from casestore.meetings import MeetingQueries
from casestore.models import (
    ATTACHMENTS,
    CASES,
    COUNTERS,
    DEADLINES,
    DRAFTS,
    EVENTS,
    PARTIES,
    REPLIES,
)
from casestore.outbox import OutboxQueries
from casestore.queue import QueueQueries
from casestore.records import (
    AttachmentRow,
    CaseRecord,
    CaseSummary,
    DraftRow,
    FileLimits,
    Reply,
    Submission,
)
from casestore.registers import RegisterQueries
from casestore.replies import ReplyQueries
from casestore.staffing import StaffQueries
from statemachine.errors import ConflictError, NotFoundError, StoreError
from statemachine.text import t

FIRST_NUMBER = 10001
"""The running number of a municipality's first case."""

# The hot path (load + save of a draft on every dialogue turn) runs prebuilt statements with
# bind parameters, so SQLAlchemy's compiled cache hits on every call.
_DRAFT = select(*rows.DRAFT_COLUMNS)
_LOAD = _DRAFT.where(DRAFTS.c.id == bindparam("p_id"))
_BY_TOKEN = _DRAFT.where(DRAFTS.c.token_hash == bindparam("p_hash"))
_BY_RESUME = _DRAFT.where(DRAFTS.c.resume_hash == bindparam("p_hash"))
_SAVE = (
    update(DRAFTS)
    .where(
        DRAFTS.c.id == bindparam("p_id"),
        DRAFTS.c.version == bindparam("p_version"),
        DRAFTS.c.status == "open",
    )
    .values(
        state=bindparam("p_state"),
        data=bindparam("p_data"),
        email=bindparam("p_email"),
        version=DRAFTS.c.version + 1,
        updated_at=bindparam("p_now"),
    )
)
_STATUS = select(DRAFTS.c.status, DRAFTS.c.version).where(DRAFTS.c.id == bindparam("p_id"))
_ATTACHMENT = select(*rows.ATTACHMENT_COLUMNS)
_REPLY = select(REPLIES.c.request_hash, REPLIES.c.turn).where(
    REPLIES.c.draft_id == bindparam("p_id"), REPLIES.c.key == bindparam("p_key")
)
_LINK = (
    update(ATTACHMENTS)
    .where(ATTACHMENTS.c.id == bindparam("p_id"))
    .values(case_id=bindparam("p_case"), requirement=bindparam("p_requirement"))
)


class Tx(
    StaffQueries,
    QueueQueries,
    CaseworkQueries,
    SavedFilterQueries,
    OutboxQueries,
    AccessQueries,
    ReplyQueries,
    ExportQueries,
    RegisterQueries,
    DecisionQueries,
    MeetingQueries,
    AnonymisationQueries,
):
    """One transaction on the store. Get one from ``Store.begin()`` (or ``Store.read()``).

    The secretariat's queries come from mixins, one module each: staff
    (:mod:`casestore.staffing`), the queue (:mod:`casestore.queue`), a case as worked
    (:mod:`casestore.caseviews`, :mod:`casestore.casework`), saved filters
    (:mod:`casestore.filters`), the outbox (:mod:`casestore.outbox`), and Mine sager's
    sign-in (:mod:`casestore.access`) and parties' reads and replies (:mod:`casestore.replies`).
    """

    def __init__(
        self,
        connection: Connection,
        blobs: BlobStore,
        clock: Callable[[], datetime],
        *,
        writable: bool,
    ) -> None:
        """Wrap a connection that is inside a transaction."""
        self._conn = connection
        self._blobs = blobs
        self._now = clock
        self._writable = writable

    # --- drafts (the hot path) ----------------------------------------------------------------

    def create_draft(
        self,
        *,
        draft_id: str,
        token_hash: str,
        resume_hash: str,
        lang: str,
        state: str,
        data: dict[str, Any],
    ) -> DraftRow:
        """Create an open draft at version 1.

        Raises:
            ConflictError: the id or one of the hashes is taken.
        """
        self._need_write()
        now = self._now()
        row = DraftRow(draft_id, lang, state, data, 1, "open", None, now, now, token_hash)
        values = rows.values_of(row, rows.DRAFT_COLUMNS)
        with translated():
            self._conn.execute(insert(DRAFTS), {**values, "resume_hash": resume_hash})
        return row

    def load_draft(self, draft_id: str) -> DraftRow:
        """The draft with this id.

        Raises:
            NotFoundError: no such draft.
        """
        return self._one_draft(_LOAD, {"p_id": draft_id})

    def find_draft_by_token(self, token_hash: str) -> DraftRow:
        """The draft whose session token hashes to ``token_hash``.

        Raises:
            NotFoundError: no such draft.
        """
        return self._one_draft(_BY_TOKEN, {"p_hash": token_hash})

    def find_draft_by_resume(self, resume_hash: str) -> DraftRow:
        """The draft whose resume code hashes to ``resume_hash``.

        Raises:
            NotFoundError: no such draft.
        """
        return self._one_draft(_BY_RESUME, {"p_hash": resume_hash})

    def open_drafts_of_email(self, email: str) -> list[DraftRow]:
        """The open drafts whose filer gave this e-mail address, last saved first."""
        address = stored_email(email)
        if address is None:
            return []  # never "the drafts with no address"
        stmt = _DRAFT.where(DRAFTS.c.email == address, DRAFTS.c.status == "open")
        found = self._conn.execute(stmt.order_by(DRAFTS.c.updated_at.desc(), DRAFTS.c.id))
        return [DraftRow(*row) for row in found]

    def save_draft(
        self,
        draft_id: str,
        *,
        state: str,
        data: dict[str, Any],
        expected_version: int,
        email: str | None = None,
    ) -> int:
        """Save a draft's state, data and the filer's e-mail address (None: not given yet)
        if nobody saved it since ``expected_version``.

        Returns:
            The new version.

        Raises:
            NotFoundError: no such draft.
            ConflictError: the version moved on, or the draft was submitted.
        """
        self._need_write()
        params = {"p_id": draft_id, "p_version": expected_version, "p_state": state}
        params |= {"p_data": data, "p_now": self._now(), "p_email": stored_email(email)}
        if self._conn.execute(_SAVE, params).rowcount == 1:
            return expected_version + 1
        self._check_open(draft_id)
        raise ConflictError(t(STALE))

    def set_token(self, draft_id: str, token_hash: str, *, replaces: str | None = None) -> None:
        """Give a draft a new bearer token (on resume); the old token stops working.

        Args:
            replaces: the token hash the caller loaded; if another transaction changed it
                since (a concurrent resume), nothing changes and ConflictError is raised.

        Raises:
            NotFoundError: no such draft.
            ConflictError: the token is no longer ``replaces``.
        """
        self._need_write()
        where = DRAFTS.c.id == draft_id
        if replaces is not None:
            where = where & (DRAFTS.c.token_hash == replaces)
        done = self._conn.execute(update(DRAFTS).where(where).values(token_hash=token_hash))
        if done.rowcount != 1:
            self.load_draft(draft_id)
            raise ConflictError(t(CONFLICT))

    def time_since_event(self, draft_id: str, kind: str) -> timedelta | None:
        """How long ago, by the store's clock, a draft last had an audit event of this kind;
        None if it never had one."""
        found = self._conn.execute(
            select(func.max(EVENTS.c.at)).where(
                EVENTS.c.draft_id == draft_id, EVENTS.c.kind == kind
            )
        ).scalar()
        return None if found is None else self._now() - cast(datetime, found)

    # --- idempotency --------------------------------------------------------------------------

    def find_reply(self, draft_id: str, key: str) -> Reply | None:
        """The reply kept under a client's idempotency key for this draft, if any."""
        row = self._conn.execute(_REPLY, {"p_id": draft_id, "p_key": key}).first()
        return None if row is None else Reply(row.request_hash, row.turn)

    def remember_reply(self, draft_id: str, key: str, reply: Reply) -> None:
        """Keep a turn's reply under the client's idempotency key.

        Raises:
            ConflictError: a reply is already kept under that key (a concurrent retry won).
        """
        self._need_write()
        values = {"draft_id": draft_id, "key": key, "request_hash": reply.request_hash}
        with translated():
            self._conn.execute(
                insert(REPLIES), {**values, "turn": reply.turn, "created_at": self._now()}
            )

    def forget_replies(self, before: datetime) -> int:
        """Drop the replies kept before ``before``; returns how many.

        A client retries within seconds or minutes; replies older than a day only take room.
        """
        self._need_write()
        done = self._conn.execute(delete(REPLIES).where(REPLIES.c.created_at < before))
        return int(done.rowcount)

    # --- attachments --------------------------------------------------------------------------

    def add_attachment(
        self,
        draft_id: str,
        *,
        filename: str,
        size: int,
        sha256: str,
        media_type: str,
        limits: FileLimits | None = None,
    ) -> AttachmentRow:
        """Record an uploaded file (already in the blob store) against an open draft.

        Args:
            limits: how many files, and how many bytes in all, one draft may hold; checked
                with the draft row locked, so concurrent uploads cannot both slip under.

        Raises:
            NotFoundError: no such draft.
            ConflictError: the draft was submitted.
            LimitError: the draft already holds as many files, or as many bytes, as allowed.
        """
        self._need_write()
        self._check_open(draft_id, lock=limits is not None)
        if limits is not None:
            count, total = self.attachment_totals(draft_id)
            limits.check(count, total, size=size)
        attachment_id = "a_" + secrets.token_urlsafe(16)
        row = AttachmentRow(
            attachment_id, draft_id, filename, size, sha256, media_type, None, self._now()
        )
        self._conn.execute(insert(ATTACHMENTS), rows.values_of(row, rows.ATTACHMENT_COLUMNS))
        return row

    def attachment_totals(self, draft_id: str) -> tuple[int, int]:
        """How many files a draft holds, and their total size in bytes."""
        found = self._conn.execute(
            select(func.count(), func.coalesce(func.sum(ATTACHMENTS.c.size), 0)).where(
                ATTACHMENTS.c.draft_id == draft_id
            )
        ).one()
        return int(found[0]), int(found[1])

    def remove_attachment(self, draft_id: str, attachment_id: str) -> AttachmentRow:
        """Remove a file from an open draft; its content stays until no row names it.

        Raises:
            NotFoundError: no such draft, or the file is not this draft's.
            ConflictError: the draft was submitted (its files belong to the case now).
        """
        self._need_write()
        self._check_open(draft_id, lock=True)
        row = self.attachment(attachment_id)
        if row.draft_id != draft_id:
            raise NotFoundError(t(NO_FILE))
        self._conn.execute(delete(ATTACHMENTS).where(ATTACHMENTS.c.id == attachment_id))
        return row

    def blob_in_use(self, sha256: str) -> bool:
        """Whether any attachment row names the content with this digest."""
        found = self._conn.execute(
            select(ATTACHMENTS.c.id).where(ATTACHMENTS.c.sha256 == sha256).limit(1)
        ).first()
        return found is not None

    def attachments_of_draft(self, draft_id: str) -> list[AttachmentRow]:
        """The files uploaded to a draft, oldest first."""
        stmt = _ATTACHMENT.where(ATTACHMENTS.c.draft_id == draft_id).order_by(
            ATTACHMENTS.c.created_at, ATTACHMENTS.c.id
        )
        return [AttachmentRow(*row) for row in self._conn.execute(stmt)]

    def attachment(self, attachment_id: str) -> AttachmentRow:
        """The attachment with this id.

        Raises:
            NotFoundError: no such attachment.
        """
        row = self._conn.execute(_ATTACHMENT.where(ATTACHMENTS.c.id == attachment_id)).first()
        if row is None:
            raise NotFoundError(t(NO_FILE))
        return AttachmentRow(*row)

    # --- submission ---------------------------------------------------------------------------

    def submit(self, draft_id: str, submission: Submission) -> str:
        """File a draft as a case: number, case, parties, attachments, deadlines, audit event.

        Everything is checked before anything is written, and the writes run inside a
        savepoint, so a failure leaves the transaction as it was even if the caller goes on.
        The draft's version goes up by exactly one.

        Returns:
            The new case number, ``<kommunekode>-<running number>``.

        Raises:
            NotFoundError: no such draft, or a listed attachment does not exist.
            ConflictError: the draft was already submitted, or an attachment is another
                draft's (or listed twice).
            StoreError: an attachment's content is missing from the blob store.
        """
        self._need_write()
        self._check_open(draft_id)
        filing = submission.filing
        links = self._checked_links(draft_id, filing.attachments)
        with translated(), self._conn.begin_nested():
            last = self._conn.execute(
                _next_number(self._conn.dialect.name, filing.municipality_code)
            ).scalar_one()
            number = f"{filing.municipality_code}-{last}"
            values = rows.case_values(draft_id, number, submission)
            case_id = self._conn.execute(insert(CASES).returning(CASES.c.id), values).scalar_one()
            names = [party.name for party in filing.parties]
            doc = search.document(
                number, names, values["address"], filing.answers, values["tribunal"]
            )
            search.index(self._conn, case_id, doc)
            if filing.parties:
                self._conn.execute(insert(PARTIES), rows.party_values(case_id, filing.parties))
            if links:
                self._conn.execute(
                    _LINK,
                    [{"p_id": a, "p_case": case_id, "p_requirement": r} for a, r in links],
                )
            if filing.deadlines:
                deadlines = rows.deadline_values(case_id, filing.deadlines)
                self._conn.execute(insert(DEADLINES), deadlines)
            self._insert_event(
                "case.submitted",
                actor=submission.actor,
                case_id=case_id,
                draft_id=draft_id,
                data={"number": number, "attachments": len(links)},
            )
            done = self._conn.execute(
                update(DRAFTS)
                .where(DRAFTS.c.id == draft_id, DRAFTS.c.status == "open")
                .values(
                    status="submitted",
                    case_number=number,
                    version=DRAFTS.c.version + 1,
                    updated_at=self._now(),
                )
            )
            if done.rowcount != 1:
                raise ConflictError(t(SUBMITTED))
        return number

    def record_event(
        self,
        kind: str,
        *,
        actor: str,
        case_id: int | None = None,
        case_number: str | None = None,
        draft_id: str | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        """Append a line to the audit trail (e.g. ``draft.resumed``, ``case.assigned``).

        A case may be named by its internal ``case_id`` or by its ``case_number``.

        Raises:
            NotFoundError: ``case_number`` is not a case.
        """
        self._need_write()
        if case_number is not None:
            case_id = self._case_id(case_number)
        self._insert_event(kind, actor=actor, case_id=case_id, draft_id=draft_id, data=data)

    # --- cases --------------------------------------------------------------------------------

    def list_cases(
        self, limit: int = 100, after_number: str | None = None, *, newest_first: bool = False
    ) -> list[CaseSummary]:
        """One page of cases in filing order, for keyset pagination.

        Args:
            limit: the page size.
            after_number: the last case number of the previous page; None for the first page.
            newest_first: page from the newest case backwards instead.

        Raises:
            NotFoundError: ``after_number`` is not a case.
        """
        stmt = select(*rows.SUMMARY_COLUMNS).limit(max(limit, 0))
        key = CASES.c.id
        if after_number is not None:
            after = self._case_id(after_number)
            stmt = stmt.where(key < after if newest_first else key > after)
        stmt = stmt.order_by(key.desc() if newest_first else key)
        return [CaseSummary(*row) for row in self._conn.execute(stmt)]

    def get_case(self, number: str) -> CaseRecord:
        """The whole case with this number, audit trail included.

        Raises:
            NotFoundError: no such case.
        """
        row = self._conn.execute(
            select(*rows.SUMMARY_COLUMNS, *rows.DETAIL_COLUMNS).where(CASES.c.number == number)
        ).first()
        if row is None:
            raise NotFoundError(t(NO_CASE, number=number))
        case_id, draft_id = row.id, row.draft_id
        parties = self._conn.execute(
            select(*rows.PARTY_COLUMNS).where(PARTIES.c.case_id == case_id).order_by(PARTIES.c.id)
        )
        attachments = self._conn.execute(
            _ATTACHMENT.where(ATTACHMENTS.c.case_id == case_id).order_by(
                ATTACHMENTS.c.created_at, ATTACHMENTS.c.id
            )
        )
        deadlines = self._conn.execute(
            select(*rows.DEADLINE_COLUMNS)
            .where(DEADLINES.c.case_id == case_id)
            .order_by(DEADLINES.c.id)
        )
        events = self._conn.execute(
            select(*rows.EVENT_COLUMNS)
            .where(or_(EVENTS.c.case_id == case_id, EVENTS.c.draft_id == draft_id))
            .order_by(EVENTS.c.at, EVENTS.c.id)
        )
        return rows.case_record(row, parties, attachments, deadlines, events)

    # --- housekeeping -------------------------------------------------------------------------

    def forget_drafts(self, before: datetime, *, limit: int) -> int:
        """Delete up to ``limit`` open drafts nobody touched since ``before``, with their kept
        replies, their files' rows and their audit lines; returns how many.

        Untouched means neither answered (``updated_at``) nor given a file since. A submitted
        draft is a case's and stays. The content of the files is left to the blob sweep, which
        removes it once no other row names it. On PostgreSQL the drafts are locked, and one a
        turn holds right now is skipped: it is being touched.
        """
        self._need_write()
        recent_file = select(ATTACHMENTS.c.id).where(
            ATTACHMENTS.c.draft_id == DRAFTS.c.id, ATTACHMENTS.c.created_at >= before
        )
        stale = (
            select(DRAFTS.c.id)
            .where(DRAFTS.c.status == "open", DRAFTS.c.updated_at < before, ~exists(recent_file))
            .order_by(DRAFTS.c.updated_at, DRAFTS.c.id)
            .limit(max(limit, 0))
            .with_for_update(skip_locked=True)
        )
        ids = list(self._conn.execute(stale).scalars())
        if not ids:
            return 0
        for table in (REPLIES, ATTACHMENTS, EVENTS):
            self._conn.execute(delete(table).where(table.c.draft_id.in_(ids)))
        done = self._conn.execute(
            delete(DRAFTS).where(DRAFTS.c.id.in_(ids), DRAFTS.c.status == "open")
        )
        return int(done.rowcount)

    def referenced_blobs(self) -> set[str]:
        """The digest of every blob some attachment row names (a draft's or a case's)."""
        stmt = select(ATTACHMENTS.c.sha256).distinct()
        return set(self._conn.execute(stmt).scalars())

    # --- helpers ------------------------------------------------------------------------------

    def _one_draft(self, stmt: Select[Any], params: dict[str, str]) -> DraftRow:
        row = self._conn.execute(stmt, params).first()
        if row is None:
            raise NotFoundError(t(NO_DRAFT))
        return DraftRow(*row)

    def _check_open(self, draft_id: str, *, lock: bool = False) -> None:
        """Raise unless the draft exists and is still open; ``lock`` holds its row (on
        PostgreSQL; SQLite's write transaction already holds the whole database)."""
        stmt = _STATUS.with_for_update() if lock else _STATUS
        row = self._conn.execute(stmt, {"p_id": draft_id}).first()
        if row is None:
            raise NotFoundError(t(NO_DRAFT))
        if row.status != "open":
            raise ConflictError(t(SUBMITTED))

    def _checked_links(self, draft_id: str, wanted: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Check that each listed attachment is this draft's and its content is on disk."""
        ids = [attachment_id for attachment_id, _ in wanted]
        if len(set(ids)) != len(ids):
            raise ConflictError(t(FOREIGN_FILE))
        if not ids:
            return []
        stmt = select(ATTACHMENTS.c.id, ATTACHMENTS.c.draft_id, ATTACHMENTS.c.sha256)
        found = {row.id: row for row in self._conn.execute(stmt.where(ATTACHMENTS.c.id.in_(ids)))}
        for attachment_id in ids:
            row = found.get(attachment_id)
            if row is None:
                raise NotFoundError(t(NO_FILE))
            if row.draft_id != draft_id:
                raise ConflictError(t(FOREIGN_FILE))
            if not self._blobs.exists(row.sha256):
                filename = self.attachment(attachment_id).filename
                raise StoreError(t(LOST_FILE, filename=filename))
        return list(wanted)

    def _case_id(self, number: str) -> int:
        found = self._conn.execute(select(CASES.c.id).where(CASES.c.number == number)).first()
        if found is None:
            raise NotFoundError(t(NO_CASE, number=number))
        return int(found.id)

    def _insert_event(
        self,
        kind: str,
        *,
        actor: str,
        case_id: int | None,
        draft_id: str | None,
        data: dict[str, Any] | None,
    ) -> None:
        values = {"case_id": case_id, "draft_id": draft_id, "kind": kind, "actor": actor}
        self._conn.execute(insert(EVENTS), {**values, "at": self._now(), "data": data or {}})


def _next_number(dialect: str, municipality_code: int) -> ReturningInsert[tuple[int]]:
    """One statement that bumps (or starts) a municipality's counter and returns the number.

    An upsert is atomic on both backends, so concurrent filers never get the same number.
    """
    backend = {"sqlite": sqlite, "postgresql": postgresql}.get(dialect)
    if backend is None:
        raise StoreError(f"Case numbering is not supported on {dialect}.")
    start = {"municipality_code": municipality_code, "last": FIRST_NUMBER}
    bump = {"last": COUNTERS.c.last + 1}
    upsert = backend.insert(COUNTERS).values(start)
    upsert = upsert.on_conflict_do_update(index_elements=[COUNTERS.c.municipality_code], set_=bump)
    return cast(ReturningInsert[tuple[int]], upsert.returning(COUNTERS.c.last))
