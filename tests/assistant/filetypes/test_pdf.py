"""PDF: only a document pypdf can open passes, and none that runs code, launches or attaches."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from assistant.filetypes import PDF, pdf
from tests import samples
from tests.assistant.filetypes.verdicts import accepted, refusal

DAMAGED = (
    "lease.pdf is not a PDF we can open: it may be damaged, or only named like a PDF. "
    "Please save or export it as PDF again and upload the new copy."
)
PRINT_IT = (
    "Please print it to a new PDF (choose “Print to PDF” as the printer) and upload that copy."
)
SCRIPTS = (
    "lease.pdf contains scripts (JavaScript) or other content that runs when it is opened. "
    + PRINT_IT
)
LAUNCHES = f"lease.pdf contains an action that starts a program or opens another file. {PRINT_IT}"
EMBEDDED = (
    "lease.pdf has other files attached inside it. Please upload each document on its own, and "
    "print the PDF to a new PDF (choose “Print to PDF” as the printer) to leave them out."
)


def _name(value: str) -> NameObject:
    return NameObject(value)


def _program_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(2048))
    return out.getvalue()


def test_a_real_pdf_is_accepted(tmp_path: Path) -> None:
    checked = accepted(tmp_path, "lease.pdf", samples.PDF)
    assert (checked.media_type, checked.size, checked.content) == (PDF, len(samples.PDF), None)


def test_a_pdf_header_in_front_of_a_web_page_is_refused(tmp_path: Path) -> None:
    page = b"%PDF-1.7\n<html><body><script>fetch('/steal')</script></body></html>\n"
    assert refusal(tmp_path, "lease.pdf", page) == DAMAGED


def test_a_pdf_header_in_front_of_a_zip_with_a_program_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, "lease.pdf", b"%PDF-1.4\n" + _program_zip()) == DAMAGED


def test_a_zip_with_a_program_stuck_on_after_a_real_pdf_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, "lease.pdf", samples.PDF + _program_zip()) == DAMAGED


def test_javascript_run_on_opening_is_refused(tmp_path: Path) -> None:
    hostile = samples.pdf(catalog={"/OpenAction": samples.javascript_action("app.alert(1)")})
    assert refusal(tmp_path, "lease.pdf", hostile) == SCRIPTS


def test_javascript_in_the_documents_script_names_is_refused(tmp_path: Path) -> None:
    names = DictionaryObject(
        {
            _name("/JavaScript"): DictionaryObject(
                {
                    _name("/Names"): ArrayObject(
                        [TextStringObject("x"), samples.javascript_action("app.alert(2)")]
                    )
                }
            )
        }
    )
    assert refusal(tmp_path, "lease.pdf", samples.pdf(catalog={"/Names": names})) == SCRIPTS


def test_javascript_behind_a_link_on_a_page_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    link = DictionaryObject(
        {
            _name("/Type"): _name("/Annot"),
            _name("/Subtype"): _name("/Link"),
            _name("/Rect"): ArrayObject(),
            _name("/A"): samples.javascript_action("app.launchURL('x')"),
        }
    )
    page[_name("/Annots")] = ArrayObject([writer._add_object(link)])
    out = io.BytesIO()
    writer.write(out)
    assert refusal(tmp_path, "lease.pdf", out.getvalue()) == SCRIPTS


def test_javascript_under_an_escaped_name_is_refused(tmp_path: Path) -> None:
    action = DictionaryObject(
        {_name("/S"): _name("/JavaScriptXX"), _name("/JSXX"): TextStringObject("app.alert(3)")}
    )
    written = samples.pdf(catalog={"/OpenAction": action})
    # "/J#61vaScript" and "/J#53" are "/JavaScript" and "/JS" to a reader; same lengths, so
    # the file's offsets still hold.
    hostile = written.replace(b"/JavaScriptXX", b"/J#61vaScript").replace(b"/JSXX", b"/J#53")
    assert b"/JavaScript" not in hostile and b"/JS " not in hostile
    assert refusal(tmp_path, "lease.pdf", hostile) == SCRIPTS


def test_a_launch_action_is_refused(tmp_path: Path) -> None:
    launch = DictionaryObject(
        {_name("/S"): _name("/Launch"), _name("/F"): TextStringObject("cmd.exe")}
    )
    assert refusal(tmp_path, "lease.pdf", samples.pdf(catalog={"/OpenAction": launch})) == LAUNCHES


def test_an_attached_file_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("faktura.exe", b"MZ\x90\x00")
    out = io.BytesIO()
    writer.write(out)
    assert refusal(tmp_path, "lease.pdf", out.getvalue()) == EMBEDDED


def test_a_file_attachment_annotation_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    note = DictionaryObject(
        {_name("/Type"): _name("/Annot"), _name("/Subtype"): _name("/FileAttachment")}
    )
    page[_name("/Annots")] = ArrayObject([writer._add_object(note)])
    out = io.BytesIO()
    writer.write(out)
    assert refusal(tmp_path, "lease.pdf", out.getvalue()) == EMBEDDED


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(samples.PDF))
    writer.encrypt(user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_locked_with_a_password_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path, "lease.pdf", _encrypted("secret")) == (
        "lease.pdf is protected by a password, so the tribunal could not open it. "
        "Please save a copy without the password and upload that."
    )


def test_a_pdf_restricted_only_by_its_owner_is_opened_and_accepted(tmp_path: Path) -> None:
    # Banks and authorities send these: anyone can open them, only editing is locked.
    assert accepted(tmp_path, "lease.pdf", _encrypted("")).media_type == PDF


def test_a_pdf_with_too_many_objects_to_check_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "MAX_OBJECTS", 3)
    assert refusal(tmp_path, "lease.pdf", samples.pdf("four objects or more")) == (
        f"lease.pdf is too complex for us to check. {PRINT_IT}"
    )
