"""The turn protocol's objects as types: a turn and its parts, and an uploaded attachment.

Shared by the conversation service that renders turns, the HTTP client that reads them and
the OpenAPI document that describes them; so it imports nothing but ``typing`` (the chat
client over HTTP loads it without the store). It also holds the one message both ends say
in their own words: the refusal of someone else's filing. See design.md, "The turn protocol".
"""

# No ``from __future__ import annotations`` here: on Python 3.11 a TypedDict only sees
# ``NotRequired`` in an evaluated annotation, and ``__required_keys__`` must be right (the
# OpenAPI document is built from it).
from typing import Final, NotRequired, TypedDict

from statemachine.text import N_

RESUME_QUIET_SECONDS: Final = 5
"""After a draft is resumed over the service, for how many seconds a resume with the same
code is refused (409): of resumes racing with one code, the first one's token is the one that
works, and the others are told so."""

NOT_YOURS = N_(
    "This filing belongs to someone else, or your access has ended. Use your "
    "resume code to continue your own filing."
)
"""The refusal of a filing the caller holds no token for: said by the service (403) and by
the HTTP client when it gets one."""


class TurnOption(TypedDict):
    """One choice a question offers."""

    id: str
    """The option's stable id: what an answer sends."""
    label: str
    """What the filer reads, in the session's language."""


class TurnInput(TypedDict):
    """What the question takes."""

    kind: str
    """The input kind (``choice``, ``date``, ``file``, …; ``statemachine.engine.kinds``)."""
    required: bool
    """Whether an empty answer is refused."""
    options: list[TurnOption]
    """The choices, for choice kinds (and "I do not have it" for files); else empty."""
    current: NotRequired[str]
    """The answer already given here, as the filer would read it; sending nothing keeps it."""


class TurnProgress(TypedDict):
    """How far along the filing is, by the flow's sections."""

    step: int
    """The section of the current question."""
    total: int
    """How many sections the flow has."""
    title: str
    """The short title of the current question's section ("The case"), in the session's
    language."""


class Turn(TypedDict):
    """What the assistant says and what it asks for: one turn of the protocol."""

    session: str
    """The session id."""
    lang: str
    """The session's language, which every text here is in."""
    state: str
    """The id of the state the dialogue is at."""
    messages: list[str]
    """Lines to show before the question."""
    prompt: str
    """The question."""
    help: str | None
    """More about the question, if there is any."""
    input: TurnInput
    """What the question takes."""
    errors: list[str]
    """Why the last answer was refused, in plain words; empty if it was not."""
    progress: TurnProgress
    """How far along the filing is."""
    actions: list[str]
    """The actions an answer may take here (``back``, ``help``, ``save``, ``restart``)."""
    done: bool
    """Whether the filing is done: nothing more to answer."""
    case_number: str | None
    """The case number once filed, else None."""
    version: int
    """The draft's version; an answer sends it back, so one from a stale tab is refused."""
    item: NotRequired[str]
    """For repeated steps (documents), the id of the item asked about."""
    access_code: NotRequired[str]
    """Only on the turn that filed the case: the filer's access code for Mine sager
    (``/mine``), which the store keeps only as a digest, so it is shown this once."""


class Attachment(TypedDict):
    """An attachment's public metadata, as an upload returns it and a file answer holds it."""

    id: str
    """The attachment id (``a_`` + 22 url-safe characters)."""
    filename: str
    """The cleaned name the filer gave it; for display only, never a path."""
    size: int
    """Its size in bytes."""
    sha256: str
    """The hex digest of its content."""
    media_type: str
    """The media type read from its content, such as ``application/pdf``."""


class Files(TypedDict):
    """The files uploaded to a draft, and which of them its answers name."""

    attachments: list[Attachment]
    """Every file uploaded to the draft and not removed, oldest first."""
    in_use: list[str]
    """The ids of those an answer names: removed only by changing that answer."""
