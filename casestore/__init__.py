"""The case store: drafts, cases and their audit trail in SQL, attachment content on disk.

Use it like this::

    store = Store.open("sqlite:///var/naevn.db", Path("var/blobs"))
    with store.begin() as tx:          # one transaction: commit on exit, rollback on error
        draft = tx.load_draft(session_id)
        tx.save_draft(draft.id, state=..., data=..., expected_version=draft.version)

A dialogue turn that only moves its draft may use ``store.draft_transaction()`` instead: a
:class:`DraftTransaction`, on a SQLite file straight on the driver. One that records files or
files the case needs ``store.begin()`` (a :class:`FilingTransaction`); the caller chooses
before the transaction opens (``store.fast_drafts``, ``store.draft_state(id)``).

Errors are :class:`statemachine.errors.StoreError` and its subclasses ``NotFoundError`` and
``ConflictError``; no SQLAlchemy type or exception leaves this package.
"""

from casestore.access import access_digest, new_access_code, normalise_access_code
from casestore.anonymisationrecords import AnonymisationRow
from casestore.blobs import BlobRef, BlobStore, BlobWriter
from casestore.caserecords import (
    CaseWork,
    HearingRow,
    MessageRow,
    NoteRow,
    OutboxMail,
    QueuePage,
    QueueQuery,
    QueueRow,
    QueueSort,
    SavedFilter,
    StaffRow,
)
from casestore.decisionrecords import DecisionRow
from casestore.drafting import DraftTransaction, FilingTransaction
from casestore.failures import QueryError
from casestore.meetingrecords import AgendaItemRow, MeetingRow, MemberRow
from casestore.migrate import current, upgrade
from casestore.partyrecords import (
    AccessCodeRow,
    PartyCase,
    PartyDeadline,
    PartyHearing,
    PartyMessage,
    PartySessionRow,
    SigninCodeRow,
)
from casestore.records import (
    AttachmentRow,
    CaseRecord,
    CaseSummary,
    DraftRow,
    DraftStatus,
    FileLimits,
    PartyKind,
    PartyRole,
    Reply,
    Submission,
)
from casestore.repository import FIRST_NUMBER, Tx
from casestore.sqlite_drafts import SqliteDraftTransaction
from casestore.store import Clock, Store, utc_now

__all__ = [
    "FIRST_NUMBER",
    "AccessCodeRow",
    "AgendaItemRow",
    "AnonymisationRow",
    "AttachmentRow",
    "BlobRef",
    "BlobStore",
    "BlobWriter",
    "CaseRecord",
    "CaseSummary",
    "CaseWork",
    "Clock",
    "DecisionRow",
    "DraftRow",
    "DraftStatus",
    "DraftTransaction",
    "FileLimits",
    "FilingTransaction",
    "HearingRow",
    "MeetingRow",
    "MemberRow",
    "MessageRow",
    "NoteRow",
    "OutboxMail",
    "PartyCase",
    "PartyDeadline",
    "PartyHearing",
    "PartyKind",
    "PartyMessage",
    "PartyRole",
    "PartySessionRow",
    "QueryError",
    "QueuePage",
    "QueueQuery",
    "QueueRow",
    "QueueSort",
    "Reply",
    "SavedFilter",
    "SigninCodeRow",
    "SqliteDraftTransaction",
    "StaffRow",
    "Store",
    "Submission",
    "Tx",
    "access_digest",
    "current",
    "new_access_code",
    "normalise_access_code",
    "upgrade",
    "utc_now",
]
