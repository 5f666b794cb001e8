"""Word documents: judged by what the package declares and holds, within unpacking limits."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from assistant.filetypes import DOCX
from tests import samples
from tests.assistant.filetypes.verdicts import accepted, refusal

MACROS = (
    "report.docx contains macros or other content that runs (such as ActiveX controls or "
    "embedded programs). Please save it as an ordinary Word document (DOCX) or as PDF, and "
    "upload that."
)
DAMAGED = (
    "report.docx looks damaged, so we cannot open it. Please save it again and upload the new copy."
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
"""The start of an OLE compound file: how Word stores a macro project, whatever its name."""
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCUMENT_RELS = "word/_rels/document.xml.rels"


def _rels(*relationships: str) -> bytes:
    return samples.RELS.format(relationships="".join(relationships)).encode()


def test_a_real_word_document_is_accepted(tmp_path: Path) -> None:
    checked = accepted(tmp_path, "report.docx", samples.DOCX)
    assert (checked.media_type, checked.filename) == (DOCX, "report.docx")


@pytest.mark.parametrize("name", ["report.docx", "report.docm"])
def test_a_macro_document_with_its_macros_renamed_is_refused(tmp_path: Path, name: str) -> None:
    hostile = samples.docx(
        main=samples.MACRO_MAIN,
        extra_types='<Override PartName="/word/macros.bin" '
        'ContentType="application/vnd.ms-office.vbaProject"/>',
        parts={"word/macros.bin": b'Attribute VB_Name = "AutoOpen"'},
    )
    assert refusal(tmp_path, name, hostile) == MACROS.replace("report.docx", name)


def test_a_macro_project_named_only_by_its_relationship_is_refused(tmp_path: Path) -> None:
    link = (
        '<Relationship Id="rId9" Target="macros.bin" '
        'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject"/>'
    )
    hostile = samples.docx(parts={DOCUMENT_RELS: _rels(link), "word/macros.bin": b"Sub AutoOpen()"})
    assert refusal(tmp_path, "report.docx", hostile) == MACROS


def test_an_activex_control_is_refused(tmp_path: Path) -> None:
    control = f'<Relationship Id="rId7" Type="{REL}/control" Target="controls/c1.xml"/>'
    hostile = samples.docx(parts={DOCUMENT_RELS: _rels(control), "word/controls/c1.xml": b"<ocx/>"})
    assert refusal(tmp_path, "report.docx", hostile) == MACROS


def test_an_activex_part_is_refused(tmp_path: Path) -> None:
    hostile = samples.docx(parts={"word/activeX/activeX1.xml": b"<ax:ocx/>"})
    assert refusal(tmp_path, "report.docx", hostile) == MACROS


def test_an_ole_binary_under_an_innocent_name_is_refused(tmp_path: Path) -> None:
    hostile = samples.docx(parts={"word/media/image1.png": OLE})
    assert refusal(tmp_path, "report.docx", hostile) == MACROS


def test_a_program_inside_the_package_is_refused(tmp_path: Path) -> None:
    hostile = samples.docx(parts={"word/media/image1.png": b"MZ\x90\x00" + bytes(256)})
    assert refusal(tmp_path, "report.docx", hostile) == MACROS


def test_a_template_fetched_from_the_internet_is_refused(tmp_path: Path) -> None:
    template = (
        f'<Relationship Id="rId1" Type="{REL}/attachedTemplate" '
        'Target="https://example.invalid/t.dotm" TargetMode="External"/>'
    )
    hostile = samples.docx(parts={"word/_rels/settings.xml.rels": _rels(template)})
    assert refusal(tmp_path, "report.docx", hostile) == (
        "report.docx fetches content from the internet when it is opened (for example a linked "
        "template or picture). Please save it as PDF and upload that."
    )


def test_a_link_the_reader_may_click_is_fine(tmp_path: Path) -> None:
    link = (
        f'<Relationship Id="rId3" Type="{REL}/hyperlink" '
        'Target="https://huslejenaevn.dk/" TargetMode="External"/>'
    )
    document = samples.docx(parts={DOCUMENT_RELS: _rels(link)})
    assert accepted(tmp_path, "report.docx", document).media_type == DOCX


@pytest.mark.parametrize(
    "broken",
    [
        samples.docx(main="application/xml"),  # no Word main part
        samples.docx(relationships=""),  # nothing says where the document is
        samples.docx(text="<unclosed>"),  # the body is not XML
        samples.docx(parts={"word/styles.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}),
    ],
    ids=["not-word", "no-start", "bad-xml", "entities"],
)
def test_a_package_that_is_not_a_whole_word_document_is_damaged(
    tmp_path: Path, broken: bytes
) -> None:
    assert refusal(tmp_path, "report.docx", broken) == DAMAGED


def _zeros_docx(size: int) -> bytes:
    """A Word package with one more part of ``size`` zero bytes, written in pieces."""
    out = io.BytesIO(samples.DOCX)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/padding.bin", "w") as part,
    ):
        piece = bytes(1 << 20)
        for _ in range(size >> 20):
            part.write(piece)
    return out.getvalue()


def test_a_package_that_unpacks_to_over_100_mb_is_refused_unopened(tmp_path: Path) -> None:
    bomb = _zeros_docx(200 << 20)
    assert len(bomb) < 1 << 20  # 200 MB of zeros pack into a fraction of a megabyte
    tracemalloc.start()
    try:
        told = refusal(tmp_path, "report.docx", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert told == (
        "report.docx unpacks to more than 100 MB. Please make it smaller, for example by "
        "compressing the pictures in it, or save it as PDF, and upload it again."
    )
    assert peak < 4 << 20


ODDLY = (
    "report.docx is packed in a way we cannot check safely. "
    "Please save it again as DOCX or as PDF and upload the new copy."
)


def test_a_part_packed_over_100_to_1_is_refused_while_unpacking(tmp_path: Path) -> None:
    bomb = _zeros_docx(50 << 20)  # within 100 MB, but 1,000 to 1
    tracemalloc.start()
    try:
        told = refusal(tmp_path, "report.docx", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert told == ODDLY
    assert peak < 4 << 20  # stopped after a megabyte or two, never held whole


def _lying(content: bytes, declared: int) -> bytes:
    """A package whose padding part's headers claim ``declared`` bytes, with the CRC of that
    many: a reader trusting the headers sees a small part, one reading the data a huge one."""
    out = bytearray(content)
    name = b"word/media/padding.bin"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        entry = archive.getinfo(name.decode())
        with archive.open(entry) as part:
            crc = zlib.crc32(part.read(declared))
    local = entry.header_offset
    central = next(
        at
        for at in range(len(out) - 46)
        if out[at : at + 4] == b"PK\x01\x02" and out[at + 46 : at + 46 + len(name)] == name
    )
    struct.pack_into("<I", out, local + 14, crc)
    struct.pack_into("<I", out, local + 22, declared)
    struct.pack_into("<I", out, central + 16, crc)
    struct.pack_into("<I", out, central + 24, declared)
    return bytes(out)


def test_a_part_whose_headers_understate_its_size_is_refused(tmp_path: Path) -> None:
    # 3 MB of zeros pack 1,000 to 1; the headers claim 1 kB, which would pack 1 to 3.
    hostile = _lying(_zeros_docx(3 << 20), 1024)
    with zipfile.ZipFile(io.BytesIO(hostile)) as archive:
        assert archive.getinfo("word/media/padding.bin").file_size == 1024
        assert len(archive.read("word/media/padding.bin")) == 1024  # zipfile alone believes it
    assert refusal(tmp_path, "report.docx", hostile) in (DAMAGED, ODDLY)


def test_an_encrypted_part_is_refused(tmp_path: Path) -> None:
    hostile = bytearray(samples.DOCX)
    struct.pack_into("<H", hostile, 6, 0x1)  # the first entry's flag bits: encrypted
    with zipfile.ZipFile(io.BytesIO(bytes(hostile))) as archive:
        first = archive.infolist()[0].filename
    central = hostile.index(b"PK\x01\x02")
    struct.pack_into("<H", hostile, central + 8, 0x1)
    assert first == "[Content_Types].xml"
    assert refusal(tmp_path, "report.docx", bytes(hostile)) == ODDLY
