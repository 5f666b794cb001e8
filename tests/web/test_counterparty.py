"""The counterparty's side in a real browser: a hearing letter's code opens the case's material
on Mine sager, the counterparty replies with a file, and staff see the reply in the console's
client, with the file, as an answer to the hearing."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from casestore import Store
from console.clients.embedded import EmbeddedStaffClient
from console.desk import Desk
from naevn.commands.staff import token_hash
from tests.web.browser import axe, expires_in
from tests.web.conftest import TODAY, OpenTab
from tests.web.filer import Filer

CODE = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b")
"""An access code as the letters print it."""


def test_a_counterparty_replies_from_the_hearing_code_and_staff_see_it(
    open_tab: OpenTab, store: Store, tmp_path: Path
) -> None:
    filing = open_tab(js=False).page
    filer = Filer(filing)
    filer.start()
    filer.walk("receipt")
    number = filing.locator("#case-number").inner_text().strip()

    # A caseworker of the case's tribunal takes it and starts the hearing.
    with store.read() as tx:
        tribunal = tx.casework(number).tribunal
    with store.begin() as tx:
        tx.add_staff("Test Caseworker", "caseworker", [tribunal], token_hash("w-test-token"))
    desk = Desk(store, lambda: TODAY)
    staff = desk.sign_in("w-test-token")
    assigned = desk.assign(staff, number, "me", lang="en")
    heard = desk.start_hearing(staff, number, version=assigned["version"], lang="en")
    assert heard["status"] == "hearing"
    with store.read() as tx:
        letter = next(m for m in tx.outbox_list() if m.kind == "hearing")
    found = CODE.search(letter.body)
    assert found, letter.body
    code = found.group(0)

    # The counterparty signs in with the letter's code, reads, and replies with a file.
    page = open_tab(js=True, axe=True).page
    page.goto("/lang/en?next=/mine")
    page.goto("/mine")
    page.locator("form[action='/mine/access'] #code").fill(code.lower())
    page.locator("form[action='/mine/access'] button[type=submit]").click()
    page.wait_for_url(f"**/mine/cases/{number}")
    assert number in page.locator("h1").inner_text()
    answer = tmp_path / "comments.pdf"
    answer.write_bytes(_pdf())
    page.locator("#body").fill("We disagree: the rent was agreed in writing.")
    page.locator("#file").set_input_files(str(answer))
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_load_state()
    assert "We disagree: the rent was agreed in writing." in page.content()

    # Before the sign-in ends, a dialog warns and offers to stay signed in.
    expires_in(page, 90)
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for()
    assert "Mine sager" in dialog.locator("h2").inner_text()
    assert dialog.locator("[data-save]").count() == 0  # a reply is not saved unsent
    axe(page)
    with page.expect_response("**/mine/stay") as stayed:
        page.keyboard.press("Enter")  # focus is on "Stay signed in"
    assert stayed.value.status == 204
    page.wait_for_selector("dialog", state="detached")
    ends = datetime.fromisoformat(stayed.value.headers["x-expires"])
    told = ends.astimezone(ZoneInfo("Europe/Copenhagen")).strftime("%H:%M")
    assert told in page.locator("#timeout").inner_text()

    # Staff see it through the console's own client: from the counterparty, with its file,
    # answering the hearing.
    client = EmbeddedStaffClient(desk, staff, lang="en")
    # (In a thread of its own: Playwright's sync API holds this thread's event loop.)
    with ThreadPoolExecutor(1) as thread:
        case = thread.submit(asyncio.run, client.case(number)).result()
    replies = [m for m in case["messages"] if m["direction"] == "in"]
    assert len(replies) == 1
    reply = replies[0]
    assert reply["body"] == "We disagree: the rent was agreed in writing."
    assert reply["party"] is not None and reply["party"]["role"] == "counterparty"
    assert reply["hearing"] is not None and not reply["late"]
    assert len(reply["attachments"]) == 1
    names = {d["filename"] for d in case["attachments"]}
    assert "comments.pdf" in names, names


def _pdf() -> bytes:
    from tests.samples import pdf

    return pdf("the counterparty's comments")
