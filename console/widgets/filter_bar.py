"""The queue's filter bar: a search field, and a line saying which filters and sort apply."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from console.session import Session
from statemachine.text import N_

PLACEHOLDER = N_("Search: number, party, address or words (Enter)")


class SearchInput(Input):
    """The search field; Escape goes back to the table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", N_("Back to the list")),
    ]

    def action_leave(self) -> None:
        """Hand the focus back to the queue's table."""
        self.screen.focus_next()


class FilterBar(Vertical):
    """Search, plus the active filters in words."""

    DEFAULT_CSS = """
    FilterBar { height: auto; }
    FilterBar SearchInput { border: none; height: 1; padding: 0 1; }
    FilterBar #summary { height: 1; padding: 0 1; }
    """

    class Search(Message):
        """The caseworker asked to search for ``text`` (empty: no search)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, session: Session) -> None:
        """Args:
        session: for the labels.
        """
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=self.session.say(PLACEHOLDER), id="search")
        yield Static("", id="summary")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Search(event.value.strip()))
        self.screen.focus_next()

    def show(self, summary: str) -> None:
        """Say which filters apply."""
        self.query_one("#summary", Static).update(summary)

    def set_search(self, text: str) -> None:
        """Put ``text`` in the search field (a saved filter's search)."""
        self.query_one(SearchInput).value = text
