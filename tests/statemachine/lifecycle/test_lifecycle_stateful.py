"""Random steps on random cases: the lifecycle never leaves a case in a status it does not
know, and every step it takes comes with its audit event."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from statemachine.errors import NaevnError, StepRefusedError
from statemachine.flows.lifecycle import (
    REASONS,
    ROLES,
    STATUSES,
    STEPS,
    Facts,
    Request,
    allowed,
    apply,
)

TODAY = date(2026, 12, 2)
ALL_REASONS = sorted({r for reasons in REASONS.values() for r in reasons})

facts_now: st.SearchStrategy[dict[str, object]] = st.builds(
    dict,
    role=st.sampled_from(ROLES),
    has_assignee=st.booleans(),
    counterparty_reachable=st.booleans(),
    reply_received=st.booleans(),
    reply_due=st.none() | st.integers(-20, 20).map(lambda d: TODAY + timedelta(days=d)),
    decision_recorded=st.booleans(),
    decision_anonymised=st.booleans(),
)
requests = st.builds(
    Request,
    step=st.sampled_from(list(STEPS)) | st.sampled_from(["archive", ""]),
    reason=st.none() | st.sampled_from(ALL_REASONS) | st.just("nope"),
    text=st.none() | st.sampled_from(["", "  ", "The parties agreed on the phone."]),
)


class Lifecycle(RuleBasedStateMachine):
    """One case, stepped by random staff with random facts about it."""

    def __init__(self) -> None:
        super().__init__()
        self.status = "submitted"
        self.trail: list[dict[str, object]] = []

    def _facts(self, now: dict[str, object]) -> Facts:
        return Facts(status=self.status, today=TODAY, **now)  # type: ignore[arg-type]

    @rule(now=facts_now, request=requests)
    def take_a_step(self, now: dict[str, object], request: Request) -> None:
        facts = self._facts(now)
        offered = allowed(facts)
        try:
            change = apply(facts, request)
        except StepRefusedError:
            assert request.step not in offered
            return
        except NaevnError:
            return  # unknown, not the role's, or missing what it needs: nothing moved
        assert request.step in offered
        assert change.source == self.status and change.step == request.step
        assert change.data["step"] == request.step
        assert (change.data["from"], change.data["to"]) == (change.source, change.dest)
        self.trail.append(change.data)
        self.status = change.dest

    @rule(now=facts_now, data=st.data())
    def take_an_offered_step(self, now: dict[str, object], data: st.DataObject) -> None:
        facts = self._facts(now)
        offered = allowed(facts)
        if not offered:
            return
        step = data.draw(st.sampled_from(offered))
        spec = STEPS[step]
        reason = data.draw(st.sampled_from(spec.reasons)) if spec.reasons else None
        change = apply(facts, Request(step, reason, "Because the lead said so."))
        assert change.data["step"] == step and change.data.get("reason") == reason
        self.trail.append(change.data)
        self.status = change.dest

    @rule(data=st.data())
    def go_on_towards_a_decision(self, data: st.DataObject) -> None:
        """A lead on a case where every rule holds takes a step that is not an exit, so the
        walk reaches the meeting, the decision and publication, not only the exits."""
        facts = Facts(self.status, "lead", TODAY, True, True, True, TODAY, True, True)
        onward = [s for s in allowed(facts) if not STEPS[s].needs_reason]
        if not onward:
            return
        step = data.draw(st.sampled_from(onward))
        change = apply(facts, Request(step, text="Reopened: the fee was paid after all."))
        self.trail.append(change.data)
        self.status = change.dest

    @invariant()
    def the_status_is_one_the_flow_knows(self) -> None:
        assert self.status in STATUSES

    @invariant()
    def the_trail_is_unbroken(self) -> None:
        expected = "submitted"
        for event in self.trail:
            assert event["from"] == expected
            expected = str(event["to"])
        assert expected == self.status


Lifecycle.TestCase.settings = settings(max_examples=200, stateful_step_count=30, deadline=None)
TestLifecycle = Lifecycle.TestCase
