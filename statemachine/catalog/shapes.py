"""The shapes of the case-type catalog: what a case type, a question and an attachment are.

The data itself lives beside this module (``casetypes.py``, ``questions.py``,
``attachments.py``, ``outofscope.py``); this module only declares the shapes and the look-ups.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from statemachine.catalog.ids import Housing, Side
from statemachine.engine.kinds import InputKind


@dataclass(frozen=True)
class Attachment:
    """A document the filer may be asked to upload."""

    id: str
    """Stable id, e.g. ``lease`` or ``rent_notice``."""
    label: str
    """Short English name (a msgid), e.g. "The whole lease, with any addenda"."""
    explanation: str
    """One plain line (a msgid) telling the filer what it is and why the tribunal needs it."""


@dataclass(frozen=True)
class Question:
    """A question a case type needs, asked as its own dialogue state."""

    state: str
    """The dialogue state id that asks it, e.g. ``ask_notice_received``."""
    kind: InputKind
    """What kind of answer it takes: ``date``, ``money``, ``number`` or ``confirm``."""
    prompt: str
    """The question (a msgid). It must make sense read aloud on its own."""
    help: str
    """A longer explanation (a msgid), shown on "help"."""
    event: str | None = None
    """The deadline event this date provides, if any."""
    past: bool = False
    """For dates: the date must be today or earlier."""
    required: bool = True
    """Whether an empty answer is refused."""
    ask_if: str | None = None
    """The state of an earlier ``confirm`` question that must have been answered yes."""
    unit: str | None = None
    """For numbers: the unit shown after the value (a msgid), e.g. "m²"."""
    label: str | None = None
    """The answer's short name on the review (a msgid, at most four words, no question
    mark), e.g. "Notice received"; without one the review reads the prompt."""
    asked_for: Mapping[Housing, frozenset[Side]] | None = None
    """Ask it only of filers on these sides in these housing kinds (a representative counts
    as the side they act for); ``None`` asks everyone."""
    you: tuple[tuple[Side, str, str | None], ...] = ()
    """For a side, the prompt and the help (``None``: the usual one) addressed to a filer on
    that side who files for themselves: "Did you send the landlord a written objection?" to a
    tenant. ``prompt`` and ``help`` name the sides, as a representative is asked."""

    def addressed(self, side: Side) -> tuple[str, str] | None:
        """The prompt and help for a filer on ``side`` filing for themselves, if worded so."""
        for own, prompt, helped in self.you:
            if own == side:
                return prompt, helped or self.help
        return None


@dataclass(frozen=True)
class CaseType:
    """One kind of case the tribunals handle (domain.md §2)."""

    id: str
    """The canonical id, e.g. ``rent_increase``."""
    number: int
    """The row number in domain.md §2."""
    label: str
    """Short option label (a msgid) the filer picks from, in everyday words."""
    description: str
    """A plain-language description (a msgid) of what the tribunal can decide."""
    filers: Mapping[Housing, frozenset[Side]]
    """Per tribunal (by housing kind), which sides may file. A housing kind missing here means
    that tribunal does not handle the case type."""
    questions: tuple[str, ...]
    """The states of the questions it needs, in the order asked (see ``questions.py``)."""
    required: tuple[str, ...]
    """Attachment ids the filer is asked for first (beyond the general set)."""
    optional: tuple[str, ...]
    """Attachment ids that help but are not needed."""
    rules: tuple[str, ...]
    """Deadline rule ids (see ``deadlines.py``) that may apply."""
    notes: Mapping[Housing, str]
    """Per housing kind, an extra plain sentence (a msgid) shown when the case type is picked,
    e.g. that the beboerklagenævn decides only the formal rules of a rent increase."""
    kind: str = "complaint"
    """``complaint`` (klage) or ``approval`` (a landlord's request for advance approval)."""


@dataclass(frozen=True)
class OutOfScope:
    """A topic neither tribunal decides, and where to go instead."""

    id: str
    """The canonical id, e.g. ``termination``."""
    label: str
    """Short option label (a msgid)."""
    explanation: str
    """Why the tribunal cannot take it, and where to go instead (a msgid), in plain words."""
