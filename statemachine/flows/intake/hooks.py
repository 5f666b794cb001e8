"""The intake flow's hooks: the guards, actions, parsers, options and texts its data names.

The flow data (``dialogue.py``) names these by string; :data:`HOOKS` holds them for the
engine, which looks them up by those names. Everything here is pure: it reads and changes the
draft in memory, nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from statemachine.catalog.ids import OUT_OF_SCOPE
from statemachine.catalog.municipalities import find_municipalities
from statemachine.catalog.outofscope import excluded_case_type
from statemachine.catalog.questions import question
from statemachine.engine.draft import Draft
from statemachine.engine.flow import StateData
from statemachine.engine.hooks import (
    Action,
    Closure,
    Guard,
    Hooks,
    Items,
    OptionSource,
    Params,
    Parser,
    Requirement,
    Step,
)
from statemachine.engine.values import parse_choice, parse_text
from statemachine.errors import InvalidInputError
from statemachine.flows.intake import danish, facts, review
from statemachine.flows.intake.cvr import parse_cvr
from statemachine.flows.intake.dialogue import INTAKE
from statemachine.flows.intake.options import OPTION_SOURCES, OTHER_TOPIC, case_type_choices
from statemachine.flows.intake.parties import (
    asks_counterparty_kind,
    client_params,
    filer_params,
    home_params,
    other_party_params,
)
from statemachine.flows.intake.summaries import INTROS
from statemachine.text import Param, t

STATES: Mapping[str, StateData] = {s["name"]: s for s in INTAKE["states"]}
"""The intake flow's states by name, for the review."""

# -- guards -------------------------------------------------------------------------------


def next_after(step: Step, state: str) -> str:
    """The state after ``state`` in the question chain, worked out once per answer.

    Every transition out of a question asks (guard ``is_next_question``), so the answer is
    kept in the step's scratch notes.
    """
    found: str | None = step.scratch.get("next_question")
    if found is None:
        found = step.scratch["next_question"] = facts.next_question(step.draft, state)
    return found


def _topic_out_of_scope(step: Step, dest: str) -> bool:
    home = facts.housing(step.draft)
    if step.value in OUT_OF_SCOPE:
        return True
    return home is not None and excluded_case_type(step.value, home) is not None


def _after_org_complaint(step: Step, dest: str) -> bool:
    # From the neighbour-rule warning, on to what follows the housing organisation questions.
    return facts.next_question(step.draft, "ask_complaint_to_org") == dest


def _more_attachments(step: Step, dest: str) -> bool:
    ids = [a.id for a, _ in facts.attachment_items(step.draft)]
    return step.draft.item in ids and ids.index(step.draft.item) < len(ids) - 1


def _missing_required(step: Step, dest: str) -> bool:
    return bool(step.value.get("missing")) and facts.attachment_required(
        step.draft, step.draft.item
    )


GUARDS: dict[str, Guard] = {
    "said_yes": lambda s, d: s.value is True,
    "is_representative": lambda s, d: s.value == "representative",
    "is_landlord": lambda s, d: s.value == "landlord",
    "represents_landlord": lambda s, d: facts.side(s.draft) == "landlord",
    "chose_organisation": lambda s, d: s.value == "organisation",
    "asks_counterparty_kind": lambda s, d: asks_counterparty_kind(s.draft),
    "asks_co_tenants": lambda s, d: facts.asks_co_tenants(s.draft),
    "asks_co_owners": lambda s, d: facts.asks_co_owners(s.draft),
    "files_as_organisation": lambda s, d: facts.files_as_organisation(s.draft),
    "asks_if_still_at_home": lambda s, d: facts.asks_if_still_at_home(s.draft),
    "housing_unknown": lambda s, d: s.value == "unknown",
    "housing_commercial": lambda s, d: s.value == "commercial",
    "municipality_ambiguous": lambda s, d: len(s.value["matches"]) > 1,
    "topic_out_of_scope": _topic_out_of_scope,
    "is_next_question": lambda s, d: next_after(s, s.draft.state) == d,
    "chose_other_topic": lambda s, d: s.value == OTHER_TOPIC,
    "is_next_after_org_complaint": _after_org_complaint,
    "attachment_missing_required": _missing_required,
    "more_attachments": _more_attachments,
    "chose_section": lambda s, d: review.chose_section(s.value),
}
"""Every guard the intake flow may name."""


# -- actions ------------------------------------------------------------------------------


def _set_language(step: Step) -> None:
    step.draft.lang = step.value


def _note_power_of_attorney(step: Step) -> None:
    if step.value is False:
        step.messages.append(
            t(
                "You will need a power of attorney before the tribunal can "
                "handle the case. You can go on now and send it later."
            )
        )


def _note_settlement(step: Step) -> None:
    if step.value is False:
        step.messages.append(
            t(
                "We recommend that you write to {other_party} first and "
                "keep a copy. You can still file now.",
                **other_party_params(step.draft, None),
            )
        )


def _first_attachment(step: Step) -> None:
    items = facts.attachment_items(step.draft)
    step.draft.item = items[0][0].id if items else None


def _next_attachment(step: Step) -> None:
    ids = [a.id for a, _ in facts.attachment_items(step.draft)]
    current = step.draft.item
    step.draft.item = ids[ids.index(current) + 1] if current in ids else ids[0]


def _end_attachments(step: Step) -> None:
    step.draft.item = None


def _request_submission(step: Step) -> None:
    step.draft.submit_requested = True


def _clear_answers(step: Step) -> None:
    lang = step.draft.answers.get("ask_language")
    step.draft.answers = {} if lang is None else {"ask_language": lang}
    step.draft.history = [] if lang is None else ["ask_language"]
    step.draft.item = None
    step.draft.editing = False
    step.messages.append(t("Your answers have been deleted. Let us start again."))


def _ask_other_again(step: Step) -> None:
    # Choosing "Something else" while changing an answer from the review asks the second
    # list again, rather than replaying the topic chosen from it before.
    if step.draft.editing and "ask_other_topic" not in step.draft.revisit:
        step.draft.revisit.append("ask_other_topic")


def _choose_case_type(step: Step) -> None:
    # A topic from the second list is the main topic, as one from the first list is.
    step.draft.answers["ask_case_type"] = step.value


ACTIONS: dict[str, Action] = {
    "set_language": _set_language,
    "choose_case_type": _choose_case_type,
    "ask_other_again": _ask_other_again,
    "note_power_of_attorney": _note_power_of_attorney,
    "note_settlement": _note_settlement,
    "first_attachment": _first_attachment,
    "next_attachment": _next_attachment,
    "end_attachments": _end_attachments,
    "request_submission": _request_submission,
    "clear_answers": _clear_answers,
}
"""Every action the intake flow may name."""


# -- parsers ------------------------------------------------------------------------------


def _municipality(draft: Draft, value: Any, today: date) -> dict[str, Any]:
    text = parse_text(value)
    matches = find_municipalities(text)
    if not matches:
        raise InvalidInputError(
            t(
                "We could not find a municipality for '{text}'. Please "
                "write a four-digit postcode, such as 8000, or the name "
                "of the municipality, such as Aarhus.",
                text=text,
            )
        )
    return {"text": text, "matches": [m.code for m in matches]}


_FILE_FIELDS: dict[str, type] = {
    "id": str,
    "filename": str,
    "size": int,
    "sha256": str,
    "media_type": str,
}
"""What the service records about each stored file before the engine sees it."""


def _attachment(draft: Draft, value: Any, today: date) -> dict[str, Any]:
    if value == "missing":
        return {"missing": True}
    files = value.get("files") if isinstance(value, dict) else None
    if not isinstance(files, list) or not files or not all(_is_file(f) for f in files):
        raise InvalidInputError(
            t("Please give the path to a file, or choose the option to say you do not have it.")
        )
    return {"files": [{k: f[k] for k in _FILE_FIELDS} for f in files]}


def _is_file(record: Any) -> bool:
    return isinstance(record, dict) and all(
        isinstance(record.get(k), kind) and not isinstance(record.get(k), bool)
        for k, kind in _FILE_FIELDS.items()
    )


def _case_type(draft: Draft, value: Any, today: date) -> str:
    # A topic of either list is an answer, as is "Something else", which opens the second.
    return parse_choice(value, [*case_type_choices(draft), OTHER_TOPIC])


PARSERS: dict[str, Parser] = {
    "municipality": _municipality,
    "cvr": parse_cvr,
    "case_type": _case_type,
    "attachment": _attachment,
    "review": lambda d, v, today: review.choice(d, v, STATES),
}
"""Every special parser the intake flow may name."""


# -- prompt parameters and items ----------------------------------------------------------


def _attachment_params(draft: Draft, item: str | None) -> dict[str, Param]:
    for att, _required in facts.attachment_items(draft):
        if att.id == item:
            return {"attachment": t(att.label), "explanation": t(att.explanation)}
    return {"attachment": item or "", "explanation": ""}


def _searched(draft: Draft, item: str | None) -> dict[str, Param]:
    # Read aloud on its own, the question names what was typed: "Postcode 2300 covers ...".
    text = (draft.answers.get("ask_municipality") or {}).get("text", "")
    if text.isdigit():
        found = t("Postcode {postcode} covers more than one municipality.", postcode=text)
    else:
        found = t("'{text}' fits more than one municipality.", text=text)
    return {"searched": found}


PARAMS: dict[str, Params] = {
    "other_party": other_party_params,
    "client": client_params,
    "filer": filer_params,
    "home_address": home_params,
    "attachment": _attachment_params,
    "searched": _searched,
}
"""Every prompt-parameter function the intake flow may name."""

ITEMS: dict[str, Items] = {
    "attachments": lambda d: [a.id for a, _ in facts.attachment_items(d)],
}
"""Every item source of repeated steps."""

REQUIREMENTS: dict[str, Requirement] = {
    "attachment_required": lambda d: facts.attachment_required(d, d.item),
}
"""Tests that decide per draft whether a question must be answered."""


def _params_of(spec: StateData, draft: Draft, item: str | None) -> dict[str, Param]:
    name = spec.get("params")
    return PARAMS[name](draft, item) if name else {}


OPTIONS: dict[str, OptionSource] = {
    **OPTION_SOURCES,
    "review": lambda d: review.options(d, STATES),
    "review_section": lambda d: review.section_options(d, STATES, _params_of),
}
"""Every option source the intake flow may name."""


def _filed(draft: Draft) -> Closure | None:
    if draft.case_number is None:
        return None
    return Closure(
        t("This case has been filed. Nothing more can be changed here."), draft.case_number
    )


def _wording(draft: Draft, spec: StateData) -> tuple[str, str | None]:
    # A case's question speaks to the person it is about, when that person files it.
    if facts.is_question(spec["name"]) and not facts.represented(draft):
        own = question(spec["name"]).addressed(facts.side(draft))
        if own is not None:
            return own
    return spec["prompt"], spec.get("help")


HOOKS = Hooks(
    guards=GUARDS,
    actions=ACTIONS,
    parsers=PARSERS,
    options=OPTIONS,
    params={**PARAMS, "review_section": review.section_params},
    intros={
        **INTROS,
        "review_summary": lambda d, day: review.summary(d, day, STATES, _params_of),
        "danish_note": danish.note,
    },
    items=ITEMS,
    requirements=REQUIREMENTS,
    rewinds={"change_answer": lambda d, target: review.change(d, target, STATES)},
    display=review.display,
    closed=_filed,
    wording=_wording,
)
"""The intake flow's hooks, for ``Engine(INTAKE, HOOKS)``. A filed draft (one with a case
number, which the service sets) takes no more answers."""
