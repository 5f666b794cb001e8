"""Fill the English catalog: the source strings are English, so each translation is its msgid.

Run by ``make extract`` after ``pybabel update``; new messages then need only Danish.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from locales.translator import CATALOG_DIR


def fill(path: Path) -> int:
    """Copy each untranslated msgid into its msgstr; returns how many were filled."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            if not isinstance(message.string, tuple | list) or not all(message.string):
                message.string = tuple(message.id)
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, include_lineno=False)
    return filled


if __name__ == "__main__":
    count = fill(CATALOG_DIR / "en" / "LC_MESSAGES" / "messages.po")
    print(f"en: {count} messages filled from their English source", file=sys.stderr)
