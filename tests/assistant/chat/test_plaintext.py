"""Typed lines become protocol answers: numbers, labels, yes/no and action words."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.chat.plaintext import interpret
from assistant.protocol import Turn


def turn(kind: str, options: list[tuple[str, str]] | None = None) -> Turn:
    """A Danish turn asking for ``kind``, with these (id, label) options."""
    return {
        "session": "s_plaintext",
        "lang": "da",
        "state": "ask_role",
        "messages": [],
        "prompt": "Hvem er du i sagen?",
        "help": None,
        "input": {
            "kind": kind,
            "required": True,
            "options": [{"id": i, "label": lbl} for i, lbl in (options or [])],
        },
        "errors": [],
        "progress": {"step": 2, "total": 11, "title": "Om dig"},
        "actions": ["back", "help", "save", "restart"],
        "done": False,
        "case_number": None,
        "version": 1,
    }


ROLES = turn(
    "choice",
    [("tenant", "Lejer"), ("landlord", "Udlejer"), ("tenant_board", "Beboerrepræsentation")],
)


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("1", {"value": "tenant"}),
        (" 2 ", {"value": "landlord"}),
        ("udlejer", {"value": "landlord"}),
        ("Beboer", {"value": "tenant_board"}),
        ("9", {"value": "9"}),
        ("tilbage", {"action": "back"}),
        ("Hjælp", {"action": "help"}),
        ("gem", {"action": "save"}),
        ("save", {"action": "save"}),
        ("forfra", {"action": "restart"}),
        ("", {"value": None}),
    ],
)
def test_choice(typed: str, answer: dict[str, Any]) -> None:
    assert interpret(typed, ROLES) == answer


def test_multi_choice_numbers_and_commas() -> None:
    t = turn("multi_choice", [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")])
    assert interpret("1, 3", t) == {"value": ["a", "c"]}
    assert interpret("1 3", t) == {"value": ["a", "c"]}


def test_file_is_a_path_unless_it_picks_the_option() -> None:
    t = turn("file", [("missing", "Jeg har den ikke")])
    assert interpret("1", t) == {"value": "missing"}
    assert interpret("/home/anna/kontrakt.pdf", t) == {"value": {"path": "/home/anna/kontrakt.pdf"}}


def test_confirm_passes_the_word_on() -> None:
    assert interpret("ja", turn("confirm")) == {"value": "ja"}
