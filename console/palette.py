"""The command palette's commands: every key of the screen in view, plus the screen's extras.

A screen may offer more (a case's allowed steps, say) through a ``palette_commands()`` method
returning ``(label, callback)`` pairs, labels already in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from console.keys import TEXTUAL_KEYS
from console.session import session_of


class ConsoleCommands(Provider):
    """Lists what can be done on the screen the palette was opened from."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], Any]]]:
        say = session_of(self.screen).say
        app, seen = self.app, set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not active.enabled or not binding.description or binding.action in seen:
                continue
            if binding.action == "command_palette" or binding.description in TEXTUAL_KEYS:
                continue
            seen.add(binding.action)
            label = f"{say(binding.description)} ({app.get_key_display(binding)})"
            yield label, partial(app.run_action, binding.action, active.node)
        extras = getattr(self.screen, "palette_commands", None)
        if callable(extras):
            yield from extras()

    async def discover(self) -> Hits:
        """Every command, for the palette before anything is typed."""
        for label, command in self._commands():
            yield DiscoveryHit(label, command)

    async def search(self, query: str) -> Hits:
        """The commands whose label matches what was typed."""
        matcher = self.matcher(query)
        for label, command in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), command, text=label)
