"""Tell whether ``messages.pot`` still holds exactly the messages the source has.

Run by ``make catalogs`` on a freshly extracted template. Only the messages count (msgctxt,
msgid, msgid_plural), so a header that another Babel version writes differently
(``Generated-By``, ``POT-Creation-Date``) is not a stale catalog.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po

MessageKey = tuple[str | None, str, str | None]
"""A message as gettext looks it up: its context, its msgid and its msgid_plural."""

SHOWN = 10
"""How many differing messages of each kind the report names."""


def message_keys(path: Path) -> set[MessageKey]:
    """Read a template and return the key of every message in it, the header left out.

    Args:
        path: a ``.pot`` or ``.po`` file.

    Returns:
        One ``(msgctxt, msgid, msgid_plural)`` per message; msgctxt and msgid_plural are
        ``None`` where the message has none.
    """
    with path.open("rb") as handle:
        catalog = read_po(handle)
    keys: set[MessageKey] = set()
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            keys.add((message.context, str(message.id[0]), str(message.id[1])))
        else:
            keys.add((message.context, str(message.id), None))
    return keys


def describe(key: MessageKey) -> str:
    """One line naming a message, as it would read in the ``.pot`` file."""
    context, msgid, plural = key
    parts = [f"msgctxt {context!r}"] if context is not None else []
    parts.append(f"msgid {msgid!r}")
    if plural is not None:
        parts.append(f"msgid_plural {plural!r}")
    return " ".join(parts)


def differences(extracted: Path, committed: Path) -> list[str]:
    """Compare the messages of a fresh extraction with those of the committed template.

    Args:
        extracted: the template just extracted from the source.
        committed: ``locales/messages.pot``.

    Returns:
        One line per message only one of them has (at most ``SHOWN`` of each kind, then a
        count); empty when both hold the same messages.
    """
    fresh = message_keys(extracted)
    kept = message_keys(committed)
    lines: list[str] = []
    for label, keys in (
        ("in the source only", fresh - kept),
        ("in the template only", kept - fresh),
    ):
        ordered = sorted(keys, key=lambda key: (key[1], key[0] or "", key[2] or ""))
        lines.extend(f"  {label}: {describe(key)}" for key in ordered[:SHOWN])
        if len(ordered) > SHOWN:
            lines.append(f"  {label}: {len(ordered) - SHOWN} more")
    return lines


def main(argv: list[str]) -> int:
    """Exit 0 when the committed template is current, 1 (saying what differs) when stale."""
    if len(argv) != 2:
        print("usage: python -m locales.catalogcheck EXTRACTED.pot messages.pot", file=sys.stderr)
        return 2
    extracted, committed = Path(argv[0]), Path(argv[1])
    lines = differences(extracted, committed)
    if lines:
        print(f"{committed} is stale: run 'make extract'", file=sys.stderr)
        print("\n".join(lines), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
