"""One case for an ESDH (the authority's records system): a ZIP of ``case.json`` and its files.

``case.json`` holds the case with canonical ids only (no labels, which an archive cannot look
up later): the case's own fields, the filer's answers, the parties, the documents, the
deadlines, the audit trail, the secretariat's notes, messages and hearings; the decision
when one is registered (null until then) and every registered version of it (a correction
keeps the ones before); and the case's entry in the public register once it is published
(null until then). The decision PDF sent to the parties is one of the case's documents.

Each document is in the ZIP under ``files/<id>/<name>``, the name the filer gave it made safe
as a path; its entry in ``attachments`` says where (``path``).

The ZIP is written as a stream (:func:`zip_chunks`): the document first, then each file in
chunks, so neither the export nor the service ever holds a whole case's files in memory, and
the output need not be seekable (an HTTP response).
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final, Protocol, cast

from sqlalchemy import insert

from casestore.blobs import BlobStore
from casestore.caserecords import CaseWork
from casestore.caseviews import CaseViews
from casestore.decisionrecords import DecisionRow
from casestore.models import EVENTS
from casestore.registerrecords import RegisterDecisionRow

FORMAT: Final = "naevn.case-export/1"
"""The document's format and version, its first field."""
CHUNK: Final = 64 * 1024
"""Bytes read from a file, and the most held before the ZIP's output is handed on."""
DOCUMENT_NAME: Final = "case.json"
"""The document's name in the ZIP."""
_UNSAFE: Final = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
"""What a file's name in the ZIP may not hold: control characters and path or shell marks."""
_LONGEST_NAME: Final = 120
"""The longest file name (characters) kept in the ZIP."""


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A document to put in the ZIP: where its content is and what the entry is called."""

    path: str
    """Its name in the ZIP, ``files/<id>/<name>``."""
    sha256: str
    """Its key in the blob store."""


@dataclass(frozen=True, slots=True)
class Export:
    """One case ready to write: its document and its files."""

    number: str
    """The case number."""
    document: dict[str, Any]
    """``case.json``, JSON-ready."""
    files: tuple[ExportFile, ...]
    """The documents, in the order ``attachments`` lists them."""
    at: datetime
    """When it was read (the document's ``exported_at``)."""

    @property
    def filename(self) -> str:
        """The ZIP's name as offered for saving: ``sag-<number>.zip``."""
        return f"sag-{self.number}.zip"


def safe_name(filename: str, fallback: str = "file") -> str:
    """A filer's file name as one safe path part: no directories, control characters or
    marks a file system refuses, no leading dots, at most 120 characters (the extension
    kept)."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", filename)).strip(" .")
    if len(name) > _LONGEST_NAME:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and stem and len(ext) <= 10 else ""
        name = name[: _LONGEST_NAME - len(ext) - 1].rstrip(" .") + ("." + ext if ext else "")
    return name or fallback


def case_export(
    work: CaseWork,
    *,
    exported_at: datetime,
    decisions: Sequence[object] = (),
    publication: object | None = None,
) -> Export:
    """The export of one case as the store reads it (``Tx.casework``).

    Args:
        work: the whole case.
        exported_at: now, for the document.
        decisions: the registered versions of the case's decision, the first first (the
            last is the current one); rows or mappings.
        publication: the case's listed entry in the public register; None if unpublished.
    """
    files: list[ExportFile] = []
    attachments: list[dict[str, Any]] = []
    used: set[str] = set()
    for found in work.attachments:
        ident = str(found["id"])
        path = f"files/{safe_name(ident, 'file')}/{safe_name(str(found.get('filename') or ''))}"
        while path in used:  # two ids made the same by safe_name: keep both
            path = f"files/{safe_name(ident, 'file')}-{len(used)}/{path.rsplit('/', 1)[1]}"
        used.add(path)
        files.append(ExportFile(path, str(found["sha256"])))
        attachments.append({**_plain(dict(found)), "path": path})
    document: dict[str, Any] = {
        "format": FORMAT,
        "exported_at": exported_at.isoformat(),
        "case": {
            "number": work.number,
            "case_type": work.case_type,
            "extra_topics": list(work.extra_topics),
            "role": work.role,
            "side": work.side,
            "housing": work.housing,
            "municipality_code": work.municipality_code,
            "tribunal": work.tribunal,
            "status": work.status,
            "status_at": _iso(work.status_at),
            "filed_at": work.filed_at.isoformat(),
            "lang": work.lang or "da",
            "address": work.address,
            "version": work.version,
            "assignee": (
                {"id": work.assignee_id, "name": work.assignee_name or ""}
                if work.assignee_id is not None
                else None
            ),
            "next_deadline": (
                {"date": work.next_deadline.isoformat(), "rule": work.next_rule}
                if work.next_deadline is not None
                else None
            ),
        },
        "answers": _plain(work.answers),
        "parties": [_plain(dict(p)) for p in work.parties],
        "attachments": attachments,
        "deadlines": [_plain(dict(d)) for d in work.deadlines],
        "events": [_plain(dict(e)) for e in work.events],
        "notes": [
            {
                "id": n.id,
                "staff_id": n.staff_id,
                "author": n.author,
                "at": _iso(n.at),
                "text": n.text,
            }
            for n in work.notes
        ],
        "messages": [
            {
                "id": m.id,
                "direction": m.direction,
                "staff_id": m.staff_id,
                "author": m.author,
                "party_id": m.party_id,
                "recipient": m.recipient,
                "subject": m.subject,
                "body": m.body,
                "attachments": list(m.attachments),
                "at": _iso(m.at),
                "late": bool(m.late),
            }
            for m in work.messages
        ],
        "hearings": [
            {
                "id": h.id,
                "party_id": h.party_id,
                "party": h.party_name,
                "started_at": _iso(h.started_at),
                "reply_due": h.reply_due.isoformat(),
                "material": list(h.material),
                "note": h.note,
                "replied_at": _iso(h.replied_at),
            }
            for h in work.hearings
        ],
        "decision": _plain(decisions[-1]) if decisions else None,
        "decision_versions": [_plain(d) for d in decisions],
        "publication": _plain(publication) if publication is not None else None,
    }
    return Export(work.number, document, tuple(files), exported_at)


class _Reads(Protocol):
    """The reads an export makes, from the transaction's other mixins."""

    def casework(self, number: str) -> CaseWork: ...
    def decision_versions(self, case_id: int) -> list[DecisionRow]: ...
    def listed_decision_of(self, case_number: str) -> RegisterDecisionRow | None: ...


class ExportQueries(CaseViews):
    """Reading a case for export, and noting that it was (methods of :class:`casestore.Tx`)."""

    def export_case(self, number: str) -> Export:
        """The export of case ``number``, as it is now (its document and files).

        Raises:
            NotFoundError: no such case.
        """
        tx = cast(_Reads, self)  # a Tx: it has the decisions' and the registers' reads too
        work = tx.casework(number)
        registered = [d for d in tx.decision_versions(work.case_id) if d.registered]
        return case_export(
            work,
            exported_at=self._now(),
            decisions=registered,
            publication=tx.listed_decision_of(number),
        )

    def record_export(self, number: str, *, actor: str, data: dict[str, Any]) -> None:
        """A ``case.exported`` line in the case's audit trail: who exported it, and how.

        Raises:
            NotFoundError: no such case.
        """
        self._need_write()
        case_id = self.case_scope(number)[0]
        self._conn.execute(
            insert(EVENTS),
            {
                "case_id": case_id,
                "draft_id": None,
                "kind": "case.exported",
                "actor": actor,
                "at": self._now(),
                "data": data,
            },
        )


def document_bytes(export: Export) -> bytes:
    """``case.json`` as written in the ZIP: UTF-8, letters as they are, indented."""
    return (json.dumps(export.document, ensure_ascii=False, indent=2) + "\n").encode()


def zip_chunks(export: Export, blobs: BlobStore) -> Generator[bytes, None, None]:
    """The ZIP of ``export``, in chunks of about :data:`CHUNK` bytes as it is written (each
    entry stamped with the export's time).

    Args:
        blobs: where the files' content is.

    Raises:
        FileNotFoundError: a document's content is missing from the blob store (the ZIP so
            far is then incomplete: the caller discards it).
    """
    sink = _Sink()
    at = export.at
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry(DOCUMENT_NAME, at), document_bytes(export))
        yield from sink.drain()
        for item in export.files:
            with (
                blobs.path_of(item.sha256).open("rb") as source,
                archive.open(_entry(item.path, at), "w") as target,
            ):
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    if sink.size >= CHUNK:
                        yield from sink.drain()
            yield from sink.drain()
    yield from sink.drain()


class _Sink:
    """A write-only, unseekable file that keeps what the ZIP wrote until drained."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self.size = 0
        self._written = 0

    def write(self, data: bytes, /) -> int:
        if data:
            self._parts.append(bytes(data))
            self.size += len(data)
            self._written += len(data)
        return len(data)

    def close(self) -> None:
        """Nothing to close: what was written waits for :meth:`drain`."""

    def tell(self) -> int:
        return self._written

    def flush(self) -> None:
        """Nothing to flush: the parts wait for :meth:`drain`."""

    def seekable(self) -> bool:
        return False

    def drain(self) -> Iterator[bytes]:
        if self._parts:
            data = b"".join(self._parts)
            self._parts, self.size = [], 0
            yield data


def _entry(name: str, at: datetime) -> zipfile.ZipInfo:
    stamp = at.timetuple()[:6]
    info = zipfile.ZipInfo(name, date_time=stamp if stamp[0] >= 1980 else (1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plain(value: Any) -> Any:
    """A value made JSON-ready: records as objects, dates and times as ISO text, amounts as
    decimal text (exact), tuples as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value
