"""Typesetting with Typst: a template and its data make a PDF whose text is the data's, with
Danish letters; a broken template is a plain error."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from console.documents import typeset as module
from console.documents.typeset import typeset
from statemachine.errors import NaevnError

TEMPLATE = """#let data = json(bytes(sys.inputs.data))
#set text(lang: "da")
= #data.title
#data.body
"""


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "letter.typ").write_text(TEMPLATE, encoding="utf-8")
    monkeypatch.setattr(module, "TEMPLATES", tmp_path)
    return tmp_path


def test_a_template_and_its_data_make_a_pdf_with_the_data_s_words(templates: Path) -> None:
    pdf = typeset("letter", {"title": "AFGØRELSE", "body": "Lejer på Åboulevarden får medhold."})
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "AFGØRELSE" in text and "Lejer på Åboulevarden får medhold." in text


def test_a_page_as_an_image(templates: Path) -> None:
    assert typeset("letter", {"title": "x", "body": "y"}, output="png").startswith(b"\x89PNG")


def test_data_the_template_does_not_get_is_a_plain_error(templates: Path) -> None:
    with pytest.raises(NaevnError) as refused:
        typeset("letter", {})
    assert "could not be typeset" in str(refused.value.message)
