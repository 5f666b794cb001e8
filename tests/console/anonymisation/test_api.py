"""The anonymisation over the staff API, on a real server: the preview, saving a reverted
replacement, accepting, publishing, and who may."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.console.api.office import Office, open_office, settings_for
from tests.console.decisions.helpers import RENT_BOX, put_on_agenda


@pytest.fixture
def office(db_url: str, tmp_path: Path) -> Iterator[Office]:
    with open_office(settings_for(db_url, tmp_path)) as opened:
        yield opened


def path(office: Office, tail: str = "") -> str:
    return f"/api/v1/staff/cases/{office.case}/anonymisation{tail}"


def decide(office: Office) -> None:
    put_on_agenda(office.store, office.case)
    facts = {**RENT_BOX, "facts_text": "Grethe Jensen, nabo til lejeren, klagede også."}
    saved = office.client.put(
        f"/api/v1/staff/cases/{office.case}/decision",
        headers=office.as_("caseworker"),
        json={"fields": facts},
    )
    assert saved.status_code == 200, saved.text
    done = office.post(
        "lead",
        f"/api/v1/staff/cases/{office.case}/decision/register",
        {"version": 1, "case_version": saved.json()["case_version"]},
    )
    assert done.status_code == 200, done.text


def test_preview_save_accept_and_publish_over_http(office: Office) -> None:
    assert office.get("caseworker", path(office)).status_code == 409  # no decision yet
    decide(office)
    preview = office.get("caseworker", path(office))
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["version"] == 0 and "Grethe Jensen" not in body["result"]
    spans = [
        {k: s[k] for k in ("start", "end", "replacement", "kind", "source", "kept")}
        for s in body["spans"]
    ]
    for span in spans:
        span["kept"] = body["text"][span["start"] : span["end"]] != "Grethe Jensen"
    saved = office.client.put(
        path(office), headers=office.as_("caseworker"), json={"version": 0, "spans": spans}
    )
    assert saved.status_code == 200, saved.text
    assert "Grethe Jensen, nabo til lejeren" in saved.json()["result"]
    stale = office.post("caseworker", path(office, "/accept"), {"version": 0})
    assert stale.status_code == 409
    accepted = office.post("caseworker", path(office, "/accept"), {"version": 1})
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    case = office.case_json("lead", office.case)
    published = office.post(
        "lead",
        f"/api/v1/staff/cases/{office.case}/steps",
        {"step": "publish", "version": case["version"]},
    )
    assert published.status_code == 200, published.text
    listed = office.client.get("/api/v1/public/decisions").json()["items"]
    assert [item["case_number"] for item in listed] == [office.case]


def test_who_may_and_what_is_refused(office: Office) -> None:
    decide(office)
    assert office.get("board", path(office)).status_code == 403
    assert office.get("stranger", path(office)).status_code == 404
    assert office.get("caseworker", "/api/v1/staff/cases/101-999/anonymisation").status_code == 404
    bad = office.client.put(
        path(office),
        headers=office.as_("caseworker"),
        json={"version": 0, "spans": [{"start": 5, "end": 2, "kind": "person"}]},
    )
    assert bad.status_code == 422 and "Replacement 1" in bad.json()["error"]["message"]
    negative = office.post("caseworker", path(office, "/accept"), {"version": -1})
    assert negative.status_code == 422
    extra = office.post("caseworker", path(office, "/accept"), {"version": 0, "x": 1})
    assert extra.status_code == 422
    text = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{office.case}/anonymise",
        {"text": "Ring til Grethe Jensen på 12 34 56 78."},
    )
    assert text.status_code == 200, text.text
    assert "Grethe Jensen" not in text.json()["result"]
    assert "12 34 56 78" not in text.json()["result"]
