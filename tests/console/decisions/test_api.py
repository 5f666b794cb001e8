"""The decision over the staff API, on a real server: draft, PDF, register, and who may."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from naevn.settings import Settings
from tests.console.api.office import Office, open_office, settings_for
from tests.console.decisions.helpers import RENT_BOX, pdf_text, put_on_agenda


@pytest.fixture
def office(db_url: str, tmp_path: Path) -> Iterator[Office]:
    settings: Settings = settings_for(db_url, tmp_path)
    with open_office(settings) as opened:
        yield opened


def path(office: Office, tail: str = "") -> str:
    return f"/api/v1/staff/cases/{office.case}/decision{tail}"


def test_draft_pdf_and_register_over_http(office: Office) -> None:
    put_on_agenda(office.store, office.case)
    found = office.get("caseworker", path(office))
    assert found.status_code == 200, found.text
    assert found.json()["draft"] is None
    saved = office.client.put(
        path(office), headers=office.as_("caseworker"), json={"fields": RENT_BOX}
    )
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["draft"]["version"] == 1 and body["problems"] == []
    pdf = office.get("caseworker", path(office, "/document"))
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "UDKAST TIL AFGØRELSE" in pdf_text(pdf.content)
    refused = office.post(
        "caseworker",
        path(office, "/register"),
        {"version": 1, "case_version": body["case_version"]},
    )
    assert refused.status_code == 403
    done = office.post(
        "lead", path(office, "/register"), {"version": 1, "case_version": body["case_version"]}
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "decided"
    case = office.case_json("lead", office.case)
    assert case["status"] == "decided"
    final = office.get("lead", path(office, "/document"), version="1")
    assert "UDKAST" not in pdf_text(final.content)


def test_problems_and_scope(office: Office) -> None:
    bad = office.client.put(
        path(office),
        headers=office.as_("caseworker"),
        json={"fields": {**RENT_BOX, "in_favour": "NOBODY", "decided_on": "2020-01-01"}},
    )
    assert bad.status_code == 422
    assert len(bad.json()["problems"]) == 2
    assert office.get("stranger", path(office)).status_code == 404
    board = office.client.put(path(office), headers=office.as_("board"), json={"fields": {}})
    assert board.status_code == 403
    assert office.get("lead", path(office, "/document"), version="x").status_code == 422
    assert office.get("lead", path(office, "/document"), version="9").status_code == 404
