"""The line on top of a screen: who is signed in, what is shown, and what the marks mean."""

from __future__ import annotations

from textual.widgets import Static


class StatusLine(Static):
    """One line of context, e.g. ``Karen (caseworker) · My deadlines · 3 marked``."""

    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; background: $panel; color: $foreground;
                 text-style: bold; }
    """

    def say(self, *parts: str) -> None:
        """Show the non-empty ``parts``, separated by dots."""
        self.update(" · ".join(part for part in parts if part))
