"""The fee step, the receipt and the note on Danish say what fits the filer's case."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from locales import translator
from statemachine.engine.draft import Draft
from statemachine.flows.intake.danish import note
from statemachine.flows.intake.summaries import INTROS

EN = translator("en")
DA = translator("da")
TODAY = date(2026, 11, 23)


def _draft(lang: str = "en", **answers: Any) -> Draft:
    base: dict[str, Any] = {
        "ask_language": lang,
        "ask_role": "tenant",
        "ask_housing": "private",
        "ask_municipality": {"text": "8000", "matches": [751]},
        "ask_case_type": "maintenance",
    }
    return Draft(state="show_fee", lang=lang, answers={**base, **answers})


def _read(intro: str, draft: Draft, today: date = TODAY) -> str:
    tr = EN if draft.lang == "en" else DA
    return "\n".join(tr.render(line) for line in INTROS[intro](draft, today))


@pytest.mark.parametrize(
    ("answers", "amount"),
    [
        # Amounts from domain.md §5, the latest known year (2024).
        ({}, "DKK 357"),
        ({"ask_housing": "social"}, "DKK 167"),
        ({"ask_role": "landlord", "ask_case_type": "advance_rent_approval"}, "DKK 596"),
        ({"ask_role": "landlord", "ask_case_type": "swap_improvement_approval"}, "DKK 357"),
        ({"ask_role": "landlord", "ask_case_type": "pre_improvement_inspection"}, "DKK 4,552"),
    ],
)
def test_the_fee_step_names_the_fee_of_the_case_type_and_tribunal(
    answers: dict[str, Any], amount: str
) -> None:
    first = _read("fee_summary", _draft(**answers)).splitlines()[0]
    assert amount in first


def test_a_private_tenant_is_told_a_loss_costs_nothing_more() -> None:
    read = _read("fee_summary", _draft())
    assert "If you lose, it costs you nothing more." in read
    assert "If you win the case fully, the landlord may have to pay a fee" in read
    assert "There are no further costs" not in read


def test_a_private_landlord_is_told_the_landlord_fee() -> None:
    read = _read("fee_summary", _draft(ask_role="landlord"))
    assert "may charge you a further fee. In 2024 it was DKK 6,827." in read
    assert "nothing more" not in read


def test_a_representative_of_a_landlord_reads_of_the_landlord() -> None:
    draft = _draft(ask_role="representative", ask_represents="landlord")
    assert "may charge the landlord a further fee" in _read("fee_summary", draft)


def test_social_housing_has_no_landlord_fee() -> None:
    for role in ("tenant", "landlord"):
        read = _read("fee_summary", _draft(ask_role=role, ask_housing="social"))
        assert "further fee" not in read and "landlord may have to pay" not in read


def test_a_close_deadline_says_to_pay_at_once_and_a_far_one_does_not() -> None:
    # Notice received 1 October 2026: the tenant objects by 12 November (6 weeks).
    draft = _draft(ask_case_type="rent_increase", ask_notice_received="2026-10-01")
    urgent = "Pay as soon as you get the payment details: your deadline is close."
    assert urgent in _read("fee_summary", draft, date(2026, 11, 9))
    assert urgent in _read("receipt", draft, date(2026, 11, 9))
    assert urgent not in _read("fee_summary", draft, date(2026, 10, 2))
    assert urgent not in _read("fee_summary", _draft())


def test_the_fee_step_and_the_receipt_say_the_same_about_paying() -> None:
    draft = _draft()
    draft.case_number = "751-10001"
    fee, receipt = _read("fee_summary", draft), _read("receipt", draft)
    for words in (
        "The tribunal sends you the payment details in its first letter about your case.",
        "Some tribunals count a case as filed only once the fee is paid.",
    ):
        assert words in fee and words in receipt


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({}, "appeal to the housing court (boligretten) at minretssag.dk within 4 weeks"),
        ({"ask_municipality": {"text": "1000", "matches": [101]}}, "appeal to the Ankenævn"),
        (
            {
                "ask_municipality": {"text": "1000", "matches": [101]},
                "ask_case_type": "house_rules",
            },
            "appeal to the housing court",
        ),
        ({"ask_housing": "social"}, "July is not counted in the 4 weeks."),
    ],
)
def test_the_receipt_says_where_to_appeal(answers: dict[str, Any], words: str) -> None:
    assert words in _read("receipt", _draft(**answers))


def test_only_an_english_speaking_filer_is_told_the_tribunal_works_in_danish() -> None:
    english = " ".join(EN.render(line) for line in note(_draft("en"), TODAY))
    assert "The tribunal works in Danish. You may write to it in English." in english
    assert "explanation in Danish helps your case" in english and "documents" in english
    assert note(_draft("da"), TODAY) == []
