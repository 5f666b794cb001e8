"""Real small documents for tests: a PDF, pictures and a Word package that the file checks take,
and the parts to build hostile ones from."""

from __future__ import annotations

import io
import zipfile
from typing import Final

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    PdfObject,
    TextStringObject,
)

CONTENT_TYPES: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/>'
    "{extra}</Types>"
)
"""``[Content_Types].xml`` of a Word package; ``{main}`` is the main part's type."""

MAIN: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_MAIN: Final = "application/vnd.ms-word.document.macroEnabled.main+xml"

RELS: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{relationships}</Relationships>"
)
OFFICE_DOCUMENT: Final = (
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
)
DOCUMENT: Final = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
)


def pdf(note: str = "", *, catalog: dict[str, PdfObject] | None = None) -> bytes:
    """A one-page PDF written by pypdf; ``note`` goes in its title, so notes make distinct files.

    Args:
        note: the document's title.
        catalog: entries to add to the document catalog (to build hostile ones).
    """
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if note:
        writer.add_metadata({"/Title": note})
    for key, value in (catalog or {}).items():
        writer._root_object[NameObject(key)] = value
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_of_size(size: int, note: str = "") -> bytes:
    """A one-page PDF of exactly ``size`` bytes (at least about 500), its page drawn by a
    content stream padded with a comment."""
    padding = max(size - len(_padded_pdf(0, note)), 0)
    for _ in range(5):  # the stream's length and the offsets after it take a few more digits
        content = _padded_pdf(padding, note)
        if len(content) == size:
            return content
        padding += size - len(content)
    raise AssertionError(f"no PDF of {size} bytes")


def _padded_pdf(padding: int, note: str) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    stream = DecodedStreamObject()
    stream.set_data(b"%" + b"0" * padding + b"\n")
    page[NameObject("/Contents")] = writer._add_object(stream)
    if note:
        writer.add_metadata({"/Title": note})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def javascript_action(code: str) -> DictionaryObject:
    """A PDF action that runs ``code``."""
    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(code),
        }
    )


def picture(kind: str = "PNG", *, size: tuple[int, int] = (16, 12), **save: object) -> bytes:
    """A small picture in ``kind`` (``"PNG"`` or ``"JPEG"``), saved with Pillow's ``save``
    options (``exif=...`` and so on)."""
    image = Image.new("RGB", size, (180, 40, 40))
    out = io.BytesIO()
    image.save(out, kind, **save)
    return out.getvalue()


def docx(
    *,
    main: str = MAIN,
    extra_types: str = "",
    relationships: str = OFFICE_DOCUMENT,
    parts: dict[str, bytes] | None = None,
    text: str = "Jeg gør indsigelse.",
) -> bytes:
    """A Word package; the arguments change one thing each, to build hostile ones.

    Args:
        main: the main part's content type.
        extra_types: more ``<Default>``/``<Override>`` elements for ``[Content_Types].xml``.
        relationships: the package's own relationships (``_rels/.rels``).
        parts: more entries, by name.
        text: the body text.
    """
    entries = {
        "[Content_Types].xml": CONTENT_TYPES.format(main=main, extra=extra_types).encode(),
        "_rels/.rels": RELS.format(relationships=relationships).encode(),
        "word/document.xml": DOCUMENT.format(text=text).encode(),
        **(parts or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


PDF: Final = pdf()
"""A real one-page PDF."""
PNG: Final = picture("PNG")
"""A real PNG, as Pillow writes it (so it is stored as it is)."""
JPEG: Final = picture("JPEG")
"""A real JPEG."""
DOCX: Final = docx()
"""A real, minimal Word document."""
