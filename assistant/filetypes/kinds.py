"""The media types naevn tells apart, and the first look at a file: what its first bytes say."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from assistant.filetypes.text import is_text

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
"""The largest file accepted, in bytes (20 MB)."""

HEAD_BYTES: Final = 8 * 1024
"""How much of a file is read to recognise it; every signature sits well inside this."""

PDF: Final = "application/pdf"
JPEG: Final = "image/jpeg"
PNG: Final = "image/png"
DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT: Final = "text/plain"

ACCEPTED: Final[frozenset[str]] = frozenset({PDF, JPEG, PNG, DOCX, TEXT})
"""The media types naevn accepts as attachments."""

DOCM: Final = "application/vnd.ms-word.document.macroEnabled.12"
"""A Word document with macros: the layout of a DOCX plus a macro project. Refused."""
UNKNOWN: Final = "application/octet-stream"

ARCHIVES: Final[frozenset[str]] = frozenset(
    {
        "application/zip",
        "application/gzip",
        "application/x-7z-compressed",
        "application/vnd.rar",
        "application/x-tar",
        "application/x-bzip2",
        "application/x-xz",
    }
)
"""Refused: containers of other files, which the tribunal cannot read or check."""

PROGRAMS: Final[frozenset[str]] = frozenset(
    {
        "application/x-executable",
        "application/vnd.microsoft.portable-executable",
        "application/x-mach-binary",
        "text/x-script",
    }
)
"""Refused: things that run, rather than documents."""

_SIGNATURES: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\x1f\x8b", "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"\xfd7zXZ\x00", "application/x-xz"),
    (b"\x7fELF", "application/x-executable"),
    (b"\xfe\xed\xfa\xce", "application/x-mach-binary"),
    (b"\xfe\xed\xfa\xcf", "application/x-mach-binary"),
    (b"\xce\xfa\xed\xfe", "application/x-mach-binary"),
    (b"\xcf\xfa\xed\xfe", "application/x-mach-binary"),
    (b"\xca\xfe\xba\xbe", "application/x-mach-binary"),
    (b"#!", "text/x-script"),
)
"""Leading bytes and the type they announce; the first match wins."""

_BZIP2_BLOCKS: Final = (b"1AY&SY", b"\x17rE8P\x90")

_ZIP_SIGNATURES: Final = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def sniff(head: bytes, *, zip_names: Callable[[], Iterable[str]] | None = None) -> str:
    """The media type announced by a file's first bytes. The name plays no part.

    This is only the first look: :func:`~assistant.filetypes.check_file` goes on to parse a
    file of an accepted type, since a header is easy to put in front of anything.

    Args:
        head: the start of the file (:data:`HEAD_BYTES` is enough).
        zip_names: lists the entries of the file when it is a ZIP, to tell DOCX from other
            ZIP files. Without it, every ZIP is reported as ``application/zip``. It may raise
            ``zipfile.BadZipFile``, which is passed on.

    Returns:
        One of :data:`ACCEPTED`, :data:`ARCHIVES` or :data:`PROGRAMS`, another specific type,
        or ``application/octet-stream`` when nothing matched. ``text/plain`` is judged on
        ``head`` alone: a file can still hold binary further on.
    """
    if head.startswith(_ZIP_SIGNATURES):
        return _zip_type(zip_names() if zip_names else ())
    if head[257:262] == b"ustar":
        return "application/x-tar"
    # "BZh" alone could start a line of text; a bzip2 stream follows it with a block size digit
    # and the magic of its first block (or of its end, when empty).
    if head[:3] == b"BZh" and head[3:4].isdigit() and head[4:10] in _BZIP2_BLOCKS:
        return "application/x-bzip2"
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if is_text(head, final=False):
        return TEXT
    # Checked after text: "MZ" is also how a letter to a Mr MZ could start, but a real Windows
    # program's header is full of zero bytes and never passes as text.
    if head.startswith(b"MZ"):
        return "application/vnd.microsoft.portable-executable"
    return UNKNOWN


def _zip_type(names: Iterable[str]) -> str:
    """DOCX, macro-enabled Word, or some other ZIP, by the entries a ZIP holds."""
    entries = set(names)
    if {"[Content_Types].xml", "word/document.xml"} <= entries:
        # A .docm has the same layout plus a macro project; macros are programs.
        return DOCM if "word/vbaProject.bin" in entries else DOCX
    return "application/zip"
