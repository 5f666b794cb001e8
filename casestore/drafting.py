"""What a dialogue turn may do in its one transaction, as two Protocols the store's paths meet.

A turn that only moves a draft needs :class:`DraftTransaction`: load and save the draft, look
up an attachment an answer names, and keep or find the reply under an idempotency key. Both
of the store's paths give one (``Store.draft_transaction()``: on a SQLite file the driver-level
:class:`~casestore.sqlite_drafts.SqliteDraftTransaction`; ``Store.begin()``: the full
:class:`~casestore.repository.Tx`). A turn that also records files or files the case needs
:class:`FilingTransaction`, which only the full :class:`~casestore.repository.Tx` gives. The
caller picks the path before the transaction opens; nothing checks a transaction's class.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from casestore.records import AttachmentRow, DraftRow, FileLimits, Reply, Submission


class DraftTransaction(Protocol):
    """The reads and writes of a turn that only moves its draft."""

    def load_draft(self, draft_id: str) -> DraftRow:
        """The draft with this id.

        Raises:
            NotFoundError: no such draft.
        """
        ...

    def save_draft(
        self,
        draft_id: str,
        *,
        state: str,
        data: dict[str, Any],
        expected_version: int,
        email: str | None = None,
    ) -> int:
        """Save a draft if nobody saved it since ``expected_version``; returns the new version.

        ``email`` is the filer's address as the answers now give it (None: not given yet).

        Raises:
            NotFoundError: no such draft.
            ConflictError: the version moved on, or the draft was submitted.
        """
        ...

    def attachment(self, attachment_id: str) -> AttachmentRow:
        """The attachment with this id.

        Raises:
            NotFoundError: no such attachment.
        """
        ...

    def find_reply(self, draft_id: str, key: str) -> Reply | None:
        """The reply kept under a client's idempotency key for this draft, if any."""
        ...

    def remember_reply(self, draft_id: str, key: str, reply: Reply) -> None:
        """Keep a turn's reply under the client's idempotency key.

        Raises:
            ConflictError: a reply is already kept under that key (a concurrent retry won).
        """
        ...


class FilingTransaction(DraftTransaction, Protocol):
    """A turn's transaction that may also record files, file the case and write the audit
    trail: the full store's."""

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
        """Record a file (already in the blob store) against an open draft.

        Raises:
            NotFoundError: no such draft.
            ConflictError: the draft was submitted.
            LimitError: the draft has no room for it under ``limits``.
        """
        ...

    def attachment_totals(self, draft_id: str) -> tuple[int, int]:
        """How many files a draft holds, and their total size in bytes."""
        ...

    def remove_attachment(self, draft_id: str, attachment_id: str) -> AttachmentRow:
        """Remove a file from an open draft; returns what it was.

        Raises:
            NotFoundError: no such draft, or the file is not this draft's.
            ConflictError: the draft was submitted.
        """
        ...

    def blob_in_use(self, sha256: str) -> bool:
        """Whether any attachment row names the content with this digest."""
        ...

    def submit(self, draft_id: str, submission: Submission) -> str:
        """File a draft as a case; returns the case number. The draft's version goes up by one.

        Raises:
            NotFoundError: no such draft, or a listed attachment does not exist.
            ConflictError: the draft was already submitted, or an attachment is not its own.
            StoreError: an attachment's content is missing from the blob store.
        """
        ...

    def case_scope(self, number: str) -> tuple[int, str, str, int]:
        """(case id, tribunal, status, version) of a case.

        Raises:
            NotFoundError: no such case.
        """
        ...

    def add_access_code(
        self,
        case_id: int,
        *,
        kind: str,
        code_hash: str,
        party_id: int | None = None,
        hearing_id: int | None = None,
        expires_at: datetime | None = None,
    ) -> int:
        """Store an access code's digest for a case (``casestore.access``); returns its id."""
        ...

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
        """Append a line to the audit trail.

        Raises:
            NotFoundError: ``case_number`` is not a case.
        """
        ...
