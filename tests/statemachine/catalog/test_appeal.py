"""The appeal route told on the receipt is the one the deadline rules count."""

from __future__ import annotations

from datetime import date

import pytest

from locales import translator
from statemachine.catalog.appeal import appeal_route
from statemachine.catalog.deadlines import Circumstances, deadlines_for
from statemachine.catalog.ids import Housing

EN = translator("en")


@pytest.mark.parametrize(
    ("housing", "municipality", "case_type", "rule", "words"),
    [
        # A huslejenævn decision in København (101) goes to the Ankenævn ...
        ("private", 101, "rent_level", "appeal.ankenaevn", "to the Ankenævn"),
        ("private", 101, "maintenance", "appeal.ankenaevn", "to the Ankenævn"),
        # ... except a house-rules decision, which goes to the housing court.
        ("private", 101, "house_rules", "appeal.boligret", "to the housing court"),
        ("private", 751, "rent_level", "appeal.boligret", "to the housing court"),
        # A beboerklagenævn decision goes to the housing court, even in København.
        ("social", 101, "rent_level", "appeal.boligret", "July is not counted"),
        ("social", 751, "house_rules", "appeal.boligret", "July is not counted"),
    ],
)
def test_the_route_is_the_rule_the_deadlines_pick(
    housing: Housing, municipality: int, case_type: str, rule: str, words: str
) -> None:
    route = appeal_route(housing, municipality, case_type)
    assert route.rule == rule
    read = EN.render(route.sentence)
    assert read.startswith("If you disagree with the decision, you can appeal")
    assert "within 4 weeks" in read and words in read
    assert ("July" in read) == (housing == "social")
    found = deadlines_for(
        case_type,
        "tenant",
        {"decision_notified": date(2026, 6, 20)},
        date(2026, 6, 21),
        Circumstances(housing=housing, municipality=municipality),
    )
    assert [d.rule for d in found if d.rule.startswith("appeal.")] == [rule]
