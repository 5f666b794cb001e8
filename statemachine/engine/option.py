"""An option: one numbered choice a question offers."""

from __future__ import annotations

from dataclasses import dataclass

from statemachine.text import Text


@dataclass(frozen=True)
class Option:
    """One numbered choice: a stable id and a label in the filer's language."""

    id: str
    """The id sent back as the answer; never translated."""
    label: Text | str
    """The label; a plain ``str`` is shown as is (names, languages in their own tongue)."""
