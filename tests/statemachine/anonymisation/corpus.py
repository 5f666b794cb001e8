"""The anonymisation corpus: Danish decision texts with their parties and planted items.

Each file in ``corpus/`` starts with the case's parties, one a line
(``role | person|organisation | name | address | e-mail | phone``), then ``---``, then the text,
in which every item that must be replaced is marked ``⟦kind|text⟧``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from statemachine.anonymisation import KnownParty, PartyRole

CORPUS = Path(__file__).parent / "corpus"
_MARK = re.compile(r"⟦(\w+)\|([^⟧]+)⟧")
_ROLES: dict[str, PartyRole] = {
    "tenant": "tenant",
    "co_party": "tenant",
    "landlord": "landlord",
    "tenant_board": "tenant_board",
    "representative": "representative",
}


@dataclass(frozen=True)
class Planted:
    """An item that must be replaced."""

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class Sample:
    """One corpus text."""

    name: str
    parties: tuple[KnownParty, ...]
    text: str
    planted: tuple[Planted, ...]


def _party(line: str) -> KnownParty:
    cells = [c.strip() for c in line.split("|")]
    cells += [""] * (6 - len(cells))
    role, kind, name, address, email, phone = cells[:6]
    return KnownParty(
        _ROLES[role],
        name,
        organisation=kind == "organisation",
        address=address or None,
        email=email or None,
        phone=phone or None,
    )


def load(path: Path) -> Sample:
    """A corpus file as its parties, its plain text and the planted items' places in it."""
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    parties = tuple(_party(line) for line in head.splitlines() if line.strip())
    text: list[str] = []
    planted: list[Planted] = []
    at = 0
    length = 0
    for mark in _MARK.finditer(body):
        before = body[at : mark.start()]
        text.append(before)
        length += len(before)
        item = mark.group(2)
        planted.append(Planted(length, length + len(item), mark.group(1), item))
        text.append(item)
        length += len(item)
        at = mark.end()
    text.append(body[at:])
    return Sample(path.stem, parties, "".join(text), tuple(planted))


def samples() -> list[Sample]:
    """Every corpus text, by file name."""
    return [load(p) for p in sorted(CORPUS.glob("*.txt"))]
