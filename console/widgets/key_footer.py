"""The footer, showing the keys that work now with their labels in the reader's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from console.session import Session


class KeyFooter(Footer):
    """Textual's footer, its binding descriptions (msgids) translated."""

    def __init__(self, session: Session) -> None:
        """Args:
        session: for the labels.
        """
        super().__init__(show_command_palette=True, compact=True)
        self.session = session

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = self.session.say(widget.description)
            yield widget
