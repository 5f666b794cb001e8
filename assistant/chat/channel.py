"""Where a chat's turns come from: the dialogue in this process, or a service over HTTP.

This module loads no store: the chat over HTTP (``naevn chat --server``) imports it too. The
local channel drives whatever has the conversation service's methods (:class:`Dialogue`),
which the embedded chat passes in.
"""

from __future__ import annotations

from typing import Any, Protocol

from assistant.protocol import Attachment, Files, Turn


class Channel(Protocol):
    """What a chat front end needs from the dialogue, wherever it runs."""

    def start(self, lang: str) -> tuple[str, str, Turn]:
        """Start a session: (session id, resume code, first turn)."""
        ...

    def resume(self, code: str) -> tuple[str, Turn]:
        """Continue a saved session: (session id, current turn)."""
        ...

    def answer(self, session: str, answer: Any, resume_code: str | None) -> Turn:
        """Send one answer; get the next turn."""
        ...

    def files(self, session: str) -> Files:
        """The files uploaded to the session's draft, oldest first, and those in use."""
        ...

    def remove_file(self, session: str, attachment_id: str) -> Attachment:
        """Remove an uploaded file that no answer names; returns what it was."""
        ...


class Opened(Protocol):
    """A session as the dialogue opened it (``assistant.service.conversation.Started``)."""

    @property
    def session(self) -> str:
        """The session id."""
        ...

    @property
    def resume_code(self) -> str:
        """The code to continue later (empty when resumed)."""
        ...

    @property
    def turn(self) -> Turn:
        """The current question."""
        ...


class Dialogue(Protocol):
    """The part of the conversation service a local chat drives
    (``assistant.service.conversation.Conversation``)."""

    def start(self, lang: str) -> Opened:
        """Start a new dialogue in ``lang``."""
        ...

    def resume(self, code: str) -> Opened:
        """Continue a saved dialogue by its resume code."""
        ...

    def answer(self, session: str, answer: Any, *, resume_code: str | None = None) -> Turn:
        """Apply one answer; return the next turn."""
        ...

    def files(self, session: str, token: str | None) -> Files:
        """The files uploaded to a draft, and those its answers name."""
        ...

    def remove_file(self, session: str, attachment_id: str, token: str | None) -> Attachment:
        """Remove an unused file from a draft."""
        ...


class LocalChannel:
    """A channel straight onto the dialogue in this process (the embedded store)."""

    def __init__(self, conversation: Dialogue) -> None:
        """Wrap a conversation service."""
        self.conversation = conversation

    def start(self, lang: str) -> tuple[str, str, Turn]:
        """Start a session in the local store."""
        started = self.conversation.start(lang)
        return started.session, started.resume_code, started.turn

    def resume(self, code: str) -> tuple[str, Turn]:
        """Continue a session from the local store."""
        resumed = self.conversation.resume(code)
        return resumed.session, resumed.turn

    def answer(self, session: str, answer: Any, resume_code: str | None) -> Turn:
        """Answer in the local store."""
        return self.conversation.answer(session, answer, resume_code=resume_code)

    def files(self, session: str) -> Files:
        """The draft's files in the local store."""
        return self.conversation.files(session, None)

    def remove_file(self, session: str, attachment_id: str) -> Attachment:
        """Remove an unused file from the local store."""
        return self.conversation.remove_file(session, attachment_id, None)
