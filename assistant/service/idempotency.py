"""Nothing applied twice: an answer request, and the reply kept under its idempotency key."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, cast

from assistant.protocol import Turn
from assistant.service import codes
from casestore import Reply
from statemachine.errors import InvalidInputError
from statemachine.text import N_, t

KEY_REUSED = N_(
    "This request repeats an earlier request key with a different answer. "
    "Send a new Idempotency-Key for a new answer."
)


@dataclass(frozen=True)
class AnswerRequest:
    """One answer as a filer sent it, with what every transaction that tries it needs."""

    answer: Any
    """The answer, in the protocol's JSON shape."""
    resume_code: str | None
    """The filer's resume code, if their chat knows it (to say it when they save)."""
    token: str | None
    """The bearer token sent; None for the local chat, which owns its store."""
    key: str | None
    """The client's idempotency key, if it sent one."""
    today: date
    """Today, read once for the whole turn."""

    @property
    def local(self) -> bool:
        """Whether this is the local chat, whose filer owns this machine's disk."""
        return self.token is None

    @cached_property
    def request_hash(self) -> str:
        """A digest of the answer, to tell a replay from another request under the same key."""
        return codes.digest(json.dumps(self.answer, sort_keys=True, ensure_ascii=False))

    def replay(self, reply: Reply | None) -> Turn | None:
        """The kept turn, if this request was answered before under its key.

        Raises:
            InvalidInputError: the key was used before for a different answer.
        """
        if reply is None:
            return None
        if reply.request_hash != self.request_hash:
            raise InvalidInputError(t(KEY_REUSED))
        # Only a turn is ever kept (see :meth:`reply`); the store holds it as plain JSON.
        return cast(Turn, reply.turn)

    def reply(self, turn: Turn) -> Reply:
        """The reply to keep under this request's key."""
        return Reply(self.request_hash, turn)
