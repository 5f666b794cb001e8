"""The dialogue engine: one ``transitions.Machine`` per flow, shared by every draft.

A turn never builds a machine. The engine keeps one machine, built from the flow data at
start-up, and moves a tiny cursor object through it for each answer: the cursor takes the
draft's state, the machine runs the guards and actions, and the new state is copied back.
Per-session machines would cost about 0.3 ms and tens of KiB each (design.md).

Answers are parsed and checked before anything moves: bad input never changes state, it
comes back as the same question with errors. The engine knows no flow: what an answer does
is in the flow data and its :class:`~statemachine.engine.hooks.Hooks`, and so is every action
but the built-in ``back``, ``help`` and ``save``. Those it carries out in three generic ways:

- an action that *enters* a state (restart) pushes the current position on the path and goes
  there;
- an action that *rewinds* (edit) goes back to an earlier position a hook picks, and, when it
  *returns*, replays the stored answers after the new one until it is back where it was,
  stopping at each later position the hook named to ask it again (a whole review section);
- a flow's ``closed`` hook says when a draft takes nothing more (it has been filed).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from transitions import Machine

from statemachine.engine import values
from statemachine.engine.answer import UNKNOWN_ACTION, Answer, Outcome
from statemachine.engine.draft import Draft, answer_key, split_key
from statemachine.engine.flow import ActionData, FlowData, InputData, StateData, validate
from statemachine.engine.hooks import Hooks, Step
from statemachine.engine.option import Option
from statemachine.engine.presentation import InputSpec, Presentation
from statemachine.engine.triggers import Cursor, NamedTriggers
from statemachine.errors import FlowError, InvalidInputError
from statemachine.text import Param, Text, t


class Engine(NamedTriggers):
    """Runs one flow over drafts, by answers or by named triggers. Build one per flow and share it.

    Args:
        flow: the flow, as data.
        hooks: the functions the flow's data names.

    Raises:
        FlowError: the flow is broken (see :func:`~statemachine.engine.flow.validate`).
    """

    def __init__(self, flow: FlowData, hooks: Hooks) -> None:
        validate(flow, hooks.names)
        self.flow = flow
        """The flow this engine runs."""
        self.hooks = hooks
        """The flow's hooks."""
        self.states: dict[str, StateData] = {s["name"]: s for s in flow["states"]}
        """The flow's states by name."""
        self.finals = frozenset(n for n, s in self.states.items() if s.get("final"))
        """The names of the final states, where nothing is asked."""
        self._actions: dict[str, ActionData] = {a["name"]: a for a in flow["actions"]}
        self._listed = [a["name"] for a in flow["actions"] if "offered" in a]
        self._listed_at_ends = [a["name"] for a in flow["actions"] if a.get("offered") == "always"]
        self._return_to = next(
            (a["returns_to"] for a in flow["actions"] if "returns_to" in a), None
        )
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
                    "conditions": [self._guard(n) for n in tr.get("conditions", [])],
                    "unless": [self._guard(n) for n in tr.get("unless", [])],
                    "after": [self._action(n) for n in tr.get("after", [])],
                }
                for tr in flow["transitions"]
            ],
        )
        self._answer_event = self._machine.events.get(flow.get("answer_trigger", ""))

    # -- dialogue ------------------------------------------------------------------------

    def start(self, lang: str) -> Draft:
        """A new draft at the first question, in ``lang``."""
        return Draft(state=self.flow["initial"], lang=lang)

    def step(self, draft: Draft, answer: Answer, today: date) -> Outcome:
        """Apply one answer or action to ``draft`` (changed in place) and say what happened."""
        if self._answer_event is None:
            raise FlowError(f"flow {self.flow['name']!r} takes no answers; fire its triggers")
        self.restore(draft)
        closure = self.hooks.closed(draft)
        if closure is not None:
            return Outcome(draft, errors=[closure.reason])
        if answer.action is not None:
            return self._act(draft, answer)
        if draft.state in self.finals:
            return Outcome(draft, errors=[Text(self.flow["no_question"])])
        spec = self.states[draft.state]
        try:
            value = self._parse(spec, draft, answer.value, today, keep=True)
        except InvalidInputError as err:
            return Outcome(draft, errors=[_text(err)])
        if isinstance(value, Answer):
            return self._act(draft, value)
        step = Step(draft=draft, value=value, today=today)
        if spec.get("no_means_back") and value is False:
            self._back(draft)
            return Outcome(draft)
        if draft.key in draft.revisit:
            draft.revisit.remove(draft.key)
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
        cursor = Cursor(draft.state)
        if not self._answer_event.trigger(cursor, step=step):
            draft.answers, draft.history, draft.item = before
            raise FlowError(f"no transition from {draft.state!r} matched")
        draft.state = cursor.state
        if draft.state not in self.states or self.states[draft.state].get("items") is None:
            draft.item = None

    def _fast_forward(self, step: Step) -> None:
        """After an answer given again through a rewind, replay the stored answers up to the
        state the rewind returns to (the review).

        The replay stops early at a question whose stored answer is missing or no longer fits,
        or that the rewind asked to be asked again, which the filer then answers. The replayed
        answers were seen before, so their notes are not shown again.
        """
        draft = step.draft
        shown = len(step.messages)
        while draft.state != self._return_to and draft.state not in self.finals:
            if draft.key in draft.revisit:
                return
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
            step.scratch.clear()
            self._advance(step)
            del step.messages[shown:]
        draft.editing = False
        draft.revisit = []

    def _act(self, draft: Draft, answer: Answer) -> Outcome:
        action = self._actions.get(answer.action or "")
        if action is None:
            return Outcome(draft, errors=[t(UNKNOWN_ACTION)])
        name = action["name"]
        if name == "back":
            if not draft.history:
                return Outcome(
                    draft,
                    errors=[t("This is the first question, so there is nothing to go back to.")],
                )
            self._back(draft)
            return Outcome(draft)
        if name == "help":
            spec = self.states[draft.state]
            helped = self.hooks.wording(draft, spec)[1]
            if helped is None:
                return Outcome(draft, messages=[t("There is no more help for this step.")])
            return Outcome(draft, messages=[Text(helped, self.params_of(spec, draft, draft.item))])
        if name == "save":
            return Outcome(draft, saved=True)
        if "enters" in action:
            return self._enter(draft, action, action["enters"])
        return self._rewind(draft, action, action["rewinds"], answer.target)

    def _enter(self, draft: Draft, action: ActionData, state: str) -> Outcome:
        """Go to ``state`` from wherever the draft is; ``back`` comes back here."""
        if not draft.history and "at_start" in action:
            return Outcome(draft, messages=[Text(action["at_start"])])
        if draft.state != state:
            draft.history.append(draft.key)
            draft.state, draft.item = state, None
        return Outcome(draft)

    def _rewind(self, draft: Draft, action: ActionData, hook: str, target: str | None) -> Outcome:
        """Go back to the earlier position the hook picks, forgetting the path after it."""
        try:
            chosen = self.hooks.rewinds[hook](draft, target)
        except InvalidInputError as err:
            return Outcome(draft, errors=[_text(err)])
        keys = [chosen] if isinstance(chosen, str) else list(chosen)
        if not keys or any(k not in draft.history for k in keys):
            raise FlowError(f"rewind {hook!r} chose {keys!r}, which is not all on the path")
        key = keys[0]
        draft.history = draft.history[: draft.history.index(key)]
        draft.state, draft.item = split_key(key)
        if "returns_to" in action:
            draft.editing = True
            draft.revisit = keys[1:]
        return Outcome(draft)

    def _back(self, draft: Draft) -> None:
        draft.state, draft.item = split_key(draft.history.pop())

    def _parse(self, spec: StateData, draft: Draft, value: Any, today: date, *, keep: bool) -> Any:
        """Check an answer against the question and return its canonical form (or, from a
        parser hook, an :class:`Answer` with the action it asks for)."""
        inp = spec.get("input")
        if inp is None:
            raise InvalidInputError(t("This step takes no answer."))
        kind = inp["kind"]
        if kind == "none":
            return True
        if values.is_blank(value):
            if keep and spec.get("kept", True) and self._kept(spec, draft) is not None:
                return draft.answers[draft.key]
            if self._required(inp, draft):
                raise InvalidInputError(
                    t("Please answer the question. Type help if you are unsure what to write.")
                )
            if kind == "file":
                return {"missing": True}
            return [] if kind == "multi_choice" else ""
        if "parser" in inp and not (kind == "file" and value == "missing" and "options" not in inp):
            return self.hooks.parsers[inp["parser"]](draft, value, today)
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

    def _required(self, inp: InputData, draft: Draft) -> bool:
        if inp["kind"] == "none":
            return False
        if "required_when" in inp:
            return self.hooks.requirements[inp["required_when"]](draft)
        return inp.get("required", inp["kind"] != "multi_choice")

    # -- rendering -----------------------------------------------------------------------

    def options(self, spec: StateData, draft: Draft) -> list[Option]:
        """The choices a state offers now."""
        source = spec["input"].get("options") if "input" in spec else None
        if source is None:
            return []
        return self.hooks.options[source](draft)

    def params_of(self, spec: StateData, draft: Draft, item: str | None) -> dict[str, Param]:
        """The placeholders of a state's prompt and help, for one item."""
        name = spec.get("params")
        return self.hooks.params[name](draft, item) if name else {}

    def present(
        self, draft: Draft, today: date, messages: Sequence[Text] = (), errors: Sequence[Text] = ()
    ) -> Presentation:
        """What to show now: the messages, the question, and what it takes."""
        self.restore(draft)
        spec = self.states[draft.state]
        params = self.params_of(spec, draft, draft.item)
        prompt, helped = self.hooks.wording(draft, spec)
        shown = list(messages)
        intro = spec.get("intro")
        # A refused answer is told what to type instead, not the whole intro once more: at the
        # review that would be every answer again, read aloud before the error.
        if intro and not errors:
            shown.extend(self.hooks.intros[intro](draft, today))
        inp = spec.get("input")
        current = None
        if (
            inp is not None
            and inp["kind"] != "none"
            and spec.get("kept", True)
            and self._kept(spec, draft) is not None
        ):
            current = self.hooks.display(draft, spec, draft.item, draft.answers[draft.key])
        closure = self.hooks.closed(draft)
        if closure is not None:
            actions = []
        else:
            actions = list(self._listed_at_ends if draft.state in self.finals else self._listed)
        return Presentation(
            state=draft.state,
            item=draft.item,
            messages=shown,
            prompt=Text(prompt, params),
            help=Text(helped, params) if helped is not None else None,
            input=InputSpec(
                kind=inp["kind"] if inp else "none",
                required=bool(inp and self._required(inp, draft)),
                options=self.options(spec, draft),
                current=current,
            ),
            errors=list(errors),
            step=spec["section"],
            total=self.flow["sections"],
            title=Text(self.flow["titles"][spec["section"] - 1]),
            actions=actions,
            done=closure is not None,
            case_number=closure.reference if closure is not None else None,
        )

    def restore(self, draft: Draft) -> None:
        """Move a draft stored at a state the flow no longer has (``FlowData.renamed``) to the
        state that replaced it, with its path and answers, in place. A draft the flow knows is
        left as it is."""
        renamed = self.flow.get("renamed", {})
        # Runs on every turn, so the usual case (nothing renamed on this draft) is a few look-ups.
        if (
            draft.state not in renamed
            and renamed.keys().isdisjoint(draft.answers)
            and renamed.keys().isdisjoint(draft.history)
        ):
            return

        def new(key: str) -> str:
            state, item = split_key(key)
            return answer_key(renamed.get(state, state), item)

        moved = draft.state in renamed
        if moved:
            draft.state, draft.item = renamed[draft.state], None
        history = [new(k) for k in draft.history]
        if moved and history and history[-1] == draft.key:
            history.pop()  # the old state before and the one now are the same position
        draft.history = history
        old = draft.answers
        draft.answers = {new(k): v for k, v in old.items() if k == new(k) or new(k) not in old}

    def path_answers(self, draft: Draft) -> dict[str, Any]:
        """The answers on the filer's path (not those left behind by going back)."""
        keys = [*draft.history, draft.key]
        return {k: draft.answers[k] for k in keys if k in draft.answers}

    # -- the machine's callbacks ---------------------------------------------------------

    def _guard(self, name: str) -> Any:
        guard = self.hooks.guards[name]
        return lambda ev: guard(ev.kwargs["step"], ev.transition.dest)

    def _action(self, name: str) -> Any:
        action = self.hooks.actions[name]
        return lambda ev: action(ev.kwargs["step"])


def _text(err: InvalidInputError) -> Text:
    return err.message if isinstance(err.message, Text) else Text(err.message)


__all__ = ["Answer", "Engine", "InputSpec", "Outcome", "Presentation", "answer_key"]
