"""The footer, showing the keys that work now with their labels in the reader's language.

F1 (help) comes first, so that at 80 columns, where a screen's keys may not all fit, the key
that lists every other one is always seen; Ctrl+P (every command) is named in the help.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from console.session import Session

FIRST = "f1"
"""The key shown first: the help, which lists every key of the screen."""


class KeyFooter(Footer):
    """Textual's footer, its binding descriptions (msgids) translated, help first."""

    def __init__(self, session: Session) -> None:
        """Args:
        session: for the labels.
        """
        super().__init__(show_command_palette=False, compact=True)
        self.session = session

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        for widget in keys:
            if isinstance(widget, FooterKey) and widget.description:
                widget.description = self.session.say(widget.description)
        first = [w for w in keys if isinstance(w, FooterKey) and w.key == FIRST]
        yield from first
        yield from (w for w in keys if w not in first)
