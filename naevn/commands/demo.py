"""``naevn demo``: a demo caseload for a first look at both sides of naevn.

Two hundred cases are filed through the real dialogue, back-dated over four months, at
Copenhagen's two tribunals (the huslejenævn hln-101 and the beboerklagenævn bkn-101). Demo
staff then work them with the real lifecycle and desk, so each case is in a status of its own
and its audit trail reads as a caseworker made it. The staff's tokens go to a file only its
owner can read, for ``make run`` to sign the console in with.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TextIO

from assistant.service.conversation import Conversation
from casestore import Store
from casestore.bulk import backdate
from naevn.commands import demo_casework, demo_filings
from naevn.commands.demo_filings import DEMO_ACTOR
from naevn.commands.staff import new_token, token_hash
from naevn.settings import Settings
from statemachine.errors import ConflictError
from statemachine.flows import intake
from statemachine.text import t

STAFF_FILE = "demo-staff.json"
"""The file under the data folder that holds the demo staff's tokens (mode 0600)."""


@dataclass(frozen=True)
class DemoStaff:
    """A demo member of staff."""

    key: str
    """How ``make run`` and the tests pick them out of the token file."""
    name: str
    """Their name."""
    role: str
    """Their role."""
    tribunals: tuple[str, ...]
    """The tribunals they belong to."""


STAFF = (
    DemoStaff("caseworker", "Mette Holm", "caseworker", ("hln-101", "bkn-101")),
    DemoStaff("lead", "Lars Berg", "lead", ("hln-101", "bkn-101")),
    DemoStaff("caseworker2", "Ida Lund", "caseworker", ("bkn-101",)),
    DemoStaff("board_member", "Sara Dahl", "board_member", ("hln-101",)),
    DemoStaff("admin", "Ole Friis", "admin", ("hln-101", "bkn-101")),
)
"""The demo staff: the caseworker the console signs in as, a lead, a caseworker of the
beboerklagenævn only, a board member and an administrator."""


class Clock:
    """A clock the demo sets: the store stamps, and the dialogue and desk count days, by it."""

    def __init__(self, now: datetime) -> None:
        """Start at ``now``."""
        self.now = now

    def __call__(self) -> datetime:
        """The time it is set to."""
        return self.now


def load(settings: Settings, out: TextIO, *, force: bool) -> list[str]:
    """Load the demo staff and cases, and write the staff's tokens to :data:`STAFF_FILE`
    under the data folder; returns the new cases' numbers.

    Loading twice is harmless: the second time only says so (and writes the tokens afresh
    if their file was lost).

    Raises:
        ConflictError: the store holds real cases and ``force`` is not set.
    """
    end = _end(settings)
    clock = Clock(end)
    store = Store.open(settings.db, settings.blob_dir, clock=clock)
    try:
        with store.read() as tx:
            holds_cases = bool(tx.list_cases(limit=1))
        if holds_cases and not force:
            if not has_demo(store):
                raise ConflictError(
                    t("This store holds real cases. Use --force to add demo cases anyway.")
                )
            out.write("The demo cases are already loaded.\n")
            if not (settings.data_dir / STAFF_FILE).exists():
                _write_tokens(settings.data_dir / STAFF_FILE, _add_staff(store))
                out.write(f"New demo staff tokens are in {settings.data_dir / STAFF_FILE}.\n")
            return []
        tokens = _add_staff(store)
        talk = Conversation(
            store,
            intake.engine(settings.draft_retention_days),
            lambda: clock.now.date(),
            draft_days=settings.draft_retention_days,
            resume_quiet=timedelta(0),
        )
        numbers = _file_all(talk, clock, end)
        backdate(settings.db, {number: at for number, (at, _) in numbers.items()})
        demo_casework.work(store, clock, end, numbers, {k: v[1] for k, v in tokens.items()})
        clock.now = end
    finally:
        store.close()
    _write_tokens(settings.data_dir / STAFF_FILE, tokens)
    out.write(
        f"{len(numbers)} demo cases at hln-101 and bkn-101; the demo staff's tokens are in "
        f"{settings.data_dir / STAFF_FILE}.\n"
    )
    return list(numbers)


def has_demo(store: Store) -> bool:
    """Whether the store already holds the demo cases."""
    with store.read() as tx:
        first = tx.list_cases(limit=1)
        return bool(first) and any(
            e["actor"] == DEMO_ACTOR for e in tx.get_case(first[0].number).events
        )


def _end(settings: Settings) -> datetime:
    """When the demo's last step is taken: now, or a fixed "today" at this time of day."""
    now = datetime.now(UTC)
    if settings.today is None:
        return now - timedelta(minutes=5)
    return datetime.combine(settings.today, time(9), UTC)


def _add_staff(store: Store) -> dict[str, tuple[int, str]]:
    """Add the demo staff with fresh tokens; returns each one's id and token by key."""
    tokens = {}
    with store.begin() as tx:
        for member in STAFF:
            token = new_token()
            row = tx.add_staff(member.name, member.role, member.tribunals, token_hash(token))
            tokens[member.key] = (row.id, token)
    return tokens


def _file_all(talk: Conversation, clock: Clock, end: datetime) -> dict[str, tuple[datetime, str]]:
    """File the demo cases, each at the moment planned for it; returns when each was filed
    and the status planned for it, by number, oldest first."""
    rng = random.Random(10)
    filed: dict[str, tuple[datetime, str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, content in demo_filings.DOCUMENTS.items():
            (Path(folder) / name).write_bytes(content)
        for i, (moment, status) in enumerate(demo_casework.plan(end)):
            clock.now = moment
            lang, script = demo_filings.FILINGS[i % len(demo_filings.FILINGS)]
            answers = demo_filings.varied(script, rng, clock.now.date())
            number = demo_filings.file(talk, lang, answers, Path(folder))
            with talk.store.begin() as tx:
                tx.record_event("demo.case", actor=DEMO_ACTOR, case_number=number)
            filed[number] = (moment, status)
    return filed


def _write_tokens(path: Path, tokens: dict[str, tuple[int, str]]) -> None:
    """Write the tokens to a file only its owner may read or write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    listed = {
        member.key: {
            "id": tokens[member.key][0],
            "name": member.name,
            "role": member.role,
            "tribunals": list(member.tribunals),
            "token": tokens[member.key][1],
        }
        for member in STAFF
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(listed, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
