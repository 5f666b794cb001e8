"""Where a decision is appealed, said in one sentence: for the receipt now, the decision later.

The route is the one the deadline rules pick (``deadlines.py``, rules ``appeal.boligret`` and
``appeal.ankenaevn``), so the receipt, the deadline and the decision's klagevejledning say the
same: a beboerklagenævn decision goes to the housing court within 4 weeks, not counting July;
a huslejenævn decision in Københavns Kommune goes to the Ankenævn, except in house-rules cases;
every other huslejenævn decision goes to the housing court.
"""

from __future__ import annotations

from dataclasses import dataclass

from statemachine.catalog.deadlines import CONDITIONS, Circumstances
from statemachine.catalog.ids import Housing
from statemachine.text import Text, t


@dataclass(frozen=True)
class AppealRoute:
    """Where an appeal of the tribunal's decision goes."""

    rule: str
    """The deadline rule that counts the appeal period (``appeal.boligret`` or
    ``appeal.ankenaevn``)."""
    sentence: Text
    """What the filer is told, as one plain sentence."""


def appeal_route(housing: Housing | None, municipality: int | None, case_type: str) -> AppealRoute:
    """The appeal route of a decision in a case, and the sentence that tells the filer.

    Args:
        housing: ``private`` or ``social``; None while unknown, read as private.
        municipality: the kommunekode of the home, or None while unknown.
        case_type: the case type id (house-rules cases in København go to the housing court).

    Returns:
        The rule id and the sentence.
    """
    facts = Circumstances(housing=housing, municipality=municipality)
    if CONDITIONS["copenhagen_rent_tribunal"](case_type, facts):
        return AppealRoute(
            "appeal.ankenaevn",
            t(
                "If you disagree with the decision, you can appeal to the Ankenævn, the "
                "appeals board of Københavns Kommune, within 4 weeks of being told of it."
            ),
        )
    if housing == "social":
        return AppealRoute(
            "appeal.boligret",
            t(
                "If you disagree with the decision, you can appeal to the housing court "
                "(boligretten) at minretssag.dk within 4 weeks of being told of it. July is "
                "not counted in the 4 weeks."
            ),
        )
    return AppealRoute(
        "appeal.boligret",
        t(
            "If you disagree with the decision, you can appeal to the housing court "
            "(boligretten) at minretssag.dk within 4 weeks of being told of it."
        ),
    )
