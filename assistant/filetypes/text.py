"""Plain text: UTF-8 with no control characters, and neither markup nor a script."""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO, Final

from statemachine.errors import FileTypeError
from statemachine.text import N_, t

CHUNK: Final = 1024 * 1024
"""How much of a text file is read at a time (the whole file is read, at most 20 MB)."""

MARKUP = N_(
    "{name} is a web page or another marked-up file (such as HTML, SVG or XML), not plain "
    "text. Please print it to PDF and upload the PDF instead."
)
SCRIPT = N_("{name} is a program or script. Programs are not accepted.")
SCRIPT_NAME = N_(
    "{name} is named like a program or script, so it is not accepted even though it holds "
    "text. If it is a letter or notes, save it as a .txt file or as PDF and upload that."
)

SCRIPT_EXTENSIONS: Final[frozenset[str]] = frozenset(
    {
        # Windows: run on a double click.
        *("bat", "cmd", "com", "exe", "scr", "pif", "cpl", "msi", "dll", "lnk", "url", "reg"),
        *("ps1", "psm1", "psd1", "hta", "js", "jse", "vbs", "vbe", "wsf", "wsh", "ws", "sct"),
        *("inf", "scf", "chm", "jar", "application", "appref-ms", "settingcontent-ms"),
        # Shells and interpreters elsewhere.
        *("sh", "bash", "zsh", "ksh", "csh", "command", "desktop", "py", "pl", "rb", "php"),
        *("applescript", "scpt", "mjs", "cjs"),
        # Markup a browser renders, with its scripts.
        *("html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt"),
    }
)
"""Extensions of text that runs or renders when opened; text so named is refused."""

_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Control characters that plain text has no business holding: all but tab, LF, FF and CR."""

_TAG_FIRST: Final = re.compile(r"\A[\ufeff\s]*<[A-Za-z!?/]")
"""Markup from the start: a tag, a declaration or a comment as the first thing in the file."""

_ACTIVE_TAG: Final = re.compile(
    r"<\s*(?:script|svg|html|body|iframe|frame|object|embed|meta|applet|foreignobject"
    r"|hta:application|\?xml|!doctype)\b",
    re.IGNORECASE,
)
"""Tags that make a browser or Windows run or render a file, wherever they are in it."""

_TAG_REACH: Final = 32
"""How many characters of one chunk are kept to find a tag cut in two by a chunk boundary."""

_BATCH_FIRST: Final = re.compile(r"\A[\ufeff\s]*@\s*echo\b", re.IGNORECASE)
"""A Windows batch file's usual first line."""


def is_text(data: bytes, *, final: bool) -> bool:
    """Whether ``data`` is UTF-8 without control characters (a cut-off last character is fine
    unless ``final``)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoded = decoder.decode(data, final=final)
    except UnicodeDecodeError:
        return False
    return _CONTROL.search(decoded) is None


def is_text_stream(head: bytes, rest: BinaryIO, name: str) -> bool:
    """Whether ``head`` and everything after it in ``rest`` is plain UTF-8 text.

    The whole file is read, in chunks: a NUL or a bad byte after the first kilobytes would
    otherwise slip through as "text", and so would a script tag further down.

    Args:
        head: the start of the file, already read.
        rest: the file, positioned after ``head``.
        name: the file's display name, for the messages.

    Returns:
        False if it is not UTF-8 text at all (binary, or another encoding).

    Raises:
        FileTypeError: it is text, but markup (a web page, SVG, XML) or a script.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    first = True
    tail = ""
    chunk = head
    try:
        while chunk:
            decoded = decoder.decode(chunk)
            if _CONTROL.search(decoded):
                return False
            if first and _BATCH_FIRST.match(decoded):
                raise FileTypeError(t(SCRIPT, name=name))
            if (first and _TAG_FIRST.match(decoded)) or _ACTIVE_TAG.search(tail + decoded):
                raise FileTypeError(t(MARKUP, name=name))
            first = first and not decoded.strip("\ufeff \t\r\n\f")
            tail = (tail + decoded)[-_TAG_REACH:]
            chunk = rest.read(CHUNK)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def check_name(name: str) -> None:
    """Refuse text named like something that runs or renders when opened.

    Windows picks the program by the last extension, so ``run.bat`` runs even when its
    content is an innocent letter, and a caseworker who opens it runs it.

    Raises:
        FileTypeError: the name ends in one of :data:`SCRIPT_EXTENSIONS`.
    """
    stem, dot, extension = name.rpartition(".")
    if dot and stem and extension.lower() in SCRIPT_EXTENSIONS:
        raise FileTypeError(t(SCRIPT_NAME, name=name))
