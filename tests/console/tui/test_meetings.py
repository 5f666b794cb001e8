"""The board's meetings at 80x24, on a real store: a lead plans a meeting from the queue (G,
then N), puts ready cases on its agenda (one as an inspection), moves one up, sends the
summons and saves the agenda PDF; a board member reads the meeting but cannot change it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from console.clients.embedded import EmbeddedStaffClient
from console.factory import make_console
from console.screens.confirm import Confirm
from console.screens.meeting import MeetingScreen
from console.screens.meetings import MeetingsScreen
from console.screens.new_meeting import NewMeetingDialog
from console.screens.prompt import Prompt
from console.screens.ready_picker import ReadyPicker
from console.widgets.agenda_table import AgendaTable
from tests.console.tui.conftest import Office, staff
from tests.console.tui.test_triage import said, settle

pytestmark = pytest.mark.anyio


def ready(office: Office, number: str) -> None:
    """Move a case straight to ``ready_for_meeting`` (the hearing's own tests cover how)."""
    with office.store.begin() as tx:
        work = tx.casework(number)
        tx.change_status(
            number,
            expected_version=work.version,
            to="ready_for_meeting",
            actor="staff:test",
            data={"step": "end_hearing"},
            next_deadline=None,
            next_rule=None,
        )


def agenda(screen: MeetingScreen) -> list[tuple[str, str]]:
    return [(i["number"], i["kind"]) for i in screen.query_one(AgendaTable).items]


async def test_a_lead_plans_a_meeting_and_builds_its_agenda(office: Office, tmp_path: Path) -> None:
    first, second = office.numbers[0], office.numbers[1]
    ready(office, first)
    ready(office, second)
    app = make_console(EmbeddedStaffClient(office.desk, office.ole, lang="en"), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewMeetingDialog)
        for field, value in (
            ("when", "2026-12-10 10:00"),
            ("place", "Rådhuset, lokale 3"),
            ("chair", "Birgitte Holm"),
            ("tenant_member", "Ole Sand"),
            ("landlord_member", "Sara Dahl"),
        ):
            dialog.query_one(f"#{field}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen), said(app)
        assert screen.meeting is not None and screen.meeting["place"] == "Rådhuset, lokale 3"
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ReadyPicker)
        await pilot.press("enter")  # the first ready case, as a case
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")  # the second, as an inspection
        await settle(pilot)
        assert agenda(screen) == [(first, "case"), (second, "inspection")]
        await pilot.press("ctrl+up")  # the cursor is on the item just added
        await settle(pilot)
        assert agenda(screen) == [(second, "inspection"), (first, "case")]
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == []
        assert all(i["summoned_at"] for i in screen.query_one(AgendaTable).items)
        target = tmp_path / "dagsorden.pdf"
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, Prompt)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_bytes().startswith(b"%PDF")
        app.save_screenshot(str(tmp_path / "meeting.svg"))
    with office.store.read() as tx:
        assert tx.casework(first).status == "on_agenda"


async def test_a_board_member_reads_the_meeting_but_cannot_change_it(office: Office) -> None:
    number = office.numbers[0]
    ready(office, number)
    made = office.desk.new_meeting(
        office.ole,
        "hln-101",
        starts_at="2026-12-10T10:00",
        place="Rådhuset",
        members=[
            {"seat": "chair", "name": "Birgitte Holm"},
            {"seat": "tenant_member", "name": "Ole Sand"},
            {"seat": "landlord_member", "name": "Sara Dahl"},
        ],
    )
    office.desk.add_agenda_item(office.ole, made["id"], number)
    board = staff(office.store, "Sara Dahl", "board_member")
    app = make_console(EmbeddedStaffClient(office.desk, board, lang="en"), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = app.screen
        assert isinstance(shown, MeetingScreen)
        screen: MeetingScreen = shown
        assert agenda(screen) == [(number, "case")]
        await pilot.press("x", "s", "a")
        await settle(pilot)
        assert app.screen is screen and agenda(screen) == [(number, "case")]
        await pilot.press("enter")  # the case on the agenda opens
        await settle(pilot)
        assert getattr(app.screen, "number", None) == number
