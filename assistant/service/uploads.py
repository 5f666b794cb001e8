"""A case's files: uploads checked and kept, recorded against a draft within the case's limits,
and the files a file answer names turned into the attachments the engine records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from assistant.filetypes import FileCheck, check_file
from assistant.protocol import Attachment
from casestore import (
    AttachmentRow,
    BlobRef,
    BlobStore,
    BlobWriter,
    DraftRow,
    DraftTransaction,
    FileLimits,
    FilingTransaction,
    Store,
)
from casestore.failures import LOST_FILE, SUBMITTED
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.engine.values import is_blank
from statemachine.errors import ConflictError, InvalidInputError, NotFoundError, UploadError
from statemachine.text import N_, t

CASE_LIMITS: Final = FileLimits(max_files=30, max_total_bytes=100 * 1024 * 1024)
"""How many files, and how many bytes in all, one case may hold (30 files, 100 MB)."""

GIVE_A_FILE = N_("Please give the path to a file, or choose the option to say you do not have it.")
NOT_IN_CASE = N_("There is no such file in this case.")
IN_AN_ANSWER = N_(
    "{filename} is part of one of your answers. Change that answer first (you can do it from "
    "the review of your answers), then remove the file."
)
TWICE = N_(
    "{filename} is already given for another document. Choose another file here, or upload "
    "a copy if the same file belongs to both."
)


@dataclass(frozen=True)
class Accepted:
    """An uploaded file that passed the checks and is kept in the blob store."""

    check: FileCheck
    """What it is and what to call it."""
    blob: BlobRef
    """Where its content is."""


def accept(upload: BlobWriter, filename: str) -> Accepted:
    """Check a streamed upload by its content, and keep it if it passes.

    Only file work, no database (the service runs it in a worker thread).

    A picture is kept as the checked copy encoded again (see :attr:`FileCheck.content`), not
    as it was sent.

    Raises:
        UploadError: the file is refused (its type or size).
    """
    upload.flush()
    checked = check_file(upload.path, filename)
    if checked.content is not None:
        upload.replace_content(checked.content)
    return Accepted(checked, upload.commit())


def check_room(tx: FilingTransaction, row: DraftRow, incoming: int) -> None:
    """Raise unless the draft may take one more file of about ``incoming`` bytes.

    Args:
        tx: a transaction on the store.
        row: the draft, as loaded in ``tx``.
        incoming: the least the file can be (from the request's length); 1 if unknown.

    Raises:
        ConflictError: the draft was filed; its files belong to the case now.
        LimitError: it already holds as many files as one case may, or the file cannot fit
            in the bytes left.
    """
    if row.status != "open":
        raise ConflictError(t(SUBMITTED))
    CASE_LIMITS.check(*tx.attachment_totals(row.id), size=max(incoming, 1))


def record(
    tx: FilingTransaction, blobs: BlobStore, session: str, checked: FileCheck, blob: BlobRef
) -> AttachmentRow:
    """Record a checked, stored file against a draft, within the per-case limits.

    Raises:
        NotFoundError: no such draft.
        ConflictError: the draft was submitted.
        LimitError: the case has no room left for it.
        UploadError: its content was removed meanwhile (upload it again).
    """
    row = tx.add_attachment(
        session,
        filename=checked.filename,
        size=blob.size,
        sha256=blob.sha256,
        media_type=checked.media_type,
        limits=CASE_LIMITS,
    )
    if not blobs.exists(blob.sha256):
        # A failed upload of the same content removed it a moment ago (see drop_unused).
        raise UploadError(t(LOST_FILE, filename=checked.filename))
    return row


def drop_unused(store: Store, blob: BlobRef) -> None:
    """Remove a stored blob that no attachment names: an upload that was kept but could not
    be recorded (the case was full or filed meanwhile) leaves nothing behind.

    Checked in a write transaction, so that on SQLite a concurrent upload of the same content
    either recorded its row first (and the blob stays) or finds it gone and fails whole.
    """
    with store.begin() as tx:
        if not tx.blob_in_use(blob.sha256):
            store.blobs.path_of(blob.sha256).unlink(missing_ok=True)


def remove(tx: FilingTransaction, session: str, draft: Draft, attachment_id: str) -> AttachmentRow:
    """Remove an uploaded file from an open draft, unless an answer still names it.

    Raises:
        NotFoundError: no such file in this draft.
        ConflictError: the draft was filed, or an answer names the file (change that answer
            first).
    """
    found = tx.attachment(attachment_id)
    if found.draft_id != session:
        raise NotFoundError(t(NOT_IN_CASE))
    # Every kept answer counts, also those off the current path: going back to one must
    # never find its file gone.
    if attachment_id in files_named(draft.answers):
        raise ConflictError(t(IN_AN_ANSWER, filename=found.filename))
    return tx.remove_attachment(session, attachment_id)


def files_named(answers: dict[str, Any], *, besides: str | None = None) -> set[str]:
    """The ids of the files that answers name, leaving out the answer under ``besides``."""
    named: set[str] = set()
    for key, value in answers.items():
        if key != besides and isinstance(value, dict):
            named.update(f["id"] for f in value.get("files", ()) if isinstance(f, dict))
    return named


def attachment_of(row: AttachmentRow) -> Attachment:
    """An attachment's public metadata."""
    return {
        "id": row.id,
        "filename": row.filename,
        "size": row.size,
        "sha256": row.sha256,
        "media_type": row.media_type,
    }


def names_paths(answer: Any) -> bool:
    """Whether an answer names local files, which only the full store can copy in."""
    value = answer.get("value") if isinstance(answer, dict) else None
    refs = value if isinstance(value, list) else [value]
    return any(isinstance(r, dict) and "path" in r for r in refs)


@dataclass(frozen=True)
class LocalFiles:
    """Where the local chat's files, named by path on this machine, are copied in."""

    tx: FilingTransaction
    """The turn's transaction, which records them."""
    blobs: BlobStore
    """The blob store, which keeps their content."""

    def copy_in(self, session: str, path: Path) -> Attachment:
        """Check a file on this machine, keep a copy and record it against the draft.

        Raises:
            UploadError: the file is missing or refused.
            LimitError: the case has no room left for it.
        """
        checked = check_file(path)
        if checked.content is not None:
            stored = self.blobs.put_chunks([checked.content])
        else:
            stored = self.blobs.put_file(path)
        return attachment_of(record(self.tx, self.blobs, session, checked, stored))


def resolve_files(
    answer: Answer,
    kind: str | None,
    session: str,
    tx: DraftTransaction,
    local: LocalFiles | None,
    others: dict[str, Any] | None = None,
) -> Answer:
    """Turn the files an answer names into checked, stored attachments the engine can record.

    ``{"path": FILE}`` is only for the local chat, whose filer owns this machine's disk, and
    is taken only where ``local`` says where to copy it. Over HTTP a path would let a filer
    attach the server's own files, so there files arrive by upload and are named by
    attachment id (``{"attachment": ID}``).

    Args:
        answer: the parsed answer.
        kind: the input kind of the question it answers (None: the state asks nothing).
        session: the draft's id.
        tx: the turn's transaction.
        local: where a local file is copied in; None where paths are not taken.
        others: the draft's other answers on the filer's path; a file one of them names is
            refused here, since one file is filed as one document.

    Raises:
        InvalidInputError: a reference is neither an attachment id nor an allowed path.
        NotFoundError: an attachment id is not this case's.
        UploadError: a local file is refused.
    """
    if answer.action is not None or kind != "file":
        return answer
    value = answer.value
    if is_blank(value) or value == "missing":
        return answer
    refs = value if isinstance(value, list) else [value]
    files: list[Attachment] = []
    elsewhere = files_named(others) if others is not None else set()
    for ref in refs:
        if local is not None and isinstance(ref, dict) and isinstance(ref.get("path"), str):
            files.append(local.copy_in(session, Path(ref["path"]).expanduser()))
        elif isinstance(ref, dict) and isinstance(ref.get("attachment"), str):
            found = tx.attachment(ref["attachment"])
            if found.draft_id != session:
                raise NotFoundError(t(NOT_IN_CASE))
            if found.id in elsewhere:
                raise InvalidInputError(t(TWICE, filename=found.filename))
            files.append(attachment_of(found))
        else:
            raise InvalidInputError(t(GIVE_A_FILE))
    # The same file named twice in one answer is one file.
    unique = list({f["id"]: f for f in files}.values())
    return Answer(value={"files": unique})
