"""The public registers in Chromium: every page passes axe (WCAG 2.x A and AA), reflows at
320 px, and the filters and the pager work with the keyboard alone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page

from casestore import Store
from tests.casestore.test_registers import ALMEN_5, decision, rent
from tests.web.browser import axe, screenshots, scroll_width_at
from tests.web.conftest import OpenTab

CASE_PREFIX = "851-"
"""The register rows of this module (Aalborg's numbers), apart from other tests' cases."""


@pytest.fixture(scope="module")
def published(store: Store) -> list[int]:
    """Sixty decisions of Aalborg's rent tribunal, with their rents, in the live store."""
    ids = []
    with store.begin() as tx:
        for n in range(1, 61):
            one = decision(
                n,
                case_number=f"{CASE_PREFIX}{20000 + n}",
                municipality_code=851,
                tribunal="hln-851",
                decided_on=date(2026, 6, 1) + timedelta(days=n),
                statutes=(ALMEN_5,),
                rents=(rent(postcode=9000, area=40 + n),),
            )
            ids.append(tx.publish_decision(one, case_id=None, document=b"%PDF-1.7").decision.id)
    return ids


def check(page: Page, name: str) -> None:
    axe(page)
    screenshots(page, name)
    width = scroll_width_at(page, 320)
    assert width <= 320, f"{name}: at 320 px the page is {width} px wide"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_register_page_passes_axe_without_javascript(
    open_tab: OpenTab, published: list[int], lang: str
) -> None:
    # The pages have no script of their own, so with JavaScript on (for axe) they are exactly
    # what a browser without it shows.
    page = open_tab(axe=True).page
    for name, path in (
        ("index", "/registre"),
        ("decisions", "/registre/afgoerelser?municipality=851"),
        ("decision", f"/registre/afgoerelser/{published[0]}"),
        ("rents", "/registre/huslejer?postcode=9000"),
        ("rents-error", "/registre/huslejer?area_min=many"),
    ):
        page.goto(f"{path}{'&' if '?' in path else '?'}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        check(page, f"registers-{name}-{lang}")


def test_filter_and_page_with_the_keyboard_only(open_tab: OpenTab, published: list[int]) -> None:
    tab = open_tab(js=False)
    page = tab.page
    page.goto("/registre/afgoerelser?lang=en")
    page.locator("#f-municipality").focus()
    page.keyboard.type("Aalborg")  # a closed list picks the option its name is typed of
    assert page.locator("#f-municipality").input_value() == "851"
    page.fill("#f-from", "2026-06-05")
    page.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/registre/afgoerelser?**municipality=851**")
    rows = page.locator("tbody tr")
    assert rows.count() == 50
    assert all(CASE_PREFIX in text for text in rows.locator("td:nth-child(2)").all_inner_texts())
    page.locator("a[rel=next]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "after=" in page.url
    assert page.locator("tbody tr").count() == 7  # 57 decided on or after 5 June
    assert tab.errors == []
