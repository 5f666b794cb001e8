"""Calls to the service from a screen: each runs in a worker, hands its answer back, and a
refusal becomes the app's error notification (:class:`console.messages.Failed`). Saving
a document the service sends to a file the user names is one such call."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.screen import Screen

from console.messages import Failed
from console.screens.prompt import Prompt
from console.session import Session
from statemachine.errors import NaevnError
from statemachine.text import N_, t

T = TypeVar("T")

SAVED_TO = N_("Saved to {path}.")
CANNOT_SAVE = N_("Could not save to {path}: {reason}")


class FileError(NaevnError):
    """A document could not be written where the user asked."""

    title = "File"


def run_call(
    screen: Screen[Any],
    call: Awaitable[T],
    then: Callable[[T], None],
    *,
    group: str,
    refused: Callable[[], None] | None = None,
) -> None:
    """Await ``call`` in one of ``screen``'s workers and hand its answer to ``then``.

    Args:
        screen: the screen whose worker runs it (and that posts a refusal).
        call: the client's call, not yet awaited.
        then: given the answer, on success only.
        group: the worker group, so that a screen's calls can be told apart.
        refused: run after a refusal is posted, for a screen that undoes something.
    """

    async def work() -> None:
        try:
            answer = await call
        except NaevnError as error:
            screen.post_message(Failed(error))
            if refused is not None:
                refused()
            return
        then(answer)

    screen.run_worker(work(), group=group)


def save_file(
    screen: Screen[Any],
    session: Session,
    title: str,
    filename: str,
    content: Callable[[], Awaitable[bytes]],
) -> None:
    """Ask where to save (the working folder's ``filename`` offered), fetch ``content`` and
    write it there off the event loop; the user is told the path, or why it failed.

    Args:
        screen: the screen that asks.
        session: the staff member's session, for the language.
        title: the prompt's question, already translated.
        filename: the name offered in the working folder.
        content: fetches the bytes, called only once a path is given.
    """

    async def write(path: Path) -> Path:
        data = await content()
        try:
            await asyncio.to_thread(path.write_bytes, data)
        except OSError as error:
            raise FileError(t(CANNOT_SAVE, path=str(path), reason=error.strerror or "")) from error
        return path

    def written(path: Path) -> None:
        screen.notify(session.say(SAVED_TO, path=str(path)))

    def chosen(path: str | None) -> None:
        if path:
            run_call(screen, write(Path(path).expanduser()), written, group="file")

    default = str(Path.cwd() / filename)
    screen.app.push_screen(Prompt(session, title, value=default), chosen)
