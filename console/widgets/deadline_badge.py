"""A deadline with a symbol for overdue (``!!``) and due soon (``!``), so colour is never alone."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.widgets import Static

from console.client import NextDeadline
from console.session import Session
from statemachine.text import N_

DAYS = N_("{days} d")
OVERDUE = N_("overdue")
DUE_SOON = N_("due soon")
NO_DEADLINE = N_("no deadline")
LEGEND = N_("!! overdue  ! due soon")

MARKS = {"overdue": "!!", "due_soon": "!"}
"""The symbol in front of a flagged deadline."""

STYLES = {"overdue": "bold reverse", "due_soon": "bold underline"}
"""Flagged deadlines also stand out without colour: reversed, or underlined."""


def deadline_cell(deadline: NextDeadline | None, session: Session) -> RichText:
    """A short queue cell: ``!! -3 d``, ``! 2 d``, ``12 d``, or empty without a deadline."""
    if deadline is None:
        return RichText("")
    flag = deadline["flag"]
    days = session.say(DAYS, days=deadline["days_left"])
    if flag is None:
        return RichText(days)
    return RichText(f"{MARKS[flag]} {days}", style=STYLES[flag])


def deadline_words(deadline: NextDeadline | None, session: Session) -> str:
    """A longer form for the case screen: ``!! overdue: Notify the other party (-3 d)``."""
    if deadline is None:
        return session.say(NO_DEADLINE)
    days = session.say(DAYS, days=deadline["days_left"])
    flag = deadline["flag"]
    words = f"{deadline['label']} ({deadline['date']}, {days})"
    if flag is None:
        return words
    return f"{MARKS[flag]} {session.say(OVERDUE if flag == 'overdue' else DUE_SOON)}: {words}"


class DeadlineBadge(Static):
    """A case's next deadline in words, marked when it is overdue or due soon."""

    DEFAULT_CSS = """
    DeadlineBadge.-overdue { text-style: bold reverse; }
    DeadlineBadge.-due_soon { text-style: bold underline; }
    """

    def show(self, deadline: NextDeadline | None, session: Session) -> None:
        """Show ``deadline`` (None: the case has none)."""
        self.set_class(deadline is not None and deadline["flag"] == "overdue", "-overdue")
        self.set_class(deadline is not None and deadline["flag"] == "due_soon", "-due_soon")
        self.update(deadline_words(deadline, session))
