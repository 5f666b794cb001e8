"""A party's reply on the case screen's Messages pane: "From" the party, beside what staff
sent "To" them, said in words rather than colour."""

from __future__ import annotations

import pytest
from textual.widgets import Static, TabbedContent

from console.factory import make_console
from console.screens.case import CaseScreen
from tests.console.tui.conftest import Office
from tests.console.tui.test_triage import settle
from tests.samples import pdf

pytestmark = pytest.mark.anyio


async def test_a_reply_shows_in_the_messages_pane_as_from_the_party(office: Office) -> None:
    number = office.numbers[0]
    case = office.desk.assign(office.karen, number, "me")
    office.desk.start_hearing(office.karen, number, version=case["version"])
    office.desk.send_message(
        office.karen, number, to="all", subject="Meeting", body="The meeting is in January."
    )
    ref = office.store.blobs.put_chunks([pdf("Lejekontrakt")])
    with office.store.begin() as tx:
        work = tx.casework(number)
        landlord = next(p for p in work.parties if p["role"] == "counterparty")
        lease = tx.add_case_attachment(
            work.case_id,
            filename="lejekontrakt.pdf",
            size=ref.size,
            sha256=ref.sha256,
            media_type="application/pdf",
        )
        tx.add_party_reply(
            work.case_id,
            party_id=int(landlord["id"]),
            body="The increase follows the lease, section 4.",
            attachments=[lease.id],
            hearing_id=work.hearings[-1].id,
        )
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *number, "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        app.screen.query_one(TabbedContent).active = "pane-messages"
        await settle(pilot)
        shown = str(app.screen.query_one("#messages", Static).content)
    sent, reply = shown.index("To: all parties"), shown.index(f"From: {landlord['name']}")
    assert sent < reply
    assert "answers the hearing" in shown[reply:]
    assert "The increase follows the lease, section 4." in shown[reply:]
    assert "With: lejekontrakt.pdf" in shown[reply:]
