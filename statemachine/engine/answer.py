"""What a filer sends (an :class:`Answer`) and what one answer did (an :class:`Outcome`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from statemachine.engine.draft import Draft
from statemachine.engine.values import clean
from statemachine.errors import InvalidInputError
from statemachine.text import N_, Text, t

PROTOCOL_ACTIONS = ("back", "help", "save", "restart")
"""The turn protocol's actions that take no target. ``edit`` takes one (``target``). Which of
them a flow offers, and what ``restart`` and ``edit`` do, is the flow's (``FlowData.actions``).
"""

UNKNOWN_ACTION = N_("Unknown action. Use back, help, save or restart.")
"""Why an action the protocol or the flow does not know was refused (a msgid)."""


@dataclass(frozen=True)
class Answer:
    """What the filer sent: a value, or an action (``back``, ``help``, ``save``, ``restart``,
    ``edit`` with a ``target``).

    A state's parser hook may also return an :class:`Answer` with an action, to turn a value
    into a navigation request (the review's ``edit:KEY`` choice becomes an ``edit``).
    """

    value: Any = None
    """The answer's value, when it is not an action."""
    action: str | None = None
    """The action, if any."""
    target: str | None = None
    """For ``edit``: the answer key to change."""

    @classmethod
    def from_json(cls, obj: Any) -> Answer:
        """Read an answer in the turn protocol's JSON shape.

        Every text in it is cleaned first (:func:`~statemachine.engine.values.clean`), so no
        stored answer holds control characters or direction overrides.

        Raises:
            InvalidInputError: for anything that is not ``{"value": …}``, ``{"action": …}``
                or ``{"action": "edit", "target": …}``.
        """
        if isinstance(obj, dict):
            if "action" in obj:
                action = obj["action"]
                if action in PROTOCOL_ACTIONS:
                    return cls(action=action)
                if action == "edit" and isinstance(obj.get("target"), str):
                    return cls(action="edit", target=clean(obj["target"]))
                raise InvalidInputError(t(UNKNOWN_ACTION))
            if "value" in obj:
                return cls(value=clean(obj["value"]))
        raise InvalidInputError(t("An answer needs a value or an action."))


@dataclass
class Outcome:
    """The result of one answer."""

    draft: Draft
    """The draft after the answer (unchanged when there are errors)."""
    messages: list[Text] = field(default_factory=list)
    """Lines to show before the next question."""
    errors: list[Text] = field(default_factory=list)
    """Why the answer was not accepted, in plain words."""
    saved: bool = False
    """The filer asked to save; the caller adds the resume code."""
