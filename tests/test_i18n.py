"""Every user-facing message is translated in every language, and the catalogs are current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from locales import CATALOG_DIR, LANGUAGES, translator
from statemachine.engine.machine import Engine
from statemachine.text import Text

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _catalog(lang: str) -> list[tuple[object, object]]:
    path = CATALOG_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return [(m.id, m.string) for m in read_po(handle) if m.id]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated(lang: str) -> None:
    missing = [
        msgid
        for msgid, string in _catalog(lang)
        if not string or (isinstance(string, tuple) and not all(string))
    ]
    assert missing == [], f"{len(missing)} untranslated in {lang}, e.g. {missing[:3]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_their_placeholders(lang: str) -> None:
    for msgid, string in _catalog(lang):
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        forms = string if isinstance(string, tuple) else (string,)
        wanted = set().union(*(set(PLACEHOLDER.findall(i)) for i in ids)) - {"count"}
        for form in forms:
            assert set(PLACEHOLDER.findall(str(form))) - {"count"} <= wanted, msgid
            assert wanted <= set(PLACEHOLDER.findall(str(form))) | {"count"}, msgid


def test_catalog_covers_every_message_in_the_source() -> None:
    pot = (CATALOG_DIR / "messages.pot").read_text(encoding="utf-8")
    engine = Engine()
    for state in engine.states.values():
        for key in ("prompt", "help", "label"):
            if key in state:
                assert 'msgid "' + state[key][:30] in pot.replace('"\n"', ""), state[key]


def test_danish_is_really_danish() -> None:
    da = translator("da")
    assert da.render(Text("Who are you in this case?")) != "Who are you in this case?"
    assert da.render(Text("Type yes or no.")).lower().count("ja") == 1


def test_compiled_catalogs_exist() -> None:
    for lang in LANGUAGES:
        assert (Path(CATALOG_DIR) / lang / "LC_MESSAGES" / "messages.mo").exists()
