"""The CVR number: 8 digits that pass the register's modulus-11 check, or a plain message."""

from __future__ import annotations

from datetime import date

import pytest

from locales import translator
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.errors import InvalidInputError
from statemachine.flows.intake import engine
from statemachine.flows.intake.cvr import is_valid, parse_cvr

TODAY = date(2026, 11, 23)
DRAFT = Draft(state="ask_cvr", lang="en")


@pytest.mark.parametrize("typed", ["24256790", "24 25 67 90", "DK-24256790", " dk 2425 6790 "])
def test_a_valid_cvr_is_kept_as_its_8_digits(typed: str) -> None:
    # 2·2 + 4·7 + 2·6 + 5·5 + 6·4 + 7·3 + 9·2 + 0·1 = 132 = 12 · 11
    assert parse_cvr(DRAFT, typed, TODAY) == "24256790"


@pytest.mark.parametrize("digits", ["24256791", "42256790", "00000001"])
def test_a_wrong_or_swapped_digit_fails_the_check(digits: str) -> None:
    assert not is_valid(digits)
    with pytest.raises(InvalidInputError) as caught:
        parse_cvr(DRAFT, digits, TODAY)
    said = translator("en").render(caught.value.message)
    assert said.startswith(f"{digits} is not a valid CVR number. A digit may be wrong")
    assert (
        translator("da")
        .render(caught.value.message)
        .startswith(f"{digits} er ikke et gyldigt CVR-nummer.")
    )


@pytest.mark.parametrize("typed", ["1234567", "123456789", "2425679O", "CVR"])
def test_not_8_digits_says_what_to_type(typed: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_cvr(DRAFT, typed, TODAY)
    assert translator("en").render(caught.value.message) == (
        "A CVR number has 8 digits. Please write just the 8 digits, for example 24 25 67 90. "
        "Spaces are fine."
    )


def test_the_cvr_question_refuses_a_bad_number_and_stays() -> None:
    eng = engine()
    draft = Draft(state="ask_cvr", lang="da", answers={"ask_role": "landlord"})
    outcome = eng.step(draft, Answer(value="24256791"), TODAY)
    assert draft.state == "ask_cvr"
    assert "CVR" in translator("da").render(outcome.errors[0])
    assert eng.step(draft, Answer(value="24256790"), TODAY).errors == []
    assert draft.answers["ask_cvr"] == "24256790"
