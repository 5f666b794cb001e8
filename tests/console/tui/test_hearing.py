"""The hearing dialog: with two counterparties the caseworker chooses who is heard, and the
letter goes to that one; with one, the dialog says who it is."""

from __future__ import annotations

import pytest
from textual.widgets import Label, Select

from console.factory import make_console
from console.screens.case import CaseScreen
from console.screens.hearing import HearingDialog
from statemachine.flows.intake.filing import PartyData
from tests.console.tui.conftest import Office, file_case
from tests.console.tui.test_triage import said, settle

pytestmark = pytest.mark.anyio

OWNER = PartyData("counterparty", "Ejer Hansen", "person", None, "ejer@example.dk")
"""A second counterparty, reachable by e-mail only."""


async def test_the_chosen_counterparty_is_heard(office: Office) -> None:
    address = "Istedgade 3, 1650 København V"
    number = file_case(office.store, 5, "Eva Berg", "Udlejer Nord ApS", address, also=[OWNER])
    office.desk.assign(office.karen, number, "me")
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *number, "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HearingDialog)
        heard = app.screen.query_one("#party", Select)
        assert heard.selection is not None  # the first with an address: the company, by post
        first = app.screen.counterparties[0]
        assert heard.selection == first["id"]
        await pilot.press("enter", *"Ejer", "enter", "ctrl+s")
        await settle(pilot)
        assert said(app) == []
        assert isinstance(app.screen, CaseScreen) and app.screen.case is not None
        assert app.screen.case["status"] == "hearing"
        assert [h["party"] for h in app.screen.case["hearings"]] == ["Ejer Hansen"]
    with office.store.read() as tx:
        mail = [m for m in tx.outbox_list() if m.kind == "hearing"]
    assert [(m.recipient, m.recipient_name) for m in mail] == [("ejer@example.dk", "Ejer Hansen")]


async def test_with_one_counterparty_the_dialog_says_who_is_heard(office: Office) -> None:
    number = office.numbers[0]
    office.desk.assign(office.karen, number, "me")
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *number, "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HearingDialog)
        assert not app.screen.query("#party")
        lines = [str(label.render()) for label in app.screen.query(Label)]
        assert "The letter goes to Ejendomsselskabet Nord ApS." in lines
