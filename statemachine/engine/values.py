"""Parsing answers by input kind: turn what a filer typed into a canonical, JSON-safe value.

Every parser either returns the canonical value stored in the draft or raises
:class:`InvalidInputError` with a plain sentence saying what to type instead. Parsers never
look at the dialogue state; the engine picks the parser from the question's input kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from statemachine.engine.dates import check_not_future, parse_date
from statemachine.errors import InvalidInputError
from statemachine.text import t

MAX_TEXT = 200
"""Characters allowed in a one-line text answer."""
MAX_LONG_TEXT = 5000
"""Characters allowed in a long text answer."""
MAX_NUMBER = Decimal("1000000000")
"""A sanity limit on numbers and amounts."""

_YES = frozenset({"yes", "y", "ja", "j", "true"})
_NO = frozenset({"no", "n", "nej", "false"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-]{6,20}$")
_CPR: Final = re.compile(r"(?<!\d)(\d{2})(\d{2})\d{2}[-\u2010\u2013]?\d{4}(?!\d)")
"""Ten digits shaped like a CPR number: ddmmyy-xxxx or ddmmyyxxxx (the day and month are
checked apart)."""
_DAYS_IN_MONTH: Final = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


UNSHOWN: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""What no stored text keeps: control characters (C0 but tab and newline, DEL, C1) and the
marks that override or isolate the direction of text, which can make "exe.pdf" read as
"fdp.exe" or hide words from a caseworker."""


def clean(value: Any) -> Any:
    """``value`` with every text in it (also inside lists and objects) cleaned: line breaks
    made ``\n``, and control characters and direction overrides removed."""
    if isinstance(value, str):
        return UNSHOWN.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, list):
        return [clean(item) for item in value]
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    return value


def escape_unshown(text: str) -> str:
    """``text`` with each character of :data:`UNSHOWN` written as its ``\\uXXXX`` escape, for
    showing stored text on a terminal as it is, without letting it act there."""
    return UNSHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def is_blank(value: Any) -> bool:
    """True for a missing or empty answer (None, "", whitespace, an empty list)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return len(value) == 0
    return False


def parse_text(value: Any, *, limit: int = MAX_TEXT) -> str:
    """A trimmed line of text, at most ``limit`` characters, with no CPR number in it (the
    tribunal never needs one, so none is stored)."""
    if not isinstance(value, str):
        raise InvalidInputError(t("Please write your answer as text."))
    text = value.strip()
    if len(text) > limit:
        raise InvalidInputError(
            t(
                "That is {length} characters. The limit here is {limit}. Please shorten it.",
                length=len(text),
                limit=limit,
            )
        )
    if has_cpr_number(text):
        raise InvalidInputError(
            t("Please leave out the CPR number. The tribunal does not need it.")
        )
    return text


def has_cpr_number(text: str) -> bool:
    """Whether ``text`` holds something that looks like a CPR number: ddmmyy-xxxx or
    ddmmyyxxxx with a day that exists in its month (a phone number, an address or a date
    written 01-10-2026 does not)."""
    for match in _CPR.finditer(text):
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]:
            return True
    return False


def parse_choice(value: Any, option_ids: Sequence[str]) -> str:
    """One of the option ids."""
    if isinstance(value, str) and value in option_ids:
        return value
    raise InvalidInputError(t("Please choose one of the options, by its number."))


def parse_multi_choice(value: Any, option_ids: Sequence[str]) -> list[str]:
    """A list of distinct option ids, in the options' order."""
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInputError(t("Please choose from the options, separated by commas."))
    unknown = [v for v in value if v not in option_ids]
    if unknown:
        raise InvalidInputError(t("Please choose only from the options shown, by their numbers."))
    chosen = set(value)
    return [o for o in option_ids if o in chosen]


def parse_confirm(value: Any) -> bool:
    """Yes or no: a boolean, or yes/no/ja/nej in any case."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise InvalidInputError(t("Please answer yes or no."))


def parse_iso_or_text_date(value: Any, *, today: date, past: bool) -> str:
    """A date in any accepted format, stored as ISO ``YYYY-MM-DD``."""
    if isinstance(value, date):
        parsed = value
    elif isinstance(value, str):
        parsed = parse_date(value)
    else:
        raise InvalidInputError(t("Please write a date, for example 1/10/2026."))
    if past:
        check_not_future(parsed, today)
    return parsed.isoformat()


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise InvalidOperation
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if not isinstance(value, str):
        raise InvalidOperation
    text = value.strip().lower()
    for suffix in ("kr.", "kr", "dkk", "m²", "m2", "kvm"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
    if text.startswith("dkk"):
        text = text[3:].strip()
    text = text.replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        # Danish "7.500,50": dots group thousands, the comma is the decimal mark.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    elif text.count(".") == 1 and len(text.split(".")[1]) == 3:
        # "7.500" is seven thousand five hundred in Danish, not 7.5.
        text = text.replace(".", "")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    return Decimal(text)


def parse_number(value: Any, *, money: bool = False) -> str:
    """A non-negative number, stored as a decimal string ("45", "7500.00" for money)."""
    try:
        number = _decimal(value)
    except (InvalidOperation, ValueError):
        if money:
            raise InvalidInputError(
                t("Please write an amount in kroner, for example 7500 or 7.500,00.")
            ) from None
        raise InvalidInputError(t("Please write a number, for example 45.")) from None
    if not number.is_finite() or number < 0:
        raise InvalidInputError(t("Please write a number that is zero or more."))
    if number > MAX_NUMBER:
        raise InvalidInputError(t("That number is too large. Please check it."))
    if money:
        return str(number.quantize(Decimal("0.01")))
    return str(number.normalize()) if number != number.to_integral() else str(int(number))


def parse_email(value: Any) -> str:
    """An email address of a plausible shape."""
    text = parse_text(value)
    if not _EMAIL.match(text):
        raise InvalidInputError(
            t("That does not look like an email address. Please write it like name@example.dk.")
        )
    return text


def parse_phone(value: Any) -> str:
    """A phone number: digits, spaces, dashes, brackets and an optional leading +."""
    text = parse_text(value)
    digits = re.sub(r"\D", "", text)
    if not _PHONE_CHARS.match(text) or not 6 <= len(digits) <= 15:
        raise InvalidInputError(
            t("Please write a phone number with digits only, for example 12 34 56 78.")
        )
    return text
