"""The shape of a dialogue flow as data, and the validator that checks one at load time.

A flow names its guards, actions, option sources, parsers, prompt parameters and navigation
hooks by string, and declares the actions (back, help, save, restart, edit) it offers. A flow
with an ``answer_trigger`` is a dialogue that asks something at each state; one without (the
case lifecycle) moves only on its named triggers, fired by :meth:`Engine.fire`. The
validator makes sure every name is registered, every state can be reached from the start or
through an action, and an end can be reached from every state, so a broken flow fails at
start-up and in the tests, never in front of a filer.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NotRequired, TypedDict

from statemachine.engine.kinds import INPUT_KINDS, InputKind
from statemachine.errors import FlowError


class InputData(TypedDict):
    """What a state asks for."""

    kind: InputKind
    """The input kind (the turn protocol's ``input.kind``)."""
    required: NotRequired[bool]
    """Whether an empty answer is refused (default: yes, except for ``multi_choice``)."""
    options: NotRequired[str]
    """The name of a registered option source."""
    parser: NotRequired[str]
    """The name of a registered parser that replaces the kind's own (e.g. ``municipality``)."""
    past: NotRequired[bool]
    """For a date: only days up to today are accepted."""
    limit: NotRequired[int]
    """For text: the most characters accepted."""
    required_when: NotRequired[str]
    """The name of a registered test that decides, per draft, whether an answer is needed."""


class StateData(TypedDict):
    """One state of a flow."""

    name: str
    """The state id: a noun or ``ask_*``; answers are stored under it."""
    section: int
    """Which of the flow's numbered sections the state belongs to (for progress)."""
    prompt: NotRequired[str]
    """The question or closing sentence (a msgid); the validator requires one in a flow that
    asks (one with an ``answer_trigger``)."""
    help: NotRequired[str]
    """What the ``help`` action shows (a msgid)."""
    input: NotRequired[InputData]
    """What the state asks for; in a flow that asks, every state but a final one has one."""
    params: NotRequired[str]
    """The name of a registered function giving the prompt's placeholders."""
    intro: NotRequired[str]
    """The name of a registered function giving messages shown with the question."""
    label: NotRequired[str]
    """A short name of the answer for a review (a msgid); defaults to the prompt. Read by the
    flow's hooks, not by the engine."""
    items: NotRequired[str]
    """For a repeated step, the name of the registered source of its items."""
    final: NotRequired[bool]
    """An end of the flow: nothing is asked, and the validator wants every state to reach one."""
    no_means_back: NotRequired[bool]
    """For a yes/no question: "no" goes back to the previous step instead of on."""
    review: NotRequired[bool]
    """Whether the answer is listed on a review (default: when it has an input). Read by the
    flow's hooks, not by the engine."""
    reviewed_with: NotRequired[str]
    """The state whose review line shows this answer too (a missing document's reason beside
    the document), so it has no line of its own. Read by the flow's hooks, not by the
    engine."""
    kept: NotRequired[bool]
    """Whether an earlier answer here is kept: shown with the question, and given again by
    sending nothing (default: yes). No for a choice made afresh each time, such as a
    review's."""


class TransitionData(TypedDict):
    """One transition: on ``trigger`` from ``source`` to ``dest`` when all conditions hold."""

    trigger: str
    """What fires it; an answer fires the flow's ``answer_trigger``."""
    source: str
    """The state it leaves."""
    dest: str
    """The state it enters."""
    conditions: NotRequired[list[str]]
    """Registered guards that must all hold. The first transition that passes is taken."""
    unless: NotRequired[list[str]]
    """Registered guards that must all fail."""
    after: NotRequired[list[str]]
    """Registered actions run, in order, once the transition is taken."""


BUILT_IN_ACTIONS = frozenset({"back", "help", "save"})
"""Actions the engine carries out the same way in every flow: ``back`` returns to the previous
position on the path, ``help`` shows the state's help text, ``save`` tells the caller to keep
the draft for later. Any other action says what it does with ``enters`` or ``rewinds``."""


class ActionData(TypedDict):
    """An action a flow offers besides answering: how the engine carries it out, and where
    the turn lists it."""

    name: str
    """The action's word in the turn protocol (``back``, ``help``, ``save``, ``restart``,
    ``edit``)."""
    offered: NotRequired[Literal["always", "at_questions"]]
    """Where the turn lists it: at every state, or at questions only (not at final states).
    An action that is not listed (``edit``, chosen from the review's options) still works."""
    enters: NotRequired[str]
    """A state the action enters from wherever the filer is (restart enters its
    confirmation). The position left is pushed on the path, so ``back`` returns to it. The
    validator counts the state as reachable."""
    at_start: NotRequired[str]
    """For an ``enters`` action: the message (a msgid) it gives instead, changing nothing, at
    the first question, where there is nothing to undo yet."""
    rewinds: NotRequired[str]
    """The name of a registered rewind hook, which picks an earlier position on the path to
    go back to (edit: the answer chosen on the review), and perhaps later ones to ask again
    on the way back (edit of a whole section of the review)."""
    returns_to: NotRequired[str]
    """For a ``rewinds`` action: the state the dialogue comes back to once the answer is given
    again; the engine replays the stored answers in between. A flow has one such state."""


class FlowData(TypedDict):
    """A whole flow."""

    name: str
    """The flow's name, for error messages."""
    initial: str
    """The state a new draft starts in."""
    sections: int
    """How many numbered sections the flow has (the turn's progress total)."""
    titles: list[str]
    """The sections' short titles (msgids), in order: one per section, for the progress
    line ("Part 4 of 11: The case")."""
    answer_trigger: NotRequired[str]
    """The trigger an answer fires (the transitions' ``trigger`` for answers). A flow without
    one asks nothing: its states need no input or prompt, and it moves only by
    :meth:`~statemachine.engine.machine.Engine.fire` on its named triggers."""
    actions: list[ActionData]
    """The actions the flow offers besides answering, in the order a turn lists them."""
    no_question: NotRequired[str]
    """The message (a msgid) for a value sent at a final state, where nothing is asked;
    required with an ``answer_trigger``."""
    states: list[StateData]
    """Every state."""
    transitions: list[TransitionData]
    """Every transition, in the order they are tried."""
    renamed: NotRequired[dict[str, str]]
    """States the flow no longer has, each with the state a draft stored there continues at,
    so a draft saved before the flow changed still loads (its path and answers follow). Only
    states asked once are renamed this way, not the items of a repeated step."""


@dataclass(frozen=True)
class Names:
    """The names a registry provides, for validation."""

    guards: frozenset[str] = frozenset()
    """Guards, for the transitions' ``conditions`` and ``unless``."""
    actions: frozenset[str] = frozenset()
    """Actions, for the transitions' ``after``."""
    options: frozenset[str] = frozenset()
    """Option sources, for ``input.options``."""
    parsers: frozenset[str] = frozenset()
    """Parsers, for ``input.parser``."""
    params: frozenset[str] = frozenset()
    """Prompt-parameter functions, for a state's ``params``."""
    intros: frozenset[str] = frozenset()
    """Intros, for a state's ``intro``."""
    items: frozenset[str] = frozenset()
    """Item sources, for a state's ``items``."""
    requirements: frozenset[str] = frozenset()
    """Requirement tests, for ``input.required_when``."""
    rewinds: frozenset[str] = frozenset()
    """Rewind hooks, for an action's ``rewinds``."""


def validate(flow: FlowData, names: Names) -> None:
    """Check a flow against the registered names and its own graph.

    States an action enters (``enters``) count as reachable, as the start does.

    Args:
        flow: the flow to check.
        names: what the flow's hook registry provides (``Hooks.names``).

    Raises:
        FlowError: naming every problem found, separated by semicolons.
    """
    problems: list[str] = []
    states = {s["name"]: s for s in flow["states"]}
    if len(states) != len(flow["states"]):
        problems.append("duplicate state names")
    if flow["initial"] not in states:
        problems.append(f"initial state {flow['initial']!r} is not a state")
    if len(flow["titles"]) != flow["sections"]:
        problems.append(f"{flow['sections']} sections but {len(flow['titles'])} titles")
    asks = "answer_trigger" in flow
    for state in flow["states"]:
        problems.extend(_check_state(state, names, flow["sections"], asks=asks))
    for old, new in flow.get("renamed", {}).items():
        if old in states or new not in states:
            problems.append(f"renamed {old!r} -> {new!r}: the old must be gone, the new a state")
    edges: dict[str, set[str]] = {name: set() for name in states}
    for tr in flow["transitions"]:
        for end in (tr["source"], tr["dest"]):
            if end not in states:
                problems.append(f"transition {tr['source']}->{tr['dest']}: unknown state {end!r}")
        problems.extend(_missing("guard", _names(tr, "conditions", "unless"), names.guards))
        problems.extend(_missing("action", tr.get("after", []), names.actions))
        if tr["source"] in edges:
            edges[tr["source"]].add(tr["dest"])
    trigger = flow.get("answer_trigger")
    if trigger is not None and not any(tr["trigger"] == trigger for tr in flow["transitions"]):
        problems.append(f"no transition fires on the answer trigger {trigger!r}")
    if trigger is not None and "no_question" not in flow:
        problems.append("a flow with an answer trigger needs a 'no_question' message")
    problems.extend(_check_actions(flow["actions"], states, names))
    finals = {n for n, s in states.items() if s.get("final")}
    if not finals:
        problems.append("no final state")
    entries = [a["enters"] for a in flow["actions"] if "enters" in a]
    reached: set[str] = set()
    for start in [flow["initial"], *entries]:
        reached |= _reach(start, edges)
    problems.extend(f"state {n!r} cannot be reached" for n in states if n not in reached)
    reverse: dict[str, set[str]] = {name: set() for name in states}
    for src, dests in edges.items():
        for dest in dests:
            reverse.setdefault(dest, set()).add(src)
    can_finish: set[str] = set()
    for final in finals:
        can_finish |= _reach(final, reverse)
    problems.extend(f"no end can be reached from {n!r}" for n in states if n not in can_finish)
    if problems:
        raise FlowError(f"flow {flow['name']!r}: " + "; ".join(sorted(set(problems))))


def _check_state(state: StateData, names: Names, sections: int, *, asks: bool) -> Iterable[str]:
    name = state["name"]
    if not 1 <= state["section"] <= sections:
        yield f"state {name!r}: section out of range"
    spec = state.get("input")
    if spec is not None:
        if spec["kind"] not in INPUT_KINDS:
            yield f"state {name!r}: unknown input kind {spec['kind']!r}"
        if spec["kind"] in ("choice", "multi_choice") and "options" not in spec:
            yield f"state {name!r}: a choice needs options"
        yield from _missing(
            "option source", [spec["options"]] if "options" in spec else [], names.options
        )
        yield from _missing("parser", [spec["parser"]] if "parser" in spec else [], names.parsers)
        yield from _missing(
            "requirement",
            [spec["required_when"]] if "required_when" in spec else [],
            names.requirements,
        )
    elif asks and not state.get("final"):
        yield f"state {name!r}: a state that is not final needs an input"
    if asks and "prompt" not in state:
        yield f"state {name!r}: no prompt"
    yield from _missing(
        "prompt parameters", [state["params"]] if "params" in state else [], names.params
    )
    yield from _missing("intro", [state["intro"]] if "intro" in state else [], names.intros)
    yield from _missing("item source", [state["items"]] if "items" in state else [], names.items)


def _check_actions(
    actions: list[ActionData], states: dict[str, StateData], names: Names
) -> Iterable[str]:
    seen: set[str] = set()
    for action in actions:
        name = action["name"]
        if name in seen:
            yield f"action {name!r} is declared twice"
        seen.add(name)
        moves = [key for key in ("enters", "rewinds") if key in action]
        if name in BUILT_IN_ACTIONS and moves:
            yield f"action {name!r} is built in and takes no {moves[0]!r}"
        elif name not in BUILT_IN_ACTIONS and len(moves) != 1:
            yield f"action {name!r} needs exactly one of 'enters' and 'rewinds'"
        for target in (action.get("enters"), action.get("returns_to")):
            if target is not None and target not in states:
                yield f"action {name!r}: unknown state {target!r}"
        if "returns_to" in action and "rewinds" not in action:
            yield f"action {name!r}: only a rewind returns"
        if "at_start" in action and "enters" not in action:
            yield f"action {name!r}: only an action that enters a state has an 'at_start'"
        yield from _missing(
            "rewind hook", [action["rewinds"]] if "rewinds" in action else [], names.rewinds
        )
    if len({a["returns_to"] for a in actions if "returns_to" in a}) > 1:
        yield "more than one state to return to"


def _names(tr: TransitionData, *keys: str) -> list[str]:
    found: list[str] = []
    for key in keys:
        names = tr.get(key, [])
        if isinstance(names, list):
            found.extend(names)
    return found


def _missing(what: str, used: Iterable[str], known: frozenset[str]) -> Iterable[str]:
    return (f"unregistered {what} {name!r}" for name in used if name not in known)


def _reach(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in edges.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
