"""``naevn console``: the secretariat's console, on a running service or on the local store."""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING, Final

from locales import LANGUAGES
from naevn.commands.deadline import UsageError
from naevn.settings import Settings
from statemachine.text import t

if TYPE_CHECKING:
    from console.app import NaevnConsole
    from console.client import StaffClient

TOKEN_VARIABLE: Final = "NAEVN_STAFF_TOKEN"
"""The environment variable the token may come in instead of ``--token`` (which other users
of the machine can read in the process list)."""

THEMES: Final = {"high-contrast": "naevn-high-contrast"}
"""The ``--theme`` names, and the console themes they stand for."""

EPILOG = """\
examples:
  naevn console --server http://127.0.0.1:8080 --token TOKEN   on a running service
  NAEVN_STAFF_TOKEN=TOKEN naevn console                        on the local store

naevn staff add prints a staff member's token. make run opens the console as a demo
caseworker; the demo staff's tokens are in var/demo-staff.json.
"""


def run(
    settings: Settings,
    *,
    server: str | None,
    token: str | None,
    local_store: bool,
    lang: str,
    theme: str | None,
) -> int:
    """Open the console until the caseworker quits it; returns the exit status.

    Args:
        settings: where the local store is (used without ``server``).
        server: a running service's base URL, or None for the local store.
        token: the staff token; None reads :data:`TOKEN_VARIABLE`.
        local_store: whether ``--db`` or ``--data-dir`` was given.
        lang: ``da`` or ``en``.
        theme: a :data:`THEMES` name, or None for the console's default.

    Raises:
        UsageError: a missing token, an unknown language or theme, or a store named with a
            server.
        AuthenticationError: on the local store, a token that is nobody's.
        AccessError: on the local store, a revoked token.
    """
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}; use da or en")
    if theme is not None and theme not in THEMES:
        raise UsageError(f"unknown theme {theme!r}; use {', '.join(THEMES)}")
    token = token or os.environ.get(TOKEN_VARIABLE)
    if not token:
        raise UsageError(
            t(
                "Give your staff token with --token or in {variable}; naevn staff add prints one.",
                variable=TOKEN_VARIABLE,
            )
        )
    if server and local_store:
        raise UsageError(t("--db and --data-dir name a local store; leave them out with --server."))
    if server and not server.startswith(("http://", "https://")):
        raise UsageError(
            t(
                "--server takes an address that starts with http:// or https://, not {address}.",
                address=server,
            )
        )
    if server:
        return asyncio.run(_remote(server, token, lang, theme))
    return _local(settings, token, lang, theme)


async def _remote(server: str, token: str, lang: str, theme: str | None) -> int:
    from console.clients.http import HttpStaffClient

    client = HttpStaffClient(server, token, lang=lang)
    try:
        await _app(client, lang, theme).run_async()
    finally:
        await client.aclose()
    return 0


def _local(settings: Settings, token: str, lang: str, theme: str | None) -> int:
    from console.clients.embedded import EmbeddedStaffClient
    from console.desk import Desk
    from naevn.embedded import open_store

    store = open_store(settings)
    try:
        desk = Desk(store, settings.clock, public_url=settings.public_url)
        client = EmbeddedStaffClient.sign_in(desk, token, lang=lang)
        _app(client, lang, theme).run()
    finally:
        store.close()
    return 0


def _app(client: StaffClient, lang: str, theme: str | None) -> NaevnConsole:
    """The console app, built by the one factory the tests use too."""
    from console.factory import make_console

    if theme is None:
        return make_console(client, lang=lang)
    return make_console(client, lang=lang, theme=THEMES[theme])
