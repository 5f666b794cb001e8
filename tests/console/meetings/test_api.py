"""The board's meetings over the staff API, on a real server: plan, agenda, order, summons,
the PDF, and what board members and other tribunals cannot reach."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from naevn.settings import Settings
from tests.console.api.office import Office, open_office, settings_for
from tests.console.meetings.helpers import MEETING_AT, make_ready, members, pdf_text

M = "/api/v1/staff/meetings"


@pytest.fixture
def office(db_url: str, tmp_path: Path) -> Iterator[Office]:
    settings: Settings = settings_for(db_url, tmp_path)
    with open_office(settings) as opened:
        yield opened


def test_a_meeting_over_http(office: Office) -> None:
    make_ready(office.store, office.other)
    body = {
        "tribunal": "hln-101",
        "starts_at": MEETING_AT,
        "place": "Rådhuset",
        "members": members(office.ids["board"]),
    }
    assert office.post("caseworker", M, body).status_code == 403
    made = office.post("lead", M, body)
    assert made.status_code == 201, made.text
    meeting = made.json()["id"]
    ready = office.get("lead", f"{M}/{meeting}/ready")
    assert [c["number"] for c in ready.json()["cases"]] == [office.other]
    added = office.post("lead", f"{M}/{meeting}/items", {"number": office.other})
    assert added.status_code == 200, added.text
    inspection = office.post(
        "lead",
        f"{M}/{meeting}/items",
        {"number": office.other, "kind": "inspection", "inspection_at": "2026-12-14T13:00"},
    )
    assert inspection.status_code == 200, inspection.text
    items = inspection.json()["agenda"]
    moved = office.post("lead", f"{M}/{meeting}/items/{items[1]['id']}/move", {"direction": "up"})
    assert [i["kind"] for i in moved.json()["agenda"]] == ["inspection", "case"]
    assert office.case_json("lead", office.other)["status"] == "on_agenda"
    sent = office.post("lead", f"{M}/{meeting}/summons", {})
    assert sent.status_code == 200, sent.text
    assert sent.json()["sent"] >= 1
    assert office.post("lead", f"{M}/{meeting}/summons", {}).status_code == 409
    pdf = office.get("board", f"{M}/{meeting}/agenda")
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert "Dagsorden" in pdf_text(pdf.content) or "Agenda" in pdf_text(pdf.content)
    # The board member reads the case on the agenda, and notes on it.
    assert office.get("board", f"/api/v1/staff/cases/{office.other}").status_code == 200
    note = office.post("board", f"/api/v1/staff/cases/{office.other}/notes", {"text": "Set."})
    assert note.status_code == 201, note.text
    # Another tribunal's staff: the meeting does not exist for them.
    assert office.get("away_lead", f"{M}/{meeting}").status_code == 404
    assert office.get("away_lead", M).json()["meetings"] == []
    assert (
        office.post("away_lead", f"{M}/{meeting}/items", {"number": office.away}).status_code == 404
    )
    deleted = office.client.delete(
        f"{M}/{meeting}/items/{items[0]['id']}", headers=office.as_("lead")
    )
    assert deleted.status_code == 200, deleted.text
    assert office.get("lead", f"{M}/nope").status_code == 404


def test_board_members_reach_nothing_off_their_agendas(office: Office) -> None:
    # office.case is on a meeting's agenda (the office's fixture); office.other is not.
    assert office.get("board", f"/api/v1/staff/cases/{office.case}").status_code == 200
    for path in (
        f"/api/v1/staff/cases/{office.other}",
        f"/api/v1/staff/cases/{office.away}",
        f"/api/v1/staff/cases/{office.away}/attachments/{office.documents[office.away]}",
    ):
        assert office.get("board", path).status_code == 404, path
    refused = office.post("board", f"/api/v1/staff/cases/{office.other}/notes", {"text": "x"})
    assert refused.status_code == 404
    queue = office.get("board", "/api/v1/staff/cases").json()["cases"]
    assert [c["number"] for c in queue] == [office.case]
    assert office.post("board", M, {"tribunal": "hln-101"}).status_code in (403, 422)
