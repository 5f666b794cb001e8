"""A caseworker triages a new case with the keyboard, on the embedded client and a real store."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from console.app import NaevnConsole
from console.factory import make_console
from console.screens.case import CaseScreen
from console.widgets.case_table import CaseTable
from tests.console.tui.conftest import Office

pytestmark = pytest.mark.anyio


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker (and whatever its answer started) is done and painted."""
    for _ in range(5):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def said(app: NaevnConsole, severity: str = "error") -> list[str]:
    """What the console told the caseworker in notifications of ``severity``."""
    return [n.message for n in app._notifications if n.severity == severity]


def table(app: NaevnConsole) -> CaseTable:
    return app.screen.query_one(CaseTable)


async def test_a_new_case_is_found_opened_assigned_heard_noted_and_written_to(
    office: Office,
) -> None:
    number = office.numbers[2]  # Sofie Lund's
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert table(app).row_count == len(office.numbers)

        await pilot.press("slash", *"Sofie", "enter")
        await settle(pilot)
        assert list(table(app).rows) == [number]

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.case is not None and app.screen.case["number"] == number

        await pilot.press("a")  # assign: the picker offers me first
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.case is not None
        assert app.screen.case["assignee"] == {"id": office.karen.id, "name": office.karen.name}

        await pilot.press("h")  # start the hearing: all documents go, 14 days to reply
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.case is not None and app.screen.case["status"] == "hearing"

        await pilot.press("n", *"Called the landlord; letter on its way.", "ctrl+s")
        await settle(pilot)

        await pilot.press("e")
        await settle(pilot)
        await pilot.press(*"About your case", "tab", *"We have asked the landlord.", "ctrl+s")
        await settle(pilot)
        assert said(app) == []
        assert "The message is queued for sending." in said(app, "information")

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen.query_one(CaseTable), DataTable)

    with office.store.read() as tx:
        work = tx.casework(number)
        mail = tx.outbox_list()
    assert work.status == "hearing"
    assert work.assignee_id == office.karen.id
    assert [note.text for note in work.notes] == ["Called the landlord; letter on its way."]
    assert [(m.subject, m.body) for m in work.messages] == [
        ("About your case", "We have asked the landlord.")
    ]
    assert len(work.hearings) == 1
    kinds = sorted(row.kind for row in mail if row.case_id is not None)
    assert "hearing" in kinds and "message" in kinds
