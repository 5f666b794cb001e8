"""A file's display name: safe to show, and ending in the extension of what the file really is."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from assistant.filetypes.kinds import DOCX, JPEG, PDF, PNG, TEXT

MAX_NAME: Final = 200
"""The longest display name kept, in characters; longer ones are shortened."""

MAX_MARKS: Final = 2
"""Combining marks kept on one letter. Real text needs one or two; more stack into a smear
that hides the letters around it."""

EXTENSIONS: Final[dict[str, tuple[str, ...]]] = {
    PDF: ("pdf",),
    JPEG: ("jpg", "jpeg"),
    PNG: ("png",),
    DOCX: ("docx",),
    TEXT: ("txt",),
}
"""The extensions each accepted type may be shown under; the first is added when the name
has none of them."""

_DROPPED: Final = frozenset({"Cc", "Cf", "Cs"})
"""Control, format and surrogate characters.

Format characters (Cf) include right-to-left overrides, which can make "exe.pdf" show as
"fdp.exe". Surrogates (Cs) are what undecodable bytes in a name become; they are not text.
"""

_MARKS: Final = frozenset({"Mn", "Me"})


def clean_filename(name: str) -> str:
    """A file name fit to show and store: no folders, no control characters, not hidden.

    Only for display: files are stored under their id, never under this name.

    Args:
        name: the name as given by the filer or their browser, possibly a whole path.

    Returns:
        The last path part in NFC, without control or direction-override characters, with
        at most :data:`MAX_MARKS` combining marks on a letter, without leading dots, trailing
        dots or surrounding spaces, at most :data:`MAX_NAME` characters long (keeping a short
        extension); ``"file"`` if nothing is left.
    """
    visible = "".join(ch for ch in name if unicodedata.category(ch) not in _DROPPED)
    last = re.split(r"[/\\]", visible)[-1]
    # Windows drops trailing dots and spaces, so "lease.pdf.exe." opens as "lease.pdf.exe".
    cleaned = _fewer_marks(unicodedata.normalize("NFC", last)).strip().lstrip(".").rstrip(". ")
    return _shortened(cleaned) or "file"


def name_for(name: str, media_type: str) -> str:
    """``name`` made to end in an extension of ``media_type``, so that it opens as what it is.

    A name that already ends in one is kept; otherwise the type's extension is added, and
    the filer's own name stays whole in front of it: ``lease.pdf.exe`` holding a PDF is
    shown as ``lease.pdf.exe.pdf``, ``photo.png`` holding a JPEG as ``photo.png.jpg``.

    Args:
        name: a cleaned name (see :func:`clean_filename`).
        media_type: the type found in the content, one of :data:`EXTENSIONS`.
    """
    allowed = EXTENSIONS[media_type]
    stem, dot, extension = name.rpartition(".")
    if dot and stem and extension.lower() in allowed:
        return name
    return _shortened(f"{name}.{allowed[0]}")


def _fewer_marks(text: str) -> str:
    """``text`` with at most :data:`MAX_MARKS` combining marks after any one character."""
    kept: list[str] = []
    run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in _MARKS else 0
        if run <= MAX_MARKS:
            kept.append(ch)
    return "".join(kept)


def _shortened(name: str) -> str:
    """``name`` cut to :data:`MAX_NAME` characters, keeping a short extension."""
    if len(name) <= MAX_NAME:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and stem and len(extension) <= 16:
        return f"{stem[: MAX_NAME - len(extension) - 1].rstrip()}.{extension}"
    return name[:MAX_NAME].rstrip()
