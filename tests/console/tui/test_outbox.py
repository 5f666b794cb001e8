"""The dead letters: a lead finds one and sends it again; a caseworker is told they are a
lead's."""

from __future__ import annotations

from datetime import timedelta

import pytest

from casestore import OutboxMail
from console.clients.embedded import EmbeddedStaffClient
from console.factory import make_console
from console.screens.confirm import Confirm
from console.screens.outbox import OutboxScreen
from console.screens.queue import QueueScreen
from console.widgets.mail_table import MailTable
from tests.console.tui.conftest import Office
from tests.console.tui.test_triage import said, settle

pytestmark = pytest.mark.anyio


def dead_letter(office: Office, number: str) -> int:
    """A letter about case ``number`` that the outbox gave up on; returns its id."""
    with office.store.begin() as tx:
        case_id = tx.case_scope(number)[0]
        tx.queue_mail(
            OutboxMail("message", "nobody@example.invalid", "Lone Lejer", "Your case", "Hi."),
            case_id=case_id,
        )
    with office.store.begin() as tx:
        (claimed,) = tx.claim_outbox("test", limit=1, lease=timedelta(minutes=1))
        tx.outbox_failed(claimed.id, "test", "550 mailbox unavailable", None)
    return claimed.id


async def test_a_lead_sends_a_dead_letter_again(office: Office) -> None:
    number = office.numbers[1]
    mail_id = dead_letter(office, number)
    lead = EmbeddedStaffClient(office.desk, office.ole, lang="en")
    app = make_console(lead, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"undelivered")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)
        shown = app.screen.query_one(MailTable)
        assert [str(cell) for cell in shown.get_row_at(0)][:4] == [
            "Lone Lejer",
            "Your case",
            number,
            "1",
        ]
        assert "550 mailbox unavailable" in str(app.screen.query_one("#letter").render())

        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")
        await settle(pilot)
        assert said(app) == []
        assert "The letter to Lone Lejer is queued to be sent again." in said(app, "information")
        assert isinstance(app.screen, OutboxScreen)
        assert app.screen.query_one(MailTable).row_count == 0
    with office.store.read() as tx:
        letter = tx.outbox_mail(mail_id)
    assert (letter.state, letter.attempts) == ("pending", 0)


async def test_escape_on_the_question_sends_nothing(office: Office) -> None:
    mail_id = dead_letter(office, office.numbers[0])
    app = make_console(EmbeddedStaffClient(office.desk, office.ole, lang="en"), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("enter")  # Enter on a letter asks too
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OutboxScreen)
    with office.store.read() as tx:
        assert tx.outbox_mail(mail_id).state == "dead"


async def test_a_caseworker_is_told_the_dead_letters_are_for_leads(office: Office) -> None:
    dead_letter(office, office.numbers[0])
    app = make_console(office.client(), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert said(app, "warning") == [
            "Only leads and admins see the mail that could not be delivered."
        ]
        assert said(app) == []
