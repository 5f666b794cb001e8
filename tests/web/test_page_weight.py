"""What the first page costs over the wire (issue 11, part 5): the start page with everything it
loads weighs under 60 KB as Chromium fetched it (compressed, if the service compresses), and
nothing comes from another host. The first question, where the chat's script loads, too."""

from __future__ import annotations

import urllib.parse

import pytest

from tests.web.conftest import OpenTab, Tab

LIMIT = 60 * 1024
"""The most the first page may weigh, in bytes over the wire (headers and bodies)."""

TRANSFERRED = """() => [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
].map((entry) => ({name: entry.name, bytes: entry.transferSize}))"""
"""What the page itself says it transferred, per document and resource."""


def weigh(tab: Tab) -> tuple[int, dict[str, int]]:
    """The bytes Chromium transferred for the page as it stands (by the Resource Timing API),
    and each response's headers and body as Playwright measured them on the wire."""
    tab.page.wait_for_load_state("networkidle")
    entries = tab.page.evaluate(TRANSFERRED)
    timing = sum(int(entry["bytes"]) for entry in entries)
    return timing, dict(tab_sizes(tab))


def tab_sizes(tab: Tab) -> list[tuple[str, int]]:
    sizes = []
    for response in tab.responses:
        measured = response.request.sizes()
        sizes.append((response.url, measured["responseHeadersSize"] + measured["responseBodySize"]))
    return sizes


def hosts_of(tab: Tab) -> set[str]:
    """The hosts (with ports) the page sent requests to."""
    return {urllib.parse.urlsplit(url).netloc for url in tab.requests}


@pytest.mark.parametrize("where", ["start", "first-question"])
def test_the_first_page_weighs_under_60_kb_and_comes_from_this_host(
    open_tab: OpenTab, base_url: str, where: str
) -> None:
    tab = open_tab()
    tab.page.goto("/")
    if where == "first-question":
        tab.page.locator("form[action='/start'] button").click()
        tab.page.wait_for_url("**/chat")
        # A new context for the question alone, so only what that page loads is counted.
        cookies = tab.context.cookies()
        tab = open_tab()
        tab.context.add_cookies(cookies)  # type: ignore[arg-type]
        tab.page.goto("/chat")
        assert tab.page.locator("#turn").count() == 1
        assert any(url.endswith("/static/chat.js") for url in tab.requests), tab.requests
    else:
        assert any(url.endswith("/static/site.css") for url in tab.requests), tab.requests
    timing, wire = weigh(tab)
    assert 0 < timing < LIMIT, (timing, wire)
    assert 0 < sum(wire.values()) < LIMIT, wire
    assert hosts_of(tab) == {urllib.parse.urlsplit(base_url).netloc}, tab.requests
    assert urllib.parse.urlsplit(base_url).hostname == "127.0.0.1"
    assert tab.errors == []
