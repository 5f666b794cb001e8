"""The board's meetings at 80x24. On the fake: the list, the agenda built, reordered and
trimmed, the summons refused under 7 days ahead, the agenda PDF, and a board member and a
caseworker who read but are told why they cannot change anything. On a real store: a lead
plans a meeting from the queue (G, then N), puts ready cases on its agenda (one as an
inspection), moves one up, sends the summons and saves the agenda PDF; the desk's own
refusals reach the screen. Screenshots go to var/test-artifacts/console."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from console.app import NaevnConsole
from console.clients.embedded import EmbeddedStaffClient
from console.factory import make_console
from console.screens.confirm import Confirm
from console.screens.meeting import MeetingScreen
from console.screens.meetings import MeetingsScreen
from console.screens.new_meeting import NewMeetingDialog
from console.screens.prompt import Prompt
from console.screens.ready_picker import ReadyPicker
from console.widgets.agenda_table import AgendaTable
from console.widgets.meeting_table import MeetingTable
from tests.console.tui.conftest import Office, staff
from tests.console.tui.fake_meetings import MeetingFake
from tests.console.tui.test_triage import said, settle

pytestmark = pytest.mark.anyio

ARTIFACTS: Final = Path(__file__).resolve().parents[3] / "var" / "test-artifacts" / "console"
"""Where the screenshots go; kept after the run (``var/`` is not in git)."""
MEMBERS: Final = [
    {"seat": "chair", "name": "Birgitte Holm"},
    {"seat": "tenant_member", "name": "Ole Sand"},
    {"seat": "landlord_member", "name": "Sara Dahl"},
]


def shot(app: NaevnConsole, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    app.save_screenshot(name, path=str(ARTIFACTS))


def top(app: NaevnConsole) -> object:
    """The screen on top (not narrowed by an earlier check of ``app.screen``)."""
    return app.screen


def footer(app: NaevnConsole) -> list[str]:
    """The footer's labels on the current screen."""
    return [k.description for k in app.screen.query(FooterKey)]


def text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def opened(app: NaevnConsole, pilot: object) -> MeetingScreen:
    """From the queue: G, then Enter on the first meeting."""
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("g")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, MeetingsScreen)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, MeetingScreen), said(app)
    return screen


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


# --- on the fake ------------------------------------------------------------------------------


def rows(table: AgendaTable | MeetingTable) -> list[list[str]]:
    """The table's cells as shown."""
    return [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]


async def test_the_list_shows_the_meetings_and_opens_one() -> None:
    client = MeetingFake()
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        assert rows(app.screen.query_one(MeetingTable)) == [
            ["2026-12-10 10:00", "Huslejenævnet i København", "Rådhuset, lokale 3", "0", "–"]
        ]
        assert "Plan a meeting" in footer(app)
        assert text(app.screen, "#detail") == (
            "Huslejenævnet i København · Rådhuset, lokale 3 · 0 items on the agenda"
        )
        shot(app, "meetings.svg")
        await pilot.press("enter")
        await settle(pilot)
        screen = top(app)
        assert isinstance(screen, MeetingScreen)
        assert "Meeting 2026-12-10 10:00 · Rådhuset, lokale 3" in text(screen, "#status")
        members = text(screen, "#members")
        assert "Huslejenævnet i København" in members
        assert "Chair: Birgitte Holm" in members and "Landlords' member: Sara Dahl" in members
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen)


async def test_a_refused_plan_comes_back_filled_in_to_be_corrected() -> None:
    app = make_console(MeetingFake(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = top(app)
        assert isinstance(dialog, NewMeetingDialog)
        for field, value in (
            ("when", "10-12-2026 kl. 10"),
            ("place", "Rådhuset"),
            ("chair", "Birgitte Holm"),
            ("tenant_member", "Ole Sand"),
            ("landlord_member", "Sara Dahl"),
        ):
            dialog.query_one(f"#{field}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert said(app) == ["starts_at must be a date and time such as 2026-12-15T09:30."]
        again = top(app)
        assert isinstance(again, NewMeetingDialog) and again is not dialog
        assert again.query_one("#landlord_member", Input).value == "Sara Dahl"
        assert again.query_one("#when", Input).value == "10-12-2026 kl. 10"
        shot(app, "meeting-new-refused.svg")
        again.query_one("#when", Input).value = "2026-12-17 09:30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = top(app)
        assert isinstance(screen, MeetingScreen)
        assert text(screen, "#status").startswith("Meeting 2026-12-17 09:30 · Rådhuset")


async def test_a_lead_builds_reorders_and_trims_the_agenda() -> None:
    app = make_console(MeetingFake(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("a")
        await settle(pilot)
        picker = top(app)
        assert isinstance(picker, ReadyPicker)
        assert [c["number"] for c in picker.cases] == [
            "101-1000",
            "101-1001",
            "101-1002",
            "101-1003",
        ]
        shot(app, "meeting-picker.svg")
        await pilot.press("enter")  # 101-1000 as a case
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("down", "enter")  # 101-1001 as an inspection of the home
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("enter")  # 101-1002 as a case
        await settle(pilot)
        table = screen.query_one(AgendaTable)
        assert [r[:3] for r in rows(table)] == [
            ["1", "101-1000", "Case"],
            ["2", "101-1001", "Inspection 10:00"],
            ["3", "101-1002", "Case"],
        ]
        assert table.cursor_row == 2  # on the item just added
        await pilot.press("up")
        await settle(pilot)
        assert text(screen, "#detail") == (
            "101-1001 · Lejer 1 / Boligselskabet Nord · Rent increase · On an agenda\n"
            "Inspection on 2026-12-10 10:00 at Nørregade 1, 1165 København K"
        )
        await pilot.press("down")
        await settle(pilot)
        await pilot.press("ctrl+up")
        await settle(pilot)
        assert [r[1] for r in rows(table)] == ["101-1000", "101-1002", "101-1001"]
        assert table.cursor_row == 1  # the cursor goes with the item
        await pilot.press("minus")  # the same, where the terminal keeps Ctrl+Up to itself
        await settle(pilot)
        assert [r[1] for r in rows(table)] == ["101-1002", "101-1000", "101-1001"]
        await pilot.press("ctrl+down", "plus")
        await settle(pilot)
        assert [r[1] for r in rows(table)] == ["101-1000", "101-1001", "101-1002"]
        shot(app, "meeting.svg")
        await pilot.press("x")
        await settle(pilot)
        confirm = top(app)
        assert isinstance(confirm, Confirm)
        assert confirm.question == "Take case 101-1002 off the agenda?"
        await pilot.press("escape")  # no: it stays
        await settle(pilot)
        assert len(table.items) == 3
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert [r[:2] for r in rows(table)] == [["1", "101-1000"], ["2", "101-1001"]]
        assert said(app) == []
        await pilot.press("escape")
        await settle(pilot)
        assert rows(app.screen.query_one(MeetingTable))[0][3:] == ["2", "–"]


async def test_summons_under_seven_days_ahead_is_refused_in_the_services_words() -> None:
    client = MeetingFake(starts_at="2026-11-26T10:00")
    await client.add_agenda_item(1, "101-1000")
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(top(app), Confirm)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == [
            "The summons must reach the parties at least 7 days before the meeting or the "
            "inspection (on 26 November 2026). Move the meeting, or the inspection, later."
        ]
        shot(app, "meeting-summons-refused.svg")
        assert rows(screen.query_one(AgendaTable))[0][-1] == "–"


async def test_the_summons_go_out_and_the_agenda_pdf_is_saved(tmp_path: Path) -> None:
    client = MeetingFake()
    await client.add_agenda_item(1, "101-1000")
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert said(app) == [] and said(app, "information") == ["2 summons queued to be sent."]
        assert rows(screen.query_one(AgendaTable))[0][-1] == "✓"
        target = tmp_path / "agenda.pdf"
        await pilot.press("p")
        await settle(pilot)
        prompt = top(app)
        assert isinstance(prompt, Prompt)
        assert prompt.query_one(Input).value.endswith("dagsorden-1.pdf")
        prompt.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_bytes().startswith(b"%PDF")
        assert said(app, "information")[-1] == f"Saved to {target}."


@pytest.mark.parametrize(
    ("role", "label"), [("board_member", "Board member"), ("caseworker", "Caseworker")]
)
async def test_a_reader_sees_no_lead_keys_and_is_told_why_when_pressing_one(
    role: str, label: str
) -> None:
    client = MeetingFake(role)
    client.role = "lead"
    await client.add_agenda_item(1, "101-1000")
    await client.add_agenda_item(1, "101-1001")
    client.role = role
    refusal = f"Your role ({label}) may not do this."
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert "Plan a meeting" not in footer(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MeetingsScreen) and said(app) == [refusal]
        await pilot.press("enter")
        await settle(pilot)
        screen = top(app)
        assert isinstance(screen, MeetingScreen)
        assert text(screen, "#status").endswith("· read only")
        shown = footer(app)
        assert "PDF" in shown
        assert not {"Add case", "Move up", "Take off", "Summons"} & set(shown)
        before = rows(screen.query_one(AgendaTable))
        for key in ("a", "ctrl+down", "plus", "x", "s"):
            await pilot.press(key)
            await settle(pilot)
            assert top(app) is screen  # no picker, no question
            if key == "a":
                shot(app, f"meeting-{role}.svg")
        assert said(app) == [refusal] * 6
        assert rows(screen.query_one(AgendaTable)) == before


# --- the desk's own refusals, on a real store -------------------------------------------------


async def test_the_desk_refuses_a_summons_too_close_and_a_board_members_change(
    office: Office,
) -> None:
    number = office.numbers[0]
    ready(office, number)
    made = office.desk.new_meeting(
        office.ole, "hln-101", starts_at="2026-11-27T10:00", place="Rådhuset", members=MEMBERS
    )
    office.desk.add_agenda_item(office.ole, made["id"], number)
    app = make_console(EmbeddedStaffClient(office.desk, office.ole, lang="en"), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert said(app) == [
            "The summons must reach the parties at least 7 days before the meeting or the "
            "inspection (on 27 November 2026). Move the meeting, or the inspection, later."
        ]
        assert not screen.query_one(AgendaTable).items[0]["summoned_at"]
    board = staff(office.store, "Sara Dahl", "board_member")
    app = make_console(EmbeddedStaffClient(office.desk, board, lang="en"), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("x")
        await settle(pilot)
        assert said(app) == ["Your role (Board member) may not do this."]
        assert [i["number"] for i in screen.query_one(AgendaTable).items] == [number]


async def test_the_agenda_in_danish_fits_80_columns(office: Office) -> None:
    first, second = office.numbers[0], office.numbers[1]
    ready(office, first)
    ready(office, second)
    made = office.desk.new_meeting(
        office.ole, "hln-101", starts_at="2026-12-10T10:00", place="Rådhuset", members=MEMBERS
    )
    office.desk.add_agenda_item(office.ole, made["id"], first)
    office.desk.add_agenda_item(
        office.ole, made["id"], second, kind="inspection", inspection_at="2026-12-10T09:00"
    )
    app = make_console(EmbeddedStaffClient(office.desk, office.ole, lang="da"), lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        table = screen.query_one(AgendaTable)
        assert [r[:3] for r in rows(table)] == [
            ["1", first, "Sag"],
            ["2", second, "Besigtigelse 09:00"],
        ]
        assert table.virtual_size.width <= 80
        await pilot.press("down")
        await settle(pilot)
        detail = text(screen, "#detail").splitlines()
        parties = screen.query_one(AgendaTable).items[1]["parties"]
        assert " / " in parties and parties in detail[0]  # whole, not cut off
        assert detail[-1].endswith("Besigtigelse den 2026-12-10 09:00")
        shot(app, "meeting-da.svg")
        await pilot.press("escape")
        await settle(pilot)
        meetings = app.screen.query_one(MeetingTable)
        assert meetings.virtual_size.width <= 80
        assert "2 punkter på dagsordenen" in text(app.screen, "#detail")
        shot(app, "meetings-da.svg")
