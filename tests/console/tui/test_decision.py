"""The decision screen at 80x24: open it from the case with D, fill in the box, save the draft,
see what still stops it, register it as a lead, save the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, SelectionList, Static

from console.clients.embedded import EmbeddedStaffClient
from console.factory import make_console
from console.screens.case import CaseScreen
from console.screens.confirm import Confirm
from console.screens.decision import DecisionScreen
from console.screens.prompt import Prompt
from console.widgets.check_list import CheckList
from tests.console.decisions.helpers import pdf_text, put_on_agenda
from tests.console.tui.conftest import Office
from tests.console.tui.test_triage import said, settle

pytestmark = pytest.mark.anyio


async def _open(pilot: object, app: object, number: str) -> DecisionScreen:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("slash", *number, "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, CaseScreen)  # type: ignore[attr-defined]
    await pilot.press("d")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, DecisionScreen)
    return screen


async def test_fill_save_register_and_save_the_pdf(office: Office, tmp_path: Path) -> None:
    number = office.numbers[0]
    put_on_agenda(office.store, number)
    client = EmbeddedStaffClient(office.desk, office.ole, lang="en")
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, app, number)
        problems = str(screen.query_one("#problems", Static).render())
        assert "! The decision date must be filled in." in problems
        screen.query_one("#outcome", Select).value = "IN_FAVOUR"
        screen.query_one("#in_favour", Select).value = "TENANT"
        screen.query_one("#decided_on", Input).value = "2026-11-30"
        screen.query_one("#statutes", SelectionList).select("lejeloven:6:42")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert said(app) == []
        assert screen.decision is not None and screen.decision["draft"] is not None
        problems = str(screen.query_one("#problems", Static).render())
        # a decision on a rent increase sets a rent: the rent fields are still missing
        assert "! This decision sets a rent, so Rent must be filled in." in problems
        screen.query_one("#rent_method", Select).value = "BASED_ON_EXPENSES"
        screen.query_one("#rent_category", Select).value = "MONTHLY_RENT"
        screen.query_one("#rent_declaration", Select).value = "TENANCY_SPECIFIC_RENT"
        screen.query_one("#rent_amount", Input).value = "7100"
        screen.query_one("#rent_area", Input).value = "52"
        screen.query_one("#rent_from", Input).value = "2026-12-01"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == []
        assert screen.decision is not None and screen.decision["status"] == "decided"
        assert "✓ Ready to register." in str(screen.query_one("#problems", Static).render())
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, Prompt)
        target = tmp_path / "afgoerelse.pdf"
        answer = app.screen.query_one("#answer", Input)
        answer.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
    text = pdf_text(target.read_bytes())
    assert "7.100,00 kr." in text or "7.100 kr." in text
    assert "KLAGEVEJLEDNING" in text


async def test_a_caseworker_saves_but_does_not_register(office: Office) -> None:
    number = office.numbers[1]
    put_on_agenda(office.store, number)
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, app, number)
        assert screen.check_action("register", ()) is False
        assert screen.check_action("save", ()) is True


async def test_the_box_is_seen_without_colour(office: Office) -> None:
    """On the high-contrast theme an empty date field stands out from the black screen, a
    rent choice not yet made says so in Danish, and a ticked subject differs from an unticked
    one by its mark, not only by its colour."""
    number = office.numbers[2]
    put_on_agenda(office.store, number)
    app = make_console(EmbeddedStaffClient(office.desk, office.ole, lang="da"), lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, app, number)
        field = screen.query_one("#decided_on", Input)
        assert field.value == ""
        assert field.styles.background != screen.styles.background
        method = screen.query_one("#rent_method", Select)
        assert "Ikke valgt" in str(method.query_one("SelectCurrent Static").render())
        subjects = screen.query_one("#subjects", CheckList)
        subjects.deselect_all()
        subjects.select(subjects.get_option_at_index(1).value)
        await settle(pilot)
        marks = [subjects.render_line(row).text[:4] for row in range(3)]
        assert "✓" in marks[1]
        assert "✓" not in marks[0] and "✓" not in marks[2]
        assert all("X" not in mark for mark in marks)


async def test_a_pdf_saved_where_it_cannot_be_says_why(office: Office, tmp_path: Path) -> None:
    """A path in a folder that does not exist: the caseworker is told the path and the reason,
    nothing is written, and the screen stays open to try again."""
    number = office.numbers[3]
    put_on_agenda(office.store, number)
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, app, number)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, Prompt)
        answer = app.screen.query_one("#answer", Input)
        assert answer.value.endswith(f"afgoerelse-{number}.pdf")  # offered in the working folder
        target = tmp_path / "no such folder" / "afgoerelse.pdf"
        answer.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == [f"Could not save to {target}: No such file or directory"]
        shown: object = app.screen  # the prompt has gone
        assert shown is screen
        assert not target.parent.exists()
