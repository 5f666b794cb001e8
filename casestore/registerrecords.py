"""The public registers' records: what is published, the filters of a list, and its rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class Statute:
    """A provision a decision was made under: law, chapter, section."""

    id: str
    """A stable id, such as ``lejeloven:1:1`` (the filter's value)."""
    label: str
    """How the decision names it: "Lov om leje, Kap. 1. Anvendelsesområde m.v., § 1"."""


@dataclass(frozen=True)
class PublicRent:
    """A rent the decision set, for the Huslejeregister: the home at unit level, no names."""

    street: str
    """The street name."""
    number: str
    """The building number, with its letter: ``101``, ``12B``."""
    floor: str
    """The floor (``st``, ``1``, ``kl``), or empty."""
    door: str
    """The door (``tv``, ``th``, ``3``), or empty."""
    postcode: int
    """The four-digit postal number."""
    method: str
    """BASED_ON_EXPENSES, BASED_ON_COMPARABLE_RENTS, BASED_ON_FREE_MARKET_PRICE or NOT_SET."""
    category: str
    """MONTHLY_RENT or ANNUAL_RENT_PER_SQUARE_METERS."""
    declaration: str
    """EXAMPLE_RENT or TENANCY_SPECIFIC_RENT."""
    amount: Decimal
    """The rent in DKK, in the category's unit."""
    area: int
    """The gross area in m²."""
    rent_from: date | None = None
    """The date from which the rent is set."""


@dataclass(frozen=True)
class PublicDecision:
    """A decision as the Afgørelsesregister publishes it: the public fields of domain.md §6.

    It holds no party's name or address by construction (the rents' addresses are the unit's,
    as the Huslejeregister publishes them); the desk builds it from the current decision.
    """

    case_number: str
    """The case's number, ``101-10005``."""
    municipality_code: int
    """The kommunekode of the home."""
    tribunal: str
    """The tribunal's code, ``hln-101``."""
    board: str
    """``hln`` or ``bkn``."""
    filed_on: date
    """The filing date."""
    decided_on: date
    """The decision date."""
    submitter: str
    """The filer's role."""
    outcome: str
    """The closure reason (reasonForClosing)."""
    in_favour: str = "NOT_SET"
    """TENANT, LANDLORD, SHARED or NOT_SET."""
    locally_inspected: str = "NOT_SET"
    """HELD, NOT_HELD or NOT_SET."""
    public_interest: str = "NOT_SET"
    """YES, NO or NOT_SET."""
    fee_imposed: str = "NOT_SET"
    """YES, NO or NOT_SET."""
    subjects: tuple[str, ...] = ()
    """The subjects (sagsområder), as case type ids."""
    statutes: tuple[Statute, ...] = ()
    """The provisions it was made under."""
    rents: tuple[PublicRent, ...] = ()
    """The rents it set, for the Huslejeregister."""


@dataclass(frozen=True)
class DecisionQuery:
    """The filters of a page of the Afgørelsesregister (each None: not filtered)."""

    municipality: int | None = None
    """Only this kommunekode."""
    tribunal: str | None = None
    """Only this tribunal."""
    subject: str | None = None
    """Only decisions with this subject."""
    outcome: str | None = None
    """Only this closure reason."""
    statute: str | None = None
    """Only decisions made under this statute id."""
    decided_from: date | None = None
    """Decided on or after."""
    decided_to: date | None = None
    """Decided on or before."""
    limit: int = 50
    """Rows per page."""
    after: str | None = None
    """The cursor of the page before (its ``next``)."""


@dataclass(frozen=True)
class RentQuery:
    """The filters of a page of the Huslejeregister (each None: not filtered)."""

    municipality: int | None = None
    """Only this kommunekode."""
    tribunal: str | None = None
    """Only this tribunal."""
    method: str | None = None
    """Only this rent-setting method."""
    category: str | None = None
    """Only this rent category."""
    postcode: int | None = None
    """Only this postal number."""
    area_min: int | None = None
    """At least this many m²."""
    area_max: int | None = None
    """At most this many m²."""
    decided_from: date | None = None
    """Decided on or after."""
    decided_to: date | None = None
    """Decided on or before."""
    limit: int = 50
    """Rows per page."""
    after: str | None = None
    """The cursor of the page before (its ``next``)."""


@dataclass(frozen=True)
class RegisterDecisionRow:
    """A decision as the register shows it."""

    id: int
    """The register's id."""
    case_number: str
    """The case's number."""
    version: int
    """1, then one more per correction."""
    listed: bool
    """False once a correction replaced it."""
    replaced_by: int | None
    """The id of the correcting version."""
    withdrawn_at: datetime | None
    """When it was replaced."""
    correction_reason: str | None
    """Why this version corrects the one before."""
    municipality_code: int
    """The kommunekode."""
    tribunal: str
    """The tribunal's code."""
    board: str
    """``hln`` or ``bkn``."""
    filed_on: date
    """The filing date."""
    decided_on: date
    """The decision date."""
    published_at: datetime
    """When this version was published."""
    submitter: str
    """The filer's role."""
    outcome: str
    """The closure reason."""
    in_favour: str
    """Who prevailed."""
    locally_inspected: str
    """Whether the home was inspected."""
    public_interest: str
    """Whether it is of general public interest."""
    fee_imposed: str
    """Whether the landlord fee was imposed."""
    document_sha256: str | None
    """The PDF's digest, or None without one."""
    document_size: int | None
    """The PDF's size in bytes."""
    subjects: tuple[str, ...] = ()
    """Its subjects."""
    statutes: tuple[Statute, ...] = ()
    """Its statutes."""


@dataclass(frozen=True)
class RegisterRentRow:
    """A rent as the Huslejeregister shows it."""

    id: int
    """The register's id of the rent."""
    decision_id: int
    """The decision that set it."""
    municipality_code: int
    """The kommunekode."""
    tribunal: str
    """The tribunal's code."""
    decided_on: date
    """The decision date."""
    street: str
    """The street."""
    number: str
    """The building number."""
    floor: str
    """The floor."""
    door: str
    """The door."""
    postcode: int
    """The postal number."""
    method: str
    """The rent-setting method."""
    category: str
    """The rent category."""
    declaration: str
    """Example or tenancy-specific rent."""
    amount: Decimal
    """The rent in DKK."""
    area: int
    """The gross area in m²."""
    rent_from: date | None
    """From when the rent is set."""


@dataclass(frozen=True)
class DecisionPage:
    """A page of the Afgørelsesregister."""

    rows: list[RegisterDecisionRow]
    """The decisions, newest decision first."""
    next: str | None
    """The cursor of the next page, None on the last."""


@dataclass(frozen=True)
class RentPage:
    """A page of the Huslejeregister."""

    rows: list[RegisterRentRow]
    """The rents, newest decision first."""
    next: str | None
    """The cursor of the next page, None on the last."""


@dataclass(frozen=True)
class Published:
    """What publishing wrote."""

    decision: RegisterDecisionRow
    """The register's new row."""
    withdrawn: list[int] = field(default_factory=list)
    """The ids of the versions it replaced (unlisted now)."""
