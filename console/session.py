"""What every screen of the console shares: the staff client and the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.dom import DOMNode

from console.client import Me, StaffClient
from locales import Translator, translator
from statemachine.text import Param, Text, t


@dataclass
class Session:
    """One signed-in console: whom it talks to, in which language, and who is at the keys."""

    client: StaffClient
    """The staff API (over HTTP or embedded)."""
    lang: str = "da"
    """The language of every label (``da`` or ``en``)."""
    me: Me | None = None
    """The caller, once ``GET /me`` has answered."""
    translator: Translator = field(init=False)
    """Renders msgids in :attr:`lang`."""

    def __post_init__(self) -> None:
        self.translator = translator(self.lang)

    def say(self, message: Text | str, /, **params: Param) -> str:
        """A msgid (marked with ``N_``) or a ``Text`` rendered in the reader's language."""
        if params and isinstance(message, str):
            return self.translator.render(t(message, **params))
        return self.translator.render(message)


def session_of(node: DOMNode) -> Session:
    """The session of the console app ``node`` belongs to (its ``session`` attribute)."""
    session = getattr(node.app, "session", None)
    if not isinstance(session, Session):
        raise TypeError("the app has no console session")
    return session
