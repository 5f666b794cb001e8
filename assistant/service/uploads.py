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
    DraftTransaction,
    FileLimits,
    FilingTransaction,
)
from statemachine.engine.machine import Answer
from statemachine.engine.values import is_blank
from statemachine.errors import InvalidInputError, NotFoundError
from statemachine.text import N_, t

CASE_LIMITS: Final = FileLimits(max_files=30, max_total_bytes=100 * 1024 * 1024)
"""How many files, and how many bytes in all, one case may hold (30 files, 100 MB)."""

GIVE_A_FILE = N_("Please give the path to a file, or choose the option to say you do not have it.")
NOT_IN_CASE = N_("There is no such file in this case.")


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

    Raises:
        UploadError: the file is refused (its type or size).
    """
    upload.flush()
    checked = check_file(upload.path, filename)
    return Accepted(checked, upload.commit())


def check_room(tx: FilingTransaction, session: str) -> None:
    """Raise unless the session's draft may take one more file.

    Raises:
        LimitError: it already holds as many files, or bytes, as one case may.
    """
    CASE_LIMITS.check(*tx.attachment_totals(session), size=0)


def record(tx: FilingTransaction, session: str, checked: FileCheck, blob: BlobRef) -> AttachmentRow:
    """Record a checked, stored file against a draft, within the per-case limits.

    Raises:
        NotFoundError: no such draft.
        ConflictError: the draft was submitted.
        LimitError: the case has no room left for it.
    """
    return tx.add_attachment(
        session,
        filename=checked.filename,
        size=blob.size,
        sha256=blob.sha256,
        media_type=checked.media_type,
        limits=CASE_LIMITS,
    )


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
        return attachment_of(record(self.tx, session, checked, self.blobs.put_file(path)))


def resolve_files(
    answer: Answer,
    kind: str | None,
    session: str,
    tx: DraftTransaction,
    local: LocalFiles | None,
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
    for ref in refs:
        if local is not None and isinstance(ref, dict) and isinstance(ref.get("path"), str):
            files.append(local.copy_in(session, Path(ref["path"]).expanduser()))
        elif isinstance(ref, dict) and isinstance(ref.get("attachment"), str):
            found = tx.attachment(ref["attachment"])
            if found.draft_id != session:
                raise NotFoundError(t(NOT_IN_CASE))
            files.append(attachment_of(found))
        else:
            raise InvalidInputError(t(GIVE_A_FILE))
    return Answer(value={"files": files})
