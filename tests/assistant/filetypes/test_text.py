"""Plain text: accepted only when it is text, not markup or a script, and not named like one."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.filetypes import TEXT, text
from tests.assistant.filetypes.verdicts import accepted, refusal

LETTER = "Jeg gør indsigelse mod lejeforhøjelsen.\nMvh Søren\n".encode()


def _markup(name: str) -> str:
    return (
        f"{name} is a web page or another marked-up file (such as HTML, SVG or XML), not plain "
        "text. Please print it to PDF and upload the PDF instead."
    )


def _script_name(name: str) -> str:
    return (
        f"{name} is named like a program or script, so it is not accepted even though it holds "
        "text. If it is a letter or notes, save it as a .txt file or as PDF and upload that."
    )


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"\xef\xbb\xbf  \n<HTML><p>Opsigelse</p></HTML>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>x()</script></svg>',
        b'<?xml version="1.0"?><svg><script>x()</script></svg>',
        b'<HTA:APPLICATION ID="x"><script language="VBScript">CreateObject("WScript.Shell")',
        b"<!-- a comment first --><p>then markup</p>",
    ],
    ids=["html", "bom-html", "svg", "xml-svg", "hta", "comment"],
)
def test_markup_is_not_plain_text(tmp_path: Path, content: bytes) -> None:
    assert refusal(tmp_path, "brev.txt", content) == _markup("brev.txt")


def test_a_script_tag_far_down_and_across_a_chunk_boundary_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text, "CHUNK", 1000)
    content = b"a" * (8 * 1024 + 997) + b"<script>alert(1)</script>\n"
    assert refusal(tmp_path, "long.txt", content) == _markup("long.txt")


def test_a_batch_file_is_a_script_whatever_its_name(tmp_path: Path) -> None:
    assert refusal(tmp_path, "notes.txt", b"@echo off\r\ndel /q %USERPROFILE%\\*\r\n") == (
        "notes.txt is a program or script. Programs are not accepted."
    )


@pytest.mark.parametrize("name", ["run.bat", "setup.ps1", "page.hta", "x.JS", "y.vbs", "z.cmd"])
def test_innocent_text_named_like_a_script_is_refused(tmp_path: Path, name: str) -> None:
    assert refusal(tmp_path, name, LETTER) == _script_name(name)


def test_a_trailing_dot_does_not_hide_a_script_name(tmp_path: Path) -> None:
    # Windows drops the dot, so "run.bat." runs as "run.bat".
    assert refusal(tmp_path, "run.bat.", LETTER) == _script_name("run.bat")


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        ("brev.txt", LETTER, "brev.txt"),
        ("noter.md", b"# Noter\n3 < 4 og 5 > 2\n", "noter.md.txt"),
        ("data.csv", b"dato;bel\xc3\xb8b\n2026-01-01;=1+1\n", "data.csv.txt"),
        ("run.bat.txt", LETTER, "run.bat.txt"),
    ],
)
def test_text_is_shown_as_text(tmp_path: Path, name: str, content: bytes, shown: str) -> None:
    checked = accepted(tmp_path, name, content)
    assert (checked.media_type, checked.filename, checked.content) == (TEXT, shown, None)
