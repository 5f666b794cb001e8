"""SVG snapshots of the console at 80×24 in the high-contrast theme, on a pinned store.

Update them with ``pytest tests/console/tui --snapshot-update`` after a deliberate change, and
look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from console.factory import make_console
from console.theme import DEFAULT_THEME
from tests.console.tui.conftest import Office
from tests.console.tui.test_triage import settle

Compare = Callable[..., bool]


def worked(office: Office) -> Office:
    """Move the cases along a little, so the queue shows assignees, statuses and deadlines."""
    desk, karen, ole = office.desk, office.karen, office.ole
    first, second = office.numbers[0], office.numbers[1]
    case = desk.assign(ole, first, karen.id)
    desk.start_hearing(karen, first, version=case["version"])
    desk.add_note(karen, first, "Ringede til udlejer; brevet er sendt.")
    desk.assign(ole, second, ole.id)
    return office


def console(office: Office) -> Any:
    return make_console(worked(office).client("en"), lang="en", theme=DEFAULT_THEME)


def test_the_queue(office: Office, snap_compare: Compare) -> None:
    assert snap_compare(console(office), terminal_size=(80, 24), run_before=settle)


def test_a_case(office: Office, snap_compare: Compare) -> None:
    async def open_first(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(console(office), terminal_size=(80, 24), run_before=open_first)


def test_the_help_of_the_queue(office: Office, snap_compare: Compare) -> None:
    async def help(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(console(office), terminal_size=(80, 24), run_before=help)
