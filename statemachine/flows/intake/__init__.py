"""The intake dialogue: its states as data, its named hooks, the review and what a draft files.

:func:`engine` is the one way the composition code gets the intake's engine.
"""

from __future__ import annotations

from functools import cache

from statemachine.engine.machine import Engine
from statemachine.flows.intake.dialogue import INTAKE
from statemachine.flows.intake.hooks import HOOKS


@cache
def engine() -> Engine:
    """The intake engine, built and validated once per process and shared by every draft.

    Raises:
        FlowError: the intake flow is broken.
    """
    return Engine(INTAKE, HOOKS)


__all__ = ["HOOKS", "INTAKE", "engine"]
