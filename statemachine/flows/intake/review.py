"""The review: every answer on the filer's path, read back in a few sections, each changeable.

The review reads the answers back under short headings (about you, the home, the case, dates,
documents) and offers few choices: go on, or change one section. Choosing a section
(``section:NAME``) leads to :data:`REVIEW_SECTION`, which lists that section's answers by
their short labels: ``edit:KEY`` changes one answer, ``edit:section:NAME`` goes through the
whole section again. Both are the one ``edit`` action, whose rewind hook (:func:`change`)
picks the answers to ask again; the engine goes back to the first and, once it is answered,
on to the review, stopping at the others on the way. ``edit:KEY`` sent straight to the review
(an older client) works as before.

Which section an answer is in follows from its state's data, not from its name: a date is a
date wherever it is asked, a file is a document, and otherwise the part of the dialogue the
state is in decides (:func:`section_of`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from statemachine.catalog.municipalities import municipality
from statemachine.catalog.questions import question
from statemachine.engine.answer import Answer
from statemachine.engine.draft import Draft, answer_key, split_key
from statemachine.engine.flow import StateData
from statemachine.engine.option import Option
from statemachine.engine.values import parse_choice
from statemachine.errors import InvalidInputError
from statemachine.flows.intake import facts
from statemachine.flows.intake.options import OPTION_SOURCES
from statemachine.flows.intake.summaries import case_deadlines
from statemachine.text import N_, Money, Param, Text, t

YES = N_("Yes")
NO = N_("No")

REVIEW = "review"
"""The review's state."""
REVIEW_SECTION = "review_section"
"""The state that asks which answer of the chosen section to change."""
GO_ON = "continue"
"""The review's option that goes on to the declaration."""
EDIT = "edit:"
"""The prefix of the options that change answers; the answer key, or ``section:NAME``,
follows."""
SECTION = "section:"
"""The prefix of the review's options that choose a section to change."""
BACK_TO_REVIEW = "review"
"""The section question's option that goes back to the review, changing nothing."""


@dataclass(frozen=True)
class Section:
    """One heading of the review."""

    id: str
    """The section's id, in the options ``section:ID`` and ``edit:section:ID``."""
    title: str
    """The heading (a msgid)."""


YOU = Section("you", N_("About you"))
HOME = Section("home", N_("The home"))
CASE = Section("case", N_("The case"))
DATES = Section("dates", N_("Dates"))
DOCUMENTS = Section("documents", N_("Documents"))
SECTIONS: tuple[Section, ...] = (YOU, HOME, CASE, DATES, DOCUMENTS)
"""The review's sections, in the order they are read."""

_BY_KIND = {"date": DATES, "file": DOCUMENTS}
"""Answers of these input kinds are in these sections, wherever they are asked."""
_BY_PART = {1: YOU, 2: YOU, 3: HOME, 5: DATES, 8: DOCUMENTS, 9: YOU}
"""The section of the answers of each part of the dialogue (``dialogue.SECTIONS``); the
case's own questions, the parties and the request (parts 4, 6 and 7) are the case."""


def section_of(spec: StateData) -> Section:
    """The review section an answer to ``spec`` is read back in."""
    kind = spec["input"]["kind"] if "input" in spec else "none"
    return _BY_KIND.get(kind) or _BY_PART.get(spec["section"], CASE)


def reviewed_keys(draft: Draft, states: Mapping[str, StateData]) -> list[str]:
    """The answer keys on the path to the review, in the order they were asked."""
    keys = []
    for key in draft.history:
        spec = states.get(split_key(key)[0])
        if spec is None or "input" not in spec or not spec.get("review", True):
            continue
        if key in draft.answers and key not in keys:
            keys.append(key)
    return keys


def section_keys(draft: Draft, states: Mapping[str, StateData], section: Section) -> list[str]:
    """The answer keys of one review section, in the order they were asked; an answer read
    back with another (``reviewed_with``) follows the state of that one."""
    result = []
    for key in reviewed_keys(draft, states):
        spec = states[split_key(key)[0]]
        owner = states.get(spec.get("reviewed_with", ""), spec)
        if section_of(owner) == section:
            result.append(key)
    return result


def label(spec: StateData, params: dict[str, Param]) -> Text:
    """The short name of an answer, for the review."""
    return Text(spec.get("label", spec.get("prompt", spec["name"])), params)


def display(draft: Draft, spec: StateData, item: str | None, value: Any) -> Param:
    """An answer as the filer would want to read it back."""
    kind = spec["input"]["kind"] if "input" in spec else "none"
    if value == [] and kind == "multi_choice":
        return t("None of them")
    if value is None or value == "" or value == []:
        return t("(no answer)")
    if kind in ("choice", "multi_choice"):
        return _choices(draft, spec, item, value)
    if kind == "confirm":
        return t(YES) if value else t(NO)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "money":
        return Money(Decimal(value))
    if kind == "number":
        unit = question(spec["name"]).unit if facts.is_question(spec["name"]) else None
        return t("{number} {unit}", number=Decimal(value), unit=t(unit)) if unit else Decimal(value)
    if kind == "file":
        if isinstance(value, dict) and value.get("missing"):
            return t("Not provided")
        files = value.get("files", []) if isinstance(value, dict) else []
        return ", ".join(f["filename"] for f in files)
    if isinstance(value, dict) and "matches" in value:
        if len(value["matches"]) == 1:
            name = municipality(value["matches"][0]).name
            typed = str(value["text"])
            return name if typed.casefold() == name.casefold() else f"{typed} ({name})"
        return str(value["text"])
    return " / ".join(line.strip() for line in str(value).splitlines() if line.strip())


def _choices(draft: Draft, spec: StateData, item: str | None, value: Any) -> Param:
    source = spec["input"].get("options", "") if "input" in spec else ""
    saved_item = draft.item
    draft.item = item
    try:
        options: list[Option] = OPTION_SOURCES[source](draft) if source in OPTION_SOURCES else []
    finally:
        draft.item = saved_item
    labels = {o.id: o.label for o in options}
    chosen = value if isinstance(value, list) else [value]
    shown = [labels.get(str(v), str(v)) for v in chosen]
    if len(shown) == 1:
        return shown[0]
    return tuple(shown)


ParamsOf = Callable[[StateData, Draft, str | None], dict[str, Param]]
"""Gives a state's prompt placeholders for a draft and an item."""


def _line(draft: Draft, states: Mapping[str, StateData], key: str, params_of: ParamsOf) -> Text:
    """One answer read back, "Notice received: 1 October 2026", with the answers read back
    beside it (a missing document's reason)."""
    state, item = split_key(key)
    spec = states[state]
    value = display(draft, spec, item, draft.answers[key])
    for other in states.values():
        beside = answer_key(other["name"], item)
        # Only an answer given on the way here: a reason left behind by a later upload is not.
        on_path = beside in draft.answers and beside in draft.history
        if other.get("reviewed_with") == state and on_path:
            more = display(draft, other, item, draft.answers[beside])
            value = t("{value}. Reason: {reason}", value=value, reason=more)
    return t("{label}: {value}", label=label(spec, params_of(spec, draft, item)), value=value)


def _shown(draft: Draft, states: Mapping[str, StateData]) -> list[tuple[Section, list[str]]]:
    """The sections with answers, each with the keys that have a line of their own."""
    result = []
    for section in SECTIONS:
        keys = [
            k
            for k in section_keys(draft, states, section)
            if "reviewed_with" not in states[split_key(k)[0]]
        ]
        if keys:
            result.append((section, keys))
    return result


def summary(
    draft: Draft, today: date, states: Mapping[str, StateData], params_of: ParamsOf
) -> list[Text]:
    """The lines above the review's choices: how to use it, the deadlines that apply, and
    every answer, under the heading of its section."""
    lines = [t("Please check your answers. To change one, choose the section it is in.")]
    lines.extend(_deadline_lines(draft, today))
    for section, keys in _shown(draft, states):
        lines.append(t("{section}:", section=t(section.title)))
        lines.extend(_line(draft, states, key, params_of) for key in keys)
    return lines


def _deadline_lines(draft: Draft, today: date) -> list[Text]:
    # Each line starts with what must be done, so that it reads as a sentence aloud.
    lines = []
    for d in case_deadlines(draft, today):
        who = t(d.who_acts)
        if d.status == "met" and d.done_on is not None:
            lines.append(t("{who} Done in time, on {done}.", who=who, done=d.done_on))
        elif d.status == "late" and d.done_on is not None:
            lines.append(t("{who} Done too late, on {done}.", who=who, done=d.done_on))
        elif d.status == "expired":
            lines.append(t("{who} The deadline passed on {ends}.", who=who, ends=d.ends))
        elif not d.own:
            lines.append(t("{who} By {ends} at the latest.", who=who, ends=d.ends))
        else:
            lines.append(t("{who} Do it by {act_by} at the latest.", who=who, act_by=d.act_by))
    return [t("Deadlines:"), *lines] if lines else []


def options(draft: Draft, states: Mapping[str, StateData]) -> list[Option]:
    """Go on, or change one section: the review's choices."""
    result = [Option(GO_ON, t("Everything is correct, go on"))]
    for section, _keys in _shown(draft, states):
        result.append(
            Option(f"{SECTION}{section.id}", t("Change: {section}", section=t(section.title)))
        )
    return result


def chosen_section(draft: Draft) -> Section:
    """The section chosen on the review (the first, if none is)."""
    value = draft.answers.get(REVIEW)
    return next((s for s in SECTIONS if value == f"{SECTION}{s.id}"), SECTIONS[0])


def section_options(
    draft: Draft, states: Mapping[str, StateData], params_of: ParamsOf
) -> list[Option]:
    """Change one answer of the chosen section, go through all of it, or go back."""
    section = chosen_section(draft)
    result = []
    for key in section_keys(draft, states, section):
        state, item = split_key(key)
        spec = states[state]
        result.append(Option(f"{EDIT}{key}", label(spec, params_of(spec, draft, item))))
    result.append(Option(f"{EDIT}{SECTION}{section.id}", t("Go through the whole section again")))
    result.append(Option(BACK_TO_REVIEW, t("Back to the review")))
    return result


def section_params(draft: Draft, item: str | None) -> dict[str, Param]:
    """The section question's placeholder: the chosen section's heading."""
    return {"section": t(chosen_section(draft).title)}


def choice(draft: Draft, value: Any, states: Mapping[str, StateData]) -> str | Answer:
    """Parse an answer at the review or its section question: go on, choose a section, go
    back to the review (the ``back`` action), or the ``edit`` action for ``edit:KEY`` and
    ``edit:section:NAME``.

    Raises:
        InvalidInputError: for anything else.
    """
    if isinstance(value, str) and value.startswith(EDIT):
        return Answer(action="edit", target=value[len(EDIT) :])
    if draft.state == REVIEW_SECTION:
        parse_choice(value, [BACK_TO_REVIEW])
        return Answer(action="back")
    return parse_choice(value, [o.id for o in options(draft, states)])


def chose_section(value: Any) -> bool:
    """Whether the review's answer chooses a section to change."""
    return isinstance(value, str) and value.startswith(SECTION)


def change(draft: Draft, target: str | None, states: Mapping[str, StateData]) -> list[str]:
    """The answer keys ``edit`` asks again: ``target``, if the review lists it, or every
    answer of the section ``section:NAME``.

    Raises:
        InvalidInputError: away from the review, or for a key the review does not list.
    """
    if draft.state not in (REVIEW, REVIEW_SECTION):
        raise InvalidInputError(t("Answers can be changed from the review at the end."))
    if target is not None and target.startswith(SECTION):
        section = next((s for s in SECTIONS if target == f"{SECTION}{s.id}"), None)
        keys = section_keys(draft, states, section) if section is not None else []
        if keys:
            return keys
    elif target is not None and target in reviewed_keys(draft, states):
        return [target]
    raise InvalidInputError(t("There is no such answer to change."))
