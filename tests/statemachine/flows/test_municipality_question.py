"""The question after an ambiguous postcode or name makes sense read aloud on its own: it says
what was typed, and that it covers more than one municipality."""

from __future__ import annotations

from datetime import date

import pytest

from locales import translator
from statemachine.flows.intake import engine

TODAY = date(2026, 11, 23)
ENGINE = engine()


@pytest.mark.parametrize(
    ("lang", "typed", "heard"),
    [
        ("da", "2300", "Postnummer 2300 dækker flere kommuner. Hvilken kommune ligger boligen i?"),
        (
            "en",
            "2300",
            "Postcode 2300 covers more than one municipality. Which municipality is the home in?",
        ),
        ("da", "Lyngby", "'Lyngby' passer på flere kommuner. Hvilken kommune ligger boligen i?"),
    ],
)
def test_the_choice_of_municipality_names_what_was_typed(lang: str, typed: str, heard: str) -> None:
    draft = ENGINE.start(lang)
    draft.state = "ask_municipality_choice"
    draft.answers["ask_municipality"] = {"text": typed, "matches": [101, 185]}
    prompt = ENGINE.present(draft, TODAY).prompt
    assert translator(lang).render(prompt) == heard
