"""``GET /api/v1/staff/cases/{number}/export`` on the real service: the case's ZIP for a
staff token of its tribunal (case.json and the files), streamed; refused to another
tribunal's staff as a case that does not exist (404), to a board member (403), and without
a valid token (401); and each export is a line in the case's audit trail."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.console.api.office import Office, snapshot


def _export(office: Office, who: str, number: str) -> zipfile.ZipFile:
    response = office.get(who, f"/api/v1/staff/cases/{number}/export")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Content-Disposition"] == f'attachment; filename="sag-{number}.zip"'
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Request-Id"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None
    return archive


@pytest.mark.parametrize("who", ["caseworker", "lead", "admin"])
def test_staff_of_the_tribunal_get_the_case_and_its_files(office: Office, who: str) -> None:
    office.post("caseworker", f"/api/v1/staff/cases/{office.case}/notes", {"text": "Ring op."})
    archive = _export(office, who, office.case)
    document = json.loads(archive.read("case.json"))
    assert document["case"]["number"] == office.case
    assert document["case"]["tribunal"] == "hln-101"
    assert [p["role"] for p in document["parties"]] == ["filer", "counterparty"]
    assert document["answers"]["ask_claim"] == "The rent increase is not valid."
    assert document["deadlines"] and document["events"]
    assert [n["text"] for n in document["notes"]] == ["Ring op."]
    assert document["decision"] is None
    (entry,) = document["attachments"]
    assert entry["id"] == office.documents[office.case]
    served = office.get(who, f"/api/v1/staff/cases/{office.case}/attachments/{entry['id']}")
    assert archive.read(entry["path"]) == served.content
    assert sorted(archive.namelist()) == ["case.json", entry["path"]]


def test_each_export_is_in_the_audit_trail(office: Office) -> None:
    _export(office, "lead", office.case)
    history = office.case_json("caseworker", office.case)["history"]
    assert history[-1]["kind"] == "case.exported"
    assert history[-1]["actor"] == "Lise Dahl"
    assert history[-1]["label"] == "Exported for the records system (ESDH)"
    # The next export holds the first one's line.
    document = json.loads(_export(office, "lead", office.case).read("case.json"))
    assert document["events"][-1]["kind"] == "case.exported"


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("stranger", 404, "not_found"),
        ("away_lead", 404, "not_found"),
        ("board", 403, "forbidden"),
        ("revoked", 403, "forbidden"),
        ("filer", 401, "unauthorized"),
    ],
)
def test_others_are_refused_and_nothing_is_noted(
    office: Office, who: str, status: int, code: str
) -> None:
    before = snapshot(office.store, (office.case, office.away), list(office.ids.values()))
    response = office.get(who, f"/api/v1/staff/cases/{office.case}/export")
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == code
    assert snapshot(office.store, (office.case, office.away), list(office.ids.values())) == before


def test_another_tribunals_case_reads_as_an_unknown_one(office: Office) -> None:
    away = office.get("caseworker", f"/api/v1/staff/cases/{office.away}/export")
    unknown = office.get("caseworker", "/api/v1/staff/cases/101-99999/export")
    assert away.status_code == unknown.status_code == 404
    assert away.json()["error"]["code"] == unknown.json()["error"]["code"]
    # The other tribunal's own staff get it.
    document = json.loads(_export(office, "stranger", office.away).read("case.json"))
    assert document["case"]["tribunal"] == "hln-147"


def test_no_token_is_refused(office: Office) -> None:
    response = office.client.get(f"/api/v1/staff/cases/{office.case}/export")
    assert response.status_code == 401
