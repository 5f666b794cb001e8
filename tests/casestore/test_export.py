"""The ESDH export of one case (casestore.export): its case.json, its files, and the ZIP
written as a stream that never needs to seek."""

from __future__ import annotations

import io
import json
import random
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from casestore import Store
from casestore.export import CHUNK, DOCUMENT_NAME, FORMAT, safe_name, zip_chunks
from statemachine.errors import NotFoundError, StoreError
from tests.casestore.helpers import file_case, new_draft, submission


class Unseekable(io.RawIOBase):
    """A pipe-like sink: written in order, never sought (an HTTP response is like this)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        self.data += b
        return len(b)


def _zip(store: Store, number: str) -> tuple[zipfile.ZipFile, list[bytes]]:
    with store.read() as tx:
        found = tx.export_case(number)
    chunks = list(zip_chunks(found, store.blobs))
    sink = Unseekable()
    for chunk in chunks:
        sink.write(chunk)
    return zipfile.ZipFile(io.BytesIO(bytes(sink.data))), chunks


def test_the_document_holds_the_whole_case_with_canonical_ids(store: Store) -> None:
    number = file_case(store, 1, documents=2)
    with store.begin() as tx:
        staff = tx.add_staff("Mette Holm", "caseworker", ["hln-101"], "h-mette")
        tx.add_note(number, staff_id=staff.id, text="Ringede til udlejer.", actor="staff:1")
    archive, _ = _zip(store, number)
    assert archive.testzip() is None
    document = json.loads(archive.read(DOCUMENT_NAME))
    assert document["format"] == FORMAT
    case = document["case"]
    assert case["number"] == number
    assert case["case_type"] == "rent_increase"
    assert case["tribunal"] == "hln-101"
    assert case["status"] == "submitted"
    assert case["housing"] == "private"
    assert case["address"] == "Nørregade 1, 1165 København K"
    assert document["answers"]["ask_rent"] == 7500
    assert [p["name"] for p in document["parties"]] == [
        "Karen Jensen",
        "Ejendomsselskabet Nord ApS",
    ]
    assert document["deadlines"][0]["rule"] == "rent_increase.tenant_objection"
    assert "case.submitted" in [e["kind"] for e in document["events"]]
    assert [n["text"] for n in document["notes"]] == ["Ringede til udlejer."]
    assert document["messages"] == [] and document["hearings"] == []
    assert document["decision"] is None
    # Every document is in the ZIP where its entry says, byte for byte.
    assert len(document["attachments"]) == 2
    for k, entry in enumerate(document["attachments"]):
        assert entry["path"] == f"files/{entry['id']}/bilag-{k}.pdf"
        content = archive.read(entry["path"])
        assert content == f"%PDF-1.7 document {k} of case 1".encode()
        assert len(content) == entry["size"]
    assert sorted(archive.namelist()) == sorted(
        [DOCUMENT_NAME, *(a["path"] for a in document["attachments"])]
    )


def test_a_large_file_is_streamed_in_chunks(store: Store) -> None:
    # Bytes that hardly compress, so the ZIP's output comes as the file is read.
    content = random.Random(12).randbytes(5 * CHUNK)
    ref = store.blobs.put_chunks([content])
    draft_id = new_draft(store, 1)
    with store.begin() as tx:
        row = tx.add_attachment(
            draft_id,
            filename="../../etc/passwd",
            size=ref.size,
            sha256=ref.sha256,
            media_type="text/plain",
        )
        number = tx.submit(draft_id, submission(attachments=[(row.id, "rent_increase_notice")]))
    archive, chunks = _zip(store, number)
    assert len(chunks) > 3
    assert max(len(c) for c in chunks) < 2 * CHUNK
    entry = json.loads(archive.read(DOCUMENT_NAME))["attachments"][0]
    assert entry["path"] == f"files/{row.id}/_.._etc_passwd"
    assert archive.read(entry["path"]) == content


def test_file_names_are_made_safe() -> None:
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_name("lejekontrakt.pdf") == "lejekontrakt.pdf"
    assert safe_name("a\x00b\nc.pdf") == "a_b_c.pdf"
    assert safe_name("...") == "file"
    assert safe_name("C:\\Users\\x.pdf") == "C_Users_x.pdf"
    long = safe_name("x" * 300 + ".pdf")
    assert len(long) == 120 and long.endswith(".pdf")
    assert safe_name("Ærø øst.pdf") == "Ærø øst.pdf"


def test_an_export_is_noted_in_the_audit_trail(store: Store) -> None:
    number = file_case(store, 1)
    with store.begin() as tx:
        tx.record_export(number, actor="staff:3", data={"files": 0})
    with store.read() as tx:
        events = tx.casework(number).events
        with pytest.raises(StoreError):
            tx.record_export(number, actor="staff:3", data={})
    assert events[-1]["kind"] == "case.exported"
    assert events[-1]["actor"] == "staff:3"


def test_an_unknown_case_is_not_found(store: Store) -> None:
    with store.read() as tx, pytest.raises(NotFoundError):
        tx.export_case("101-99999")
    with store.begin() as tx, pytest.raises(NotFoundError):
        tx.record_export("101-99999", actor="staff:3", data={})


def test_the_entries_are_stamped_with_the_export_time(store: Store) -> None:
    number = file_case(store, 1, documents=1)
    archive, _ = _zip(store, number)
    stamps = {info.date_time[:3] for info in archive.infolist()}
    assert stamps == {date(2026, 11, 23).timetuple()[:3]}


def test_the_decision_and_its_corrections_are_in_the_document(store: Store) -> None:
    number = file_case(store, 1)
    with store.begin() as tx:
        case_id = tx.case_scope(number)[0]
        tx.save_decision_draft(
            case_id,
            {
                "outcome": "IN_FAVOUR",
                "in_favour": "TENANT",
                "decided_on": date(2026, 12, 1),
                "subjects": ("rent_increase",),
                "rent_amount": Decimal("8200.50"),
                "decision_text": "Lejeforhøjelsen er ugyldig.",
            },
            actor="staff:1",
        )
        # A draft is no decision yet.
        assert tx.export_case(number).document["decision"] is None
        first = tx.record_decision(
            case_id, version=1, actor="staff:1", notified_on=date(2026, 12, 2), document_id=None
        )
        tx.save_decision_draft(
            case_id,
            {
                "outcome": "IN_PARTIAL_FAVOUR",
                "in_favour": "SHARED",
                "decided_on": date(2026, 12, 1),
            },
            actor="staff:1",
            correction_reason="Skrivefejl i udfaldet.",
        )
        tx.record_decision(
            case_id, version=2, actor="staff:1", notified_on=date(2026, 12, 3), document_id=None
        )
    with store.read() as tx:
        document = tx.export_case(number).document
    json.dumps(document)  # JSON-ready throughout
    assert document["decision"]["version"] == 2
    assert document["decision"]["outcome"] == "IN_PARTIAL_FAVOUR"
    assert document["decision"]["correction_reason"] == "Skrivefejl i udfaldet."
    old = document["decision_versions"][0]
    assert [d["version"] for d in document["decision_versions"]] == [first.version, 2]
    assert (old["outcome"], old["rent_amount"], old["decided_on"]) == (
        "IN_FAVOUR",
        "8200.50",
        "2026-12-01",
    )
    assert old["decision_text"] == "Lejeforhøjelsen er ugyldig."
    assert document["publication"] is None
