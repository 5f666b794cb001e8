"""Uploads: which files a filer may attach, judged by content, and what they are told if not."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.filetypes import (
    DOCX,
    HEAD_BYTES,
    MAX_FILE_BYTES,
    check_file,
    clean_filename,
    name_for,
    sniff,
)
from statemachine.errors import UploadError
from statemachine.text import Text
from tests import samples

PDF_BYTES = samples.PDF
JPEG_BYTES = samples.JPEG
PNG_BYTES = samples.PNG


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _tar() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        data = b"rent notice"
        info = tarfile.TarInfo("notice.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


DOCX_BYTES = samples.DOCX
DOCM_BYTES = samples.docx(main=samples.MACRO_MAIN, parts={"word/vbaProject.bin": b"macros"})
PLAIN_ZIP_BYTES = _zip({"lease.pdf": "%PDF-1.7"})
TEXT_BYTES = "Jeg gør indsigelse mod lejeforhøjelsen på Åboulevarden.\r\n\tMvh Søren\n".encode()


def _message(error: pytest.ExceptionInfo[UploadError]) -> str:
    """The English a filer reads (the source text, filled in)."""
    message = error.value.message
    assert isinstance(message, Text)
    return message.msgid.format(**message.params)


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("lease.pdf", PDF_BYTES, "application/pdf"),
        ("photo.jpg", JPEG_BYTES, "image/jpeg"),
        ("scan.png", PNG_BYTES, "image/png"),
        ("letter.docx", DOCX_BYTES, DOCX),
        ("objection.txt", TEXT_BYTES, "text/plain"),
        ("bom.txt", "\ufeffHusleje\n".encode(), "text/plain"),
        ("mr-mz.txt", b"MZ Jensen, Vestergade 3\n", "text/plain"),
        # The name never decides: these are what their content says.
        ("x.pdf", PNG_BYTES, "image/png"),
        ("notes", PDF_BYTES, "application/pdf"),
        ("scan.exe", JPEG_BYTES, "image/jpeg"),
    ],
)
def test_accepted_files_are_recognised_by_content(
    tmp_path: Path, name: str, content: bytes, media_type: str
) -> None:
    checked = check_file(_write(tmp_path, name, content))
    assert (checked.media_type, checked.size) == (media_type, len(content))
    # The shown name ends in what the file is, so that it opens as that.
    assert checked.filename == name_for(name, media_type)


ARCHIVE = (
    "is an archive. Archives (such as ZIP files) are not accepted. "
    "Please upload the documents themselves."
)
PROGRAM = "is a program or script. Programs are not accepted."
UNKNOWN = "is not a type we accept. Please upload PDF, JPEG, PNG, Word (DOCX) or plain text."
MACROS = (
    "contains macros or other content that runs (such as ActiveX controls or embedded "
    "programs). Please save it as an ordinary Word document (DOCX) or as PDF, and upload that."
)


@pytest.mark.parametrize(
    ("name", "content", "told"),
    [
        ("bundle.zip", PLAIN_ZIP_BYTES, ARCHIVE),
        ("x.docx", PLAIN_ZIP_BYTES, ARCHIVE),
        ("papers.gz", gzip.compress(b"papers", mtime=0), ARCHIVE),
        ("papers.tar", _tar(), ARCHIVE),
        ("papers.bz2", bz2.compress(b"papers"), ARCHIVE),
        ("papers.xz", lzma.compress(b"papers"), ARCHIVE),
        ("papers.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(24), ARCHIVE),
        ("papers.rar", b"Rar!\x1a\x07\x01\x00" + bytes(24), ARCHIVE),
        ("tool", b"\x7fELF\x02\x01\x01\x00" + bytes(56), PROGRAM),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(50), PROGRAM),
        ("app", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(24), PROGRAM),
        ("notes.txt", b"#!/bin/sh\nrm -rf ~\n", PROGRAM),
        ("macros.docx", DOCM_BYTES, MACROS),
        ("junk.bin", bytes(range(256)) * 4, UNKNOWN),
        ("latin1.txt", "Søren".encode("cp1252"), UNKNOWN),
        ("nul.txt", b"rent\x00notice", UNKNOWN),
        ("escape.txt", b"rent \x1b[31mred\x1b[0m", UNKNOWN),
    ],
)
def test_refused_files_say_why_and_what_to_do(
    tmp_path: Path, name: str, content: bytes, told: str
) -> None:
    with pytest.raises(UploadError) as error:
        check_file(_write(tmp_path, name, content))
    assert _message(error) == f"{name} {told}"


def test_binary_after_a_text_head_is_caught(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.txt", b"a" * (HEAD_BYTES * 20) + b"\x00")
    with pytest.raises(UploadError) as error:
        check_file(path)
    assert _message(error) == f"long.txt {UNKNOWN}"


def test_a_letter_cut_at_the_head_boundary_is_still_text(tmp_path: Path) -> None:
    content = b"a" * (HEAD_BYTES - 1) + "ø".encode() * 10
    assert check_file(_write(tmp_path, "cut.txt", content)).media_type == "text/plain"


def test_a_text_file_cut_mid_letter_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UploadError):
        check_file(_write(tmp_path, "cut.txt", b"Hej S\xc3"))


def test_a_damaged_zip_is_called_damaged(tmp_path: Path) -> None:
    path = _write(tmp_path, "letter.docx", DOCX_BYTES[:40])
    with pytest.raises(UploadError) as error:
        check_file(path)
    assert _message(error) == (
        "letter.docx looks damaged, so we cannot open it. "
        "Please save it again and upload the new copy."
    )


def _sized(tmp_path: Path, size: int) -> Path:
    return _write(tmp_path, "big.pdf", samples.pdf_of_size(size))


def test_a_file_of_exactly_20_mb_is_accepted(tmp_path: Path) -> None:
    assert check_file(_sized(tmp_path, MAX_FILE_BYTES)).size == MAX_FILE_BYTES


@pytest.mark.parametrize(
    ("size", "shown"),
    [(MAX_FILE_BYTES + 1, "20.1"), (25 * 1024 * 1024, "25"), (MAX_FILE_BYTES * 3 // 2, "30")],
)
def test_a_file_over_20_mb_is_refused_with_its_size(tmp_path: Path, size: int, shown: str) -> None:
    with pytest.raises(UploadError) as error:
        check_file(_sized(tmp_path, size))
    assert _message(error) == (
        f"big.pdf is {shown} MB. The limit is 20 MB per file. Split it or make it smaller, "
        "for example by scanning at a lower resolution."
    )


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UploadError) as error:
        check_file(_write(tmp_path, "blank.pdf", b""))
    assert _message(error) == "The file blank.pdf is empty."


def test_a_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pdf"
    with pytest.raises(UploadError) as error:
        check_file(missing)
    assert _message(error) == f"There is no file at {missing}. Check the path and try again."


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "papers").mkdir()
    with pytest.raises(UploadError) as error:
        check_file(tmp_path / "papers")
    assert _message(error) == "papers is a folder. Please choose the files inside it."


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_without_waiting_on_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UploadError) as error:
        check_file(tmp_path / "pipe")
    assert _message(error) == "pipe is not an ordinary file. Please choose a document."


def test_an_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "secret.pdf", PDF_BYTES)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("denied")

    # Patched rather than chmod'ed: permissions do not stop root, which CI may run as.
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(UploadError) as error:
        check_file(path)
    assert _message(error) == (
        "We could not read secret.pdf. Check that you are allowed to open it, then try again."
    )


def test_the_display_name_is_the_filers_not_the_temp_files(tmp_path: Path) -> None:
    path = _write(tmp_path, "upload-3f2a.tmp", PNG_BYTES)
    assert check_file(path, display_name="C:\\Scans\\boligen.png").filename == "boligen.png"
    zipped = _write(tmp_path, "upload-9c1d.tmp", PLAIN_ZIP_BYTES)
    with pytest.raises(UploadError) as error:
        check_file(zipped, display_name="../bundle.zip")
    assert _message(error).startswith("bundle.zip is an archive.")


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("lease.pdf", "lease.pdf"),
        ("/home/ida/Documents/lease.pdf", "lease.pdf"),
        ("C:\\Users\\Ida\\lease.pdf", "lease.pdf"),
        ("../../etc/passwd", "passwd"),
        (".bashrc", "bashrc"),
        ("...", "file"),
        ("", "file"),
        ("folder/", "file"),
        ("  spaced name.pdf  ", "spaced name.pdf"),
        ("line\nbreak\x00.pdf", "linebreak.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("Åbenrå lejekontrakt.pdf", "Åbenrå lejekontrakt.pdf"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
        ("a" * 300, "a" * 200),
    ],
)
def test_clean_filename(given: str, shown: str) -> None:
    assert clean_filename(given) == shown


@pytest.mark.parametrize(
    ("head", "zip_names", "media_type"),
    [
        (b"PK\x03\x04rest", None, "application/zip"),
        (b"PK\x03\x04rest", lambda: ["[Content_Types].xml", "word/document.xml"], DOCX),
        (b"PK\x03\x04rest", lambda: ["[Content_Types].xml", "xl/workbook.xml"], "application/zip"),
        (b"BZh is how this line starts", None, "text/plain"),
        (b"Hej S\xc3", None, "text/plain"),
        (b"\x00\x01\x02", None, "application/octet-stream"),
    ],
)
def test_sniff_on_the_first_bytes(
    head: bytes, zip_names: Callable[[], list[str]] | None, media_type: str
) -> None:
    assert sniff(head, zip_names=zip_names) == media_type
