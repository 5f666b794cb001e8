"""The decision box's catalog: canonical values with labels, subjects, statutes, and the checks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from statemachine.catalog import decisions as d
from statemachine.catalog.ids import CASE_TYPES
from statemachine.errors import UnknownIdError

FILED = date(2026, 5, 13)
RENT = d.BoxValues(
    outcome="IN_FAVOUR",
    in_favour="TENANT",
    fee_imposed="YES",
    locally_inspected="HELD",
    public_interest="NO",
    decided_on=date(2026, 6, 1),
    subjects=("rent_level",),
    statutes=("lejeloven:6:42",),
    rent_method="BASED_ON_COMPARABLE_RENTS",
    rent_category="MONTHLY_RENT",
    rent_declaration="TENANCY_SPECIFIC_RENT",
    rent_amount=Decimal("7500"),
    rent_area=45,
    rent_from=date(2026, 5, 1),
)
MAINTENANCE = d.BoxValues(
    outcome="IN_PARTIAL_FAVOUR",
    decided_on=date(2026, 6, 1),
    subjects=("maintenance",),
    statutes=("lejeloven:4:22",),
)


def test_the_lists_hold_the_registers_values() -> None:
    assert set(d.CLOSING_REASONS) == {
        "IN_FAVOUR",
        "IN_PARTIAL_FAVOUR",
        "REJECTED",
        "SETTLEMENT",
        "DISMISSED",
        "NOT_SET",
    }
    assert set(d.IN_FAVOUR) == {"TENANT", "LANDLORD", "SHARED", "NOT_SET"}
    assert set(d.FEE_IMPOSED) == set(d.PUBLIC_INTEREST) == {"YES", "NO", "NOT_SET"}
    assert set(d.LOCALLY_INSPECTED) == {"HELD", "NOT_HELD", "NOT_SET"}
    assert set(d.RENT_CATEGORIES) == {"MONTHLY_RENT", "ANNUAL_RENT_PER_SQUARE_METERS"}
    assert set(d.RENT_DECLARATIONS) == {"EXAMPLE_RENT", "TENANCY_SPECIFIC_RENT"}
    assert "BASED_ON_EXPENSES" in d.RENT_METHODS


def test_a_subject_for_every_case_type() -> None:
    assert set(d.SUBJECTS) == set(CASE_TYPES)
    assert d.subjects_of("maintenance", ["utility_accounts", "maintenance", "nonsense"]) == (
        "maintenance",
        "utility_accounts",
    )


def test_statutes_are_law_chapter_section() -> None:
    found = d.statute("lejeloven:1:1")
    assert found.label == "Lov om leje, Kap. 1. Anvendelsesområde m.v., § 1"
    assert (found.law.id, found.chapter.id, found.section.id) == ("lejeloven", "1", "1")
    assert d.statute("almenlejeloven:2:5").label.startswith("Almenlejeloven, Kap. 2.")
    with pytest.raises(UnknownIdError):
        d.statute("lejeloven:99:1")


def test_value_labels() -> None:
    assert d.value_label("outcome", "SETTLEMENT").msgid == "Closed with a settlement"
    with pytest.raises(UnknownIdError):
        d.value_label("outcome", "WON")


def test_a_good_rent_decision_passes() -> None:
    assert d.check_decision(RENT, FILED) == []
    assert d.check_decision(MAINTENANCE, FILED) == []


def test_the_decision_date_is_on_or_after_filing() -> None:
    same_day = d.BoxValues(**{**MAINTENANCE.__dict__, "decided_on": FILED})
    assert d.check_decision(same_day, FILED) == []
    before = d.BoxValues(**{**MAINTENANCE.__dict__, "decided_on": date(2026, 5, 12)})
    (problem,) = d.check_decision(before, FILED)
    assert problem.msgid == d.BEFORE_FILING
    missing = d.BoxValues(**{**MAINTENANCE.__dict__, "decided_on": None})
    assert [p.msgid for p in d.check_decision(missing, FILED)] == [d.MISSING_DATE]


def test_rent_fields_are_required_exactly_when_a_rent_is_decided() -> None:
    no_rent = d.BoxValues(**{**RENT.__dict__, "rent_amount": None, "rent_from": None})
    assert [p.msgid for p in d.check_decision(no_rent, FILED)] == [d.RENT_MISSING] * 2
    stray = d.BoxValues(**{**MAINTENANCE.__dict__, "rent_area": 45})
    assert [p.msgid for p in d.check_decision(stray, FILED)] == [d.RENT_NOT_DECIDED]
    # a settlement of a rent case decides no rent
    settled = d.BoxValues(outcome="SETTLEMENT", decided_on=FILED, subjects=("rent_level",))
    assert d.check_decision(settled, FILED) == []
    assert d.decides_rent("IN_FAVOUR", ("maintenance", "rent_increase"))
    assert not d.decides_rent("DISMISSED", ("rent_level",))


def test_each_value_from_its_list() -> None:
    bad = d.BoxValues(**{**RENT.__dict__, "in_favour": "TENANTS", "rent_category": "WEEKLY"})
    problems = d.check_decision(bad, FILED)
    assert [p.msgid for p in problems] == [d.BAD_VALUE, d.BAD_VALUE]
    assert problems[0].params["value"] == "TENANTS"
    unknown = d.BoxValues(**{**MAINTENANCE.__dict__, "subjects": ("x",), "statutes": ("y",)})
    assert {p.msgid for p in d.check_decision(unknown, FILED)} == {
        d.UNKNOWN_SUBJECT,
        d.UNKNOWN_STATUTE,
    }


def test_amount_area_subjects_and_statutes() -> None:
    bad = d.BoxValues(**{**RENT.__dict__, "rent_amount": Decimal(0), "rent_area": -1})
    assert [p.msgid for p in d.check_decision(bad, FILED)] == [d.BAD_AMOUNT, d.BAD_AREA]
    bare = d.BoxValues(outcome="REJECTED", decided_on=FILED)
    assert [p.msgid for p in d.check_decision(bare, FILED)] == [
        d.NO_SUBJECT,
        d.DECIDED_NEEDS_STATUTE,
    ]
