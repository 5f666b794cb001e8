"""A realistic caseload for the console benchmark: seeded, and generated as a stream.

Cases are filed evenly over eight years before "today" in 98 municipalities, the big cities
weighted by size. A case's status follows from its age (a week-old case is new, a year-old one
is published or closed by one of the four exits), and its next deadline from its status and
the secretariat's rules (notify within a week, the counterparty's two weeks, a decision within
four weeks). Each municipality's secretariat has its own staff, who work for both of its
tribunals; cases from ``assigned`` on are assigned to one of them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from casestore.bulk import BulkCase, BulkParty
from statemachine.catalog.casetypes import case_types_for
from statemachine.catalog.municipalities import MUNICIPALITIES
from statemachine.catalog.tribunals import tribunal_for

YEARS = 8
"""How far back the oldest case was filed."""

# Share of the caseload above the rest (1.0 each): the five biggest cities.
_WEIGHT = {101: 60.0, 751: 33.0, 461: 19.0, 851: 20.0, 147: 10.0}

_FIRST = ("Anna", "Mette", "Lars", "Peter", "Sofie", "Jens", "Karen", "Niels", "Ida", "Ole",
          "Freja", "Mads", "Emma", "Rasmus", "Julie", "Henrik", "Maria", "Søren", "Camilla",
          "Thomas", "Lone", "Mikkel", "Hanne", "Anders", "Signe", "Jakob", "Birgit", "Kasper",
          "Line", "Morten", "Astrid", "Bo", "Eva", "Frederik", "Gitte", "Hans")  # fmt: skip
_LAST = ("Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
         "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
         "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Holm",
         "Lund", "Berg", "Dahl", "Kjær", "Bach", "Vestergaard", "Friis", "Krogh",
         "Skov")  # fmt: skip
_COMPANY = ("Ejendomme ApS", "Ejendomsselskab A/S", "Udlejning ApS", "Invest A/S",
            "Boligudlejning I/S", "Holding ApS")  # fmt: skip
_ORGANISATION = ("Boligselskabet", "Boligforeningen", "Andelsboligforeningen",
                 "Arbejdernes Boligforening")  # fmt: skip
_PLACE = ("Nord", "Syd", "Øst", "Vest", "Parken", "Engen", "Skoven", "Bakken", "Havnen",
          "Søen", "Kilden", "Toften")  # fmt: skip
_STREET = ("Vestergade", "Østergade", "Nørregade", "Søndergade", "Skovvej", "Parkvej",
           "Algade", "Kirkevej", "Strandvejen", "Bakkevej", "Engvej", "Møllevej", "Rosenvænget",
           "Birkevej", "Ahornvej", "Lindevej", "Havnegade", "Torvet", "Stationsvej",
           "Skolegade", "Jernbanegade", "Bredgade", "Kongensgade", "Frederiksgade")  # fmt: skip
_FLOOR = ("st. tv.", "st. th.", "1. tv.", "1. th.", "2. tv.", "2. th.", "3. mf.", "4. th.")
_CLAIMS = (
    "Lejeforhøjelsen er ugyldig, fordi varslingen ikke siger, hvorfor lejen stiger.",
    "Varmeregnskabet er for højt i forhold til sidste år, og målerne er ikke aflæst.",
    "Udlejeren vil ikke udbedre fugtskaden i badeværelset, selv om vi har klaget flere gange.",
    "Lejeren skal betale for istandsættelse af gulve og vægge efter fraflytningen.",
    "Naboen spiller høj musik om natten og har fået en skriftlig advarsel.",
    "Depositum er ikke betalt tilbage, og opgørelsen kom for sent.",
    "Huslejen er højere end det lejedes værdi, sammenlignet med lignende lejligheder.",
    "The landlord has not repaired the windows, and the heating does not work in winter.",
)

# (upper age in days, [(status, weight), ...]): a case's status from how long ago it was filed.
_BY_AGE: tuple[tuple[int, tuple[tuple[str, int], ...]], ...] = (
    (7, (("submitted", 70), ("awaiting_fee", 20), ("assigned", 10))),
    (21, (("submitted", 10), ("awaiting_fee", 10), ("assigned", 30), ("hearing", 45),
          ("withdrawn", 5))),
    (60, (("assigned", 5), ("hearing", 35), ("ready_for_meeting", 35), ("inspection", 5),
          ("settled", 5), ("withdrawn", 5), ("dismissed", 5), ("rejected", 5))),
    (120, (("ready_for_meeting", 20), ("inspection", 10), ("on_agenda", 30), ("decided", 15),
           ("settled", 8), ("withdrawn", 5), ("dismissed", 7), ("rejected", 5))),
    (200, (("on_agenda", 10), ("decided", 20), ("published", 45), ("settled", 8),
           ("withdrawn", 4), ("dismissed", 8), ("rejected", 5))),
    (10**6, (("published", 70), ("dismissed", 10), ("rejected", 7), ("settled", 9),
             ("withdrawn", 4))),
)  # fmt: skip

# The secretariat deadline that is next in a status: (rule id, days from the anchor, anchor).
_NEXT = {
    "submitted": ("secretariat.notify", 7, "filed"),
    "awaiting_fee": ("secretariat.notify", 7, "filed"),
    "assigned": ("secretariat.notify", 7, "filed"),
    "hearing": ("secretariat.reply", 14, "status"),
    "ready_for_meeting": ("secretariat.decision", 28, "status"),
    "inspection": ("secretariat.decision", 28, "status"),
    "on_agenda": ("secretariat.decision", 28, "status"),
}
_UNASSIGNED = frozenset({"submitted", "awaiting_fee"})

STAFF_PER_MUNICIPALITY = 2
"""Caseworkers in each municipality's secretariat (the bench adds them before the cases)."""


@dataclass(frozen=True)
class Caseload:
    """What to generate: how many cases, from which seed, up to which day."""

    cases: int
    """How many cases."""
    today: date
    """The day the newest case is filed on."""
    seed: int = 10
    """The random seed: the same seed gives the same cases."""

    def municipalities(self) -> list[int]:
        """Every kommunekode, in catalog order."""
        return [m.code for m in MUNICIPALITIES]

    def secretariat(self, code: int) -> list[str]:
        """The tribunals a municipality's secretariat works for: its huslejenævn and its
        beboerklagenævn (a shared one's, for a municipality that shares)."""
        return [tribunal_for(housing, code).code for housing in ("private", "social")]

    def staff_ids(self, first_id: int) -> dict[int, list[int]]:
        """The staff ids of each municipality's secretariat, numbered from ``first_id`` in
        the order :meth:`municipalities` lists them."""
        ids, next_id = {}, first_id
        for code in self.municipalities():
            ids[code] = list(range(next_id, next_id + STAFF_PER_MUNICIPALITY))
            next_id += STAFF_PER_MUNICIPALITY
        return ids

    def stream(self, staff: dict[int, list[int]]) -> Iterator[BulkCase]:
        """The cases, oldest first, numbered per municipality from 10001."""
        rng = random.Random(self.seed)
        codes = self.municipalities()
        weights = [_WEIGHT.get(code, 1.0) for code in codes]
        running = dict.fromkeys(codes, 10000)
        types = {h: [c.id for c in case_types_for(h, "tenant")] for h in ("private", "social")}
        start = datetime.combine(self.today - timedelta(days=365 * YEARS), time(8), UTC)
        span = (datetime.combine(self.today, time(16), UTC) - start).total_seconds()
        for i in range(self.cases):
            filed = start + timedelta(seconds=span * (i + rng.random()) / self.cases)
            code = rng.choices(codes, weights)[0]
            running[code] += 1
            housing = "social" if rng.random() < 0.4 else "private"
            yield self._case(rng, f"{code}-{running[code]}", code, housing, filed, types, staff)

    def _case(
        self,
        rng: random.Random,
        number: str,
        code: int,
        housing: str,
        filed: datetime,
        types: dict[str, list[str]],
        staff: dict[int, list[int]],
    ) -> BulkCase:
        age = (self.today - filed.date()).days
        statuses = next(table for upper, table in _BY_AGE if age < upper)
        status = rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0]
        status_at = filed + timedelta(days=age * rng.uniform(0.3, 0.9))
        filer = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if housing == "social":
            landlord = f"{rng.choice(_ORGANISATION)} {rng.choice(_PLACE)}"
        else:
            landlord = f"{rng.choice(_LAST)} {rng.choice(_COMPANY)}"
        address = f"{rng.choice(_STREET)} {rng.randint(1, 140)}, {rng.choice(_FLOOR)}"
        rule, days, anchor = _NEXT.get(status, (None, 0, ""))
        due = None
        if rule is not None:
            due = (filed if anchor == "filed" else status_at).date() + timedelta(days=days)
        assignee = None if status in _UNASSIGNED else rng.choice(staff[code])
        claim = rng.choice(_CLAIMS)
        return BulkCase(
            number=number,
            municipality_code=code,
            tribunal=tribunal_for(housing, code).code,  # type: ignore[arg-type]
            case_type=rng.choice(types[housing]),
            housing=housing,
            status=status,
            filed_at=filed,
            status_at=None if status == "submitted" else status_at,
            parties=(
                BulkParty(
                    "filer", filer, "person", address, f"{filer.split()[0].lower()}@example.dk"
                ),
                BulkParty("counterparty", landlord, "company", f"{rng.choice(_STREET)} 1"),
            ),
            parties_label=f"{filer} / {landlord}",
            address=address,
            next_deadline=due,
            next_rule=rule,
            assignee_id=assignee,
            answers={"ask_claim": claim, "ask_address": address},
        )
