"""The anonymisation preview at 80x24: opened from a decided case with P, a replacement
reverted with Space and the published side following it, words added by hand everywhere they
stand, saved, and accepted, after which the case can be published; on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from console.clients.embedded import EmbeddedStaffClient
from console.factory import make_console
from console.screens.anonymisation import AnonymisationScreen, published_text, sides
from console.screens.case import CaseScreen
from console.screens.confirm import Confirm
from console.screens.replacement import ReplacementDialog
from console.widgets.replacement_table import ReplacementTable
from tests.console.decisions.helpers import RENT_BOX, put_on_agenda
from tests.console.tui.conftest import Office
from tests.console.tui.test_triage import said, settle

pytestmark = pytest.mark.anyio

FACTS = "Karen Jensen klagede. Naboen Grethe Jensen skrev også, og viceværten Bo så det."


def decide(office: Office, number: str) -> None:
    """A registered decision whose facts name the filer, a neighbour and a caretaker."""
    put_on_agenda(office.store, number)
    box = {**RENT_BOX, "decided_on": "2026-11-23", "facts_text": FACTS}
    saved = office.desk.save_decision(office.karen, number, box)
    office.desk.register_decision(office.ole, number, version=1, case_version=saved["case_version"])


def text_of(screen: AnonymisationScreen, side: str) -> str:
    return str(screen.query_one(f"#{side}", Static).render())


async def test_revert_add_save_and_accept(office: Office, tmp_path: Path) -> None:
    number = office.numbers[0]
    decide(office, number)
    client = EmbeddedStaffClient(office.desk, office.karen, lang="en")
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *number, "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AnonymisationScreen) and screen.preview is not None
        originals = [s["original"] for s in screen.spans]
        assert "Karen Jensen" in originals and "Grethe Jensen" in originals
        assert "Karen Jensen" not in screen.result and "Grethe Jensen" not in screen.result
        # Revert the neighbour: the published side shows her name, marked ✗ in the table.
        table = screen.query_one(ReplacementTable)
        table.move_cursor(row=originals.index("Grethe Jensen"))
        await settle(pilot)
        assert "⟦[person A]⟧" in text_of(screen, "published")
        await pilot.press("space")
        await settle(pilot)
        assert "⟦Grethe Jensen⟧" in text_of(screen, "published")
        assert str(table.get_row_at(table.cursor_row)[0]) == "✗"
        assert "Grethe Jensen" in screen.result
        # The recogniser found the caretaker's name; his title the caseworker adds by hand.
        assert "viceværten [person B] så det" in screen.result
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ReplacementDialog)
        app.screen.query_one("#words", Input).value = "viceværten"
        app.screen.query_one("#replacement", Input).value = "[en ansat]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "og [en ansat] [person B] så det" in screen.result
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert said(app) == []
        assert screen.preview["version"] == 1 and not screen.changed
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == []
        assert screen.preview["state"] == "accepted"
        app.save_screenshot(str(tmp_path / "anonymisation.svg"))
    preview = office.desk.anonymisation(office.ole, number)
    assert preview["state"] == "accepted" and "Grethe Jensen" in preview["result"]
    assert "og [en ansat] [person B] så det" in preview["result"]
    assert "Karen Jensen" not in preview["result"]
    steps = [s["step"] for s in office.desk.case(office.ole, number)["steps"]]
    assert "publish" in steps


async def test_a_case_without_a_decision_has_no_anonymise_key(office: Office) -> None:
    client = EmbeddedStaffClient(office.desk, office.karen, lang="en")
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)


def test_the_sides_mark_the_chosen_replacement() -> None:
    text = "Hans Hansen bor her. Hansens nabo klagede."
    spans = [
        {"start": 0, "end": 11, "replacement": "[lejer]", "kept": True},
        {"start": 21, "end": 28, "replacement": "[lejers]", "kept": True},
    ]
    assert published_text(text, spans) == "[lejer] bor her. [lejers] nabo klagede."
    written, published = sides(text, spans, 1)
    assert written == "Hans Hansen bor her. ⟦Hansens⟧ nabo klagede."
    assert published == "[lejer] bor her. ⟦[lejers]⟧ nabo klagede."
    spans[1]["kept"] = False
    assert sides(text, spans, 1)[1] == "[lejer] bor her. ⟦Hansens⟧ nabo klagede."
