"""The page's own words where the dialogue speaks to a terminal ("type back", "press Enter",
"give the path to the file"): the same turn, said for a form with buttons.

The turn arrives rendered in the filer's language, so each terminal sentence is matched as its
translation in that language, and replaced by the page's (a msgid of its own, or nothing).
"""

from __future__ import annotations

from typing import Final

from assistant.protocol import Turn
from locales import translator
from statemachine.text import N_

WHOLE: Final[dict[str, str]] = {
    # The help of "more topics": the checkboxes and their hint say it.
    "Type the numbers separated by commas, for example 1, 3. Press Enter without "
    "typing anything if there are no more topics.": "",
    "Choose the topic closest to your case, and explain it in your own words later. "
    "To see the first topics again, type back.": N_(
        "Choose the topic closest to your case, and explain it in your own words later. "
        "To see the first topics again, go back."
    ),
    "We ask one thing at a time. You can type back, help, save or restart at any "
    "question. Save gives you a code to continue later.": N_(
        "We ask one thing at a time. Under every question you can go back, save and "
        "continue later with a code, or start again."
    ),
    "Choose one answer to change it, or go through all the questions of this section "
    "again. Pressing Enter at a question keeps your answer. You come back to the "
    "review afterwards.": N_(
        "Choose one answer to change it, or go through all the questions of this section "
        "again. Each question shows your answer, and Continue keeps it. You come back to the "
        "review afterwards."
    ),
    "Is everything correct? Choose 1 to go on, or a section to change.": N_(
        "Is everything correct? Go on, or change a section."
    ),
    "There is no question here to answer. Type back to go back, or restart to start again.": N_(
        "There is no question here to answer. Go back, or start again."
    ),
    "Please answer the question. Type help if you are unsure what to write.": N_(
        "Please answer the question. The text under it says more about what to write."
    ),
    "Please give the path to a file, or choose the option to say you do not have it.": N_(
        "Please choose a file, or tick the box to say you do not have it."
    ),
}
"""Terminal lines (msgids) said otherwise on the page, whole."""

ENDINGS: Final[dict[str, str]] = {
    # A document's help: its explanation, then how to give a file in the terminal.
    "{explanation} Give the path to the file, for example "
    "/home/anna/lejekontrakt.pdf. PDF, JPEG, PNG, Word (DOCX) and plain text are "
    "accepted, up to 20 MB each. If you do not have it, choose the option below.": "",
}
"""Terminal templates (msgids) that end a line after a parameter: the ending is replaced."""


def for_the_page(turn: Turn) -> Turn:
    """``turn`` with its terminal sentences said for the page."""
    tr = translator(turn["lang"])
    whole = {tr.gettext(k): tr.gettext(v) if v else "" for k, v in WHOLE.items()}
    endings = []
    for template, ours in ENDINGS.items():
        _, _, ending = tr.gettext(template).partition("}")
        endings.append((ending, tr.gettext(ours) if ours else ""))

    def said(line: str) -> str:
        if line in whole:
            return whole[line]
        for ending, ours in endings:
            if ending and line.endswith(ending):
                return (line[: -len(ending)] + (" " + ours if ours else "")).strip()
        return line

    help_text = said(turn["help"]) if turn["help"] else turn["help"]
    messages = [m for m in (said(line) for line in turn["messages"]) if m]
    errors = [said(line) for line in turn["errors"]]
    prompt = said(turn["prompt"]) or turn["prompt"]
    return {
        **turn,
        "help": help_text or None,
        "messages": messages,
        "errors": errors,
        "prompt": prompt,
    }
