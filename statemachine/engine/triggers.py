"""Named triggers: moving a flow by a trigger's name rather than by an answer (the lifecycle).

A dialogue moves when the filer answers: every answer fires the flow's ``answer_trigger``. A
flow such as the case lifecycle asks nothing; a caller names the trigger (``start_hearing``)
and the engine runs the flow's transitions for it from the draft's state, guards first, exactly
as an answer would. Three questions are answered without moving anything, so a console can
offer only what would work: which triggers leave a state (:meth:`NamedTriggers.triggers`),
whether one would move now (:meth:`NamedTriggers.passes`), and which guards stand in its way
(:meth:`NamedTriggers.blocking`), so the refusal can say why.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from statemachine.engine.draft import Draft
from statemachine.engine.flow import FlowData, TransitionData
from statemachine.engine.hooks import Hooks, Step


class Cursor:
    """The machine's model for one move: only a state, discarded afterwards."""

    __slots__ = ("state",)

    def __init__(self, state: str) -> None:
        self.state = state


class NamedTriggers:
    """The named-trigger half of :class:`~statemachine.engine.machine.Engine`.

    A transition *passes* when all its ``conditions`` hold and none of its ``unless`` does;
    the first transition from the state that passes is the one taken, as for answers.
    """

    flow: FlowData
    hooks: Hooks
    _machine: Any

    @cached_property
    def _leaving(self) -> dict[str, list[TransitionData]]:
        """The transitions by source state, in the order the flow lists them."""
        found: dict[str, list[TransitionData]] = {}
        for tr in self.flow["transitions"]:
            found.setdefault(tr["source"], []).append(tr)
        return found

    def triggers(self, state: str) -> list[str]:
        """The triggers with a transition from ``state``, in flow order, each once.

        Args:
            state: a state of the flow.

        Returns:
            The trigger names; empty for a state nothing leaves (a final one) or an unknown one.
        """
        return list(dict.fromkeys(tr["trigger"] for tr in self._leaving.get(state, [])))

    def _passing(self, tr: TransitionData, step: Step) -> bool:
        guards = self.hooks.guards
        return all(guards[g](step, tr["dest"]) for g in tr.get("conditions", [])) and not any(
            guards[g](step, tr["dest"]) for g in tr.get("unless", [])
        )

    def _candidates(self, draft: Draft, trigger: str) -> list[TransitionData]:
        return [tr for tr in self._leaving.get(draft.state, []) if tr["trigger"] == trigger]

    def passes(self, draft: Draft, trigger: str, step: Step) -> bool:
        """Whether firing ``trigger`` now would move the draft. Nothing changes.

        Args:
            draft: the draft, at its current state.
            trigger: a trigger name.
            step: what the guards get (the facts, in ``step.value``).

        Returns:
            True when a transition for ``trigger`` leaves the draft's state and passes.
        """
        return any(self._passing(tr, step) for tr in self._candidates(draft, trigger))

    def blocking(self, draft: Draft, trigger: str, step: Step) -> list[str]:
        """The guards that keep ``trigger`` from moving the draft now, for the refusal.

        Args:
            draft: the draft, at its current state.
            trigger: a trigger name.
            step: what the guards get.

        Returns:
            Empty when the trigger would move the draft, or when no transition for it leaves
            the state at all (then nothing guards it: it simply does not apply). Otherwise the
            guards that fail on the first transition: its ``conditions`` that do not hold and
            its ``unless`` guards that do, in the order the flow names them.
        """
        candidates = self._candidates(draft, trigger)
        if not candidates or any(self._passing(tr, step) for tr in candidates):
            return []
        first, guards = candidates[0], self.hooks.guards
        failed = [g for g in first.get("conditions", []) if not guards[g](step, first["dest"])]
        return failed + [g for g in first.get("unless", []) if guards[g](step, first["dest"])]

    def fire(self, draft: Draft, trigger: str, step: Step) -> bool:
        """Run the flow's transitions for ``trigger`` from the draft's state, guards and actions
        included, and move the draft if one passes.

        Args:
            draft: the draft; its ``state`` is changed in place when a transition is taken.
            trigger: a trigger name.
            step: what the guards and actions get.

        Returns:
            True when a transition was taken; False, with the draft unchanged, when the trigger
            does not leave this state or no transition for it passes.
        """
        if trigger not in self.triggers(draft.state):
            return False
        cursor = Cursor(draft.state)
        if not self._machine.events[trigger].trigger(cursor, step=step):
            return False
        draft.state = cursor.state
        return True
