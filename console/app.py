"""The console app: a thin shell holding the session, the themes, global keys and the screens."""

from __future__ import annotations

from typing import ClassVar, cast

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette

from console.messages import Failed
from console.palette import ConsoleCommands
from console.screens.help import HelpScreen, KeyHelp
from console.screens.queue import QueueScreen
from console.session import Session
from console.theme import DEFAULT_THEME, THEMES
from statemachine.text import N_

PALETTE_PLACEHOLDER = N_("Search for a command…")
OTHER_THEME = "textual-dark"
"""The theme Ctrl+T switches to from the high-contrast one (and back)."""


class NaevnConsole(App[None]):
    """The staff console; build it with :func:`console.factory.make_console`."""

    CSS_PATH = "console.tcss"
    TITLE = "naevn"
    COMMANDS: ClassVar = {ConsoleCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", N_("Help")),
        Binding("q", "quit", N_("Quit")),
        Binding("ctrl+t", "toggle_theme", N_("Change theme"), show=False),
    ]

    def __init__(self, session: Session, *, theme: str = DEFAULT_THEME) -> None:
        """Args:
        session: the client, language and caller.
        theme: the theme to start in.
        """
        super().__init__()
        self.session = session
        """What every screen shares."""
        for each in THEMES:
            self.register_theme(each)
        self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(QueueScreen(self.session))

    def on_failed(self, message: Failed) -> None:
        """A refused call: say so in plain words, and go on."""
        error = message.error
        self.notify(self.session.say(error.message), severity="error", timeout=8)

    def action_help(self) -> None:
        """Show the keys of the focused widget, then the screen's, then the app's."""
        if isinstance(self.screen, HelpScreen):
            return
        focused, screen = self.focused, self.screen
        keys = []
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            place = 0 if active.node is focused else 1 if active.node is screen else 2
            keys.append(KeyHelp(self.get_key_display(binding) or key, binding.description, place))
        self.push_screen(HelpScreen(self.session, keys))

    def action_command_palette(self) -> None:
        """Open the command palette, its placeholder in the reader's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast(App[object], self)):
            placeholder = self.session.say(PALETTE_PLACEHOLDER)
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def action_toggle_theme(self) -> None:
        """Switch between the high-contrast theme and Textual's dark one."""
        self.theme = OTHER_THEME if self.theme == DEFAULT_THEME else DEFAULT_THEME
