"""Messages the console's workers post back to the UI."""

from __future__ import annotations

from textual.message import Message

from statemachine.errors import NaevnError


class Failed(Message):
    """A worker's call was refused; the app shows it as an error notification."""

    def __init__(self, error: NaevnError) -> None:
        """Args:
        error: what went wrong, with its plain message.
        """
        super().__init__()
        self.error = error
