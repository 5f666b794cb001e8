"""The dialogue engine: one ``transitions.Machine`` per flow, shared by every draft.

A turn never builds a machine. The engine keeps one machine, built from the flow data at
start-up, and moves a tiny cursor object through it for each answer: the cursor takes the
draft's state, the machine runs the guards and actions, and the new state is copied back.
Per-session machines would cost about 0.3 ms and tens of KiB each (design.md).

Answers are parsed and checked before anything moves: bad input never changes state, it
comes back as the same question with errors. Navigation (back, change from the review,
restart) is the engine's own; everything an answer does is in the flow data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from transitions import Machine

from statemachine.engine import values
from statemachine.engine.draft import Draft, answer_key, split_key
from statemachine.engine.flow import FlowData, InputData, StateData, validate
from statemachine.engine.option import Option
from statemachine.errors import FlowError, InvalidInputError
from statemachine.flows.intake import review
from statemachine.flows.intake.dialogue import ACTION_ENTRIES, INTAKE
from statemachine.flows.intake.hooks import (
    ACTIONS,
    GUARDS,
    NAMES,
    OPTIONS,
    PARAMS,
    PARSERS,
    REQUIREMENTS,
    Step,
)
from statemachine.flows.intake.summaries import INTROS
from statemachine.text import Param, Text, t

ACTIONS_ANYWHERE = ("back", "help", "save", "restart")
"""Actions a filer may take at any question."""


@dataclass(frozen=True)
class Answer:
    """What the filer sent: a value, or an action (``back``, ``help``, ``save``, ``restart``,
    ``edit`` with a ``target``)."""

    value: Any = None
    """The answer's value, when it is not an action."""
    action: str | None = None
    """The action, if any."""
    target: str | None = None
    """For ``edit``: the answer key to change."""

    @classmethod
    def from_json(cls, obj: Any) -> Answer:
        """Read an answer in the turn protocol's JSON shape.

        Raises:
            InvalidInputError: for anything that is not ``{"value": …}`` or ``{"action": …}``.
        """
        if isinstance(obj, dict):
            if "action" in obj:
                action = obj["action"]
                if action in ACTIONS_ANYWHERE:
                    return cls(action=action)
                if action == "edit" and isinstance(obj.get("target"), str):
                    return cls(action="edit", target=obj["target"])
                raise InvalidInputError(t("Unknown action. Use back, help, save or restart."))
            if "value" in obj:
                return cls(value=obj["value"])
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
class TurnSpec:
    """A turn before translation: ids plus untranslated text."""

    state: str
    item: str | None
    messages: list[Text]
    prompt: Text
    help: Text | None
    input: InputSpec
    errors: list[Text]
    step: int
    total: int
    actions: list[str]
    done: bool
    case_number: str | None


class _Cursor:
    """The machine's model for one answer: only a state, discarded afterwards."""

    __slots__ = ("state",)

    def __init__(self, state: str) -> None:
        self.state = state


class Engine:
    """Runs a dialogue flow over drafts. Build one per flow and share it."""

    def __init__(self, flow: FlowData = INTAKE, entries: frozenset[str] = ACTION_ENTRIES):
        validate(flow, NAMES, entries)
        self.flow = flow
        self.states: dict[str, StateData] = {s["name"]: s for s in flow["states"]}
        self.finals = frozenset(n for n, s in self.states.items() if s.get("final"))
        self._machine = Machine(
            model=None,
            states=list(self.states),
            initial=flow["initial"],
            auto_transitions=False,
            send_event=True,
            transitions=[
                {
                    "trigger": tr["trigger"],
                    "source": tr["source"],
                    "dest": tr["dest"],
                    "conditions": [_guard(n) for n in tr.get("conditions", [])],
                    "unless": [_guard(n) for n in tr.get("unless", [])],
                    "after": [_action(n) for n in tr.get("after", [])],
                }
                for tr in flow["transitions"]
            ],
        )
        self._answer_event = self._machine.events["answer"]

    # -- dialogue ------------------------------------------------------------------------

    def start(self, lang: str) -> Draft:
        """A new draft at the first question, in ``lang``."""
        return Draft(state=self.flow["initial"], lang=lang)

    def step(self, draft: Draft, answer: Answer, today: date) -> Outcome:
        """Apply one answer or action to ``draft`` (changed in place) and say what happened."""
        if draft.case_number is not None:
            return Outcome(
                draft, errors=[t("This case has been filed. Nothing more can be changed here.")]
            )
        if answer.action is not None:
            return self._act(draft, answer)
        if (
            draft.state == "review"
            and isinstance(answer.value, str)
            and answer.value.startswith("edit:")
        ):
            return self._act(draft, Answer(action="edit", target=answer.value[5:]))
        if draft.state in self.finals:
            return Outcome(
                draft,
                errors=[
                    t(
                        "There is no question here to answer. Type back "
                        "to go back, or restart to start again."
                    )
                ],
            )
        spec = self.states[draft.state]
        try:
            value = self._parse(spec, draft, answer.value, today, keep=True)
        except InvalidInputError as err:
            return Outcome(draft, errors=[_text(err)])
        step = Step(draft=draft, value=value, today=today)
        if spec.get("no_means_back") and value is False:
            self._back(draft)
            return Outcome(draft)
        self._advance(step)
        if draft.editing:
            self._fast_forward(step)
        return Outcome(draft, messages=step.messages)

    def _advance(self, step: Step) -> None:
        draft = step.draft
        key = draft.key
        before = dict(draft.answers), list(draft.history), draft.item
        draft.answers[key] = step.value
        draft.history.append(key)
        cursor = _Cursor(draft.state)
        if not self._answer_event.trigger(cursor, step=step):
            draft.answers, draft.history, draft.item = before
            raise FlowError(f"no transition from {draft.state!r} matched")
        draft.state = cursor.state
        if draft.state not in self.states or self.states[draft.state].get("items") is None:
            draft.item = None

    def _fast_forward(self, step: Step) -> None:
        """After a change from the review, replay the stored answers up to the review.

        The replayed answers were seen before, so their notes are not shown again.
        """
        draft = step.draft
        shown = len(step.messages)
        while draft.state != "review" and draft.state not in self.finals:
            spec = self.states[draft.state]
            kind = spec["input"]["kind"] if "input" in spec else "none"
            if kind != "none" and draft.key not in draft.answers:
                return
            value = draft.answers.get(draft.key) if kind != "none" else True
            if not self._still_valid(spec, draft, value):
                return
            if spec.get("no_means_back") and value is False:
                return
            step.value = value
            step.next_question = None
            self._advance(step)
            del step.messages[shown:]
        draft.editing = False

    def _act(self, draft: Draft, answer: Answer) -> Outcome:
        if answer.action == "back":
            if not draft.history:
                return Outcome(
                    draft,
                    errors=[t("This is the first question, so there is nothing to go back to.")],
                )
            self._back(draft)
            return Outcome(draft)
        if answer.action == "help":
            spec = self.states[draft.state]
            if "help" not in spec:
                return Outcome(draft, messages=[t("There is no more help for this step.")])
            return Outcome(
                draft, messages=[Text(spec["help"], self.params_of(spec, draft, draft.item))]
            )
        if answer.action == "save":
            return Outcome(draft, saved=True)
        if answer.action == "restart":
            if not draft.history:
                return Outcome(draft, messages=[t("You are at the first question already.")])
            if draft.state != "confirm_restart":
                draft.history.append(draft.key)
                draft.state, draft.item = "confirm_restart", None
            return Outcome(draft)
        return self._edit(draft, answer.target or "")

    def _edit(self, draft: Draft, target: str) -> Outcome:
        if draft.state != "review":
            return Outcome(draft, errors=[t("Answers can be changed from the review at the end.")])
        if target not in review.reviewed_keys(draft, self.states):
            return Outcome(draft, errors=[t("There is no such answer to change.")])
        index = draft.history.index(target)
        draft.history = draft.history[:index]
        draft.state, draft.item = split_key(target)
        draft.editing = True
        return Outcome(draft)

    def _back(self, draft: Draft) -> None:
        draft.state, draft.item = split_key(draft.history.pop())

    def _parse(self, spec: StateData, draft: Draft, value: Any, today: date, *, keep: bool) -> Any:
        """Check an answer against the question and return its canonical form."""
        inp = spec.get("input")
        if inp is None:
            raise InvalidInputError(t("This step takes no answer."))
        kind = inp["kind"]
        if kind == "none":
            return True
        if values.is_blank(value):
            if keep and self._kept(spec, draft) is not None:
                return draft.answers[draft.key]
            if self._required(inp, draft):
                raise InvalidInputError(
                    t("Please answer the question. Type help if you are unsure what to write.")
                )
            if kind == "file":
                return {"missing": True}
            return [] if kind == "multi_choice" else ""
        if "parser" in inp and not (kind == "file" and value == "missing" and "options" not in inp):
            return PARSERS[inp["parser"]](draft, value, today)
        if kind in ("choice", "multi_choice"):
            ids = [o.id for o in self.options(spec, draft)]
            if kind == "choice":
                return values.parse_choice(value, ids)
            return values.parse_multi_choice(value, ids)
        if kind == "confirm":
            return values.parse_confirm(value)
        if kind == "date":
            return values.parse_iso_or_text_date(value, today=today, past=inp.get("past", False))
        if kind in ("number", "money"):
            return values.parse_number(value, money=kind == "money")
        if kind == "email":
            return values.parse_email(value)
        if kind == "phone":
            return values.parse_phone(value)
        if kind == "long_text":
            return values.parse_text(value, limit=inp.get("limit", values.MAX_LONG_TEXT))
        return values.parse_text(value, limit=inp.get("limit", values.MAX_TEXT))

    def _kept(self, spec: StateData, draft: Draft) -> Any:
        """The earlier answer at the current position, if it still fits the question."""
        value = draft.answers.get(draft.key)
        if value is None or not self._still_valid(spec, draft, value):
            return None
        return value

    def _still_valid(self, spec: StateData, draft: Draft, value: Any) -> bool:
        """Whether a stored answer still fits its question (a choice may have gone away)."""
        kind = spec["input"]["kind"] if "input" in spec else "none"
        if kind not in ("choice", "multi_choice"):
            return True
        ids = {o.id for o in self.options(spec, draft)}
        chosen = value if isinstance(value, list) else [value]
        return all(v in ids for v in chosen)

    @staticmethod
    def _required(inp: InputData, draft: Draft) -> bool:
        if inp["kind"] == "none":
            return False
        if "required_when" in inp:
            return REQUIREMENTS[inp["required_when"]](draft)
        return inp.get("required", inp["kind"] != "multi_choice")

    # -- rendering -----------------------------------------------------------------------

    def options(self, spec: StateData, draft: Draft) -> list[Option]:
        """The choices a state offers now."""
        source = spec["input"].get("options") if "input" in spec else None
        if source is None:
            return []
        if source == "review":
            return review.options(draft, self.states, self.params_of)
        return OPTIONS[source](draft)

    def params_of(self, spec: StateData, draft: Draft, item: str | None) -> dict[str, Param]:
        """The placeholders of a state's prompt and help, for one item."""
        name = spec.get("params")
        return PARAMS[name](draft, item) if name else {}

    def turn(
        self, draft: Draft, today: date, messages: Sequence[Text] = (), errors: Sequence[Text] = ()
    ) -> TurnSpec:
        """What to show now: the messages, the question, and what it takes."""
        spec = self.states[draft.state]
        params = self.params_of(spec, draft, draft.item)
        shown = list(messages)
        intro = spec.get("intro")
        if intro == "review_summary":
            shown.extend(review.summary(draft, today))
        elif intro:
            shown.extend(INTROS[intro](draft, today))
        inp = spec.get("input")
        current = None
        if inp is not None and inp["kind"] != "none" and self._kept(spec, draft) is not None:
            current = review.display(draft, spec, draft.item, draft.answers[draft.key])
        final = draft.state in self.finals
        return TurnSpec(
            state=draft.state,
            item=draft.item,
            messages=shown,
            prompt=Text(spec["prompt"], params),
            help=Text(spec["help"], params) if "help" in spec else None,
            input=InputSpec(
                kind=inp["kind"] if inp else "none",
                required=bool(inp and self._required(inp, draft)),
                options=self.options(spec, draft),
                current=current,
            ),
            errors=list(errors),
            step=spec["section"],
            total=self.flow["sections"],
            actions=[]
            if draft.case_number
            else (["back", "restart"] if final else list(ACTIONS_ANYWHERE)),
            done=draft.case_number is not None,
            case_number=draft.case_number,
        )

    def path_answers(self, draft: Draft) -> dict[str, Any]:
        """The answers on the filer's path (not those left behind by going back)."""
        keys = [*draft.history, draft.key]
        return {k: draft.answers[k] for k in keys if k in draft.answers}


def _text(err: InvalidInputError) -> Text:
    return err.message if isinstance(err.message, Text) else Text(err.message)


def _guard(name: str) -> Any:
    guard = GUARDS[name]
    return lambda ev: guard(ev.kwargs["step"], ev.transition.dest)


def _action(name: str) -> Any:
    action = ACTIONS[name]
    return lambda ev: action(ev.kwargs["step"])


__all__ = ["Answer", "Engine", "InputSpec", "Outcome", "TurnSpec", "answer_key"]
