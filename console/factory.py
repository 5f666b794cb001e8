"""The one way to build the console, for ``naevn console`` and the tests alike."""

from __future__ import annotations

from console.app import NaevnConsole
from console.client import StaffClient
from console.session import Session
from console.theme import DEFAULT_THEME


def make_console(
    client: StaffClient, *, lang: str = "da", theme: str = DEFAULT_THEME
) -> NaevnConsole:
    """The staff console on ``client``.

    Args:
        client: the staff API, over HTTP (:class:`console.clients.http.HttpStaffClient`) or on
            the store in this process (:class:`console.clients.embedded.EmbeddedStaffClient`).
        lang: the language of every label, ``da`` or ``en``.
        theme: the theme to start in; the high-contrast one by default.

    Returns:
        The app; call ``run()`` on it (or ``run_test()`` in tests).
    """
    return NaevnConsole(Session(client, lang), theme=theme)
