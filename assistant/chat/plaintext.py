"""Turns as plain lines, and typed lines as answers: the text-only chat's two directions.

Everything here works read aloud on a screen reader or on a braille line: one question at a
time, numbered options, a hint that says what to type, and no colour or cursor movement.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import Any

from assistant.protocol import Turn, TurnOption
from locales import translator
from statemachine.text import N_, t

ACTION_WORDS: dict[str, str] = {
    "back": "back",
    "tilbage": "back",
    "help": "help",
    "hjælp": "help",
    "hjaelp": "help",
    "save": "save",
    "gem": "save",
    "restart": "restart",
    "forfra": "restart",
    "start forfra": "restart",
}
"""Words that are actions rather than answers, in both languages."""

FILE_WORDS: dict[str, str] = {
    "files": "files",
    "filer": "files",
    "remove": "remove",
    "fjern": "remove",
    "slet": "remove",
}
"""Words that manage the files uploaded so far, in both languages: ``files`` lists them,
``remove N`` removes the N-th of that list."""


MISSING_WORDS = frozenset(
    {
        "i dont have it",
        "i don't have it",
        "i do not have it",
        "dont have it",
        "don't have it",
        "i dont have",
        "i don't have",
        "not have it",
        "i have not got it",
        "i haven't got it",
        "missing",
        "jeg har det ikke",
        "jeg har den ikke",
        "har det ikke",
        "har den ikke",
        "jeg har ikke dokumentet",
        "har ikke dokumentet",
        "jeg har ikke",
        "mangler",
        "det mangler",
    }
)
"""What a filer types at a file question to say they do not have the document, in both
languages: read as the question's option for that, never as a path."""


def file_command(line: str) -> tuple[str, str] | None:
    """``("files", "")`` or ``("remove", WHAT)`` if the line is a file command, else None."""
    word, _, rest = line.strip().partition(" ")
    command, rest = FILE_WORDS.get(word.lower()), rest.strip()
    # "remove the mould" is an answer, not a command: only a number may follow.
    if command is None or (rest and (command == "files" or not rest.isdigit())):
        return None
    return command, rest


HINTS: dict[str, str] = {
    "choice": N_("Type a number from 1 to {count}."),
    "multi_choice": N_(
        "Type one or more numbers separated by commas, or just press Enter for none."
    ),
    "confirm": N_("Type yes or no."),
    "date": N_("Write a date, for example 1/10/2026."),
    "money": N_("Write an amount in kroner, for example 7500."),
    "number": N_("Write a number."),
    "text": N_("Write your answer and press Enter."),
    "long_text": N_("Write your answer. You may use several lines. End with an empty line."),
    "email": N_("Write an email address."),
    "phone": N_("Write a phone number, or just press Enter to skip it."),
    "file": N_("Write the path to the file, or type {missing} if you do not have it."),
    "none": N_("Press Enter to go on."),
}
"""What to type, by input kind."""


PART = N_("Part {step} of {total}: {title}.")
"""The progress line, said when the filer enters a part of the dialogue."""


def render(turn: Turn, lang: str, *, new_part: bool = True, before: Sequence[str] = ()) -> str:
    """A turn as plain text lines, ending with the prompt marker line's text.

    Args:
        turn: the turn to show.
        lang: the language of the chat's own words.
        new_part: whether to say which part of the dialogue the question is in ("Part 4 of
            11: The case."). The chat says it when the part changes, or after the filer moved
            (back, resume, a change from the review), not before every question, so a screen
            reader does not repeat it.
        before: lines about the last answer ("Received: lease.pdf (1 kB)."), said before the
            part's name.
    """
    tr = translator(lang)
    lines: list[str] = ["", *before]
    if new_part:
        progress = turn["progress"]
        lines.append(
            tr.render(
                t(PART, step=progress["step"], total=progress["total"], title=progress["title"])
            )
        )
    lines.extend(turn["messages"])
    for error in turn["errors"]:
        lines.append(tr.render(t("Please check your answer: {error}", error=error)))
    if turn["done"]:
        lines.append(turn["prompt"])
        return "\n".join(lines)
    lines.append(turn["prompt"])
    inp = turn["input"]
    options = inp["options"]
    for number, option in enumerate(options, start=1):
        lines.append(f"  {number}. {option['label']}")
    if turn["state"] == "end_out_of_scope":
        lines.append(tr.render(t("Type back to go back, or restart to start again.")))
        return "\n".join(lines)
    kind = inp["kind"]
    if kind == "file" and not inp["required"]:
        lines.append(tr.render(t("Write the path to the file, or just press Enter to skip it.")))
    elif kind in HINTS and not (kind == "none" and turn["prompt"] == tr.render(t(HINTS[kind]))):
        lines.append(tr.render(t(HINTS[kind], count=len(options), missing=str(len(options)))))
    if "current" in inp:
        lines.append(
            tr.render(
                t("Your answer now: {current}. Press Enter to keep it.", current=inp["current"])
            )
        )
    return "\n".join(lines)


def interpret(line: str, turn: Turn) -> dict[str, Any]:
    """What a typed line means for this turn, as a protocol answer."""
    text = line.strip()
    word = text.lower()
    if word in ACTION_WORDS:
        return {"action": ACTION_WORDS[word]}
    kind = turn["input"]["kind"]
    options = turn["input"]["options"]
    if not text:
        return {"value": None}
    if kind in ("choice", "file") and options:
        chosen = _option(text, options)
        if chosen is not None:
            return {"value": chosen}
        if kind == "file":
            if _folded(text) in MISSING_WORDS:
                return {"value": str(options[0]["id"])}
            return {"value": {"path": unquoted(text)}}
        return {"value": text}
    if kind == "multi_choice":
        parts = [p for p in re.split(r"[,;]\s*|\s+(?=\d)", text) if p.strip()]
        picked = [_option(p.strip(), options) or p.strip() for p in parts]
        return {"value": picked}
    return {"value": text}


def unquoted(path: str) -> str:
    """A path as a terminal's drag and drop writes it, without its quotes or backslashes:
    ``'~/Downloads/lejekontrakt.pdf'``, ``"/tmp/my lease.pdf"``, ``/tmp/my\\ lease.pdf``.

    Other lines are kept as typed: a Windows path's backslashes are part of it.
    """
    if not (path[:1] in "'\"" and len(path) > 1) and "\\ " not in path:
        return path
    try:
        words = shlex.split(path)
    except ValueError:
        return path
    return words[0] if len(words) == 1 else path


def _folded(text: str) -> str:
    """Lower case, with the curly apostrophe made straight and end punctuation left out."""
    return " ".join(text.casefold().replace("\u2019", "'").strip(" .!").split())


def _option(text: str, options: list[TurnOption]) -> str | None:
    if text.isdigit():
        index = int(text) - 1
        return str(options[index]["id"]) if 0 <= index < len(options) else None
    folded = text.casefold()
    exact = [o for o in options if str(o["label"]).casefold() == folded]
    if exact:
        return str(exact[0]["id"])
    starts = [o for o in options if str(o["label"]).casefold().startswith(folded)]
    if len(starts) == 1 and len(folded) >= 3:
        return str(starts[0]["id"])
    return None
