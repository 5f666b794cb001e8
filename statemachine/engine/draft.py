"""A dialogue in progress: where the filer is, and everything they have answered.

A :class:`Draft` is plain data. The store keeps it as JSON between turns, so the engine holds
nothing in memory between one answer and the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Position = tuple[str, str | None]
"""A place in the dialogue: a state, and for repeated steps the item asked about."""


def answer_key(state: str, item: str | None) -> str:
    """The key an answer is stored under: the state id, plus ``:item`` for repeated steps."""
    return state if item is None else f"{state}:{item}"


def split_key(key: str) -> Position:
    """The inverse of :func:`answer_key`."""
    state, _, item = key.partition(":")
    return state, item or None


@dataclass
class Draft:
    """Everything the engine needs to continue a dialogue."""

    state: str
    """The current state id."""
    lang: str
    """The filer's language, ``da`` or ``en``."""
    item: str | None = None
    """For repeated steps (attachments), the item asked about now."""
    answers: dict[str, Any] = field(default_factory=dict)
    """Canonical answers keyed by :func:`answer_key`. Answers off the current path are kept,
    so going back and changing one's mind never loses anything."""
    history: list[str] = field(default_factory=list)
    """Positions visited before the current one, as answer keys, for "back"."""
    editing: bool = False
    """True after an action that rewinds and returns (edit from the review): once the answer
    is given again, the engine replays the stored answers up to the state it returns to."""
    revisit: list[str] = field(default_factory=list)
    """While editing: the answer keys further on to ask again rather than replay (the rest of
    a review section being gone through again), in path order."""
    submit_requested: bool = False
    """Set by a flow's action when the draft is to be filed (the intake's declaration); the
    service then submits. The engine itself never reads it."""
    case_number: str | None = None
    """What the service filed the draft as; the flow's ``closed`` hook reads it. The engine
    itself never reads it."""

    @property
    def position(self) -> Position:
        """The current state and item."""
        return self.state, self.item

    @property
    def key(self) -> str:
        """The answer key of the current position."""
        return answer_key(self.state, self.item)

    def to_data(self) -> dict[str, Any]:
        """The JSON-safe form stored between turns."""
        data: dict[str, Any] = {
            "state": self.state,
            "lang": self.lang,
            "answers": self.answers,
            "history": self.history,
        }
        if self.item is not None:
            data["item"] = self.item
        if self.editing:
            data["editing"] = True
        if self.revisit:
            data["revisit"] = self.revisit
        if self.submit_requested:
            data["submit_requested"] = True
        if self.case_number is not None:
            data["case_number"] = self.case_number
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Draft:
        """Rebuild a draft from :meth:`to_data` output."""
        return cls(
            state=str(data["state"]),
            lang=str(data["lang"]),
            item=data.get("item"),
            answers=dict(data.get("answers", {})),
            history=list(data.get("history", [])),
            editing=bool(data.get("editing", False)),
            revisit=list(data.get("revisit", [])),
            submit_requested=bool(data.get("submit_requested", False)),
            case_number=data.get("case_number"),
        )
