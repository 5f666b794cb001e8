"""A filer's unsent draft in a real browser: begun in one browser, found in Mine sager in
another by the address given in it, and continued there with the keyboard alone, where it
stood. The drafts table passes axe and reflows at 320 px."""

from __future__ import annotations

import re

from casestore import Store
from tests.web.browser import axe, screenshots, scroll_width_at, shown
from tests.web.conftest import OpenTab
from tests.web.filer import Filer

EMAIL = "drafts-in-mine@example.com"
"""The address the browser filer gives: its own, so no other test's drafts share it."""


def test_a_draft_begun_in_one_browser_is_continued_from_mine_sager_in_another(
    open_tab: OpenTab, store: Store
) -> None:
    first = open_tab(js=False).page
    filer = Filer(first, typed={"ask_email": EMAIL})
    filer.start()
    filer.walk("ask_phone")

    page = open_tab(js=True, axe=True).page
    page.goto("/lang/en?next=/mine")
    page.locator("#email").fill(EMAIL)
    page.locator("form[action='/mine/email'] button[type=submit]").click()
    page.wait_for_load_state()
    with store.read() as tx:
        mail = max((m for m in tx.outbox_list() if m.recipient == EMAIL), key=lambda m: m.id)
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}", mail.body)
    assert code is not None, mail.body
    page.locator("#code").fill(code.group(0))
    page.locator("form[action='/mine/code'] button[type=submit]").click()
    page.wait_for_url("**/mine")

    drafts = page.get_by_role("list", name="Drafts you have not sent")
    (row,) = drafts.get_by_role("listitem").all()
    assert "Last saved" in row.inner_text() and "Kept until" in row.inner_text()
    axe(page)
    screenshots(page, "mine-drafts")
    assert scroll_width_at(page, 320) <= 320, "no sideways scrolling at 320 px"

    button = row.get_by_role("button", name=re.compile(r"^Continue the draft last saved"))
    for _ in range(40):
        if button.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the Continue button is not reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/chat")
    assert shown(page).state == "ask_phone", "it goes on where it stood"

    # The first browser no longer holds it, and says so instead of failing.
    first.goto("/chat")
    assert "resume code" in first.locator("main").inner_text()
