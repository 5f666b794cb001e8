"""A flow's hook registry: the functions its data names by string, in one :class:`Hooks`.

The flow data says *that* a transition is guarded, *which* options a question offers or *how*
an answer is parsed, by name; the flow's :class:`Hooks` object holds the functions behind the
names. The engine looks each name up there, and the validator checks the names against
:attr:`Hooks.names`. Hooks are pure: they read and change the draft in memory, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from statemachine.engine.draft import Draft
from statemachine.engine.flow import Names, StateData
from statemachine.engine.option import Option
from statemachine.text import Param, Text


@dataclass(slots=True)
class Step:
    """One answer being applied: what guards and actions get."""

    draft: Draft
    """The draft being changed."""
    value: Any
    """The parsed, canonical answer."""
    today: date
    """Today, for date checks."""
    messages: list[Text] = field(default_factory=list)
    """Lines to show the filer with the next question."""
    scratch: dict[str, Any] = field(default_factory=dict)
    """The hooks' own notes for this one answer: something several guards need is worked out
    once and kept here. Emptied before each answer the engine replays."""


@dataclass(frozen=True, slots=True)
class Closure:
    """Why a draft takes no more answers, and what it produced."""

    reason: Text
    """The error shown for anything sent to it."""
    reference: str | None = None
    """What the filer keeps (the case number); the turn shows it."""


Guard = Callable[[Step, str], bool]
"""A condition on a transition; gets the step and the transition's destination."""
Action = Callable[[Step], None]
"""A change made after a transition."""
Parser = Callable[[Draft, Any, date], Any]
"""A parser that replaces an input kind's own. It may return an :class:`~statemachine.engine.
answer.Answer` with an action instead of a value, to navigate (the review's "change this")."""
OptionSource = Callable[[Draft], list[Option]]
"""The choices a question offers, for a draft."""
Params = Callable[[Draft, "str | None"], dict[str, Param]]
"""The placeholders of a prompt, for a draft and an item."""
Intro = Callable[[Draft, date], list[Text]]
"""The messages shown with a question."""
Items = Callable[[Draft], list[str]]
"""The items a repeated step asks about, in order."""
Requirement = Callable[[Draft], bool]
"""Whether a question must be answered, for a draft."""
Rewind = Callable[[Draft, "str | None"], "str | list[str]"]
"""Where an action (edit) takes the draft back to, given the action's target: the answer key
of an earlier position on its path, or a list of such keys in path order, to go back to the
first and ask the others again on the way back (a whole section of a review). Raises
``InvalidInputError`` to refuse."""
Display = Callable[[Draft, StateData, "str | None", Any], Param]
"""A stored answer as the filer would read it back (for the question's ``current``)."""
Closed = Callable[[Draft], "Closure | None"]
"""Whether a draft is closed to further answers (filed), and why."""
Wording = Callable[[Draft, StateData], "tuple[str, str | None]"]
"""A state's prompt and help (msgids) for this draft: the state's own, or words that fit the
person answering, e.g. "Did you send …?" to the tenant rather than "Did the tenant send …?"."""


def plain_display(draft: Draft, spec: StateData, item: str | None, value: Any) -> Param:
    """A stored answer shown as it is stored: for flows with no display of their own."""
    return str(value)


def own_wording(draft: Draft, spec: StateData) -> tuple[str, str | None]:
    """A state's own prompt and help: for flows that word every question one way."""
    return spec["prompt"], spec.get("help")


def never_closed(draft: Draft) -> Closure | None:
    """A draft that always takes answers: for flows that file nothing."""
    return None


@dataclass(frozen=True)
class Hooks:
    """Everything one flow's data names by string, and how its drafts are shown and closed."""

    guards: Mapping[str, Guard] = field(default_factory=dict)
    """Guards, named in transitions' ``conditions`` and ``unless``."""
    actions: Mapping[str, Action] = field(default_factory=dict)
    """Actions, named in transitions' ``after``."""
    parsers: Mapping[str, Parser] = field(default_factory=dict)
    """Parsers, named in ``input.parser``."""
    options: Mapping[str, OptionSource] = field(default_factory=dict)
    """Option sources, named in ``input.options``."""
    params: Mapping[str, Params] = field(default_factory=dict)
    """Prompt parameters, named in a state's ``params``."""
    intros: Mapping[str, Intro] = field(default_factory=dict)
    """Intros, named in a state's ``intro``."""
    items: Mapping[str, Items] = field(default_factory=dict)
    """Item sources of repeated steps, named in a state's ``items``."""
    requirements: Mapping[str, Requirement] = field(default_factory=dict)
    """Requirement tests, named in ``input.required_when``."""
    rewinds: Mapping[str, Rewind] = field(default_factory=dict)
    """Rewind hooks, named in an action's ``rewinds``."""
    display: Display = plain_display
    """How a kept answer is shown with its question."""
    closed: Closed = never_closed
    """Whether a draft takes no more answers (it has been filed)."""
    wording: Wording = own_wording
    """A state's prompt and help for the person answering."""

    @property
    def names(self) -> Names:
        """The names registered here, for the flow validator."""
        return Names(
            guards=frozenset(self.guards),
            actions=frozenset(self.actions),
            options=frozenset(self.options),
            parsers=frozenset(self.parsers),
            params=frozenset(self.params),
            intros=frozenset(self.intros),
            items=frozenset(self.items),
            requirements=frozenset(self.requirements),
            rewinds=frozenset(self.rewinds),
        )
