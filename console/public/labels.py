"""The public registers' words for the values they show.

The box's values (outcomes, sides, fee, inspection, public interest, the rent fields) and the
subjects have their labels in the decision catalog (:mod:`statemachine.catalog.decisions`),
the same words the decision's BOKS uses; this module adds the filer's role and the kind of
tribunal. Each is a msgid, translated at the edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from statemachine.catalog import decisions
from statemachine.text import N_

OUTCOMES: Final = decisions.CLOSING_REASONS
"""The closure reasons (reasonForClosing)."""
IN_FAVOUR: Final = decisions.IN_FAVOUR
"""Who prevailed."""
FEE_IMPOSED: Final = decisions.FEE_IMPOSED
"""Whether the landlord fee was imposed."""
LOCALLY_INSPECTED: Final = decisions.LOCALLY_INSPECTED
"""Whether the home was inspected."""
PUBLIC_INTEREST: Final = decisions.PUBLIC_INTEREST
"""Whether the decision is of general public interest."""
METHODS: Final = decisions.RENT_METHODS
"""How the rent was set."""
CATEGORIES: Final = decisions.RENT_CATEGORIES
"""The unit a rent is given in."""
DECLARATIONS: Final = decisions.RENT_DECLARATIONS
"""Whether the rent is an example or this tenancy's."""
SUBJECTS: Final = decisions.SUBJECTS
"""The subjects (sagsområder), by case type id."""

SUBMITTERS: Final[Mapping[str, str]] = {
    "tenant": N_("Tenant"),
    "landlord": N_("Landlord"),
    "tenant_board": N_("Tenant board"),
    "representative": N_("Representative"),
}
"""Who filed the case (a role, never a name)."""
