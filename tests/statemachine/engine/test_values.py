"""Answer parsing by kind: what filers type becomes a canonical value, or a plain error."""

from __future__ import annotations

from datetime import date

import pytest

from statemachine.engine.values import (
    parse_confirm,
    parse_email,
    parse_iso_or_text_date,
    parse_multi_choice,
    parse_number,
    parse_phone,
    parse_text,
)
from statemachine.errors import InvalidInputError
from statemachine.text import Text

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("7500", "7500.00"),
        ("7.500", "7500.00"),
        ("7500,50", "7500.50"),
        ("7.500,50", "7500.50"),
        ("7500 kr", "7500.00"),
        ("7.500 kr.", "7500.00"),
        ("DKK 7500", "7500.00"),
        (7500, "7500.00"),
        (7500.5, "7500.50"),
        ("7,500.50", "7500.50"),
    ],
)
def test_money_formats(typed: object, stored: str) -> None:
    assert parse_number(typed, money=True) == stored


@pytest.mark.parametrize("typed", ["", "seven", "-5", "1e400", True, None, "NaN"])
def test_bad_numbers(typed: object) -> None:
    with pytest.raises(InvalidInputError):
        parse_number(typed, money=True)


@pytest.mark.parametrize(("typed", "stored"), [("45", "45"), ("45,5", "45.5"), ("62 m²", "62")])
def test_numbers(typed: str, stored: str) -> None:
    assert parse_number(typed) == stored


@pytest.mark.parametrize(
    ("typed", "value"), [("ja", True), ("Nej", False), ("yes", True), ("NO", False), (True, True)]
)
def test_confirm(typed: object, value: bool) -> None:
    assert parse_confirm(typed) is value


@pytest.mark.parametrize("typed", ["1", "maybe", "", None])
def test_confirm_refuses_anything_else(typed: object) -> None:
    with pytest.raises(InvalidInputError):
        parse_confirm(typed)


def test_dates_past_only() -> None:
    assert parse_iso_or_text_date("1. oktober 2026", today=TODAY, past=True) == "2026-10-01"
    assert parse_iso_or_text_date("23/11/2026", today=TODAY, past=True) == "2026-11-23"
    with pytest.raises(InvalidInputError, match="future"):
        parse_iso_or_text_date("24/11/2026", today=TODAY, past=True)
    assert parse_iso_or_text_date("24/11/2026", today=TODAY, past=False) == "2026-11-24"


def test_impossible_date_says_what_is_wrong() -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_iso_or_text_date("31/2/2026", today=TODAY, past=True)
    assert "31" in str(caught.value.message)


def test_text_limit_and_trim() -> None:
    assert parse_text("  Vestergade 12  ") == "Vestergade 12"
    with pytest.raises(InvalidInputError):
        parse_text("x" * 201)
    with pytest.raises(InvalidInputError):
        parse_text(12)


@pytest.mark.parametrize("typed", ["anna@example.dk", "a.b+c@post.tele.dk"])
def test_good_emails(typed: str) -> None:
    assert parse_email(typed) == typed


@pytest.mark.parametrize("typed", ["anna", "anna@", "anna@example", "a b@example.dk"])
def test_bad_emails(typed: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_email(typed)


def test_phone() -> None:
    assert parse_phone("+45 12 34 56 78") == "+45 12 34 56 78"
    with pytest.raises(InvalidInputError):
        parse_phone("call me")


def test_multi_choice_keeps_option_order_and_refuses_unknown() -> None:
    assert parse_multi_choice(["b", "a", "b"], ["a", "b", "c"]) == ["a", "b"]
    assert parse_multi_choice("c, a", ["a", "b", "c"]) == ["a", "c"]
    with pytest.raises(InvalidInputError):
        parse_multi_choice(["z"], ["a"])


@pytest.mark.parametrize(
    "typed",
    [
        "010190-1234",
        "0101901234",
        "Mit CPR-nummer er 311299-4321.",
        "Anna Jensen, 290284-1118, bor på 2. th.",
        "cpr 300675–2468",  # with an en dash, as word processors write it
    ],
)
def test_a_text_with_a_cpr_number_is_refused_with_what_to_do_instead(typed: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_text(typed, limit=5000)
    message = caught.value.message
    assert isinstance(message, Text)
    assert message.msgid == "Please leave out the CPR number. The tribunal does not need it."


@pytest.mark.parametrize(
    "typed",
    [
        "12345678",  # a phone number
        "+45 12 34 56 78",
        "Vestergade 120406",  # six digits, no four after them
        "01-10-2026",  # a date
        "Varslet 01.10.2026, 7.500 kr.",
        "1234567890",  # ten digits, but no month 34
        "3201901234",  # no 32nd day
        "3002901234",  # no 30 February
        "Reg. 1234 konto 12345678901",  # eleven digits
    ],
)
def test_numbers_that_are_not_cpr_numbers_pass(typed: str) -> None:
    assert parse_text(typed) == typed
