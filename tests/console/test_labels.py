"""The console's history labels: every audit event the code writes reads as words in Danish
and in English, never as its id."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from console.desk import labels
from locales import translator

ROOT = Path(__file__).resolve().parents[2]
WRITERS = ("assistant", "casestore", "console", "naevn")
"""The packages that write audit lines."""
KIND = re.compile(r"(case|draft|demo)\.[a-z_]+")
NOT_EVENTS = frozenset({"case.json"})
"""Strings shaped like an event kind that are something else (the export's file name)."""


def _written_kinds() -> set[str]:
    """Every string in the writing packages shaped like an audit event's kind."""
    found = set()
    for package in WRITERS:
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "console" / "desk" / "labels.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                value = node.value if isinstance(node, ast.Constant) else None
                if isinstance(value, str) and KIND.fullmatch(value) and value not in NOT_EVENTS:
                    found.add(value)
    return found


def test_every_event_the_code_writes_has_a_label() -> None:
    written = _written_kinds()
    # The search finds the issue-12 events, so an empty or stale scan cannot pass.
    assert {"case.decision", "case.agenda_added", "case.summoned", "case.anonymised"} <= written
    assert sorted(written - set(labels.EVENTS)) == []


@pytest.mark.parametrize("kind", sorted(labels.EVENTS))
def test_each_label_reads_in_danish_and_english(kind: str) -> None:
    english = translator("en").render(labels.event(kind))
    danish = translator("da").render(labels.event(kind))
    assert english == labels.EVENTS[kind]
    assert danish and danish != english, kind


def test_an_unknown_event_shows_its_kind() -> None:
    assert translator("da").render(labels.event("case.unheard_of")) == "case.unheard_of"
