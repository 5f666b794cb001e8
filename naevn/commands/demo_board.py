"""The demo's board work: decisions registered by the real desk, on the day the board decided.

A demo case that the plan takes to ``decided`` or ``published`` gets a decision of its own:
the box filled in as a caseworker would for its case type (the subjects from the case, the
statutes that belong to them, the rent fields when the decision sets a rent), saved as a
draft by its caseworker and registered by the lead. Registering it is the lifecycle's step
``decide``: the PDF becomes a file of the case, the parties get it through the outbox, and
the appeal deadline starts that day.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

from casestore import Store
from console.access import Staff
from console.desk.desk import Desk
from statemachine.catalog import decisions as catalog

STATUTES: Final[Mapping[str, tuple[str, ...]]] = {
    "rent_increase": ("lejeloven:6:42",),
    "rent_level": ("lejeloven:6:42",),
    "utility_accounts": ("lejeloven:7:77",),
    "house_rules": ("almenlejeloven:11:106",),
    "maintenance": ("lejeloven:4:22",),
    "move_out": ("lejeloven:15:187",),
}
"""The provisions a demo decision names for each of its subjects."""

_FACTS: Final = (
    "Nævnet har gennemgået sagens dokumenter og parternes bemærkninger fra partshøringen.",
    "Nævnet har lagt vægt på lejekontrakten og de breve, parterne har udvekslet.",
)


def box(
    case_type: str,
    extra_topics: list[str],
    side: str,
    housing: str,
    decided_on: date,
    rng: random.Random,
) -> dict[str, Any]:
    """A decision's box and free texts for a demo case, as the staff API takes them."""
    subjects = list(catalog.subjects_of(case_type, extra_topics)) or [case_type]
    outcome = rng.choice(catalog.DECIDED_REASONS)
    filer = "LANDLORD" if side == "landlord" else "TENANT"
    other = "TENANT" if filer == "LANDLORD" else "LANDLORD"
    statutes = [s for subject in subjects for s in STATUTES.get(subject, ())]
    if not statutes:
        statutes = ["almenlejeloven:11:106" if housing == "social" else "boligforhold:9:82"]
    fields: dict[str, Any] = {
        "outcome": outcome,
        "in_favour": {"IN_FAVOUR": filer, "REJECTED": other}.get(outcome, "SHARED"),
        "fee_imposed": rng.choice(("YES", "NO")),
        "locally_inspected": "NOT_HELD",
        "public_interest": rng.choice(("YES", "NO", "NO")),
        "decided_on": decided_on.isoformat(),
        "subjects": subjects,
        "statutes": list(dict.fromkeys(statutes)),
        "facts_text": rng.choice(_FACTS),
    }
    if catalog.decides_rent(outcome, subjects):
        amount = Decimal(rng.randrange(5800, 9800, 50))
        fields |= {
            "rent_method": "BASED_ON_COMPARABLE_RENTS",
            "rent_category": "MONTHLY_RENT",
            "rent_declaration": "TENANCY_SPECIFIC_RENT",
            "rent_amount": str(amount),
            "rent_area": rng.randrange(38, 121),
            "rent_from": decided_on.replace(day=1).isoformat(),
        }
    return fields


def decide(
    desk: Desk,
    store: Store,
    number: str,
    worker: Staff,
    lead: Staff,
    today: date,
    rng: random.Random,
) -> None:
    """The caseworker drafts the case's decision and the lead registers it (``decide``)."""
    with store.read() as tx:
        work = tx.casework(number)
    fields = box(work.case_type, list(work.extra_topics), work.side, work.housing, today, rng)
    saved = desk.save_decision(worker, number, fields)
    desk.register_decision(
        lead, number, version=saved["draft"]["version"], case_version=saved["case_version"]
    )
