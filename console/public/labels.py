"""The public registers' words for the values they show: outcomes, sides, rent fields.

Each is a msgid, translated at the edge. The values are the canonical ones of domain.md §4.4
and §4.6, as the real register's API names them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from statemachine.text import N_

OUTCOMES: Final[Mapping[str, str]] = {
    "IN_FAVOUR": N_("Decided in favour"),
    "IN_PARTIAL_FAVOUR": N_("Decided partly in favour"),
    "REJECTED": N_("Rejected"),
    "SETTLEMENT": N_("Settled"),
    "DISMISSED": N_("Dismissed"),
    "NOT_SET": N_("Not stated"),
}
"""The closure reasons (reasonForClosing)."""

IN_FAVOUR: Final[Mapping[str, str]] = {
    "TENANT": N_("The tenant"),
    "LANDLORD": N_("The landlord"),
    "SHARED": N_("Both in part"),
    "NOT_SET": N_("Not stated"),
}
"""Who prevailed."""

YES_NO: Final[Mapping[str, str]] = {
    "YES": N_("Yes"),
    "NO": N_("No"),
    "HELD": N_("Yes"),
    "NOT_HELD": N_("No"),
    "NOT_SET": N_("Not stated"),
}
"""Fee imposed, public interest, inspection held."""

SUBMITTERS: Final[Mapping[str, str]] = {
    "tenant": N_("Tenant"),
    "landlord": N_("Landlord"),
    "tenant_board": N_("Tenant board"),
    "representative": N_("Representative"),
}
"""Who filed the case (a role, never a name)."""

BOARDS: Final[Mapping[str, str]] = {
    "hln": N_("Rent tribunal (huslejenævn)"),
    "bkn": N_("Residents' complaints board (beboerklagenævn)"),
}
"""The kind of tribunal."""

METHODS: Final[Mapping[str, str]] = {
    "BASED_ON_EXPENSES": N_("Cost-based rent (omkostningsbestemt)"),
    "BASED_ON_COMPARABLE_RENTS": N_("The rented unit's value (det lejedes værdi)"),
    "BASED_ON_FREE_MARKET_PRICE": N_("Market rent (fri leje)"),
    "NOT_SET": N_("Not stated"),
}
"""How the rent was set."""

CATEGORIES: Final[Mapping[str, str]] = {
    "MONTHLY_RENT": N_("Monthly rent"),
    "ANNUAL_RENT_PER_SQUARE_METERS": N_("Yearly rent per m²"),
}
"""The unit a rent is given in."""

DECLARATIONS: Final[Mapping[str, str]] = {
    "EXAMPLE_RENT": N_("Example rent"),
    "TENANCY_SPECIFIC_RENT": N_("Rent of this tenancy"),
}
"""Whether the rent is an example or this tenancy's."""
