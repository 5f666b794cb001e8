"""Reading through the staff API: who I am, my colleagues, the queue, a case, its documents."""

from __future__ import annotations

from typing import Any

import pytest

from console.access import new_token, token_hash
from tests.assistant.service.test_conversation import TO_DOCUMENTS
from tests.console.api.office import AWAY, HOME, Office


def test_me_names_the_caller_and_their_tribunals(office: Office) -> None:
    response = office.get("caseworker", "/api/v1/staff/me", lang="en")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "id": office.ids["caseworker"],
        "name": "Mette Holm",
        "role": "caseworker",
        "tribunals": [{"code": HOME, "name": "the rent tribunal (huslejenævnet) for København"}],
    }


def test_colleagues_are_those_of_my_tribunals_who_still_have_access(office: Office) -> None:
    response = office.get("caseworker", "/api/v1/staff/staff")
    names = {s["name"] for s in response.json()["staff"]}
    assert names == {"Mette Holm", "Jonas Berg", "Lise Dahl", "Poul Krag", "Ida Lund"}


def test_the_queue_shows_only_my_tribunals_cases(office: Office) -> None:
    response = office.get("caseworker", "/api/v1/staff/cases", lang="en")
    assert response.status_code == 200, response.text
    page = response.json()
    assert {c["number"] for c in page["cases"]} == {office.case, office.other}
    assert page["after"] is None
    row = next(c for c in page["cases"] if c["number"] == office.case)
    assert row["status"] == "submitted"
    assert row["status_label"] == "Submitted"
    assert row["tribunal"] == HOME
    assert row["assignee"] is None
    away = office.get("stranger", "/api/v1/staff/cases").json()["cases"]
    assert [c["number"] for c in away] == [office.away]
    assert away[0]["tribunal"] == AWAY


def test_the_queue_pages_by_cursor(office: Office) -> None:
    first = office.get("lead", "/api/v1/staff/cases", limit=1, sort="number").json()
    assert len(first["cases"]) == 1 and first["after"]
    second = office.get(
        "lead", "/api/v1/staff/cases", limit=1, sort="number", after=first["after"]
    ).json()
    assert [c["number"] for c in first["cases"] + second["cases"]] == sorted(
        [office.case, office.other]
    )


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"limit": "0"}, "limit must be a whole number from 1 to 500"),
        ({"limit": "501"}, "limit must be a whole number from 1 to 500"),
        ({"status": "lost"}, "status can be one of:"),
        ({"case_type": "parking"}, "case_type can be one of:"),
        ({"due": "soon"}, "due must be a number of days"),
        ({"assignee": "boss"}, "assignee must be me, none or a staff id"),
        ({"sort": "name"}, "sort can be one of: deadline, filed, number"),
        ({"colour": "red"}, "The queue has no filter called colour"),
    ],
)
def test_a_queue_filter_it_does_not_know_is_refused_with_what_to_give(
    office: Office, params: dict[str, str], says: str
) -> None:
    response = office.get("caseworker", "/api/v1/staff/cases", lang="en", **params)
    assert response.status_code == 422, response.text
    assert says in response.json()["error"]["message"]


def test_the_queue_filters_by_assignee_me(office: Office) -> None:
    office.post("caseworker", f"/api/v1/staff/cases/{office.case}/assign", {"staff": "me"})
    mine = office.get("caseworker", "/api/v1/staff/cases", assignee="me").json()["cases"]
    assert [c["number"] for c in mine] == [office.case]
    assert mine[0]["assignee"] == {"id": office.ids["caseworker"], "name": "Mette Holm"}
    nobody = office.get("caseworker", "/api/v1/staff/cases", assignee="none").json()["cases"]
    assert [c["number"] for c in nobody] == [office.other]


def test_the_queue_searches_party_names(office: Office) -> None:
    found = office.get("caseworker", "/api/v1/staff/cases", q="Mikkelsen").json()["cases"]
    assert [c["number"] for c in found] == [office.other]


def test_a_case_reads_in_the_callers_language(office: Office) -> None:
    english = office.case_json("caseworker", office.case, lang="en")
    danish = office.case_json("caseworker", office.case, lang="da")
    assert english["status_label"] == "Submitted"
    assert danish["status_label"] != "" and english["tribunal"]["code"] == HOME
    assert english["number"] == office.case and english["version"] == 1
    roles = [(p["role"], p["role_label"], p["name"]) for p in english["parties"]]
    assert roles == [
        ("filer", "Filer", "Karen Jensen"),
        ("counterparty", "Counterparty", "Ejendomsselskabet Nord ApS"),
    ]
    assert [a["filename"] for a in english["attachments"]] == ["bilag-0.pdf"]
    steps = [s["step"] for s in english["steps"]]
    assert "request_fee" in steps and "dismiss" in steps and "reopen" not in steps
    dismiss = next(s for s in english["steps"] if s["step"] == "dismiss")
    assert (
        dismiss["needs_reason"]
        and {"id": "fee_not_paid", "label": "The fee was not paid"} in (dismiss["reasons"])
    )
    notify = [d for d in english["deadlines"] if d["side"] == "secretariat"]
    assert [(d["rule"], d["label"], d["ends"]) for d in notify] == [
        ("secretariat.notify", "Tell the other party", "2026-11-30")
    ]
    assert english["history"][-1]["label"] == "Case filed"


def test_a_board_member_reads_but_is_offered_no_step(office: Office) -> None:
    read = office.case_json("board", office.case)
    assert read["steps"] == []


def test_a_document_opens_with_its_stored_type_as_a_download(office: Office) -> None:
    document = office.documents[office.case]
    response = office.get("caseworker", f"/api/v1/staff/cases/{office.case}/attachments/{document}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="bilag-0.pdf"')
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF-1.7 document 0 of case 1")


def test_another_cases_document_is_not_found_under_this_case(office: Office) -> None:
    foreign = office.documents[office.away]
    response = office.get("lead", f"/api/v1/staff/cases/{office.case}/attachments/{foreign}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def _answer(office: Office, started: dict[str, Any], value: Any) -> dict[str, Any]:
    response = office.client.post(
        f"/api/v1/sessions/{started['session']}/answers",
        json={"value": value},
        headers={"Authorization": f"Bearer {started['token']}"},
    )
    assert response.status_code == 200, response.text
    turn: dict[str, Any] = response.json()
    assert turn["errors"] == [], (turn["state"], value, turn["errors"])
    return turn


def _file_as_a_filer(office: Office) -> str:
    """File a maintenance case in Aarhus through the filer API, as a tenant would."""
    started = office.client.post("/api/v1/sessions", json={"lang": "en"}).json()
    for value in TO_DOCUMENTS:
        turn = _answer(office, started, value)
    while turn["state"] in ("ask_attachment", "ask_attachment_reason"):
        turn = _answer(
            office, started, "Not made" if turn["state"] != "ask_attachment" else "missing"
        )
    for value in ["Anna Jensen", True, "anna@example.dk", "", None, "continue", True]:
        turn = _answer(office, started, value)
    assert turn["done"] and turn["case_number"], turn
    return str(turn["case_number"])


def test_a_filed_case_reads_its_answers_as_the_review_did(office: Office) -> None:
    number = _file_as_a_filer(office)
    token = new_token()
    with office.store.begin() as tx:
        tx.add_staff("Karin Aarhus", "caseworker", ("hln-751",), token_hash(token))
    response = office.client.get(
        f"/api/v1/staff/cases/{number}",
        headers={"Authorization": f"Bearer {token}"},
        params={"lang": "en"},
    )
    assert response.status_code == 200, response.text
    case = response.json()
    answers = {a["question"]: a["answer"] for a in case["answers"]}
    assert answers["Other party's name"] == "Bolig A/S"
    assert "Fix the windows." in answers.values()
    assert all(a["question"] and not a["question"].startswith("ask_") for a in case["answers"])
    assert case["tribunal"]["code"] == "hln-751"
    assert case["case_type"] == "maintenance" and case["case_type_label"]
    assert [p["name"] for p in case["parties"] if p["role"] == "counterparty"] == ["Bolig A/S"]
    # Staff of Copenhagen do not see an Aarhus case.
    assert office.get("lead", f"/api/v1/staff/cases/{number}").status_code == 404
