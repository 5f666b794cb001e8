"""The queue: a window of rows paged by keyset, marks and bulk assignment, my deadlines,
the command palette, and refusals shown as notifications."""

from __future__ import annotations

import pytest

from console.app import NaevnConsole
from console.factory import make_console
from console.screens.case import CaseScreen
from console.screens.filter import FilterDialog
from console.widgets.case_table import MAX_PAGES
from console.widgets.status_line import StatusLine
from tests.console.tui.conftest import Office
from tests.console.tui.fake import FakeClient
from tests.console.tui.test_triage import said, settle, table

pytestmark = pytest.mark.anyio


def at_cursor(app: NaevnConsole) -> str | None:
    """The number of the case under the queue's cursor."""
    row = table(app).current
    return row["number"] if row else None


async def test_every_case_is_reachable_yet_the_table_holds_a_window_of_a_few_hundred() -> None:
    client = FakeClient(count=1000)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        held = [table(app).rows_held]
        for _ in range(12):  # to the end: each Ctrl+End reaches the window's edge and asks for more
            await pilot.press("ctrl+end")
            await settle(pilot)
            held.append(table(app).rows_held)
        assert at_cursor(app) == "101-1999"
        for _ in range(12):
            await pilot.press("ctrl+home")
            await settle(pilot)
            held.append(table(app).rows_held)
        assert at_cursor(app) == "101-1000"
    assert max(held) <= MAX_PAGES * 100
    assert all(call.get("limit") == 100 for call in client.calls)


async def test_a_refusal_is_a_notification_and_the_console_goes_on() -> None:
    refusal = "Case 101-1000 was changed by someone else; open it again."
    app = make_console(FakeClient(count=3, refuse=refusal), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")  # assign to me
        await settle(pilot)
        assert said(app) == [refusal]
        await pilot.press("down")
        await settle(pilot)
        assert at_cursor(app) == "101-1001"


async def test_marked_cases_are_assigned_together(office: Office) -> None:
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("space", "space")  # marks the first two, moving down
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("enter")  # me
        await settle(pilot)
        assert "Assigned 2 cases." in said(app, "information")
        marked_first = [row["number"] for row in table(app).pages[0].rows[:2]]
    with office.store.read() as tx:
        assignees = {n: tx.casework(n).assignee_id for n in office.numbers}
    assert sorted(n for n, who in assignees.items() if who == office.karen.id) == sorted(
        marked_first
    )


async def test_my_deadlines_shows_only_my_cases(office: Office) -> None:
    mine = office.numbers[3]
    office.desk.assign(office.karen, mine, "me")
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert list(table(app).rows) == [mine]
        assert "My deadlines" in str(app.screen.query_one(StatusLine).render())
        await pilot.press("m")
        await settle(pilot)
        assert table(app).row_count == len(office.numbers)


async def test_the_command_palette_reaches_the_screens_actions(office: Office) -> None:
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"filter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FilterDialog)


async def test_a_dismissal_asks_for_its_reason(office: Office) -> None:
    number = office.numbers[0]
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *number, "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen) and app.screen.case is not None
        labels = [step["label"] for step in app.screen.case["steps"]]
        await pilot.press("x")
        await settle(pilot)
        await pilot.press(*["down"] * labels.index("Dismiss the case"), "enter")
        await settle(pilot)
        await pilot.press("enter")  # the first reason: the fee was not paid
        await pilot.press(*"No fee after two reminders.", "enter")
        await settle(pilot)
        assert said(app) == []
    with office.store.read() as tx:
        work = tx.casework(number)
    assert work.status == "dismissed"
    steps = [e for e in work.events if e["kind"] == "case.step"]
    assert steps[-1]["data"]["reason"] == "fee_not_paid"


async def test_a_saved_filter_comes_back(office: Office) -> None:
    number = office.numbers[1]
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Mads", "enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press(*"Mads", "enter")
        await settle(pilot)
        assert "Saved the filter 'Mads'." in said(app, "information")
        await pilot.press("slash", *["backspace"] * 4, "enter")  # no search: all cases
        await settle(pilot)
        assert table(app).row_count == len(office.numbers)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert list(table(app).rows) == [number]
        assert said(app) == []
