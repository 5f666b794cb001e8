"""The filter dialog: a caseworker of two tribunals narrows the queue to one of them, or to one
case type, by choosing from lists."""

from __future__ import annotations

import pytest

from console.access import Staff, token_hash
from console.clients.embedded import EmbeddedStaffClient
from console.factory import make_console
from console.screens.filter import FilterDialog
from console.widgets.filter_bar import FilterBar
from tests.casestore.helpers import file_case
from tests.console.tui.conftest import Office
from tests.console.tui.test_triage import said, settle, table

pytestmark = pytest.mark.anyio


def two_tribunals(office: Office) -> tuple[EmbeddedStaffClient, str, str]:
    """A caseworker of København's and Frederiksberg's rent tribunals, a case of
    Frederiksberg's, and a rent-level case of København's; returns her client and the two."""
    with office.store.begin() as tx:
        row = tx.add_staff("Tove", "caseworker", ["hln-101", "hln-147"], token_hash("token-t"))
    tove = Staff(row.id, row.name, row.role, tuple(row.tribunals))
    away = file_case(office.store, 5, 147, counterparty="Frederiksberg Ejendomme")
    level = file_case(office.store, 6, 101, case_type="rent_level", filer="Eva Berg")
    return EmbeddedStaffClient(office.desk, tove, lang="en"), away, level


async def test_the_queue_is_filtered_by_tribunal(office: Office) -> None:
    client, away, _ = two_tribunals(office)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert table(app).row_count == len(office.numbers) + 2
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterDialog)
        await pilot.press(*["tab"] * 4, "enter", *"Frederiksberg", "enter", "ctrl+s")
        await settle(pilot)
        assert list(table(app).rows) == [away]
        bar = str(app.screen.query_one(FilterBar).query_one("#summary").render())
        assert "Tribunal: the rent tribunal (huslejenævnet) for Frederiksberg" in bar
        assert said(app) == []


async def test_the_queue_is_filtered_by_case_type(office: Office) -> None:
    client, _, level = two_tribunals(office)
    app = make_console(client, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press(*["tab"] * 3, "enter", *"too high", "enter", "ctrl+s")
        await settle(pilot)
        assert list(table(app).rows) == [level]
        await pilot.press("f")  # the dialog shows the filter as set, and housing narrows more
        await settle(pilot)
        await pilot.press(*["tab"] * 5, "enter", *"Social", "enter", "ctrl+s")
        await settle(pilot)
        assert table(app).row_count == 0
        assert said(app) == []
