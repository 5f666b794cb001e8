"""The case screen: a document saved to a path, and only the steps the case allows now."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from console.factory import make_console
from console.screens.case import CaseScreen
from console.screens.prompt import Prompt
from tests.console.tui.conftest import Office
from tests.console.tui.test_triage import said, settle

pytestmark = pytest.mark.anyio


async def test_a_document_is_saved_where_the_caseworker_says(
    office: Office, tmp_path: Path
) -> None:
    number = office.numbers[0]
    target = tmp_path / "saved.pdf"
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *number, "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, Prompt)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app, "information") == [f"Saved to {target}."]
    assert target.read_bytes().startswith(b"%PDF")


async def test_a_submitted_case_offers_no_hearing_until_it_is_assigned(office: Office) -> None:
    number = office.numbers[1]
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *number, "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert screen.check_action("hearing", ()) is False
        await pilot.press("h")  # hidden, so nothing opens
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("a", "enter")  # assign to me
        await settle(pilot)
        assert screen.check_action("hearing", ()) is True
        assert said(app) == []


async def test_without_a_viewer_opening_a_document_says_to_save_it(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("console.screens.case.shutil.which", lambda name: None)
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert said(app, "warning") == [
            "No program to open documents is set up here. Save it with W instead."
        ]
