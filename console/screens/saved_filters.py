"""The saved filters dialog: pick one to apply, or delete it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from console.client import SavedFilter
from console.screens.dialog import Dialog
from console.session import Session
from statemachine.text import N_

TITLE = N_("Saved filters")
NONE_SAVED = N_("No saved filters yet. Ctrl+S on the queue saves the one shown.")
HINT = N_("Enter: apply · Delete: delete · Escape: cancel")


@dataclass(frozen=True)
class FilterChoice:
    """What to do with which saved filter."""

    action: Literal["apply", "delete"]
    """Apply it to the queue, or delete it."""
    saved: SavedFilter
    """The filter."""


class SavedFiltersDialog(Dialog[FilterChoice]):
    """Lists the caller's saved filters by name."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "delete", N_("Delete")),
    ]

    def __init__(self, session: Session, filters: list[SavedFilter]) -> None:
        """Args:
        session: for the labels.
        filters: the caller's saved filters.
        """
        super().__init__(session)
        self.filters = filters

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Label(self.session.say(TITLE), classes="title")
            if self.filters:
                yield OptionList(*[Option(f["name"]) for f in self.filters], id="filters")
            else:
                yield Label(self.session.say(NONE_SAVED))
            yield Label(self.session.say(HINT), classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(FilterChoice("apply", self.filters[event.option_index]))

    def action_delete(self) -> None:
        """Delete the highlighted filter."""
        found = self.query(OptionList)
        if found and found.first().highlighted is not None:
            index = found.first().highlighted
            assert index is not None
            self.dismiss(FilterChoice("delete", self.filters[index]))
