"""What the engine presents before translation: the question, what it takes, what may be done.

The service renders a :class:`Presentation` in the reader's language as the turn protocol's
``Turn`` (``assistant/protocol.py``); only that rendered object is called a turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from statemachine.engine.option import Option
from statemachine.text import Param, Text


@dataclass(frozen=True)
class InputSpec:
    """What the question takes."""

    kind: str
    """The input kind."""
    required: bool
    """Whether an empty answer is refused."""
    options: list[Option]
    """The choices, for choice kinds (and the "I don't have it" option for files)."""
    current: Param | None
    """The answer already given here, if any, for display; sending nothing keeps it."""


@dataclass(frozen=True)
class Presentation:
    """What to show now, before translation: ids plus untranslated text (a turn's fields)."""

    state: str
    """The state id."""
    item: str | None
    """For repeated steps, the item asked about."""
    messages: list[Text]
    """Lines to show before the question."""
    prompt: Text
    """The question."""
    help: Text | None
    """More about the question, if the state has any."""
    input: InputSpec
    """What the question takes."""
    errors: list[Text]
    """Why the last answer was refused, if it was."""
    step: int
    """The section of the flow the state belongs to."""
    total: int
    """How many sections the flow has."""
    title: Text
    """The short title of the state's section ("The case")."""
    actions: list[str]
    """The actions the turn lists (none once the draft is closed)."""
    done: bool
    """Whether the draft is closed: filed, nothing more to answer."""
    case_number: str | None
    """What a closed draft produced (``Closure.reference``)."""
