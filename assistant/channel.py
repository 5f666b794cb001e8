"""Where a chat's turns come from: the embedded store here, or (later) a service over HTTP."""

from __future__ import annotations

from typing import Any, Protocol

from assistant.conversation import Conversation, Turn


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


class LocalChannel:
    """A channel straight onto the embedded store, in this process."""

    def __init__(self, conversation: Conversation) -> None:
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
