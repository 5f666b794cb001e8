"""Fixtures of the browser tests: one live service for the session, Debian's Chromium driven by
Playwright, and pages with JavaScript on, with it off, and open to axe-core.

- ``live`` (session): ``create_app`` served by aiohttp on 127.0.0.1 and a free port, exactly as
  ``naevn serve`` serves it, on a SQLite store in a temporary folder, with a frozen today and
  no rate limit; ``base_url`` is its address and ``store`` the same store opened by the test.
- ``chromium`` (session): ``/usr/bin/chromium`` headless (see :mod:`tests.web.browser`).
- ``open_tab``: a new browser context (its own cookies) and page on the service, as a
  :class:`Tab` that also records the page's console errors and every URL it requested.
  ``page``, ``nojs_page``, ``axe_page`` and ``axe_nojs_page`` are the usual ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Frame,
    Page,
    Playwright,
    Request,
    Response,
    sync_playwright,
)

from casestore import Store
from naevn.settings import Settings
from tests.service import running
from tests.web.browser import CHROMIUM, MISSING_CHROMIUM, launch_args, require

TODAY = date(2026, 11, 23)
"""The service's frozen today, as in the other tests."""


@dataclass
class Tab:
    """A page in a context of its own, and what it did."""

    page: Page
    """The page; relative URLs go to the live service."""
    context: BrowserContext
    """Its context (cookies, JavaScript on or off)."""
    errors: list[str] = field(default_factory=list)
    """The console's errors and uncaught exceptions (a script or a CSP refusal)."""
    requests: list[str] = field(default_factory=list)
    """Every URL the page asked for, in order."""
    responses: list[Response] = field(default_factory=list)
    """Every response the page got, in order."""
    loads: list[str] = field(default_factory=list)
    """Every URL the page loaded as a new document (the chat answers without one)."""


class OpenTab(Protocol):
    """The ``open_tab`` fixture."""

    def __call__(
        self, *, js: bool = True, axe: bool = False, block_js: bool = False, width: int = 1280
    ) -> Tab:
        """Open a page on the live service.

        Args:
            js: JavaScript on.
            axe: lift the page's CSP, so that :func:`tests.web.browser.axe` can inject
                axe-core (for accessibility checks only: the CSP is under test elsewhere).
            block_js: JavaScript on, but the page's own script (``/static/chat.js``) is not
                served, so the page is as a browser without JavaScript shows it (for axe).
            width: the viewport's width in CSS pixels.
        """
        ...


@pytest.fixture(scope="session")
def live_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The live service's settings: its own SQLite store and data folder."""
    folder: Path = tmp_path_factory.mktemp("web")
    return Settings(
        db=f"sqlite:///{folder / 'var' / 'naevn.db'}",
        data_dir=folder / "data",
        today=TODAY,
        rate_limit=0,
    )


@pytest.fixture(scope="session")
def live(live_settings: Settings) -> Iterator[str]:
    """A real service for the whole session (the production app factory on a real socket);
    yields its base URL, ``http://127.0.0.1:PORT``."""
    with running(live_settings) as url:
        yield url


@pytest.fixture(scope="session")
def base_url(live: str) -> str:
    """The live service's address."""
    return live


@pytest.fixture(scope="session")
def store(live: str, live_settings: Settings) -> Iterator[Store]:
    """The live service's store, opened by the tests to check what a filing left there."""
    opened = Store.open(live_settings.db, live_settings.blob_dir)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver (its own browser downloads are never used)."""
    require(CHROMIUM, MISSING_CHROMIUM)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless, for the whole session."""
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=launch_args()
    )
    yield browser
    browser.close()


@pytest.fixture
def open_tab(chromium: Browser, base_url: str) -> Iterator[OpenTab]:
    """Open pages on the live service, each in a new context; all closed after the test."""
    contexts: list[BrowserContext] = []

    def open_(
        *, js: bool = True, axe: bool = False, block_js: bool = False, width: int = 1280
    ) -> Tab:
        context = chromium.new_context(
            base_url=base_url,
            java_script_enabled=js,
            bypass_csp=axe,
            viewport={"width": width, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        if block_js:
            context.route("**/static/chat.js", lambda route: route.abort())
        page = context.new_page()
        tab = Tab(page, context)

        def requested(request: Request) -> None:
            tab.requests.append(request.url)

        def answered(response: Response) -> None:
            tab.responses.append(response)

        def uncaught(error: Error) -> None:
            tab.errors.append(f"uncaught: {error}")

        def logged(message: ConsoleMessage) -> None:
            where = message.location.get("url", "")
            # The browser asks for /favicon.ico of its own accord; the pages name none.
            if message.type == "error" and not where.endswith("/favicon.ico"):
                tab.errors.append(f"{message.text} ({where})")

        def loaded(frame: Frame) -> None:
            if frame == page.main_frame:
                tab.loads.append(frame.url)

        page.on("request", requested)
        page.on("response", answered)
        page.on("framenavigated", loaded)
        page.on("pageerror", uncaught)
        page.on("console", logged)
        return tab

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_tab: OpenTab) -> Page:
    """A page with JavaScript on, under the service's CSP."""
    return open_tab().page


@pytest.fixture
def nojs_page(open_tab: OpenTab) -> Page:
    """A page with JavaScript off."""
    return open_tab(js=False).page


@pytest.fixture
def axe_page(open_tab: OpenTab) -> Page:
    """A page with JavaScript on (the chat), into which axe-core can be injected."""
    return open_tab(axe=True).page


@pytest.fixture
def axe_nojs_page(open_tab: OpenTab) -> Page:
    """A page as a browser without JavaScript shows it, into which axe-core can be injected."""
    return open_tab(axe=True, block_js=True).page
