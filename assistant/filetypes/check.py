"""The verdict on one file: what it really is, what to call it, and what to store."""

from __future__ import annotations

import math
import stat
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from assistant.filetypes import images, ooxml, pdf, text
from assistant.filetypes.kinds import (
    ACCEPTED,
    ARCHIVES,
    DOCM,
    DOCX,
    HEAD_BYTES,
    JPEG,
    MAX_FILE_BYTES,
    PDF,
    PNG,
    PROGRAMS,
    TEXT,
    UNKNOWN,
    sniff,
)
from assistant.filetypes.names import clean_filename, name_for
from statemachine.errors import FileTypeError, LimitError, UploadError
from statemachine.text import N_, t

TOO_LARGE = N_(
    "{name} is {size} MB. The limit is 20 MB per file. Split it or make it smaller, "
    "for example by scanning at a lower resolution."
)


@dataclass(frozen=True)
class FileCheck:
    """An accepted file: what it is, what to call it, and what to store."""

    media_type: str
    """The media type read from the content, one of :data:`ACCEPTED`."""
    size: int
    """The size in bytes of what is stored: :attr:`content` if set, else the file itself."""
    filename: str
    """A name safe to show and store (see :func:`clean_filename`), ending in an extension of
    :attr:`media_type`; never used as a path."""
    content: bytes | None = field(default=None, repr=False, compare=False)
    """What to store instead of the file as given: a picture decoded and encoded again, without
    its metadata (EXIF, with the place a photo was taken). None: store the file as it is."""


def check_file(path: Path, display_name: str | None = None) -> FileCheck:
    """Check that the file at ``path`` is one naevn accepts, by its size and content.

    The first bytes say what the file claims to be; then it is opened as that: a PDF is
    parsed, a picture decoded, a Word package unpacked and its parts read, text read to the
    end. Only what passes is accepted, under a name whose extension says what it is.

    Args:
        path: the file; for an HTTP upload, the temporary file it was streamed to.
        display_name: what the filer called the file, if not ``path``'s own name.

    Returns:
        The file's media type, the size stored, a cleaned display name and, for a picture,
        the content to store instead.

    Raises:
        UploadError: the file is missing, unreadable, empty, too large, damaged, of a refused
            type, or carries something that runs. The message tells the filer what to do
            instead.
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
        raise _too_large(name, info.st_size)
    try:
        media_type, content = _judged(path, name)
    except zipfile.BadZipFile:
        raise UploadError(t(ooxml.DAMAGED, name=name)) from None
    except OSError:
        raise _unreadable(name) from None
    if content is not None and len(content) > MAX_FILE_BYTES:
        raise _too_large(name, len(content))
    size = len(content) if content is not None else info.st_size
    return FileCheck(media_type, size, name_for(name, media_type), content)


def _judged(path: Path, name: str) -> tuple[str, bytes | None]:
    """The file's type, opened and judged as what its first bytes say, and for a picture the
    content to store instead.

    Raises:
        UploadError: it is refused (see :func:`check_file`).
        zipfile.BadZipFile: it starts like a ZIP but is not one.
        OSError: it could not be read.
    """
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
        media_type = sniff(head, zip_names=lambda: ooxml.entry_names(path))
        if media_type == TEXT:
            text.check_name(name)
            if not text.is_text_stream(head, file, name):
                media_type = UNKNOWN
        elif media_type in (JPEG, PNG):
            file.seek(0)
            return media_type, images.clean_copy(file, media_type, name)
    if media_type == PDF:
        pdf.check(path, name)
    elif media_type in (DOCX, DOCM):
        ooxml.check(path, name)
    if media_type in ACCEPTED:
        return media_type, None
    raise _refused(media_type, name)


def _refused(media_type: str, name: str) -> FileTypeError:
    """The error for a file of a type naevn does not take."""
    if media_type in ARCHIVES:
        return FileTypeError(
            t(
                "{name} is an archive. Archives (such as ZIP files) are not accepted. "
                "Please upload the documents themselves.",
                name=name,
            )
        )
    if media_type in PROGRAMS:
        return FileTypeError(t(text.SCRIPT, name=name))
    return FileTypeError(
        t(
            "{name} is not a type we accept. "
            "Please upload PDF, JPEG, PNG, Word (DOCX) or plain text.",
            name=name,
        )
    )


def _too_large(name: str, size: int) -> LimitError:
    return LimitError(t(TOO_LARGE, name=name, size=_megabytes(size)))


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
