"""The plain chat names the part of the dialogue once, when the filer enters it, not before
every question: a screen reader reads it once per part, and again after going back."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from assistant.chat.plaintext import render
from assistant.chat.terminal import PlainChat
from assistant.protocol import Attachment, Files, Turn
from assistant.service.rendering import render as turn_of
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.flows.intake import engine

TODAY = date(2026, 11, 23)
ENGINE = engine()


class EngineChannel:
    """The intake engine in memory, behind the chat's channel: real turns, no store."""

    def __init__(self) -> None:
        self.draft: Draft | None = None

    def start(self, lang: str) -> tuple[str, str, Turn]:
        self.draft = ENGINE.start(lang)
        return "s_chat", "CODE", turn_of(ENGINE.present(self.draft, TODAY), "s_chat", lang, 1)

    def resume(self, code: str) -> tuple[str, Turn]:
        raise AssertionError("not resumed here")

    def answer(self, session: str, answer: Any, resume_code: str | None) -> Turn:
        assert self.draft is not None
        outcome = ENGINE.step(self.draft, Answer.from_json(answer), TODAY)
        shown = ENGINE.present(self.draft, TODAY, outcome.messages, outcome.errors)
        return turn_of(shown, session, self.draft.lang, 1)

    def files(self, session: str) -> Files:
        return {"attachments": [], "in_use": []}

    def remove_file(self, session: str, attachment_id: str) -> Attachment:
        raise AssertionError("no files here")


def chat(*typed: str) -> str:
    out = io.StringIO()
    PlainChat(EngineChannel(), io.StringIO("\n".join(typed) + "\n"), out, echo=True).run("da")
    return out.getvalue()


def test_each_part_is_named_once_when_entered_and_again_after_back() -> None:
    screen = chat("2", "yes", "1", "9", "back", "1", "1", "Vestergade 12")
    lines = [line for line in screen.splitlines() if line.startswith(("Del ", "Part "))]
    assert lines == [
        "Del 1 af 11: Start.",
        "Part 2 of 11: About you.",
        "Part 3 of 11: The home.",
        "Part 2 of 11: About you.",
        "Part 3 of 11: The home.",
    ]


def test_the_first_question_names_its_part_in_danish() -> None:
    screen = chat()
    assert "\nDel 1 af 11: Start.\n" in screen


def test_a_turn_in_the_same_part_is_shown_without_the_part_line() -> None:
    channel = EngineChannel()
    _, _, turn = channel.start("en")
    assert render(turn, "en").splitlines()[1] == "Part 1 of 11: Start."
    assert "Part " not in render(turn, "en", new_part=False)
