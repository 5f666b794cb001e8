"""Whole filings in Chromium, uploads included: with JavaScript (the chat), with JavaScript off
(plain forms), and with the keyboard alone; each case is then looked up in the store."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from casestore import Store
from tests.web.browser import Shown
from tests.web.conftest import OpenTab, Tab
from tests.web.filer import Filer

MODES = ["javascript", "no-javascript", "keyboard"]


def file_a_case(open_tab: OpenTab, store: Store, mode: str, lang: str) -> tuple[Filer, Tab]:
    """File a whole case in ``mode``; check the receipt and the case the store holds."""
    tab = open_tab(js=mode != "no-javascript")
    filer = Filer(tab.page, lang=lang, keyboard=mode == "keyboard")
    filer.start()
    enhanced: list[bool] = []

    def look(page: Page, now: Shown) -> None:
        if now.kind:
            enhanced.append("js" in (page.locator("body").get_attribute("class") or "").split())

    filer.walk("receipt", at=look)
    page = tab.page
    assert page.url.endswith("/receipt")
    number = page.locator("#case-number").inner_text().strip()
    with store.read() as tx:
        case = tx.get_case(number)
    assert case.lang == lang
    assert case.answers["ask_address"] == "Vestergade 1"
    assert case.answers["ask_email"] == "anna@example.com"
    # Every document question got its own upload, and the case holds each of them.
    kinds = [turn.kind for turn in filer.seen]
    assert kinds.count("file") == len(filer.uploaded) >= 1
    held = sorted((a["filename"], a["sha256"]) for a in case.attachments)
    assert held == sorted(filer.uploaded)
    assert tab.errors == [], tab.errors
    # With JavaScript every question page is the chat; without it none is.
    assert set(enhanced) == {mode != "no-javascript"}
    return filer, tab


def chat_loads(tab: Tab) -> int:
    """How many times the browser loaded the chat page as a new document."""
    return sum(1 for url in tab.loads if url.split("?")[0].endswith("/chat"))


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_whole_filing_with_javascript_is_a_chat(
    open_tab: OpenTab, store: Store, lang: str
) -> None:
    filer, tab = file_a_case(open_tab, store, "javascript", lang)
    # The chat loaded once, after "Start"; every answer after that came back in place.
    assert chat_loads(tab) == 1, tab.loads
    assert len(filer.seen) > 30


def test_a_whole_filing_without_javascript(open_tab: OpenTab, store: Store) -> None:
    filer, tab = file_a_case(open_tab, store, "no-javascript", "en")
    # Each answer was a posted form and a new page (POST, redirect, GET).
    assert chat_loads(tab) == len(filer.seen)


def test_a_whole_filing_with_the_keyboard_alone(open_tab: OpenTab, store: Store) -> None:
    filer, tab = file_a_case(open_tab, store, "keyboard", "en")
    used = set(filer.keys)
    # Tab and Shift-Tab to move, Space for boxes, buttons and the file chooser, Enter to send,
    # the arrows within a group of options; nothing was clicked or filled in.
    assert {"Tab", "Shift+Tab", "Enter", "Space", "ArrowDown"} <= used, used
    assert chat_loads(tab) == 1, tab.loads
