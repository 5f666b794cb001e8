"""The lifecycle's guards: rules a secretariat lead would recognise, each with the plain
sentence that refuses a step when it does not hold.

A guard gets the engine's step, whose ``value`` is an :class:`~statemachine.flows.lifecycle.
facts.Attempt`: the case's facts and the request. To change a rule, change its function here
and its sentence beside it; which steps it guards is in the flow data (``flow.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from statemachine.engine.hooks import Guard, Hooks, Step
from statemachine.flows.lifecycle import reasons
from statemachine.flows.lifecycle.facts import Attempt, Facts, Request
from statemachine.flows.lifecycle.steps import STEPS
from statemachine.text import N_, Text, t


def _attempt(step: Step) -> Attempt:
    value = step.value
    if not isinstance(value, Attempt):
        raise TypeError(f"a lifecycle guard got {type(value).__name__}, not an Attempt")
    return value


def hearing_done(facts: Facts) -> bool:
    """The hearing can end once the counterparty has replied, or once the reply deadline has
    passed (the day after it: acting on the last day is in time)."""
    return facts.reply_received or (facts.reply_due is not None and facts.today > facts.reply_due)


def reason_fits(request: Request) -> bool:
    """The request names a reason from its step's list, with a text when the reason is
    ``other``."""
    spec = STEPS[request.step]
    if request.reason not in spec.reasons:
        return False
    return request.reason != reasons.OTHER or bool(request.text and request.text.strip())


def _facts_guard(rule: Callable[[Facts], bool]) -> Guard:
    return lambda step, dest: rule(_attempt(step).facts)


def _request_guard(rule: Callable[[Request], bool]) -> Guard:
    def guard(step: Step, dest: str) -> bool:
        request = _attempt(step).request
        return request is None or rule(request)

    return guard


GUARDS: Final[Mapping[str, Guard]] = {
    "has_assignee": _facts_guard(lambda f: f.has_assignee),
    "counterparty_reachable": _facts_guard(lambda f: f.counterparty_reachable),
    "hearing_done": _facts_guard(hearing_done),
    "decision_recorded": _facts_guard(lambda f: f.decision_recorded),
    "decision_anonymised": _facts_guard(lambda f: f.decision_anonymised),
    "reason_given": _request_guard(reason_fits),
    "text_given": _request_guard(lambda r: bool(r.text and r.text.strip())),
}
"""Every guard by the name the flow data uses:

- ``has_assignee``: a case counts as assigned only with a caseworker on it;
- ``counterparty_reachable``: a hearing needs a counterparty with an address or an e-mail;
- ``hearing_done``: the reply has come, or the reply deadline has passed;
- ``decision_recorded``, ``decision_anonymised``: the board's decision, recorded and then
  anonymised (a later issue records them; until then these steps are refused);
- ``reason_given``: an exit names a reason from its list (and says what ``other`` is);
- ``text_given``: a reopening says why.

The request guards hold while no request is judged, so the console offers the step and then
asks for the reason."""


def refusal(guard: str, facts: Facts) -> Text:
    """The sentence that refuses a step because ``guard`` does not hold.

    Args:
        guard: a name in :data:`GUARDS`.
        facts: the case's facts, for the dates a sentence names.
    """
    if guard == "hearing_done":
        if facts.reply_due is None:
            return t(
                "The hearing can end when the reply has come or the reply deadline has passed."
                " This case has no reply deadline: start a hearing first."
            )
        return t(
            "The hearing can end when the reply has come or the reply deadline has passed"
            " ({date}).",
            date=facts.reply_due,
        )
    return Text(_REFUSALS[guard])


_REFUSALS: Final[Mapping[str, str]] = {
    "has_assignee": N_(
        "A case counts as assigned when a caseworker is assigned to it. Assign a caseworker first."
    ),
    "counterparty_reachable": N_(
        "A hearing needs a counterparty with an address or an e-mail address."
    ),
    "decision_recorded": N_(
        "The board's decision must be recorded before the case counts as decided."
        " Decisions are recorded at the board meeting."
    ),
    "decision_anonymised": N_("The decision must be anonymised before it is published."),
    "reason_given": N_("Please pick a reason from the list."),
    "text_given": N_("Please say why, in a few words."),
}
"""The refusal of each guard whose sentence names nothing from the case (msgids)."""

HOOKS: Final = Hooks(guards=GUARDS)
"""The lifecycle's hooks, for ``Engine(LIFECYCLE, HOOKS)``: guards only, as nothing is asked
and the change is told back by ``apply`` rather than made by actions."""
