"""A draft goes on across channels: saved in the browser, continued in the terminal chat
(``naevn chat --server``), then continued in the browser again from where the terminal left it.
"""

from __future__ import annotations

import io
import time

import httpx

from assistant.chat.remote import HttpChannel
from assistant.chat.terminal import PlainChat
from assistant.protocol import RESUME_QUIET_SECONDS
from tests.web.conftest import OpenTab
from tests.web.filer import Filer


def test_a_web_draft_goes_on_in_the_terminal_and_back(open_tab: OpenTab, base_url: str) -> None:
    page = open_tab(js=True).page
    filer = Filer(page)
    filer.start()
    filer.walk("ask_role")
    page.locator("#answer button[value=save]").click()
    page.wait_for_url("**/chat/saved")
    code = page.locator("#resume-code").inner_text().strip()

    # The terminal chat resumes the code, answers the role question ("1": a tenant), and,
    # at the end of its input, saves the draft again.
    out = io.StringIO()
    with httpx.Client(timeout=30) as client:
        channel = HttpChannel(base_url, client, lang="en")
        chat = PlainChat(channel, io.StringIO("1\n"), out, echo=False, server=base_url)
        assert chat.run("en", code) == 0
    said = out.getvalue()
    assert "Who are you in this case?" in said, said
    assert "\x1b" not in said  # plain text when piped

    # Back in a browser (a new one: the terminal's resume took the draft's sign-in), the same
    # code opens the question after the role: the terminal's answer holds.
    time.sleep(RESUME_QUIET_SECONDS + 0.5)  # a resume right after another is refused
    again = open_tab(js=False).page
    again.goto("/lang/en?next=/")
    again.goto("/")
    again.locator("#code").fill(code)
    again.locator("form[action='/resume'] button[type=submit]").click()
    again.wait_for_url("**/chat")
    state = again.locator("#turn").get_attribute("data-state")
    assert state not in (None, "ask_language", "ask_consent", "ask_role"), state
    again.get_by_role("button", name="Back", exact=True).click()
    again.wait_for_url("**/chat")
    assert again.locator("#turn").get_attribute("data-state") == "ask_role"
    assert again.locator("input[name=value][value=tenant]").is_checked()
