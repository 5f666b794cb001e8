"""The note that the tribunals work in Danish, for a filer who chose English.

The tribunals handle cases in Danish. A filer writing in English may do so, but is told
before writing the claim that an explanation in Danish helps, and so do documents in Danish.
A filer who chose Danish is not told anything.
"""

from __future__ import annotations

from datetime import date

from statemachine.engine.draft import Draft
from statemachine.text import Text, t


def note(draft: Draft, today: date) -> list[Text]:
    """The note for a filer whose draft is in English; nothing for one in Danish."""
    if draft.lang == "da":
        return []
    return [
        t("The tribunal works in Danish. You may write to it in English."),
        t(
            "A written explanation in Danish helps your case, and so do documents in Danish. "
            "If you can, add one, or ask someone to help you write it."
        ),
    ]
