"""The pattern recognisers: CPR numbers, e-mail addresses, phone numbers, account numbers and
street addresses, found by regular expressions in a decision text.

Addresses are cut at the level the registers publish for every decision: the postcode and town
stay, the street, house number, floor and door (what lies below) are replaced. So
"Røde Mellemvej 101, 2. th., 2300 København S" becomes "[adresse], 2300 København S".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from statemachine.anonymisation.spans import Kind, Span, placeholder

_D: Final = r"(?<![\w.,-])"
"""Not inside a longer number or word."""
_E: Final = r"(?![\w-]|[.,]\d)"

EMAIL: Final = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

CPR: Final = re.compile(
    _D + r"(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}(?:\s?[-‐–]\s?|\s)?\d{4}" + _E
)
"""ddmmyy-xxxx, with or without the dash (a valid day and month)."""

IBAN: Final = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:\s?[0-9A-Z]{4}){3,7}(?:\s?[0-9A-Z]{1,3})?\b")
"""An IBAN (a Danish one is DK and 16 digits), with or without the groups' spaces."""

ACCOUNT: Final = re.compile(
    r"(?:reg\.?\s*(?:nr\.?|nummer)?|registreringsnummer)\s*:?\s*\d{4}"
    r"(?:\s*,?\s*(?:og\s+)?(?:konto\s*(?:nr\.?|nummer)?|kontonummer|kontonr\.?)\s*:?\s*"
    r"|\s*[-/ ]\s*)"
    r"\d{6,10}" + _E,
    re.IGNORECASE,
)
"""A registration number and an account number, named as such ("reg.nr. 1234 kontonr.
0012345678"), or written together after "reg.nr." ("reg.nr. 1234-0012345678")."""

ACCOUNT_BARE: Final = re.compile(_D + r"\d{4}\s?-\s?\d{6,10}" + _E)
"""A registration and account number as one: "1234-0012345678"."""

KONTO: Final = re.compile(
    r"(?:konto\s*(?:nr\.?|nummer)|kontonummer|kontonr\.?)\s*:?\s*\d{6,10}" + _E,
    re.IGNORECASE,
)
"""An account number named on its own."""

PHONE: Final = re.compile(
    _D
    + r"(?:(?:\+|00)45[\s.-]?)?"
    + r"(?:\d{2}[\s.-]\d{2}[\s.-]\d{2}[\s.-]\d{2}|\d{4}[\s.-]\d{4}|\d{8})"
    + _E
)
"""Eight digits, in groups of two or four, or together, with or without +45."""

PHONE_CONTEXT: Final = re.compile(r"(?:tlf|telefon|mobil|mob|ring|sms|\+45|0045)", re.IGNORECASE)
"""Eight digits written together count as a phone number only near these words (or +45)."""

_STREET_WORDS: Final = (
    r"vej|vejen|gade|gaden|allé|alle|alléen|plads|pladsen|stræde|strædet|boulevard|torv|torvet|"
    r"vænge|vænget|have|haven|park|parken|bakke|bakken|sti|stien|vang|vangen|toft|toften|høj|"
    r"højen|eng|engen|kær|kæret|dal|dalen|lund|lunden|mark|marken|hegn|hegnet|krog|krogen|"
    r"kvarter|kvarteret|gård|gården|bro|broen|kaj|kajen|havn|holm|holmen|parkvej|ringvej|"
    r"landevej|brogade|vænget|gyde|gyden|løkke|løkken|slippen|stykket|agre|ager|ageren"
)
_CAP: Final = r"[A-ZÆØÅ][\wæøåÆØÅéü.'-]*"
_STREET: Final = (
    r"(?:(?:" + _CAP + r"|\d{1,2}\.)\s+){0,3}"
    r"(?:[A-ZÆØÅ][\wæøåÆØÅéü.'-]*?(?:" + _STREET_WORDS + r")|(?:" + _CAP + r"\s+)"
    r"(?:Vej|Gade|Allé|Alle|Plads|Stræde|Boulevard|Torv|Vænge|Have|Park|Bakke|Sti|Vang|Toft))"
)
_NUMBER: Final = r"\s+\d{1,4}(?:\s?[A-Za-z](?![\wæøå]))?(?:\s?-\s?\d{1,4})?"
_UNIT: Final = (
    r"(?:,?\s+(?:st\.?|kld\.?|\d{1,2}\.(?:\s?sal)?|\d{1,2}\s?sal)"
    r"(?:,?\s?(?:th|tv|mf|\d{1,3})\b\.?)?"
    r"|,?\s+lejl(?:ighed|\.)?\s?(?:nr\.?\s?)?\d{1,4})"
)
"""A floor and a door: ", 2. th.", " st. tv.", ", 3. sal", ", 1. 4", " lejl. 12"."""
ADDRESS: Final = re.compile(r"(?<![\wæøåÆØÅ])" + _STREET + _NUMBER + _UNIT + r"?(?![\wæøå])")
"""A street, its house number, and a floor and door where given (not the postcode)."""

ADDRESS_LOOSE: Final = re.compile(
    r"(?<![\wæøåÆØÅ])(?:"
    + _CAP
    + r"\s+){0,2}"
    + _CAP
    + _NUMBER
    + r"(?:"
    + _UNIT
    + r"|(?=,?\s*\d{4}\s+[A-ZÆØÅ]))"
)
"""A street without a known street word ("Nyhavn 17"), found when a floor and door or a
postcode and town follow it."""


def _spans(pattern: re.Pattern[str], text: str, kind: Kind, *, trim: bool = True) -> Iterator[Span]:
    for match in pattern.finditer(text):
        start, end = match.span()
        found = match.group(0)
        if trim:
            stripped = found.rstrip(" ,")
            end = start + len(stripped)
            found = stripped
        yield Span(start, end, found, placeholder(kind), kind, "pattern")


def _phones(text: str) -> Iterator[Span]:
    for span in _spans(PHONE, text, "phone"):
        digits = re.sub(r"\D", "", span.original)
        if len(digits) == 8 and span.original.isdigit():
            before = text[max(0, span.start - 25) : span.start]
            if not PHONE_CONTEXT.search(before):
                continue
        yield span


def find_patterns(text: str) -> tuple[Span, ...]:
    """Every span the patterns find (they may overlap; :func:`spans.choose` picks)."""
    found: list[Span] = []
    found.extend(_spans(EMAIL, text, "email"))
    for pattern in (IBAN, ACCOUNT, ACCOUNT_BARE, KONTO):
        found.extend(_spans(pattern, text, "account"))
    found.extend(_spans(CPR, text, "cpr"))
    found.extend(_phones(text))
    for pattern in (ADDRESS, ADDRESS_LOOSE):
        found.extend(_spans(pattern, text, "address"))
    return tuple(found)
