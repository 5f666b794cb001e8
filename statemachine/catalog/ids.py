"""The canonical identifiers from domain.md. Labels are translated; these ids never are."""

from __future__ import annotations

from typing import Final, Literal

Role = Literal["tenant", "landlord", "tenant_board", "representative"]
"""Who files: the person or body filing, or a representative acting for one side."""
ROLES: Final[tuple[Role, ...]] = ("tenant", "landlord", "tenant_board", "representative")

Side = Literal["tenant", "landlord", "tenant_board"]
"""The side a filer is on; a representative says which side they act for."""
SIDES: Final[tuple[Side, ...]] = ("tenant", "landlord", "tenant_board")

Housing = Literal["private", "social", "commercial"]
"""The kind of tenancy: private goes to the huslejenævn, social to the beboerklagenævn."""
HOUSINGS: Final[tuple[Housing, ...]] = ("private", "social", "commercial")

Tribunal = Literal["huslejenaevn", "beboerklagenaevn"]
"""The two tribunals; which one handles a case follows from the housing kind."""

CASE_TYPES: Final[tuple[str, ...]] = (
    "rent_level",
    "rent_increase",
    "utility_accounts",
    "maintenance",
    "move_in_defects",
    "move_out",
    "deposit_prepaid_rent",
    "improvements",
    "advance_rent_approval",
    "pre_improvement_inspection",
    "swap_improvement_approval",
    "house_rules",
    "antenna_internet",
    "alterations",
    "sublet_swap_continuation",
    "resident_democracy",
    "allocation",
    "maintenance_accounts",
    "room_lets",
)
"""Every case type the tribunals handle, in the order of domain.md §2."""

OUT_OF_SCOPE: Final[tuple[str, ...]] = (
    "termination",
    "damages",
    "landlord_access",
    "money_claim",
    "commercial_lease",
    "rent_reduction_for_defects",
)
"""Topics neither tribunal decides; the assistant says where to go instead."""

EVENTS: Final[tuple[str, ...]] = (
    "notice_received",
    "account_received",
    "rent_first_payable",
    "move_in",
    "moved_out",
    "decision_notified",
    "swap_notified",
    "objection_sent",
    "move_out_known",
    "inspection_held",
)
"""The dates a filer is asked for, from which deadlines run or by which one was met."""


def tribunal_for(housing: Housing) -> Tribunal | None:
    """The tribunal for a housing kind, or None for commercial leases (boligretten)."""
    if housing == "private":
        return "huslejenaevn"
    if housing == "social":
        return "beboerklagenaevn"
    return None
