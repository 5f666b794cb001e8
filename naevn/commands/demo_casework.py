"""The demo staff at work: each demo case is taken through the lifecycle to a status of its
own, by the real desk, on the day each step would have been taken.

Each status has its share of the cases, filed about as long ago as a case takes to get
there (see :data:`PLAN`); about one in six left by one of the four exits. A decided case's
decision is drafted and registered by the desk (:mod:`naevn.commands.demo_board`), and on
the last day the lead plans each tribunal's next board meeting.
A published case's anonymisation is accepted as proposed by its caseworker, and the lead
publishes it, so the public registers hold real, anonymised decisions.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Final, Protocol

from casestore import Store
from console.access import Staff
from console.desk.desk import Desk
from naevn.commands import demo_board

PLAN: Final = (
    ("submitted", 32, 0, 9), ("awaiting_fee", 12, 2, 12), ("assigned", 30, 3, 9),
    ("hearing", 30, 8, 24), ("ready_for_meeting", 20, 22, 45), ("inspection", 8, 28, 50),
    ("on_agenda", 14, 30, 55), ("decided", 8, 45, 80), ("published", 14, 60, 120),
    ("dismissed", 8, 20, 120), ("rejected", 8, 10, 120), ("settled", 8, 25, 120),
    ("withdrawn", 8, 12, 120),
)  # fmt: skip
"""How many demo cases end in each status, and how many days before the demo's end they
were filed (from, to): a case has been under way about as long as its status takes."""

_PAUSE: Final = {
    "request_fee": (0.5, 2), "register_fee": (2, 6), "assign": (0.5, 3), "note": (0.2, 2),
    "message": (0.1, 1), "reopen": (1, 3),
    "hearing": (1, 4), "reply": (4, 12), "end_hearing": (0.5, 2), "plan_inspection": (1, 5),
    "put_on_agenda": (2, 7), "decide": (5, 12), "publish": (5, 14),
}  # fmt: skip
"""Days between one action and the one before it (from, to); a closing step, 1 to 10."""

_BEFORE: Final = {
    "awaiting_fee": ["request_fee"],
    "assigned": ["assign"],
    "hearing": ["assign", "hearing"],
    "ready_for_meeting": ["assign", "hearing", "reply", "end_hearing"],
    "inspection": ["assign", "hearing", "reply", "end_hearing", "plan_inspection"],
    "on_agenda": ["assign", "hearing", "reply", "end_hearing", "put_on_agenda"],
    "decided": ["assign", "hearing", "reply", "end_hearing", "put_on_agenda", "decide"],
    "published": ["assign", "hearing", "reply", "end_hearing", "put_on_agenda", "decide",
                  "publish"],
    "dismissed": ["request_fee", "dismiss:fee_not_paid"],
    "rejected": ["assign", "reject:no_prior_complaint"],
    "settled": ["assign", "hearing", "note", "settle:agreed_by_parties"],
    "withdrawn": ["assign", "hearing", "withdraw:withdrawn_by_filer"],
}  # fmt: skip
"""What is done to bring a case to each status, in order. ``reply`` is the counterparty's
reply to the hearing; ``step:reason`` a closing step with its reason. Some cases also get a
note, a message to the parties before the hearing, or (a few assigned ones) are dismissed and
reopened by the lead."""

_NOTES: Final = (
    "Ringede til lejeren: hun sender lejekontrakten i morgen.",
    "Udlejeren har bedt om en uges udsættelse af svarfristen.",
    "Sagen ligner 101-10007; se afgørelsen dér.",
    "Besigtigelse kan nok undgås: billederne viser skaden tydeligt.",
)


_MESSAGE: Final = (
    "Nævnet har modtaget sagen og sender den nu til udtalelse hos modparten. I hører fra os, "
    "når fristen for at svare er gået."
)


class Clocked(Protocol):
    """The demo's settable clock."""

    now: datetime


def plan(end: datetime) -> list[tuple[datetime, str]]:
    """When each demo case is filed (in office hours, oldest first) and the status it is to
    end in."""
    rng = random.Random(11)
    planned = []
    for status, count, newest, oldest in PLAN:
        for _ in range(count):
            day = (end - timedelta(days=rng.uniform(newest, oldest))).date()
            at = datetime.combine(day, time(8 + rng.randint(0, 8), rng.randint(0, 59)), UTC)
            planned.append((min(at, end - timedelta(hours=1)), status))
    return sorted(planned)


def work(
    store: Store,
    clock: Clocked,
    end: datetime,
    cases: Mapping[str, tuple[datetime, str]],
    tokens: Mapping[str, str],
) -> None:
    """Take each case to the status planned for it, each step on its own day.

    Args:
        store: the store, stamping with ``clock``.
        clock: set to each step's moment before it is taken.
        end: no step is taken later.
        cases: when each case was filed and its planned status, by number.
        tokens: the demo staff's tokens by key (``caseworker``, ``caseworker2``, ``lead``,
            ``board_member``).
    """
    desk = Desk(store, lambda: clock.now.date())
    staff = {key: desk.sign_in(token) for key, token in tokens.items()}
    rng = random.Random(12)
    for i, (number, (filed, target)) in enumerate(cases.items()):
        bkn = _tribunal(store, number) == "bkn-101"
        worker = staff["caseworker2"] if bkn and i % 2 else staff["caseworker"]
        actions = list(_BEFORE.get(target, []))
        if target in ("assigned", "hearing") and i % 3 == 0:
            actions = ["request_fee", "register_fee", *actions]
        if actions and i % 4 == 0 and "note" not in actions:
            actions.insert(1, "note")
        if "hearing" in actions and i % 5 == 0:
            actions.insert(actions.index("hearing"), "message")
        if target == "assigned" and i % 10 == 1:
            actions += ["dismiss:not_pursued", "reopen"]
        pauses = [rng.uniform(*_PAUSE.get(a.partition(":")[0], (1, 10))) for a in actions]
        # A case filed lately has had its steps closer together.
        room = (end - filed) / timedelta(days=1) * 0.95
        scale = min(1.0, room / sum(pauses)) if pauses else 1.0
        clock.now = filed
        for action, pause in zip(actions, pauses, strict=True):
            clock.now += timedelta(days=pause * scale)
            _do(desk, store, number, action, worker, staff["lead"], rng, clock.now.date())
    clock.now = end
    demo_board.meet(desk, staff["lead"], staff["board_member"], end.date())


def _tribunal(store: Store, number: str) -> str:
    with store.read() as tx:
        return tx.case_scope(number)[1]


def _version(store: Store, number: str) -> int:
    with store.read() as tx:
        return tx.case_scope(number)[3]


def _do(
    desk: Desk,
    store: Store,
    number: str,
    action: str,
    worker: Staff,
    lead: Staff,
    rng: random.Random,
    today: date,
) -> None:
    """Do one action to a case, as the desk would for the staff member doing it (on
    ``today``)."""
    step, _, reason = action.partition(":")
    version = _version(store, number)
    handlers: dict[str, Callable[[], object]] = {
        "assign": lambda: desk.assign(worker, number, "me", version=version),
        "hearing": lambda: desk.start_hearing(
            worker, number, version=version, note="Sendt til udtalelse med klagen."
        ),
        "note": lambda: desk.add_note(worker, number, rng.choice(_NOTES)),
        "message": lambda: desk.send_message(
            worker, number, to="all", subject="Sagen er modtaget", body=_MESSAGE
        ),
        "reopen": lambda: desk.step(
            lead, number, "reopen", version=version, text="Lejeren har svaret alligevel."
        ),
        "reply": lambda: _reply(store, number),
        "put_on_agenda": lambda: desk.step(lead, number, "put_on_agenda", version=version),
        "decide": lambda: demo_board.decide(desk, store, number, worker, lead, today, rng),
        "publish": lambda: _publish(desk, number, worker, lead, version),
    }
    handler = handlers.get(step)
    if handler is not None:
        handler()
        return
    text = "Fremsendt af demo-sagsbehandleren." if reason == "other" else None
    desk.step(worker, number, step, version=version, reason=reason or None, text=text)


def _reply(store: Store, number: str) -> None:
    """The counterparty answers the hearing (issue 11 lets parties do it themselves)."""
    with store.begin() as tx:
        hearing = tx.casework(number).hearings[-1]
        tx.record_reply(number, hearing.id)


def _publish(desk: Desk, number: str, worker: Staff, lead: Staff, version: int) -> None:
    """The caseworker accepts the anonymisation as proposed, and the lead publishes the case:
    the registers get its decision, anonymised, and its rent."""
    desk.accept_anonymisation(worker, number, version=0)
    desk.step(lead, number, "publish", version=version)
