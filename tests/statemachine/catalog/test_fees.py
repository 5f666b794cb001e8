"""Tribunal fees by year, with the latest known figure for a year that has none."""

from __future__ import annotations

from decimal import Decimal

import pytest

from statemachine.catalog.fees import (
    NoFeeError,
    fee_facts,
    fee_sentence,
    filing_fee,
    landlord_fee,
)
from statemachine.catalog.ids import Housing
from statemachine.errors import UnknownIdError
from statemachine.text import Money


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
        (2024, "private", "swap_improvement_approval", 596, 2024, False, "advance_approval"),
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


def test_the_fee_facts_cover_who_pays_refunds_costs_start_and_the_landlord_fee() -> None:
    facts = " ".join(fee_facts())
    for phrase in (
        "paid by the one who files",
        "not refunded",
        "no further costs",
        "once the fee is paid",
        "landlord pays an extra fee",
    ):
        assert phrase in facts
