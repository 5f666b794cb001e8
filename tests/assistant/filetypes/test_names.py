"""Display names: shown as what the file is, without tricks, and shortened rather than refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.filetypes import DOCX, JPEG, PDF, PNG, TEXT, check_file, clean_filename, name_for
from tests import samples


@pytest.mark.parametrize(
    ("name", "media_type", "shown"),
    [
        ("lease.pdf.exe", PDF, "lease.pdf.exe.pdf"),
        ("lease.PDF", PDF, "lease.PDF"),
        ("photo.png", JPEG, "photo.png.jpg"),
        ("photo.jpeg", JPEG, "photo.jpeg"),
        ("scan.jpg", PNG, "scan.jpg.png"),
        ("report.docm", DOCX, "report.docm.docx"),
        ("file", TEXT, "file.txt"),
        ("a" * 200, PDF, "a" * 196 + ".pdf"),
    ],
)
def test_the_extension_is_made_to_match_the_content(name: str, media_type: str, shown: str) -> None:
    assert name_for(name, media_type) == shown


def test_an_uploaded_program_name_shows_what_the_file_is(tmp_path: Path) -> None:
    path = tmp_path / "upload.tmp"
    path.write_bytes(samples.PDF)
    assert check_file(path, "lease.pdf.exe").filename == "lease.pdf.exe.pdf"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # right-to-left override
        ("lease\u2066.pdf\u2069.exe", "lease.pdf.exe"),  # isolates
        ("Z" + "\u0301" * 40 + "algo.pdf", "\u0179\u0301\u0301algo.pdf"),  # a stack of accents
        ("Se\u0301ance.pdf", "Séance.pdf"),  # NFC: one letter, not two
        ("Việt.pdf", "Việt.pdf"),  # two marks on one letter are real text
        ("lease.pdf. . .", "lease.pdf"),
    ],
)
def test_names_lose_direction_tricks_and_stacked_marks(given: str, shown: str) -> None:
    assert clean_filename(given) == shown


def test_a_10000_character_name_is_shortened_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "upload.tmp"
    path.write_bytes(samples.PDF)
    checked = check_file(path, "lejekontrakt " * 770 + ".pdf")
    assert len(checked.filename) == 200 and checked.filename.endswith(" l.pdf")
