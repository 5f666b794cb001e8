"""The page's own wording replaces terminal sentences by their msgids: each one it replaces
must still be a sentence the dialogue says, in both languages, or the page would quietly
show the terminal's words ("type back", "the path to the file") again."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from assistant.web.wording import ENDINGS, WHOLE, for_the_page
from locales import translator

POT = Path(__file__).resolve().parents[3] / "locales" / "messages.pot"


def _msgids() -> set[str]:
    with POT.open("rb") as source:
        return {str(m.id) for m in read_po(source) if m.id and isinstance(m.id, str)}


@pytest.mark.parametrize("msgid", [*WHOLE, *ENDINGS])
def test_every_replaced_sentence_is_still_said_by_the_dialogue(msgid: str) -> None:
    # The keys are not marked for extraction, so the catalog holds them only because the
    # dialogue (or the terminal) still says them.
    assert msgid in _msgids()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_page_says_its_own_words_in_each_language(lang: str) -> None:
    tr = translator(lang)
    terminal = "Please answer the question. Type help if you are unsure what to write."
    template = next(iter(ENDINGS))
    explained = tr.gettext(template).format(explanation="EXPLAINED.")
    turn = {
        "lang": lang,
        "help": tr.gettext(next(iter(WHOLE))),
        "messages": [explained, "Kept as it is."],
        "errors": [tr.gettext(terminal)],
        "prompt": "",
    }
    page = for_the_page(turn)  # type: ignore[arg-type]
    assert page["help"] is None  # the checkboxes and their hint say it
    assert page["messages"] == ["EXPLAINED.", "Kept as it is."]
    assert page["errors"] == [tr.gettext(WHOLE[terminal])]
    assert page["errors"] != [tr.gettext(terminal)]
