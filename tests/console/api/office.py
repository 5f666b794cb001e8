"""A tribunal's office for the staff API tests: staff of every role, their cases, a filer.

:func:`open_office` fills a fresh store with two cases of the Copenhagen rent tribunal
(``hln-101``) and one of Frederiksberg's (``hln-147``), each with a document, and staff of each
role in Copenhagen, a caseworker of Frederiksberg and a revoked caseworker; it then serves the
real app on that store. :func:`snapshot` is what a refused request must leave as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from casestore import Store
from console.access import new_token, token_hash
from naevn.settings import Settings
from tests.casestore.helpers import file_case
from tests.service import running

TODAY = date(2026, 11, 23)
"""The service's frozen today (the cases are filed on it)."""
HOME = "hln-101"
"""The tribunal most staff belong to."""
AWAY = "hln-147"
"""Another tribunal."""

STAFF = {
    "caseworker": ("Mette Holm", "caseworker", (HOME,)),
    "colleague": ("Jonas Berg", "caseworker", (HOME,)),
    "lead": ("Lise Dahl", "lead", (HOME,)),
    "board": ("Poul Krag", "board_member", (HOME,)),
    "admin": ("Ida Lund", "admin", (HOME,)),
    "stranger": ("Sara Vinter", "caseworker", (AWAY,)),
    "away_lead": ("Anders Kjær", "lead", (AWAY,)),
    "revoked": ("Bo Riis", "caseworker", (HOME,)),
}
"""Who works where: name, role, tribunals, by the name the tests call them."""


@dataclass(frozen=True)
class Office:
    """A served app on a store holding the office's staff and cases."""

    client: httpx.Client
    """An HTTP client on the served app (no credentials of its own)."""
    store: Store
    """The same store, opened beside the service, to look into."""
    tokens: dict[str, str]
    """Each staff member's bearer token, by the name in :data:`STAFF`; ``filer`` is a
    filer's session token."""
    ids: dict[str, int]
    """Each staff member's id."""
    case: str
    """A submitted case of ``hln-101``, with one document."""
    other: str
    """A second submitted case of ``hln-101``."""
    away: str
    """A submitted case of ``hln-147``, with one document."""
    documents: dict[str, str]
    """The document id of each case that has one, by case number."""

    def as_(self, who: str) -> dict[str, str]:
        """The Authorization header of ``who``, who reads English (the tests' messages); a
        ``lang`` parameter still chooses another."""
        return {"Authorization": f"Bearer {self.tokens[who]}", "Accept-Language": "en"}

    def get(self, who: str, path: str, **params: Any) -> httpx.Response:
        """``GET`` as ``who``."""
        return self.client.get(path, headers=self.as_(who), params=params)

    def post(self, who: str, path: str, body: Any) -> httpx.Response:
        """``POST`` a JSON body as ``who``."""
        return self.client.post(path, headers=self.as_(who), json=body)

    def case_json(self, who: str, number: str, lang: str = "en") -> dict[str, Any]:
        """The case as ``who`` reads it (which must succeed)."""
        response = self.get(who, f"/api/v1/staff/cases/{number}", lang=lang)
        assert response.status_code == 200, response.text
        found: dict[str, Any] = response.json()
        return found


def settings_for(db_url: str, tmp_path: Path) -> Settings:
    """The service's settings: its own store, a frozen today, no rate limits, and a delivery
    worker that polls the outbox only when the service starts, so mail a test queues beside
    the service stays pending for it to read (mail queued through the API is written under
    ``data/outbox/`` at once)."""
    return Settings(
        db=db_url, data_dir=tmp_path / "data", today=TODAY, rate_limit=0, delivery_seconds=3600
    )


@contextmanager
def open_office(settings: Settings) -> Iterator[Office]:
    """Fill the store, serve the app on it, and start a filer session over the filer API."""
    store = Store.open(settings.db, settings.blob_dir)
    try:
        tokens: dict[str, str] = {}
        ids: dict[str, int] = {}
        with store.begin() as tx:
            for who, (name, role, tribunals) in STAFF.items():
                tokens[who] = new_token()
                ids[who] = tx.add_staff(name, role, tribunals, token_hash(tokens[who])).id
            tx.revoke_staff(ids["revoked"])
        case = file_case(store, 1, 101, documents=1)
        other = file_case(store, 2, 101, filer="Ole Mikkelsen", counterparty="Bolig A/S")
        away = file_case(store, 3, 147, documents=1, counterparty="Frederiksberg Ejendomme")
        documents = {}
        with store.read() as tx:
            for number in (case, away):
                documents[number] = tx.casework(number).attachments[0]["id"]
        with store.begin() as tx:  # a board member reads only the cases on an agenda
            meeting = tx.create_meeting(
                HOME,
                starts_at=datetime(2026, 12, 15, 9, tzinfo=UTC),
                place="Rådhuset",
                members=(),
                actor="staff:test",
            )
            tx.add_agenda_item(meeting.id, tx.case_scope(case)[0], kind="case")
        with running(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
            started = client.post("/api/v1/sessions", json={"lang": "en"})
            assert started.status_code == 201, started.text
            tokens["filer"] = started.json()["token"]
            yield Office(client, store, tokens, ids, case, other, away, documents)
    finally:
        store.close()


def snapshot(store: Store, numbers: tuple[str, ...], staff_ids: list[int]) -> dict[str, Any]:
    """Everything a staff request could change: each case's version, status, assignee,
    next deadline and counts of events, notes, messages and hearings; the outbox; the saved
    filters of each staff member."""
    with store.read() as tx:
        cases = {}
        for number in numbers:
            work = tx.casework(number)
            cases[number] = (
                work.version,
                work.status,
                work.assignee_id,
                work.next_deadline,
                len(work.events),
                len(work.notes),
                len(work.messages),
                len(work.hearings),
            )
        mail = sorted(m.id for m in tx.outbox_list(limit=10_000))
        filters = {i: [(f.name, f.query) for f in tx.saved_filters(i)] for i in staff_ids}
    return {"cases": cases, "mail": mail, "filters": filters}
