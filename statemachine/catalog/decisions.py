"""The decision box (BOKS, domain.md §4.6): each field's canonical values with their labels, the
subjects (sagsområder) and statutes a decision names, and the checks a decision must pass.

The values are those of the real register's API (``reasonForClosing``, ``inFavour``,
``imposition_of_fee`` ...), so the registers publish them as they are; labels are msgids,
translated at the edge (the Danish ones are the seed's wording: "Afsluttet med afgørelse om
medhold"). The checks are pure functions that return the problems as :class:`Text`, so a
console can show every one at once; :func:`check_decision` gathers them.

Statutes are data, law → chapter → section (domain.md warns that the 2022 section numbers are
only partly confirmed: add to :data:`LAWS`, never to code).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from statemachine.errors import UnknownIdError
from statemachine.text import N_, Text, t

NOT_SET: Final = "NOT_SET"
"""The value of a box field nobody has filled in ("Ikke oplyst")."""

CLOSING_REASONS: Final[Mapping[str, str]] = {
    "IN_FAVOUR": N_("Closed with a decision in the filer's favour"),
    "IN_PARTIAL_FAVOUR": N_("Closed with a decision partly in the filer's favour"),
    "REJECTED": N_("Closed with a decision not in the filer's favour"),
    "SETTLEMENT": N_("Closed with a settlement"),
    "DISMISSED": N_("Dismissed, without a decision on the merits"),
    NOT_SET: N_("Not stated"),
}
"""Afslutningsårsag (``reasonForClosing``), domain.md §4.4."""

DECIDED_REASONS: Final[tuple[str, ...]] = ("IN_FAVOUR", "IN_PARTIAL_FAVOUR", "REJECTED")
"""The closing reasons of a decision on the merits: only these decide a rent."""

IN_FAVOUR: Final[Mapping[str, str]] = {
    "TENANT": N_("Tenant"),
    "LANDLORD": N_("Landlord"),
    "SHARED": N_("Both, in part"),
    NOT_SET: N_("Not stated"),
}
"""Medhold (``inFavour``): which side prevailed."""

FEE_IMPOSED: Final[Mapping[str, str]] = {
    "YES": N_("Yes"),
    "NO": N_("No"),
    NOT_SET: N_("Not stated"),
}
"""Gebyrpålæggelse (``imposition_of_fee``): whether the landlord pays the fee (domain.md §5)."""

LOCALLY_INSPECTED: Final[Mapping[str, str]] = {
    "HELD": N_("Held"),
    "NOT_HELD": N_("Not held"),
    NOT_SET: N_("Not stated"),
}
"""Besigtigelse (``locally_inspected``): whether the tribunal inspected the home."""

PUBLIC_INTEREST: Final[Mapping[str, str]] = {
    "YES": N_("Yes"),
    "NO": N_("No"),
    NOT_SET: N_("Not stated"),
}
"""Almen interesse (``general_public_interest``): whether the decision is of general interest."""

RENT_METHODS: Final[Mapping[str, str]] = {
    "BASED_ON_EXPENSES": N_("Cost-based rent"),
    "BASED_ON_COMPARABLE_RENTS": N_("The value of the tenancy (comparable rents)"),
    "BASED_ON_FREE_MARKET_PRICE": N_("Market rent"),
    NOT_SET: N_("Not stated"),
}
"""Huslejefastsættelsesmetode (``method_of_rent_determination``)."""

RENT_CATEGORIES: Final[Mapping[str, str]] = {
    "MONTHLY_RENT": N_("Monthly rent"),
    "ANNUAL_RENT_PER_SQUARE_METERS": N_("Annual rent per m²"),
}
"""Huslejekategori (``category_of_rent``): the unit the amount is in."""

RENT_DECLARATIONS: Final[Mapping[str, str]] = {
    "EXAMPLE_RENT": N_("Example rent"),
    "TENANCY_SPECIFIC_RENT": N_("Rent of this tenancy"),
}
"""Huslejeangivelse (``declaration_of_rent``): an example rent or this tenancy's own."""

SUBJECTS: Final[Mapping[str, str]] = {
    "rent_level": N_("The size of the rent"),
    "rent_increase": N_("Rent increase"),
    "utility_accounts": N_("Heating, water or other utilities"),
    "maintenance": N_("Maintenance"),
    "move_in_defects": N_("Defects at the start of the tenancy"),
    "move_out": N_("Moving out: repairs, final settlement and deposit"),
    "deposit_prepaid_rent": N_("Deposit and prepaid rent"),
    "improvements": N_("Improvements"),
    "advance_rent_approval": N_("Advance approval of the rent"),
    "pre_improvement_inspection": N_("Inspection before a thorough improvement"),
    "swap_improvement_approval": N_("Advance approval on a home swap with improvement"),
    "house_rules": N_("House rules"),
    "antenna_internet": N_("Shared antenna, TV and internet"),
    "alterations": N_("The tenant's alterations and installations"),
    "sublet_swap_continuation": N_("Subletting, swap and continuation"),
    "resident_democracy": N_("Decisions of the resident democracy"),
    "allocation": N_("Allocation of homes"),
    "maintenance_accounts": N_("Accounts for maintenance funds"),
    "room_lets": N_("Room lets"),
}
"""Sagsområder, one for each case type (domain.md §2), keyed by the case type's id: a case's
subjects start as its case type and its extra topics."""

RENT_SUBJECTS: Final[frozenset[str]] = frozenset(
    {
        "rent_level",
        "rent_increase",
        "improvements",
        "advance_rent_approval",
        "swap_improvement_approval",
    }
)
"""The subjects in which the tribunal sets a rent: a decision on the merits of one of them
carries the rent fields, and no other decision does."""


@dataclass(frozen=True)
class Section:
    """One provision of a law."""

    id: str
    """The section's number as written after §: ``1``, ``42``, ``5``."""
    label: str
    """How the box writes it: ``§ 42``."""


@dataclass(frozen=True)
class Chapter:
    """A chapter of a law and the sections of it a decision may name."""

    id: str
    """The chapter's number: ``1``."""
    label: str
    """How the box writes it: ``Kap. 1. Anvendelsesområde m.v.``."""
    sections: tuple[Section, ...]
    """Its sections, in order."""


@dataclass(frozen=True)
class Law:
    """A law whose provisions decisions are made under."""

    id: str
    """A short stable id: ``lejeloven``, ``boligforhold``, ``almenlejeloven``."""
    label: str
    """Its name as the box writes it: ``Lov om leje``."""
    chapters: tuple[Chapter, ...]
    """Its chapters, in order."""


@dataclass(frozen=True)
class Statute:
    """One provision a decision names: a law, one of its chapters, one of its sections."""

    id: str
    """``<law>:<chapter>:<section>``, such as ``lejeloven:1:1``: the register's filter value."""
    law: Law
    """The law."""
    chapter: Chapter
    """The chapter."""
    section: Section
    """The section."""

    @property
    def label(self) -> str:
        """The box's wording: "Lov om leje, Kap. 1. Anvendelsesområde m.v., § 1"."""
        return f"{self.law.label}, {self.chapter.label}, {self.section.label}"


def _sections(*numbers: str) -> tuple[Section, ...]:
    return tuple(Section(n, f"§ {n}") for n in numbers)


LAWS: Final[tuple[Law, ...]] = (
    Law(
        "lejeloven",
        "Lov om leje",
        (
            Chapter("1", "Kap. 1. Anvendelsesområde m.v.", _sections("1", "2", "3")),
            Chapter("2", "Kap. 2. Lejeaftalen", _sections("4", "5", "6", "7")),
            Chapter("4", "Kap. 4. Vedligeholdelse", _sections("22", "23", "24", "25")),
            Chapter("6", "Kap. 6. Lejens størrelse", _sections("40", "42", "46", "47")),
            Chapter("7", "Kap. 7. Betaling af varme, vand m.m.", _sections("77")),
            Chapter("14", "Kap. 14. God skik og orden", _sections("154")),
            Chapter("15", "Kap. 15. Fraflytning", _sections("187")),
        ),
    ),
    Law(
        "boligforhold",
        "Lov om boligforhold",
        (Chapter("9", "Kap. 9. Huslejenævn", _sections("82", "89")),),
    ),
    Law(
        "almenlejeloven",
        "Almenlejeloven",
        (
            Chapter("2", "Kap. 2. Lejeaftalen §§ 5-8", _sections("5", "6", "7", "8")),
            Chapter("11", "Kap. 11. Beboerklagenævn", _sections("82", "106")),
        ),
    ),
)
"""The laws and the provisions a decision may name. [UNCERTAIN] Beyond those domain.md confirms
(LL §§ 1, 2, 42, 77, 154, 187; LBF § 82; ALL §§ 5, 106) the chapter titles and section ranges
are a first guess, kept as data for the secretariat to correct."""


def _statutes() -> dict[str, Statute]:
    found: dict[str, Statute] = {}
    for law in LAWS:
        for chapter in law.chapters:
            for section in chapter.sections:
                key = f"{law.id}:{chapter.id}:{section.id}"
                found[key] = Statute(key, law, chapter, section)
    return found


STATUTES: Final[Mapping[str, Statute]] = _statutes()
"""Every provision by id (``lejeloven:1:1``), in the order of :data:`LAWS`."""

BOX_FIELDS: Final[Mapping[str, Mapping[str, str]]] = {
    "outcome": CLOSING_REASONS,
    "in_favour": IN_FAVOUR,
    "fee_imposed": FEE_IMPOSED,
    "locally_inspected": LOCALLY_INSPECTED,
    "public_interest": PUBLIC_INTEREST,
    "rent_method": RENT_METHODS,
    "rent_category": RENT_CATEGORIES,
    "rent_declaration": RENT_DECLARATIONS,
}
"""Each box field that picks from a list, by its name in a decision, and that list."""

BOX_LABELS: Final[Mapping[str, str]] = {
    "outcome": N_("Closing reason"),
    "in_favour": N_("In favour of"),
    "fee_imposed": N_("Fee imposed"),
    "locally_inspected": N_("Inspection"),
    "public_interest": N_("General public interest"),
    "decided_on": N_("Decision date"),
    "subjects": N_("Subjects"),
    "statutes": N_("Statutes"),
    "rent_method": N_("Rent-setting method"),
    "rent_category": N_("Rent category"),
    "rent_declaration": N_("Rent declaration"),
    "rent_amount": N_("Rent"),
    "rent_area": N_("Area (m²)"),
    "rent_from": N_("Rent set from"),
}
"""What each field of a decision is called on a form."""

RENT_FIELDS: Final[tuple[str, ...]] = (
    "rent_method",
    "rent_category",
    "rent_declaration",
    "rent_amount",
    "rent_area",
    "rent_from",
)
"""The rent fields: all required when the decision sets a rent, all empty otherwise."""

BAD_VALUE = N_("{field} cannot be {value}. Use one of: {valid}.")
BEFORE_FILING = N_("The decision date ({decided}) is before the case was filed ({filed}).")
RENT_MISSING = N_("This decision sets a rent, so {field} must be filled in.")
RENT_NOT_DECIDED = N_("This decision sets no rent, so {field} must be left empty.")
MISSING_DATE = N_("The decision date must be filled in.")
BAD_AMOUNT = N_("The rent must be an amount above 0 kr.")
BAD_AREA = N_("The area must be a whole number of m² above 0.")
NO_SUBJECT = N_("A decision names at least one subject.")
UNKNOWN_SUBJECT = N_("There is no subject called {value}.")
UNKNOWN_STATUTE = N_("There is no statute {value} in the list of laws.")
DECIDED_NEEDS_STATUTE = N_("A decision on the merits names the statutes it is made under.")


def value_label(field: str, value: str) -> Text:
    """The label of a box field's value, e.g. "Closed with a settlement".

    Raises:
        UnknownIdError: the field picks from no list, or the value is not on it.
    """
    choices = BOX_FIELDS.get(field)
    if choices is None or value not in choices:
        raise UnknownIdError(t(BAD_VALUE, field=field, value=value, valid=_valid(choices or {})))
    return Text(choices[value])


def subject_label(subject: str) -> Text:
    """The label of a subject (a case type id), e.g. "Maintenance".

    Raises:
        UnknownIdError: no such subject.
    """
    if subject not in SUBJECTS:
        raise UnknownIdError(t(UNKNOWN_SUBJECT, value=subject))
    return Text(SUBJECTS[subject])


def statute(statute_id: str) -> Statute:
    """A provision by its id, such as ``lejeloven:1:1``.

    Raises:
        UnknownIdError: no such provision in :data:`LAWS`.
    """
    try:
        return STATUTES[statute_id]
    except KeyError:
        raise UnknownIdError(t(UNKNOWN_STATUTE, value=statute_id)) from None


def subjects_of(case_type: str, extra_topics: Sequence[str] = ()) -> tuple[str, ...]:
    """A case's subjects to start a decision with: its case type, then its extra topics, each
    once, the unknown left out."""
    return tuple(s for s in dict.fromkeys([case_type, *extra_topics]) if s in SUBJECTS)


def decides_rent(outcome: str, subjects: Sequence[str]) -> bool:
    """Whether a decision sets a rent: a decision on the merits in a subject where the
    tribunal sets one (:data:`RENT_SUBJECTS`)."""
    return outcome in DECIDED_REASONS and any(s in RENT_SUBJECTS for s in subjects)


@dataclass(frozen=True)
class BoxValues:
    """The box fields of one decision, as the caseworker filled them in (canonical values)."""

    outcome: str = NOT_SET
    """The closing reason (:data:`CLOSING_REASONS`)."""
    in_favour: str = NOT_SET
    """Who prevailed (:data:`IN_FAVOUR`)."""
    fee_imposed: str = NOT_SET
    """Whether the landlord's fee is imposed (:data:`FEE_IMPOSED`)."""
    locally_inspected: str = NOT_SET
    """Whether the home was inspected (:data:`LOCALLY_INSPECTED`)."""
    public_interest: str = NOT_SET
    """Whether it is of general public interest (:data:`PUBLIC_INTEREST`)."""
    decided_on: date | None = None
    """The decision date."""
    subjects: tuple[str, ...] = ()
    """The subjects, as case type ids (:data:`SUBJECTS`)."""
    statutes: tuple[str, ...] = ()
    """The provisions, as statute ids (:data:`STATUTES`)."""
    rent_method: str | None = None
    """How the rent was set (:data:`RENT_METHODS`), when the decision sets one."""
    rent_category: str | None = None
    """The rent's unit (:data:`RENT_CATEGORIES`)."""
    rent_declaration: str | None = None
    """Example rent or this tenancy's (:data:`RENT_DECLARATIONS`)."""
    rent_amount: Decimal | None = None
    """The rent in DKK, in the category's unit."""
    rent_area: int | None = None
    """The gross area in m²."""
    rent_from: date | None = None
    """The date from which the rent is set."""


def check_choices(box: BoxValues) -> list[Text]:
    """Each list field's value is on its list; the subjects and statutes are known ones."""
    problems: list[Text] = []
    for field, choices in BOX_FIELDS.items():
        value = getattr(box, field)
        if value is None and field in RENT_FIELDS:
            continue
        if value not in choices:
            label = Text(BOX_LABELS[field])
            problems.append(t(BAD_VALUE, field=label, value=str(value), valid=_valid(choices)))
    problems += [t(UNKNOWN_SUBJECT, value=s) for s in box.subjects if s not in SUBJECTS]
    problems += [t(UNKNOWN_STATUTE, value=s) for s in box.statutes if s not in STATUTES]
    return problems


def check_dates(box: BoxValues, filed_on: date) -> list[Text]:
    """The decision date is given and on or after the filing date."""
    if box.decided_on is None:
        return [t(MISSING_DATE)]
    if box.decided_on < filed_on:
        return [t(BEFORE_FILING, decided=box.decided_on, filed=filed_on)]
    return []


def check_rent(box: BoxValues) -> list[Text]:
    """The rent fields are all filled in exactly when the decision sets a rent, and the amount
    and area are above 0."""
    setting = decides_rent(box.outcome, box.subjects)
    problems: list[Text] = []
    for field in RENT_FIELDS:
        given = getattr(box, field) is not None
        label = Text(BOX_LABELS[field])
        if setting and not given:
            problems.append(t(RENT_MISSING, field=label))
        elif given and not setting:
            problems.append(t(RENT_NOT_DECIDED, field=label))
    if box.rent_amount is not None and box.rent_amount <= 0:
        problems.append(t(BAD_AMOUNT))
    if box.rent_area is not None and box.rent_area <= 0:
        problems.append(t(BAD_AREA))
    return problems


def check_decision(box: BoxValues, filed_on: date) -> list[Text]:
    """Every problem of a decision about to be registered, in the order of the form; empty
    when it may be registered.

    Args:
        box: the box values.
        filed_on: the case's filing date.
    """
    problems = check_choices(box)
    problems += check_dates(box, filed_on)
    if not box.subjects:
        problems.append(t(NO_SUBJECT))
    if box.outcome in DECIDED_REASONS and not box.statutes:
        problems.append(t(DECIDED_NEEDS_STATUTE))
    problems += check_rent(box)
    return problems


def _valid(choices: Mapping[str, str]) -> str:
    return ", ".join(choices)
