"""The review: every answer on the filer's path, each with a way to change it.

The review is a choice: go on, or ``edit:KEY`` to change the answer stored under ``KEY``. Its
parser turns the latter into the ``edit`` action, whose rewind hook (:func:`change`) checks the
key; the engine then goes back to it and, once it is answered again, on to the review.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from statemachine.catalog.municipalities import municipality
from statemachine.catalog.questions import question
from statemachine.engine.answer import Answer
from statemachine.engine.draft import Draft, split_key
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
GO_ON = "continue"
"""The review's option that goes on to the declaration."""
EDIT = "edit:"
"""The prefix of the review's options that change an answer; the answer key follows."""


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
            return f"{value['text']} ({municipality(value['matches'][0]).name})"
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


def summary(draft: Draft, today: date) -> list[Text]:
    """The lines above the review's choices: how to use it, and the deadlines that apply."""
    lines = [t("Please check your answers below. To change one, choose its number.")]
    for d in case_deadlines(draft, today):
        if d.status == "met" and d.done_on is not None:
            lines.append(t("Deadline met, on {done}: {who}", who=t(d.who_acts), done=d.done_on))
        elif d.status == "late" and d.done_on is not None:
            lines.append(
                t("Deadline missed, done on {done}: {who}", who=t(d.who_acts), done=d.done_on)
            )
        elif d.status == "expired" and not d.own:
            lines.append(
                t(
                    "The other party's deadline passed on {ends}: {who}",
                    who=t(d.who_acts),
                    ends=d.ends,
                )
            )
        elif d.status == "expired":
            lines.append(t("Deadline passed on {ends}: {who}", who=t(d.who_acts), ends=d.ends))
        elif not d.own:
            lines.append(t("Deadline: {who} By {ends}.", who=t(d.who_acts), ends=d.ends))
        else:
            lines.append(t("Deadline: {who} Act by {act_by}.", who=t(d.who_acts), act_by=d.act_by))
    return lines


def choice(draft: Draft, value: Any, today: date) -> str | Answer:
    """Parse the review's answer: go on, or the ``edit`` action for ``edit:KEY``.

    Raises:
        InvalidInputError: for anything else.
    """
    if isinstance(value, str) and value.startswith(EDIT):
        return Answer(action="edit", target=value[len(EDIT) :])
    return parse_choice(value, [GO_ON])


def change(draft: Draft, target: str | None, states: Mapping[str, StateData]) -> str:
    """The answer key ``edit`` goes back to: ``target``, if the review lists it.

    Raises:
        InvalidInputError: away from the review, or for a key the review does not list.
    """
    if draft.state != REVIEW:
        raise InvalidInputError(t("Answers can be changed from the review at the end."))
    if target is None or target not in reviewed_keys(draft, states):
        raise InvalidInputError(t("There is no such answer to change."))
    return target


ParamsOf = Callable[[StateData, Draft, str | None], dict[str, Param]]
"""Gives a state's prompt placeholders for a draft and an item."""


def options(draft: Draft, states: Mapping[str, StateData], params_of: ParamsOf) -> list[Option]:
    """Go on, or change one answer: the review's choices."""
    result = [Option(GO_ON, t("Everything is correct, go on"))]
    for key in reviewed_keys(draft, states):
        state, item = split_key(key)
        spec = states[state]
        result.append(
            Option(
                f"{EDIT}{key}",
                t(
                    "{label}: {value}",
                    label=label(spec, params_of(spec, draft, item)),
                    value=display(draft, spec, item, draft.answers[key]),
                ),
            )
        )
    return result
