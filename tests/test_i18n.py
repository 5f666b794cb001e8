"""Every user-facing message is translated in every language, and the catalogs are current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from locales import CATALOG_DIR, LANGUAGES, translator
from locales.catalogcheck import differences, message_keys
from statemachine.flows import intake
from statemachine.text import Text

PLACEHOLDER = re.compile(r"\{(\w+)\}")
ROOT = Path(__file__).resolve().parent.parent
SOURCE_PACKAGES = ("naevn", "statemachine", "casestore", "assistant", "console", "locales")
"""Where ``make extract`` looks for messages."""


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


def test_the_template_holds_exactly_the_messages_of_the_source(tmp_path: Path) -> None:
    """Extracted afresh, as ``make extract`` does, the source gives the template's messages."""
    extracted = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).with_name("pybabel")), "-q", "extract", "-F", "babel.cfg",
         "-o", str(extracted), *SOURCE_PACKAGES],
        cwd=ROOT, check=True,
    )  # fmt: skip
    assert differences(extracted, CATALOG_DIR / "messages.pot") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalog_holds_exactly_the_messages_of_the_template(lang: str) -> None:
    po = CATALOG_DIR / lang / "LC_MESSAGES" / "messages.po"
    assert differences(po, CATALOG_DIR / "messages.pot") == []


def test_every_prompt_of_the_dialogue_is_in_the_template() -> None:
    template = message_keys(CATALOG_DIR / "messages.pot")
    msgids = {msgid for _context, msgid, _plural in template}
    for state in intake.engine().states.values():
        for key in ("prompt", "help", "label"):
            if key in state:
                assert state[key] in msgids, state[key]


def test_danish_is_really_danish() -> None:
    da = translator("da")
    assert da.render(Text("Who are you in this case?")) != "Who are you in this case?"
    assert da.render(Text("Type yes or no.")).lower().count("ja") == 1


def test_compiled_catalogs_exist() -> None:
    for lang in LANGUAGES:
        assert (Path(CATALOG_DIR) / lang / "LC_MESSAGES" / "messages.mo").exists()
