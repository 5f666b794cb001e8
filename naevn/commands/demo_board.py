"""The demo's board work: decisions registered by the real desk, on the day the board decided.

A demo case that the plan takes to ``decided`` or ``published`` gets a decision of its own:
the box filled in as a caseworker would for its case type (the subjects from the case, the
statutes that belong to them, the rent fields when the decision sets a rent), saved as a
draft by its caseworker and registered by the lead. Registering it is the lifecycle's step
``decide``: the PDF becomes a file of the case, the parties get it through the outbox, and
the appeal deadline starts that day.

On the demo's last day the lead plans a board meeting of each tribunal some weeks ahead
(:func:`meet`): the cases already on an agenda, a few that are ready for a meeting and the
inspection of one home go on its agenda, and the parties are summoned through the outbox.
The Copenhagen huslejenævn's meeting seats the demo board member.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final

from casestore import Store
from console.access import Staff
from console.desk.desk import Desk
from statemachine.catalog import decisions as catalog
from statemachine.catalog.calendar import is_working_day

STATUTES: Final[Mapping[str, tuple[str, ...]]] = {
    "rent_increase": ("lejeloven:6:42",),
    "rent_level": ("lejeloven:6:42",),
    "utility_accounts": ("lejeloven:7:77",),
    "house_rules": ("almenlejeloven:11:106",),
    "maintenance": ("lejeloven:4:22",),
    "move_out": ("lejeloven:15:187",),
}
"""The provisions a demo decision names for each of its subjects."""

MEETING_WEEKS: Final = 3
"""How many weeks after the demo's last day the planned meetings are (at least)."""
INSPECTION_DAYS: Final = 6
"""How many days before its meeting the demo's inspection is (the Wednesday before)."""
READY_ON_AGENDA: Final = 3
"""How many of a tribunal's cases ready for a meeting the lead puts on its agenda."""
PLACES: Final[Mapping[str, str]] = {
    "hln-101": "Københavns Rådhus, mødelokale 3",
    "bkn-101": "Københavns Rådhus, mødelokale 14",
}
"""Where each demo tribunal meets."""
MEMBERS: Final[Mapping[str, tuple[str, str, str]]] = {
    "hln-101": ("Dommer Karen Vind", "", "Peter Skov"),
    "bkn-101": ("Dommer Jens Kjær", "Anne Bech", "Poul Krog"),
}
"""Each tribunal's chair, tenants' and landlords' member; an empty name is the seat of the
demo board member."""

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


def meet(desk: Desk, lead: Staff, board_member: Staff, today: date) -> list[int]:
    """The lead plans each demo tribunal's next board meeting, builds its agenda and summons
    the parties (all through the desk); the meetings' ids.

    The agenda holds the tribunal's cases already on an agenda, the inspection of the home of
    one case waiting for an inspection (a few days before the meeting) with that case itself,
    and the first few cases ready for a meeting (each takes the step ``put_on_agenda``).
    """
    day = meeting_day(today)
    made = []
    for tribunal, place in PLACES.items():
        names = MEMBERS[tribunal]
        members: list[dict[str, Any]] = [
            {"seat": "chair", "name": names[0]},
            {"seat": "tenant_member", "name": names[1] or board_member.name}
            | ({} if names[1] else {"staff_id": board_member.id}),
            {"seat": "landlord_member", "name": names[2]},
        ]
        meeting = desk.new_meeting(
            lead,
            tribunal,
            starts_at=datetime.combine(day, time(9, 30)).isoformat(),
            place=place,
            members=members,
        )
        meeting_id = int(meeting["id"])
        waiting = desk.queue(
            lead, {"status": "on_agenda", "tribunal": tribunal, "sort": "number", "limit": 100}
        )["cases"]
        for case in waiting:
            desk.add_agenda_item(lead, meeting_id, case["number"])
        ready = desk.ready_cases(lead, meeting_id)["cases"]
        inspected = [c["number"] for c in ready if c["status"] == "inspection"][:1]
        at = datetime.combine(day - timedelta(days=INSPECTION_DAYS), time(10))
        for number in inspected:
            desk.add_agenda_item(
                lead, meeting_id, number, kind="inspection", inspection_at=at.isoformat()
            )
            desk.add_agenda_item(lead, meeting_id, number)
        chosen = [c["number"] for c in ready if c["status"] == "ready_for_meeting"]
        for number in chosen[:READY_ON_AGENDA]:
            desk.add_agenda_item(lead, meeting_id, number)
        desk.send_summons(lead, meeting_id)
        made.append(meeting_id)
    return made


def meeting_day(today: date) -> date:
    """The planned meetings' day: the first Tuesday at least :data:`MEETING_WEEKS` weeks
    after ``today`` that is a working day, and its inspection's day one too (no meeting or
    inspection on a public holiday such as Christmas)."""
    day = today + timedelta(weeks=MEETING_WEEKS)
    day += timedelta(days=(1 - day.weekday()) % 7)
    while not (is_working_day(day) and is_working_day(day - timedelta(days=INSPECTION_DAYS))):
        day += timedelta(weeks=1)
    return day
