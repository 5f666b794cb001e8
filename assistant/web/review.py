"""The review turn as a page: its read-back lines as headed lists of answers, each section with
its Change button, and the section question's answers as Change buttons.

The review's turn says its answers as lines: an introduction, then headings ("About you:") each
followed by "Label: value" lines. A heading belongs to the section whose option's label ends with
it ("Change: About you"); the deadlines' heading has no option and no button.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from assistant.protocol import Turn

SECTION: Final = "section:"
"""The review's options that choose a section."""
EDIT: Final = "edit:"
"""The section question's options that change answers."""


@dataclass
class Group:
    """One heading of the review and what is under it."""

    title: str
    """The heading, without its colon."""
    change: str | None = None
    """The ``do`` of its Change button (``pick:section:NAME``), if it has one."""
    change_label: str = ""
    """The Change button's text ("Change: About you")."""
    answers: list[tuple[str, str]] = field(default_factory=list)
    """Its answers, as (label, value)."""
    lines: list[str] = field(default_factory=list)
    """Its lines that are not answers (the deadlines)."""


@dataclass
class Review:
    """The review page."""

    intro: list[str]
    """The lines before the first heading."""
    groups: list[Group]
    """The headings, in order."""
    go_on: str | None
    """The label of the option that goes on, if any."""
    go_on_id: str | None
    """That option's id."""


def is_review(turn: Turn) -> bool:
    """Whether the turn is the review (a choice of going on or a section to change)."""
    options = turn["input"]["options"]
    return turn["input"]["kind"] == "choice" and any(o["id"].startswith(SECTION) for o in options)


def is_section_choice(turn: Turn) -> bool:
    """Whether the turn asks which answer of a section to change."""
    options = turn["input"]["options"]
    return turn["input"]["kind"] == "choice" and any(o["id"].startswith(EDIT) for o in options)


def review_of(turn: Turn) -> Review:
    """The review page of the review turn."""
    options = turn["input"]["options"]
    sections = [o for o in options if o["id"].startswith(SECTION)]
    others = [o for o in options if not o["id"].startswith(SECTION)]
    intro: list[str] = []
    groups: list[Group] = []
    for line in turn["messages"]:
        label, sep, value = line.partition(": ")
        if line.endswith(":") and not sep:
            title = line[:-1]
            option = next((o for o in sections if o["label"].endswith(title)), None)
            groups.append(
                Group(
                    title,
                    f"pick:{option['id']}" if option else None,
                    option["label"] if option else "",
                )
            )
        elif not groups:
            intro.append(line)
        elif sep and groups[-1].change is not None:
            groups[-1].answers.append((label, value))
        else:
            groups[-1].lines.append(line)
    go_on = others[0] if others else None
    return Review(intro, groups, go_on["label"] if go_on else None, go_on["id"] if go_on else None)
