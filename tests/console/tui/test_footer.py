"""The footer at 80 columns: the help key comes first, so it is seen on every screen even when
the screen's own keys do not all fit, and its label is in the reader's language."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from console.app import NaevnConsole
from console.factory import make_console
from console.screens.case import CaseScreen
from tests.console.tui.fake import FakeClient
from tests.console.tui.test_triage import settle

pytestmark = pytest.mark.anyio


def footer_keys(app: NaevnConsole) -> list[FooterKey]:
    """The footer's keys on the current screen, left to right."""
    return sorted(app.screen.query(FooterKey), key=lambda k: k.region.x)


@pytest.mark.parametrize(("lang", "help_label"), [("da", "Hjælp"), ("en", "Help")])
async def test_help_is_the_first_key_on_the_queue_and_the_case(lang: str, help_label: str) -> None:
    app = make_console(FakeClient(count=3), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(2):  # the queue, then a case
            keys = footer_keys(app)
            first = keys[0]
            assert first.key == "f1" and first.description == help_label
            assert first.region.right <= 80 and first.region.y == 23
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
