"""Debian's Chromium, driven by Playwright, for the web tests: how it is started here, axe-core's
check of a page, the screenshots kept as test artifacts, and what the page shows (the turn).

Nothing here downloads a browser: Chromium is ``/usr/bin/chromium`` and axe-core is
``node_modules/axe-core``, both installed by ``make test``. If either is missing, the tests
that need it fail and say so.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

ROOT: Final = Path(__file__).resolve().parent.parent.parent

CHROMIUM: Final = Path("/usr/bin/chromium")
"""Debian's Chromium (package ``chromium``); Playwright's own browser builds are never used."""

AXE: Final = ROOT / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core as ``package-lock.json`` pins it (``npm ci``)."""

ARTIFACTS: Final = ROOT / "var" / "test-artifacts" / "web"
"""Where the screenshots go; kept after the run (``var/`` is not in git)."""

WIDTHS: Final = (320, 1280)
"""The viewport widths every screenshot is taken at: a small phone, and a laptop."""

AXE_TAGS: Final = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
"""The axe rules that must find nothing: WCAG 2.0, 2.1 and 2.2 at levels A and AA."""

ARGS: Final = (
    "--disable-gpu",
    "--no-first-run",
    # Without these Chromium reaches for Google's hosts at start (updates, field trials),
    # which this machine's closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Chromium's command line, besides Playwright's own; ``--no-sandbox`` is added as root."""

MISSING_CHROMIUM: Final = (
    f"Chromium is not installed ({CHROMIUM} does not exist), so the browser tests cannot run. "
    "Run `make test`, which installs Debian's chromium package, or `apt-get install chromium`."
)
MISSING_AXE: Final = (
    f"axe-core is not installed ({AXE.relative_to(ROOT)} does not exist), so the accessibility "
    "tests cannot run. Run `make test`, which runs `npm ci --ignore-scripts`, or run that."
)

TURN_TIMEOUT: Final = 15.0
"""Seconds a page may take to show the next turn after an answer is sent."""


def launch_args() -> list[str]:
    """Chromium's arguments on this machine: as root it runs only without its sandbox."""
    args = list(ARGS)
    if os.geteuid() == 0:
        args.insert(0, "--no-sandbox")
    return args


def require(path: Path, message: str) -> None:
    """Fail (never skip) the calling test when a tool the browser tests need is missing."""
    if not path.exists():
        pytest.fail(message, pytrace=False)


# --- axe-core -------------------------------------------------------------------------------


def axe(page: Page, *, fail: bool = True) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now, for the WCAG 2.0/2.1/2.2 A and AA rules.

    The page must come from a context with ``bypass_csp=True`` (the ``axe_page`` fixtures):
    the service's Content-Security-Policy rightly refuses the injected script anywhere else.

    Args:
        page: the page, in the state to check.
        fail: fail the test with a readable list when axe finds anything.

    Returns:
        axe's violations (empty when the page passes).
    """
    require(AXE, MISSING_AXE)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=AXE)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        pytest.fail(
            "axe-core did not load into the page: run it in a page of a context with "
            "bypass_csp=True (the axe_page fixtures), as the CSP forbids injected script.",
            pytrace=False,
        )
    result: dict[str, Any] = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        list(AXE_TAGS),
    )
    violations: list[dict[str, Any]] = result["violations"]
    if violations and fail:
        pytest.fail(f"axe on {page.url}:\n{readable(violations)}", pytrace=False)
    return violations


def readable(violations: list[dict[str, Any]]) -> str:
    """axe's violations as lines a person reads: rule, impact, what it means, and where."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"[{violation['helpUrl'].split('?')[0]}]"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    at {target}: {node['html'][:160]}")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


# --- what a person sees ----------------------------------------------------------------------


def screenshots(page: Page, name: str) -> list[Path]:
    """Save the whole page at each of :data:`WIDTHS` as ``<name>-<width>.png`` in
    :data:`ARTIFACTS`; the viewport is put back afterwards.

    Returns:
        The files written.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size or {"width": 1280, "height": 900}
    written = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        path = ARTIFACTS / f"{slug(name)}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        written.append(path)
    page.set_viewport_size(before)
    return written


def expires_in(page: Page, seconds: int) -> None:
    """Make the page's sign-in end ``seconds`` from now, as far as its script knows (the
    time-out warning follows ``<body data-expires>``)."""
    when = (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="seconds")
    page.evaluate("(when) => { document.body.dataset.expires = when; }", when)


def scroll_width_at(page: Page, width: int) -> int:
    """How wide the document lays out in a viewport ``width`` pixels wide (more than
    ``width`` means the reader scrolls sideways)."""
    before = page.viewport_size or {"width": 1280, "height": 900}
    page.set_viewport_size({"width": width, "height": 900})
    try:
        scroll: int = page.evaluate("() => document.documentElement.scrollWidth")
    finally:
        page.set_viewport_size(before)
    return scroll


def slug(name: str) -> str:
    """A file name for a page's name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# --- the turn on the page --------------------------------------------------------------------


READ: Final = ("state", "kind", "version")
"""The turn's data attributes that tell it."""


@dataclass(frozen=True)
class Shown:
    """What the page shows now: the turn (``#turn``), or another page."""

    state: str
    """The turn's ``data-state``, or ``receipt``, ``saved`` or the path of another page."""
    kind: str
    """The turn's ``data-kind`` (``choice``, ``date``, ``review`` …), or ``""``."""
    version: str
    """The turn's ``data-version``, or ``""``."""
    errors: bool
    """An error summary is on the page."""


def shown(page: Page) -> Shown:
    """Read the page as it is now (JavaScript on or off)."""
    path = page.url.split("?")[0].split("#")[0]
    if page.locator("#case-number").count():
        return Shown("receipt", "", "", False)
    turn = page.locator("#turn")
    errors = page.locator("#error-summary").count() > 0
    if not turn.count():
        return Shown(path.rsplit("/", 1)[-1] or "/", "", "", errors)
    first = turn.first
    while True:
        # The chat replaces the turn while it is read: read until two readings agree.
        state, kind, version = (read(first, name) for name in READ)
        if (read(first, "state"), read(first, "version")) == (state, version):
            return Shown(state, kind, version, errors)


def read(turn: Locator, name: str) -> str:
    """One of the turn's data attributes; fails at once (not after the usual wait) when the
    turn has gone, as it does while the page goes to another."""
    return turn.get_attribute(f"data-{name}", timeout=1_000) or ""


def next_turn(page: Page, before: Shown) -> Shown:
    """Wait until the page shows something after ``before``: another turn or version, an
    error, or another page (the chat replaces the turn in place; without JavaScript the
    browser loads a new page)."""
    deadline = time.monotonic() + TURN_TIMEOUT
    while True:
        try:
            page.wait_for_load_state()
            now = shown(page)
        except PlaywrightError:  # the page was navigating while read; read it again
            now = before
        # The chat without a turn is a page on its way to another (the receipt, say).
        settled = bool(now.kind) or now.state != "chat"
        if settled and now != before and (now.state != before.state or now.version or now.errors):
            return now
        if time.monotonic() > deadline:
            raise AssertionError(f"the page still shows {before} after an answer ({page.url})")
        page.wait_for_timeout(50)
