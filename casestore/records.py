"""Plain records that go in and out of the store; no SQLAlchemy type ever leaves casestore."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from statemachine.errors import LimitError
from statemachine.flows.intake.filing import Filing
from statemachine.text import t

DraftStatus = Literal["open", "submitted"]
"""A draft is open while the dialogue runs, and submitted once it became a case."""

PartyRole = Literal["filer", "representative", "co_party", "counterparty"]
"""What a party is to the case."""

PartyKind = Literal["person", "company"]
"""Whether a party is a natural person or a company (or other legal person)."""


@dataclass(frozen=True, slots=True)
class DraftRow:
    """A dialogue's saved state, as loaded from the store."""

    id: str
    """The session id, ``s_`` + 22 url-safe characters."""
    lang: str
    """The dialogue's language code (``da`` or ``en``)."""
    state: str
    """The id of the dialogue state the filer is at."""
    data: dict[str, Any]
    """The dialogue's answers and bookkeeping; opaque to the store."""
    version: int
    """Bumped on every save; pass it back as ``expected_version``."""
    status: DraftStatus
    """``open`` or ``submitted``."""
    case_number: str | None
    """The case number once submitted, else None."""
    created_at: datetime
    """When the draft was created (UTC)."""
    updated_at: datetime
    """When the draft was last saved (UTC)."""
    token_hash: str
    """The hash of the session's bearer token (see ``assistant/service/codes.py``)."""


@dataclass(frozen=True, slots=True)
class AttachmentRow:
    """An uploaded file's metadata; its content is in the blob store under ``sha256``."""

    id: str
    """``a_`` + 22 url-safe characters."""
    draft_id: str | None
    """The draft it was uploaded to; None for a file a party sent with a reply."""
    filename: str
    """The name the filer gave it; for display only, never a path."""
    size: int
    """Size in bytes."""
    sha256: str
    """Hex digest of the content, and its key in the blob store."""
    media_type: str
    """The detected media type, e.g. ``application/pdf``."""
    requirement: str | None
    """The attachment catalog id it answers; set at submission."""
    created_at: datetime
    """When it was uploaded (UTC)."""


@dataclass(frozen=True, slots=True)
class Submission:
    """A filing and who filed it when; :meth:`Tx.submit` writes it in one go."""

    filing: Filing
    """What is filed: the case's facts, parties, documents and deadlines."""
    filed_at: datetime
    """When the case was filed (timezone-aware)."""
    actor: str
    """Who submitted, for the audit trail (e.g. ``filer:s_…``)."""


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One line of the case list."""

    number: str
    """``<kommunekode>-<running number>``, e.g. ``101-10005``."""
    case_type: str
    """The main case type id."""
    role: str
    """Who filed."""
    housing: str
    """private or social."""
    municipality_code: int
    """The kommunekode."""
    status: str
    """The lifecycle status, ``submitted`` at first."""
    filed_at: datetime
    """When the case was filed (UTC)."""


@dataclass(frozen=True, slots=True)
class CaseRecord(CaseSummary):
    """A whole case. The lists hold JSON-ready dicts (dates and times as ISO strings)."""

    side: str = ""
    """The side the filer is on."""
    lang: str = ""
    """The filer's language code."""
    extra_topics: list[str] = field(default_factory=list)
    """Further case type ids."""
    answers: dict[str, Any] = field(default_factory=dict)
    """The answers, keyed by dialogue state id."""
    parties: list[dict[str, Any]] = field(default_factory=list)
    """``{role, name, kind, address, email, phone}`` each."""
    attachments: list[dict[str, Any]] = field(default_factory=list)
    """``{id, filename, size, sha256, media_type, requirement}`` each."""
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    """The deadlines computed at submission, in the deadline JSON structure."""
    events: list[dict[str, Any]] = field(default_factory=list)
    """The audit trail, oldest first: ``{kind, actor, at, data}`` each."""


@dataclass(frozen=True, slots=True)
class Reply:
    """The answer a turn gave, kept under the client's idempotency key to replay it."""

    request_hash: str
    """A digest of the request that got this reply; a reused key with another request is
    refused."""
    turn: Mapping[str, Any]
    """The turn that was returned (the turn protocol's object, opaque to the store)."""


@dataclass(frozen=True, slots=True)
class FileLimits:
    """How much one draft may hold in uploaded files."""

    max_files: int
    """The most files one draft may hold."""
    max_total_bytes: int
    """The most bytes all of a draft's files may take together."""

    def check(self, count: int, total: int, *, size: int) -> None:
        """Raise unless one more file of ``size`` bytes fits next to ``count`` files of
        ``total`` bytes.

        Raises:
            LimitError: it does not fit; the message says which limit and what to do.
        """
        if count >= self.max_files:
            raise LimitError(
                t(
                    "This case already has {count} files, which is the most one case can "
                    "hold. Combine some of them into one PDF, or remove one you do not need.",
                    count=self.max_files,
                )
            )
        if total + size > self.max_total_bytes:
            raise LimitError(
                t(
                    "The files of one case can take at most {limit} MB together, and this one "
                    "does not fit. Please make the files smaller, for example by scanning at a "
                    "lower resolution.",
                    limit=self.max_total_bytes // (1024 * 1024),
                )
            )
