"""The base of the console's dialogs: a titled modal box that Escape cancels."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from console.session import Session
from statemachine.text import N_

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal box titled in the reader's language; dismissing with None means cancelled."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .box { width: 76; max-width: 100%; height: auto; max-height: 100%;
                    border: thick $primary; background: $surface; padding: 0 1; }
    Dialog .title { text-style: bold; width: 100%; }
    Dialog .hint { color: $foreground; width: 100%; }
    Dialog Input, Dialog Select { margin: 0; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, session: Session) -> None:
        """Args:
        session: for the labels and the client.
        """
        super().__init__()
        self.session = session

    def action_cancel(self) -> None:
        """Close without doing anything."""
        self.dismiss(None)
