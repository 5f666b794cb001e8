"""CVR numbers: the Danish business register's 8-digit number, checked as the register does."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from statemachine.engine.draft import Draft
from statemachine.engine.values import parse_text
from statemachine.errors import InvalidInputError
from statemachine.text import t

WEIGHTS: Final = (2, 7, 6, 5, 4, 3, 2, 1)
"""The modulus-11 weights of the 8 digits: a CVR number's weighted sum is divisible by 11."""


def is_valid(digits: str) -> bool:
    """Whether ``digits`` (8 digits, no spaces) passes the CVR modulus-11 check."""
    if len(digits) != len(WEIGHTS) or not digits.isascii() or not digits.isdigit():
        return False
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11 == 0


def parse_cvr(draft: Draft, value: Any, today: date) -> str:
    """A CVR number as its 8 digits, from what the filer typed ("DK-12 34 56 78" is fine).

    Raises:
        InvalidInputError: with what to type instead, when it is not 8 digits or fails the
            check (a mistyped or swapped digit).
    """
    text = parse_text(value)
    digits = text.upper().removeprefix("DK").lstrip("- ").replace(" ", "").replace("-", "")
    if len(digits) != len(WEIGHTS) or not digits.isascii() or not digits.isdigit():
        raise InvalidInputError(
            t(
                "A CVR number has 8 digits. Please write just the 8 digits, for example "
                "24 25 67 90. Spaces are fine."
            )
        )
    if not is_valid(digits):
        raise InvalidInputError(
            t(
                "{cvr} is not a valid CVR number. A digit may be wrong, or two may be swapped. "
                "Please check it on the organisation's letters or at datacvr.virk.dk.",
                cvr=digits,
            )
        )
    return digits
