"""Tribunal fees by year, with the latest known figure for a year that has none."""

from __future__ import annotations

from decimal import Decimal

import pytest

from locales import translator
from statemachine.catalog.fees import (
    NoFeeError,
    fee_facts,
    fee_sentence,
    filing_fee,
    landlord_fee,
    paying,
)
from statemachine.catalog.ids import Housing
from statemachine.errors import UnknownIdError
from statemachine.text import Money, Text

EN = translator("en")
"""Renders what the filer reads, in English."""


@pytest.mark.parametrize(
    ("year", "housing", "case_type", "amount", "from_year", "per_unit", "kind"),
    [
        (2024, "private", "rent_level", 357, 2024, False, "huslejenaevn_filing"),
        (2023, "private", "rent_increase", 345, 2023, False, "huslejenaevn_filing"),
        (2021, "private", "maintenance", 315, 2021, False, "huslejenaevn_filing"),
        (2022, "private", "maintenance", 315, 2021, False, "huslejenaevn_filing"),
        (2025, "private", "maintenance", 357, 2024, False, "huslejenaevn_filing"),
        (2026, "private", "maintenance", 357, 2024, False, "huslejenaevn_filing"),
        (2024, "social", "rent_increase", 167, 2024, False, "beboerklagenaevn_filing"),
        (2022, "social", "house_rules", 147, 2021, False, "beboerklagenaevn_filing"),
        (2024, "private", "advance_rent_approval", 596, 2024, False, "advance_approval"),
        # A swap with improvements is not named in § 82: it pays the ordinary filing fee.
        (2024, "private", "swap_improvement_approval", 357, 2024, False, "huslejenaevn_filing"),
        (2024, "social", "advance_rent_approval", 167, 2024, False, "beboerklagenaevn_filing"),
        (2019, "private", "advance_rent_approval", 500, 2015, False, "advance_approval"),
        (2024, "private", "pre_improvement_inspection", 4552, 2024, True, "inspection"),
        (2022, "private", "pre_improvement_inspection", 4016, 2021, True, "inspection"),
    ],
)
def test_the_filing_fee_is_the_figure_for_the_year_or_the_latest_before_it(
    year: int,
    housing: Housing,
    case_type: str,
    amount: int,
    from_year: int,
    per_unit: bool,
    kind: str,
) -> None:
    quote = filing_fee(year, housing=housing, case_type=case_type)
    assert quote.amount == Decimal(amount)
    assert (quote.year, quote.requested_year) == (from_year, year)
    assert quote.fallback is (from_year != year)
    assert quote.per_unit is per_unit
    assert quote.kind == kind


def test_the_landlord_fee_on_a_full_win_falls_back_to_the_latest_known_year() -> None:
    assert landlord_fee(2024).amount == Decimal(6827)
    fallback = landlord_fee(2022)
    assert (fallback.amount, fallback.year, fallback.requested_year) == (Decimal(6024), 2021, 2022)


def test_a_year_before_any_known_figure_has_no_fee() -> None:
    with pytest.raises(NoFeeError):
        filing_fee(2010, housing="private", case_type="rent_level")
    with pytest.raises(NoFeeError):
        landlord_fee(2014)


def test_commercial_leases_and_unknown_case_types_have_no_fee() -> None:
    with pytest.raises(NoFeeError):
        filing_fee(2024, housing="commercial", case_type="rent_level")
    with pytest.raises(UnknownIdError):
        filing_fee(2024, housing="private", case_type="no_such_type")


def test_the_fee_sentence_names_the_year_of_an_older_figure() -> None:
    current = fee_sentence(filing_fee(2024, housing="private", case_type="rent_level"))
    assert current.msgid == "The fee is {amount}."
    assert current.params["amount"] == Money(Decimal(357))
    older = fee_sentence(
        filing_fee(2026, housing="private", case_type="pre_improvement_inspection")
    )
    assert "for each tenancy" in older.msgid and "latest known figure" in older.msgid
    assert older.params["year"] == "2024"


def _read(lines: list[Text]) -> str:
    return " ".join(EN.render(line) for line in lines)


def test_a_private_landlord_is_told_the_landlord_fee_on_a_full_win_whoever_filed() -> None:
    read = _read(fee_facts(2024, housing="private", side="landlord"))
    assert "The one who files the case pays the fee. It is not refunded" in read
    assert "If the tenant wins the case fully, the tribunal may charge you a further fee" in read
    assert "further fee of DKK 6,827." in read
    assert "It does not matter who filed the case." in read
    assert "no further fee if the tenant wins only in part, or if the parties settle" in read
    assert "costs you nothing more" not in read


def test_a_landlord_fee_from_an_earlier_year_says_its_year() -> None:
    read = _read(fee_facts(2026, housing="private", side="landlord"))
    assert "may charge you a further fee. In 2024 it was DKK 6,827." in read


def test_a_private_tenant_loses_nothing_more_and_the_landlord_may_pay_on_a_full_win() -> None:
    read = _read(fee_facts(2024, housing="private", side="tenant"))
    assert "If you lose, it costs you nothing more." in read
    assert "If you win the case fully, the landlord may have to pay a fee to the tribunal." in read
    assert "charge you" not in read
    board = _read(fee_facts(2024, housing="private", side="tenant_board"))
    assert "If you lose, it costs you nothing more." in board
    assert "If the tenant wins the case fully, the landlord may have to pay a fee" in board


def test_a_representative_reads_of_the_side_they_act_for() -> None:
    landlord = _read(fee_facts(2024, housing="private", side="landlord", represented=True))
    assert "may charge the landlord a further fee of DKK 6,827." in landlord
    assert " you " not in landlord
    tenant = _read(fee_facts(2024, housing="private", side="tenant", represented=True))
    assert "If the tenant loses, it costs the tenant nothing more." in tenant


def test_social_housing_has_no_landlord_fee_line() -> None:
    for side in ("tenant", "landlord", "tenant_board"):
        read = _read(fee_facts(2024, housing="social", side=side))
        assert "The one who files the case pays the fee" in read
        assert "landlord" not in read and "further fee" not in read
        assert "nothing more" not in read, "no source says a lost BKN case costs nothing more"


def test_paying_says_how_and_that_some_tribunals_wait_for_the_fee() -> None:
    read = _read(paying())
    assert "payment details in its first letter about your case" in read
    assert "bank transfer" in read and "address of the home" in read and "receipt" in read
    assert "count a case as filed only once the fee is paid" in read
