"""PDF: parsed with pypdf, and refused when it does not parse or carries anything that runs.

A ``%PDF-`` header proves nothing; what counts is a document a reader can open. Every object
reachable from the document's trailer is looked at, so that a script cannot hide in an odd
corner (an annotation, a form field, a page's own actions, a name escaped as ``/J#53``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Final

from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from statemachine.errors import FileTypeError
from statemachine.text import N_, t

MAX_OBJECTS: Final = 200_000
"""The most objects looked at in one PDF; a long text-heavy report has tens of thousands."""

EOF_REACH: Final = 1024
"""The end-of-file marker must be within this many bytes of the end, as readers require.

More after it is data no reader shows: a ZIP or a program stuck on behind the document.
"""

DAMAGED = N_(
    "{name} is not a PDF we can open: it may be damaged, or only named like a PDF. "
    "Please save or export it as PDF again and upload the new copy."
)
PASSWORD = N_(
    "{name} is protected by a password, so the tribunal could not open it. "
    "Please save a copy without the password and upload that."
)
SCRIPTS = N_(
    "{name} contains scripts (JavaScript) or other content that runs when it is opened. "
    "Please print it to a new PDF (choose “Print to PDF” as the printer) and upload that copy."
)
LAUNCHES = N_(
    "{name} contains an action that starts a program or opens another file. "
    "Please print it to a new PDF (choose “Print to PDF” as the printer) and upload that copy."
)
EMBEDDED = N_(
    "{name} has other files attached inside it. Please upload each document on its own, and "
    "print the PDF to a new PDF (choose “Print to PDF” as the printer) to leave them out."
)
TOO_COMPLEX = N_(
    "{name} is too complex for us to check. "
    "Please print it to a new PDF (choose “Print to PDF” as the printer) and upload that copy."
)

_SCRIPT_KEYS: Final = frozenset({"/JS", "/JavaScript", "/XFA", "/RichMediaContent"})
"""Keys that hold scripts: an action's code, the document's script names, XFA forms (which
carry their own scripts), and Flash-era rich media."""
_EMBEDDED_KEYS: Final = frozenset({"/EmbeddedFiles", "/EF"})
"""Keys that hold attached files: the document's list of them, and a file spec's content."""
_SCRIPT_ACTIONS: Final = frozenset({"/JavaScript", "/RichMediaExecute", "/Rendition"})
_LAUNCH_ACTIONS: Final = frozenset({"/Launch", "/GoToR", "/ImportData"})
"""Actions that open something outside the document: a program, another file, form data."""
_EMBEDDED_TYPES: Final = frozenset({"/EmbeddedFile", "/FileAttachment", "/GoToE"})
_INERT_KEYS: Final = frozenset({"/Contents", "/Resources", "/AP", "/Thumb", "/Metadata"})
"""Keys whose values only draw (page content, fonts, pictures, appearances) or describe: no
action can live there, and they hold the large streams, which are then never read."""

# pypdf logs every oddity of a damaged file as a warning. The refusal already says what
# matters to the filer, and a hostile upload must not be able to fill the service's log.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def check(path: Path, name: str) -> None:
    """Refuse the PDF at ``path`` unless it parses and nothing in it runs or is attached.

    Args:
        path: the file, which starts with ``%PDF-``.
        name: the file's display name, for the messages.

    Raises:
        FileTypeError: it does not parse, has data stuck on after its end, is locked with a
            password, has too many objects to check, or carries JavaScript, an action that
            launches something, or attached files.
    """
    if not _ends_as_pdf(path):
        raise FileTypeError(t(DAMAGED, name=name))
    try:
        with path.open("rb") as file:
            reader = PdfReader(file, strict=False)
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                finding: str | None = PASSWORD
            elif len(reader.pages) == 0:
                finding = DAMAGED
            else:
                finding = _active_content(reader.trailer)
    # pypdf meets hostile input with many kinds of error (its own, ValueError, KeyError,
    # TypeError, RecursionError...); to the filer they all mean a PDF we cannot open.
    except Exception:
        finding = DAMAGED
    if finding is not None:
        raise FileTypeError(t(finding, name=name))


def _ends_as_pdf(path: Path) -> bool:
    """Whether the file's last end-of-file marker is within :data:`EOF_REACH` of its end."""
    with path.open("rb") as file:
        size = file.seek(0, 2)
        file.seek(max(0, size - EOF_REACH))
        return b"%%EOF" in file.read(EOF_REACH)


def _active_content(trailer: DictionaryObject) -> str | None:
    """What would make the document unsafe to open, as a message id; None if nothing.

    Walks every object reachable from ``trailer``, each at most once, and at most
    :data:`MAX_OBJECTS` of them, leaving out what only draws (:data:`_INERT_KEYS`). Streams
    are not decoded: what runs is named in dictionaries.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject | None] = [trailer]
    looked_at = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        looked_at += 1
        if looked_at > MAX_OBJECTS:
            return TOO_COMPLEX
        if isinstance(obj, DictionaryObject):
            finding = _judge(obj)
            if finding is not None:
                return finding
            stack.extend(value for key, value in obj.items() if key not in _INERT_KEYS)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return None


def _judge(obj: DictionaryObject) -> str | None:
    """What one dictionary carries that must not be opened, as a message id; None if nothing."""
    keys = set(obj.keys())
    kind = {str(obj.get(key)) for key in ("/S", "/Type", "/Subtype") if key in obj}
    if keys & _SCRIPT_KEYS or kind & _SCRIPT_ACTIONS or "/RichMedia" in kind:
        return SCRIPTS
    if kind & _LAUNCH_ACTIONS:
        return LAUNCHES
    if keys & _EMBEDDED_KEYS or kind & _EMBEDDED_TYPES:
        return EMBEDDED
    return None
