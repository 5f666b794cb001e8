"""What an uploaded file really is, judged by opening its content, and whether naevn accepts it.

:func:`check_file` is the door. It takes the first look (:mod:`~assistant.filetypes.kinds`),
then opens the file as what it claims to be, each type in its own module::

    kinds    the accepted types and what first bytes announce (sniff)
    pdf      parsed with pypdf; no JavaScript, launch actions or attached files
    images   JPEG and PNG decoded whole and encoded again, without EXIF and GPS
    ooxml    Word packages read whole within size and ratio limits; no macros or ActiveX
    text     UTF-8 to the end; no markup, no script, not named like one
    names    display names cleaned, ending in the extension of what the file is

Refusals are :class:`~statemachine.errors.UploadError` (or its ``FileTypeError`` and
``LimitError``), each telling the filer what to upload instead.
"""

from assistant.filetypes.check import FileCheck, check_file
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

__all__ = [
    "ACCEPTED",
    "ARCHIVES",
    "DOCM",
    "DOCX",
    "HEAD_BYTES",
    "JPEG",
    "MAX_FILE_BYTES",
    "PDF",
    "PNG",
    "PROGRAMS",
    "TEXT",
    "UNKNOWN",
    "FileCheck",
    "check_file",
    "clean_filename",
    "name_for",
    "sniff",
]
