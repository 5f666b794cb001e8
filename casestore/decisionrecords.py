"""A decision as the store keeps it: one version of a case's decision, draft or registered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Final

DRAFT: Final = "draft"
"""A version the caseworker is still editing."""
REGISTERED: Final = "registered"
"""A version the tribunal decided: kept as it is, and changed only by a later version."""

BOX_COLUMNS: Final[tuple[str, ...]] = (
    "outcome",
    "in_favour",
    "fee_imposed",
    "locally_inspected",
    "public_interest",
    "decided_on",
    "subjects",
    "statutes",
    "rent_method",
    "rent_category",
    "rent_declaration",
    "rent_amount",
    "rent_area",
    "rent_from",
)
"""The box's fields, as columns of a decision."""

TEXT_COLUMNS: Final[tuple[str, ...]] = ("decision_text", "facts_text", "reasons_text")
"""The caseworker's free texts (None: the standard text)."""


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """One version of a case's decision."""

    id: int
    """The row's id."""
    case_id: int
    """The case it decides."""
    version: int
    """1 for the first, one more for each later version (a correction)."""
    state: str
    """:data:`DRAFT` or :data:`REGISTERED`."""
    outcome: str
    """The closing reason (reasonForClosing)."""
    in_favour: str
    """TENANT, LANDLORD, SHARED or NOT_SET."""
    fee_imposed: str
    """YES, NO or NOT_SET."""
    locally_inspected: str
    """HELD, NOT_HELD or NOT_SET."""
    public_interest: str
    """YES, NO or NOT_SET."""
    decided_on: date | None
    """The decision date (None in a draft not yet dated)."""
    subjects: tuple[str, ...]
    """The subjects, as case type ids."""
    statutes: tuple[str, ...]
    """The statute ids (``law:chapter:section``)."""
    rent_method: str | None
    """The rent-setting method, when the decision sets a rent."""
    rent_category: str | None
    """MONTHLY_RENT or ANNUAL_RENT_PER_SQUARE_METERS."""
    rent_declaration: str | None
    """EXAMPLE_RENT or TENANCY_SPECIFIC_RENT."""
    rent_amount: Decimal | None
    """The rent in DKK, in the category's unit."""
    rent_area: int | None
    """The gross area in m²."""
    rent_from: date | None
    """The date from which the rent is set."""
    decision_text: str | None
    """AFGØRELSE as written; None: the standard text."""
    facts_text: str | None
    """SAGSFREMSTILLING as written; None: the standard text."""
    reasons_text: str | None
    """The begrundelse as written; None: the standard text."""
    correction_reason: str | None
    """Why this version corrects the registered one before it."""
    created_at: datetime
    """When the version was started."""
    created_by: str
    """Who started it (``staff:<id>``)."""
    updated_at: datetime
    """When it was last saved."""
    registered_at: datetime | None
    """When it was registered; None for a draft."""
    registered_by: str | None
    """Who registered it."""
    notified_on: date | None
    """The day the parties were sent it."""
    document_id: str | None
    """The decision PDF sent to the parties (an attachment id of the case)."""

    @property
    def registered(self) -> bool:
        """Whether this version is registered (not a draft)."""
        return self.state == REGISTERED
