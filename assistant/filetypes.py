"""What an uploaded file really is, judged by its content, and whether naevn accepts it."""

from __future__ import annotations

import codecs
import math
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Final

from statemachine.errors import FileTypeError, LimitError, UploadError
from statemachine.text import t

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

_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Control characters that plain text has no business holding: all but tab, LF, FF and CR."""


@dataclass(frozen=True)
class FileCheck:
    """An accepted file: what it is and what to call it."""

    media_type: str
    """The media type read from the content, one of :data:`ACCEPTED`."""
    size: int
    """The size in bytes."""
    filename: str
    """A name safe to show and store (see :func:`clean_filename`); never used as a path."""


def sniff(head: bytes, *, zip_names: Callable[[], Iterable[str]] | None = None) -> str:
    """The media type announced by a file's first bytes. The name plays no part.

    Args:
        head: the start of the file (:data:`HEAD_BYTES` is enough).
        zip_names: lists the entries of the file when it is a ZIP, to tell DOCX from other
            ZIP files. Without it, every ZIP is reported as ``application/zip``. It may raise
            ``zipfile.BadZipFile``, which is passed on.

    Returns:
        One of :data:`ACCEPTED`, :data:`ARCHIVES` or :data:`PROGRAMS`, another specific type,
        or ``application/octet-stream`` when nothing matched. ``text/plain`` is judged on
        ``head`` alone: a file can still hold binary further on (see :func:`check_file`).
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
    if _is_text(head, final=False):
        return TEXT
    # Checked after text: "MZ" is also how a letter to a Mr MZ could start, but a real Windows
    # program's header is full of zero bytes and never passes as text.
    if head.startswith(b"MZ"):
        return "application/vnd.microsoft.portable-executable"
    return UNKNOWN


def check_file(path: Path, display_name: str | None = None) -> FileCheck:
    """Check that the file at ``path`` is one naevn accepts, by its size and content.

    Args:
        path: the file; for an HTTP upload, the temporary file it was streamed to.
        display_name: what the filer called the file, if not ``path``'s own name.

    Returns:
        The file's media type, size and a cleaned display name.

    Raises:
        UploadError: the file is missing, unreadable, empty, too large or of a refused type.
            The message tells the filer what to do instead.
    """
    name = clean_filename(display_name if display_name is not None else path.name)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UploadError(
            t("There is no file at {path}. Check the path and try again.", path=str(path))
        ) from None
    except OSError:
        raise _unreadable(name) from None
    if stat.S_ISDIR(info.st_mode):
        raise UploadError(t("{name} is a folder. Please choose the files inside it.", name=name))
    # Opening a pipe or a device could block or never end; only ordinary files are read.
    if not stat.S_ISREG(info.st_mode):
        raise UploadError(t("{name} is not an ordinary file. Please choose a document.", name=name))
    if info.st_size == 0:
        raise UploadError(t("The file {name} is empty.", name=name))
    if info.st_size > MAX_FILE_BYTES:
        raise LimitError(
            t(
                "{name} is {size} MB. The limit is 20 MB per file. Split it or make it smaller, "
                "for example by scanning at a lower resolution.",
                name=name,
                size=_megabytes(info.st_size),
            )
        )
    try:
        with path.open("rb") as file:
            media_type = _media_type(file, path)
    except zipfile.BadZipFile:
        raise UploadError(
            t(
                "{name} looks damaged, so we cannot open it. "
                "Please save it again and upload the new copy.",
                name=name,
            )
        ) from None
    except OSError:
        raise _unreadable(name) from None
    if media_type in ACCEPTED:
        return FileCheck(media_type=media_type, size=info.st_size, filename=name)
    if media_type in ARCHIVES:
        raise FileTypeError(
            t(
                "{name} is an archive. Archives (such as ZIP files) are not accepted. "
                "Please upload the documents themselves.",
                name=name,
            )
        )
    if media_type in PROGRAMS:
        raise FileTypeError(
            t("{name} is a program or script. Programs are not accepted.", name=name)
        )
    raise FileTypeError(
        t(
            "{name} is not a type we accept. "
            "Please upload PDF, JPEG, PNG, Word (DOCX) or plain text.",
            name=name,
        )
    )


def clean_filename(name: str) -> str:
    """A file name fit to show and store: no folders, no control characters, not hidden.

    Only for display: files are stored under their id, never under this name.

    Args:
        name: the name as given by the filer or their browser, possibly a whole path.

    Returns:
        The last path part, without control or direction-override characters, leading dots
        or surrounding spaces, at most 200 characters long (keeping a short extension);
        ``"file"`` if nothing is left.
    """
    # Format characters (Cf) include right-to-left overrides, which can make "exe.pdf" show as
    # "fdp.exe"; they are dropped along with control characters.
    # Surrogates (Cs) are what undecodable bytes in a name become; they are not text.
    visible = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    last = re.split(r"[/\\]", visible)[-1]
    cleaned = last.strip().lstrip(".").strip()
    if len(cleaned) > 200:
        stem, dot, extension = cleaned.rpartition(".")
        if dot and stem and len(extension) <= 16:
            cleaned = f"{stem[: 200 - len(extension) - 1].rstrip()}.{extension}"
        else:
            cleaned = cleaned[:200].rstrip()
    return cleaned or "file"


def _media_type(file: BinaryIO, path: Path) -> str:
    """The type of an open file; text is checked to the end, since binary can hide later."""
    head = file.read(HEAD_BYTES)
    media_type = sniff(head, zip_names=lambda: _zip_entries(path))
    if media_type == TEXT and not _is_text_stream(head, file):
        return UNKNOWN
    return media_type


def _zip_entries(path: Path) -> list[str]:
    """The entry names of a ZIP file, read from its central directory only."""
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def _zip_type(names: Iterable[str]) -> str:
    """DOCX, macro-enabled Word, or some other ZIP, by the entries a ZIP holds."""
    entries = set(names)
    if {"[Content_Types].xml", "word/document.xml"} <= entries:
        # A .docm has the same layout plus a macro project; macros are programs.
        return DOCM if "word/vbaProject.bin" in entries else DOCX
    return "application/zip"


def _is_text(data: bytes, *, final: bool) -> bool:
    """Whether ``data`` is UTF-8 without control characters (a cut-off last character is fine
    unless ``final``)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoded = decoder.decode(data, final=final)
    except UnicodeDecodeError:
        return False
    return _CONTROL.search(decoded) is None


def _is_text_stream(head: bytes, rest: BinaryIO, chunk_size: int = 1024 * 1024) -> bool:
    """Whether ``head`` and everything after it in ``rest`` is plain UTF-8 text.

    The whole file is read (at most 20 MB, in chunks): a NUL or a bad byte after the first
    kilobytes would otherwise slip through as "text".
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = head
    try:
        while chunk:
            if _CONTROL.search(decoder.decode(chunk)):
                return False
            chunk = rest.read(chunk_size)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _megabytes(size: int) -> Decimal:
    """A size in MB with one decimal, rounded up so that anything over the limit shows as
    more than 20."""
    return Decimal(math.ceil(size * 10 / (1024 * 1024))) / 10


def _unreadable(name: str) -> UploadError:
    """The error for a file that exists but cannot be opened or read."""
    return UploadError(
        t(
            "We could not read {name}. Check that you are allowed to open it, then try again.",
            name=name,
        )
    )
