"""Every page and state of the web chat against axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules,
with screenshots at 320 and 1280 px kept in var/test-artifacts/web: the start page in both
languages, each kind of question, an error, the review, the receipt, the save page and Mine
sager. Each also reflows at 320 px without sideways scrolling, has body text of at least 16 px,
and shows where the keyboard focus is."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.web.browser import Shown, axe, screenshots, scroll_width_at, shown
from tests.web.conftest import OpenTab
from tests.web.filer import Filer

KINDS = {
    "choice",
    "multi_choice",
    "confirm",
    "text",
    "long_text",
    "date",
    "number",
    "money",
    "email",
    "phone",
    "file",
    "none",
}
"""The question kinds of the intake flow; the filing walked must show each."""

MODES = {"chat": {}, "plain": {"block_js": True}}
"""The page as the chat (JavaScript on), and as a browser without JavaScript shows it."""

FOCUS = """(el) => {
    const style = getComputedStyle(el);
    return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
            background: style.backgroundColor, shadow: style.boxShadow};
}"""


def check(page: Page, name: str) -> None:
    """The checks every page and state must pass, and its screenshots."""
    axe(page)
    screenshots(page, name)
    width = scroll_width_at(page, 320)
    assert width <= 320, f"{name}: at 320 px the page is {width} px wide (sideways scrolling)"
    size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 16, f"{name}: body text is {size} px"


def focus_is_visible(page: Page, selector: str) -> dict[str, Any]:
    """Tab to the first element matching ``selector`` and compare its look with and without
    the focus; fail unless the focus shows."""
    target = page.locator(selector).first
    plain: dict[str, Any] = target.evaluate(FOCUS)
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError(f"Tab never reached {selector}")
    focused: dict[str, Any] = target.evaluate(FOCUS)
    assert focused["outline"] != "none" and focused["width"] > 0, focused
    # A transparent outline is for Windows' high-contrast mode; then the colours must change.
    assert focused != plain, (plain, focused)
    return focused


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("mode", MODES)
def test_the_start_page(open_tab: OpenTab, mode: str, lang: str) -> None:
    page = open_tab(axe=True, **MODES[mode]).page
    page.goto(f"/lang/{lang}?next=/")
    assert page.locator("html").get_attribute("lang") == lang
    check(page, f"start-{lang}-{mode}")
    focus_is_visible(page, "form[action='/start'] button")
    focus_is_visible(page, "#code")


@pytest.mark.parametrize("mode", MODES)
def test_every_question_kind_an_error_the_review_and_the_receipt(
    open_tab: OpenTab, mode: str
) -> None:
    page = open_tab(axe=True, **MODES[mode]).page
    filer = Filer(page)
    filer.start()
    checked: list[str] = []

    def look(page: Page, now: Shown) -> None:
        # Each kind of question once (the review's kind is "review").
        name = now.kind or now.state
        if name in checked:
            return
        checked.append(name)
        check(page, f"{mode}-{name}")
        if name == "review":
            focus_is_visible(page, "#go-on")

    # An error first: the address sent empty.
    filer.walk("ask_address", at=look)
    before = shown(page)
    page.locator("#value").fill("")
    page.locator("#answer button[value=answer]").click()
    for _ in range(100):
        if shown(page).errors:
            break
        page.wait_for_timeout(50)
    assert shown(page).errors and shown(page).version == before.version
    check(page, f"{mode}-error")
    filer.answer(shown(page))
    filer.walk("receipt", at=look)
    check(page, f"{mode}-receipt")
    assert KINDS | {"review"} <= set(checked), sorted(KINDS | {"review"} - set(checked))


def test_the_save_page(open_tab: OpenTab) -> None:
    page = open_tab(axe=True).page
    filer = Filer(page)
    filer.start()
    filer.walk("ask_housing")
    page.locator("#answer button[value=save]").click()
    page.wait_for_url("**/chat/saved")
    assert page.locator("#resume-code").count() == 1
    check(page, "saved")


def test_mine_sager_sign_in_and_a_case(open_tab: OpenTab) -> None:
    tab = open_tab(axe=True, block_js=True)
    page = tab.page
    response = page.goto("/mine")
    assert response is not None and response.status == 200, "Mine sager (/mine) is not served"
    check(page, "mine-signin")
    filer = Filer(page)
    filer.start()
    filer.walk("receipt")
    number = page.locator("#case-number").inner_text().strip()
    assert page.locator("#access-code").count(), "the receipt shows no access code for Mine sager"
    code = page.locator("#access-code").inner_text().strip()
    page.goto("/mine")
    page.locator("form[action='/mine/access'] #code").fill(code)
    page.locator("form[action='/mine/access'] button[type=submit]").click()
    page.wait_for_load_state()
    if f"/mine/cases/{number}" not in page.url:
        check(page, "mine-cases")
        page.locator(f"a[href='/mine/cases/{number}']").first.click()
        page.wait_for_url(f"**/mine/cases/{number}")
    check(page, "mine-case")
