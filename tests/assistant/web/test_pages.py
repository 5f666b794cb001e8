"""The chat pages over HTTP, as a browser without JavaScript uses them: every answer is a posted
form, and what the filer sees and the store holds is checked after it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from casestore import Store
from naevn.settings import Settings
from tests import samples
from tests.assistant.web.browser import Page, submit
from tests.durability.test_crash_chat import BY_KIND, BY_STATE
from tests.service import running

TODAY = date(2026, 11, 23)
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        db=f"sqlite:///{tmp_path / 'var' / 'naevn.db'}",
        data_dir=tmp_path / "data",
        today=TODAY,
        rate_limit=0,
    )


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store.open(settings.db, settings.blob_dir)
    yield opened
    opened.close()


@pytest.fixture
def browser(settings: Settings, store: Store) -> Iterator[httpx.Client]:
    with running(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def follow(client: httpx.Client, response: httpx.Response) -> Page:
    """The page a post leads to, after its redirect (a browser follows it with a GET)."""
    assert response.status_code in (303, 200, 409, 422), response.text
    if response.status_code == 303:
        response = client.get(response.headers["Location"])
    assert response.status_code in (200, 409, 422), response.text
    return Page(response.text)


def start(client: httpx.Client, lang: str = "en") -> Page:
    client.get(f"/lang/{lang}?next=/")
    home = Page(client.get("/").text)
    return follow(client, submit(client, home, form="/start", button="Start a new case"))


def turn_of(page: Page) -> dict[str, str]:
    found = re.search(
        r'<section id="turn"[^>]*data-state="([^"]+)"[^>]*data-kind="([^"]+)"', page.html
    )
    assert found, page.text[:500]
    return {"state": found.group(1), "kind": found.group(2)}


def answer_page(client: httpx.Client, page: Page, note: str = "") -> httpx.Response:
    """Answer whatever the page asks, validly, through its form."""
    turn = turn_of(page)
    state, kind = turn["state"], turn["kind"]
    form = page.form()
    labels = [page.label_of(c) for c in form.controls if c.type in ("radio", "checkbox")]
    if state == "ask_language":
        return submit(client, page, pick=["English"])
    if state == "review":
        return submit(client, page, button="pick:continue")
    if state == "ask_declaration" or kind == "confirm":
        return submit(client, page, pick=["Yes"])
    if kind == "choice":
        return submit(client, page, pick=labels[:1])
    if kind == "multi_choice":
        return submit(client, page, pick=labels[:1])
    if kind == "file":
        pdf = samples.pdf(f"{note} {page.title}")
        return submit(client, page, pick=[], file=("lease.pdf", pdf, "application/pdf"))
    if kind == "none":
        return submit(client, page)
    if state == "ask_municipality":
        return submit(client, page, fill={"value": "8000"})
    return submit(client, page, fill={"value": BY_STATE.get(state, BY_KIND[kind])})


def walk(client: httpx.Client, page: Page, until: str, note: str = "") -> Page:
    """Answer page after page until one at ``until`` (a state, or ``receipt``)."""
    for _ in range(100):
        if "/receipt" in page.html and until == "receipt" and "case-number" in page.html:
            return page
        if until != "receipt" and turn_of(page)["state"] == until:
            return page
        assert "error-summary" not in page.html, (page.title, page.text[:800])
        page = follow(client, answer_page(client, page, note))
    raise AssertionError(f"never reached {until}")


def test_a_whole_filing_through_the_forms(browser: httpx.Client, store: Store) -> None:
    page = start(browser)
    assert 'lang="en"' in page.html
    receipt = walk(browser, page, "receipt")
    number = re.search(r'id="case-number">([^<]+)<', receipt.html)
    assert number is not None
    assert "Your case is filed" in receipt.text
    with store.read() as tx:
        case = tx.find_case(number.group(1)) if hasattr(tx, "find_case") else None
    assert case is not None or number.group(1).startswith("751-")
    # Filed: the question page now leads to the receipt.
    assert browser.get("/chat").headers["Location"] == "/receipt"
