"""Word documents (DOCX): the package opened and read whole, within limits, and refused when
anything in it runs.

A DOCX is a ZIP of XML parts. Word decides what a part is from ``[Content_Types].xml`` and the
relationships (``_rels/*.rels``), not from the part's name, so those are what is judged: a
macro project renamed to ``word/macros.bin`` is still declared as one there. Every entry is
read through to its end, counting the bytes it really unpacks to, so neither a lying header nor
a ZIP bomb gets past the limits or into memory.
"""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final
from xml.sax import SAXException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from statemachine.errors import FileTypeError, LimitError, UploadError
from statemachine.text import N_, t

MAX_ENTRIES: Final = 5_000
"""The most parts a package may have; a long report with many pictures has a few hundred."""

MAX_UNPACKED: Final = 100 * 1024 * 1024
"""The most bytes all parts together may unpack to (100 MB)."""

MAX_RATIO: Final = 100
"""How many times its packed size one part may unpack to, once past :data:`RATIO_GRACE`."""

RATIO_GRACE: Final = 1024 * 1024
"""Parts that unpack to less than this are not judged by ratio: small XML packs very well."""

CHUNK: Final = 64 * 1024
"""How much of a part is unpacked at a time."""

MAIN_PART: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
"""The content type of a Word document's main part (the body text)."""

DAMAGED = N_(
    "{name} looks damaged, so we cannot open it. Please save it again and upload the new copy."
)
MACROS = N_(
    "{name} contains macros or other content that runs (such as ActiveX controls or embedded "
    "programs). Please save it as an ordinary Word document (DOCX) or as PDF, and upload that."
)
EXTERNAL = N_(
    "{name} fetches content from the internet when it is opened (for example a linked template "
    "or picture). Please save it as PDF and upload that."
)
UNPACKS_TOO_BIG = N_(
    "{name} unpacks to more than 100 MB. Please make it smaller, for example by compressing "
    "the pictures in it, or save it as PDF, and upload it again."
)
PACKED_ODDLY = N_(
    "{name} is packed in a way we cannot check safely. "
    "Please save it again as DOCX or as PDF and upload the new copy."
)

_ACTIVE_WORDS: Final = ("macroenabled", "vbaproject", "vbadata", "activex", "oleobject")
"""Words in a content type, relationship type or part name that mean code or an embedded
program: macro projects and their data, ActiveX controls, OLE objects (which can wrap any
program behind an icon)."""

_ACTIVE_RELATIONSHIPS: Final = ("/control",)
"""Relationship types ending so that link code into the document (ActiveX controls)."""

_PROGRAM_HEADS: Final = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"MZ", b"\x7fELF")
"""The first bytes of an OLE compound file (how a macro project or an OLE object is stored,
whatever its name), a Windows program and a Linux program."""

_ENCRYPTED: Final = 0x1
"""The ZIP flag bit of an encrypted entry."""


class _Part(ContentHandler):
    """What is collected from one XML part while it streams through the parser."""

    def __init__(self) -> None:
        super().__init__()
        self.root: str | None = None
        """The local name of the part's root element."""
        self.content_types: list[tuple[str, str]] = []
        """From ``[Content_Types].xml``: (extension or part name, content type) pairs."""
        self.relationships: list[tuple[str, str, str]] = []
        """From a ``.rels`` part: (type, target, target mode) triples."""

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        local = name.rpartition(":")[2]
        if self.root is None:
            self.root = local
        if local in ("Default", "Override"):
            key = attrs.get("Extension") or attrs.get("PartName") or ""
            self.content_types.append((key, attrs.get("ContentType", "")))
        elif local == "Relationship":
            self.relationships.append(
                (attrs.get("Type", ""), attrs.get("Target", ""), attrs.get("TargetMode", ""))
            )


@dataclass
class _Package:
    """What the parts of a package declare, gathered in one read of it."""

    names: set[str] = field(default_factory=set)
    content_types: list[tuple[str, str]] = field(default_factory=list)
    root_relationships: list[tuple[str, str, str]] = field(default_factory=list)
    relationships: list[tuple[str, str, str]] = field(default_factory=list)
    roots: dict[str, str | None] = field(default_factory=dict)
    """Each XML part's root element, by part name."""


def entry_names(path: Path) -> list[str]:
    """The entry names of a ZIP file, read from its central directory only."""
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def check(path: Path, name: str) -> None:
    """Refuse the Word package at ``path`` unless it opens as one and nothing in it runs.

    Args:
        path: the file, a ZIP whose entries look like a Word document's.
        name: the file's display name, for the messages.

    Raises:
        LimitError: it unpacks to more than :data:`MAX_UNPACKED`.
        FileTypeError: it has macros, ActiveX controls or embedded programs, fetches content
            from the internet, is packed in a way that cannot be checked safely (too many
            parts, too high a compression ratio, encrypted parts, a name twice), or is not a
            whole Word document (no main part, a part that is not well-formed XML).
        UploadError: its ZIP structure is broken.
    """
    try:
        package = _read(path, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError):
        # A broken entry, a CRC that does not match what was unpacked, an unknown method.
        raise UploadError(t(DAMAGED, name=name)) from None
    declared = [kind for _, kind in package.content_types]
    linked = [kind for kind, _, _ in package.relationships]
    if any(_active(word) for word in [*declared, *linked, *package.names]):
        raise FileTypeError(t(MACROS, name=name))
    if any(kind.lower().endswith(_ACTIVE_RELATIONSHIPS) for kind in linked):
        raise FileTypeError(t(MACROS, name=name))
    # Links a reader only follows when clicked are fine; anything else external is fetched on
    # opening (a template with macros, a tracking picture, a frame).
    if any(
        mode.lower() == "external" and not kind.endswith("/hyperlink")
        for kind, _, mode in package.relationships
    ):
        raise FileTypeError(t(EXTERNAL, name=name))
    if not _has_main_document(package):
        raise UploadError(t(DAMAGED, name=name))


def _read(path: Path, name: str) -> _Package:
    """Read every entry of the package through, within the limits, gathering what it declares.

    Raises:
        LimitError, FileTypeError: as :func:`check` says.
        zipfile.BadZipFile: the ZIP structure is broken, or an entry does not unpack to what
            its header says.
    """
    package = _Package()
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise FileTypeError(t(PACKED_ODDLY, name=name))
        # Judged from the central directory first, before anything is unpacked...
        if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
            raise LimitError(t(UNPACKS_TOO_BIG, name=name))
        for entry in entries:
            if entry.flag_bits & _ENCRYPTED or entry.filename in package.names:
                raise FileTypeError(t(PACKED_ODDLY, name=name))
            package.names.add(entry.filename)
        # ...and then counted while unpacking, since the directory's sizes are the sender's
        # word: each part is unpacked to its real end (within what is left of the limit),
        # and one that does not come out at its declared size is a lie.
        unpacked = 0
        for entry in entries:
            part = _Part()
            parser = _parser(part) if _is_xml(entry.filename) else None
            size = 0
            for chunk in _chunks(archive, entry, MAX_UNPACKED - unpacked + 1):
                if size == 0 and chunk.startswith(_PROGRAM_HEADS):
                    raise FileTypeError(t(MACROS, name=name))
                size += len(chunk)
                unpacked += len(chunk)
                if unpacked > MAX_UNPACKED:
                    raise LimitError(t(UNPACKS_TOO_BIG, name=name))
                if size > RATIO_GRACE and size > MAX_RATIO * max(entry.compress_size, 1):
                    raise FileTypeError(t(PACKED_ODDLY, name=name))
                if parser is not None:
                    _feed(parser, chunk, name)
            if size != entry.file_size:
                raise UploadError(t(DAMAGED, name=name))
            if parser is not None:
                _feed(parser, None, name)
                package.roots[entry.filename] = part.root
                _gather(package, entry.filename, part)
    return package


def _chunks(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, most: int) -> Iterator[bytes]:
    """One entry's content, unpacked a :data:`CHUNK` at a time, to the real end of its data
    but never past ``most`` bytes, whatever size its header declares."""
    # zipfile stops at the declared size; told a larger one, it stops where the data ends.
    unbounded = copy.copy(entry)
    unbounded.file_size = most
    with archive.open(unbounded) as content:
        while chunk := content.read(CHUNK):
            yield chunk


def _is_xml(part_name: str) -> bool:
    return part_name.lower().endswith((".xml", ".rels"))


def _parser(part: _Part) -> DefusedExpatParser:
    """A streaming XML parser that refuses DTDs, entities and external references."""
    parser = DefusedExpatParser(forbid_dtd=True)
    parser.setContentHandler(part)
    return parser


def _feed(parser: DefusedExpatParser, chunk: bytes | None, name: str) -> None:
    """Give the parser the next piece of a part, or tell it the part ended (``None``).

    Raises:
        UploadError: the part is not well-formed XML, or declares what a document never needs.
    """
    try:
        if chunk is None:
            parser.close()
        else:
            parser.feed(chunk)
    except (SAXException, DefusedXmlException):
        raise UploadError(t(DAMAGED, name=name)) from None


def _gather(package: _Package, part_name: str, part: _Part) -> None:
    """Add what one XML part declares to the package's record."""
    if part_name == "[Content_Types].xml":
        package.content_types.extend(part.content_types)
    package.relationships.extend(part.relationships)
    if part_name == "_rels/.rels":
        package.root_relationships.extend(part.relationships)


def _active(word: str) -> bool:
    lowered = word.lower()
    return any(active in lowered for active in _ACTIVE_WORDS)


def _has_main_document(package: _Package) -> bool:
    """Whether the package's start relationship leads to a Word document's main part."""
    overrides = {key.lstrip("/"): kind for key, kind in package.content_types}
    for kind, target, mode in package.root_relationships:
        if not kind.endswith("/officeDocument") or mode.lower() == "external":
            continue
        part_name = target.lstrip("/")
        if (
            part_name in package.names
            and overrides.get(part_name, "").lower() == MAIN_PART.lower()
            and package.roots.get(part_name) == "document"
        ):
            return True
    return False
