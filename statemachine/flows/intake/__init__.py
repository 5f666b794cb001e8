"""The intake dialogue: its states as data, its named hooks, the review and what a draft files.

:func:`engine` is the one way the composition code gets the intake's engine.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from statemachine.engine.machine import Engine
from statemachine.flows.intake import privacy
from statemachine.flows.intake.dialogue import INTAKE
from statemachine.flows.intake.hooks import HOOKS


@cache
def engine(draft_days: int = privacy.DRAFT_DAYS) -> Engine:
    """The intake engine, built and validated once per process and shared by every draft.

    Args:
        draft_days: how many days the service keeps a draft nobody continues, which the
            privacy notice tells the filer.

    Raises:
        FlowError: the intake flow is broken.
    """
    if draft_days == privacy.DRAFT_DAYS:
        return Engine(INTAKE, HOOKS)
    told = {"privacy_notice": lambda draft, today: privacy.notice(draft_days)}
    return Engine(INTAKE, replace(HOOKS, intros={**HOOKS.intros, **told}))


__all__ = ["HOOKS", "INTAKE", "engine"]
