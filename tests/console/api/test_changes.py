"""Changing cases through the staff API: steps, assignment, notes, messages, hearings,
saved filters; each change with its audit line and its mail, and a stale one refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from casestore import OutboxMail
from tests.console.api.office import Office, snapshot


def _step(office: Office, who: str, number: str, body: dict[str, Any]) -> Any:
    return office.post(who, f"/api/v1/staff/cases/{number}/steps", body)


def _unchanged(office: Office) -> dict[str, Any]:
    return snapshot(
        office.store, (office.case, office.other, office.away), list(office.ids.values())
    )


def test_a_step_moves_the_case_and_writes_its_audit_line(office: Office) -> None:
    response = _step(office, "caseworker", office.case, {"step": "request_fee", "version": 1})
    assert response.status_code == 200, response.text
    case = response.json()
    assert (case["status"], case["version"]) == ("awaiting_fee", 2)
    last = case["history"][-1]
    assert (last["kind"], last["actor"], last["from"], last["to"]) == (
        "case.step",
        "Mette Holm",
        "Submitted",
        "Awaiting the fee",
    )
    with office.store.read() as tx:
        events = tx.casework(office.case).events
    assert events[-1]["data"] == {"step": "request_fee", "from": "submitted", "to": "awaiting_fee"}
    assert events[-1]["actor"] == f"staff:{office.ids['caseworker']}"


def test_a_stale_version_is_refused_and_nothing_changes(office: Office) -> None:
    assert _step(
        office, "caseworker", office.case, {"step": "request_fee", "version": 1}
    ).is_success
    before = _unchanged(office)
    response = _step(office, "colleague", office.case, {"step": "register_fee", "version": 1})
    assert response.status_code == 409
    assert "Someone else changed case" in response.json()["error"]["message"]
    assert _unchanged(office) == before


def test_a_step_not_possible_now_says_why_and_changes_nothing(office: Office) -> None:
    before = _unchanged(office)
    response = _step(office, "caseworker", office.case, {"step": "end_hearing", "version": 1})
    assert response.status_code == 409, response.text
    error = response.json()["error"]
    assert error["code"] == "conflict"
    assert "is not possible for a case with the status" in error["message"]
    assert _unchanged(office) == before


def test_an_unknown_step_is_invalid_and_lists_the_steps(office: Office) -> None:
    response = _step(office, "caseworker", office.case, {"step": "fly", "version": 1})
    assert response.status_code == 422
    assert "request_fee" in response.json()["error"]["message"]


def test_a_dismissal_needs_a_reason_and_a_lead_reopens_with_a_text(office: Office) -> None:
    before = _unchanged(office)
    bare = _step(office, "caseworker", office.case, {"step": "dismiss", "version": 1})
    assert bare.status_code == 422
    assert _unchanged(office) == before
    dismissed = _step(
        office,
        "caseworker",
        office.case,
        {"step": "dismiss", "version": 1, "reason": "fee_not_paid"},
    ).json()
    assert dismissed["status"] == "dismissed"
    assert dismissed["history"][-1]["reason"] == "The fee was not paid"
    refused = _step(
        office, "caseworker", office.case, {"step": "reopen", "version": 2, "text": "Paid."}
    )
    assert refused.status_code == 403
    reopened = _step(
        office, "lead", office.case, {"step": "reopen", "version": 2, "text": "The fee was paid."}
    ).json()
    assert reopened["status"] == "assigned"
    assert reopened["history"][-1]["text"] == "The fee was paid."


def test_assigning_to_me_assigns_a_submitted_case(office: Office) -> None:
    response = office.post(
        "caseworker", f"/api/v1/staff/cases/{office.case}/assign", {"staff": "me", "version": 1}
    )
    assert response.status_code == 200, response.text
    case = response.json()
    assert case["assignee"] == {"id": office.ids["caseworker"], "name": "Mette Holm"}
    assert case["status"] == "assigned"
    assert [h["kind"] for h in case["history"][-2:]] == ["case.assigned", "case.step"]


def test_a_caseworker_may_not_assign_a_colleague_but_a_lead_may(office: Office) -> None:
    path = f"/api/v1/staff/cases/{office.case}/assign"
    before = _unchanged(office)
    refused = office.post("caseworker", path, {"staff": office.ids["colleague"]})
    assert refused.status_code == 403
    assert _unchanged(office) == before
    done = office.post("lead", path, {"staff": office.ids["colleague"]})
    assert done.json()["assignee"]["name"] == "Jonas Berg"


def test_a_case_is_not_assigned_to_staff_of_another_tribunal(office: Office) -> None:
    before = _unchanged(office)
    response = office.post(
        "lead", f"/api/v1/staff/cases/{office.case}/assign", {"staff": office.ids["stranger"]}
    )
    assert response.status_code == 422
    assert _unchanged(office) == before


def test_bulk_assignment_assigns_what_it_may_and_says_why_not_for_the_rest(office: Office) -> None:
    response = office.post(
        "lead",
        "/api/v1/staff/assign",
        {"cases": [office.case, office.away, office.other], "staff": office.ids["colleague"]},
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["assigned"] == [office.case, office.other]
    assert [r["number"] for r in result["refused"]] == [office.away]
    with office.store.read() as tx:
        assert tx.casework(office.away).assignee_id is None


def test_a_note_is_kept_with_its_author(office: Office) -> None:
    response = office.post(
        "board", f"/api/v1/staff/cases/{office.case}/notes", {"text": "  Called the landlord. "}
    )
    assert response.status_code == 201, response.text
    assert response.json()["text"] == "Called the landlord."
    notes = office.case_json("lead", office.case)["notes"]
    assert [(n["author"], n["text"]) for n in notes] == [("Poul Krag", "Called the landlord.")]


def test_a_note_keeps_no_control_characters(office: Office) -> None:
    # A NUL cannot be stored on PostgreSQL, and a direction override would hide words.
    written = office.post(
        "board",
        f"/api/v1/staff/cases/{office.case}/notes",
        {"text": "Rang\u0000 \u202ethe\u0085 tenant"},
    )
    assert written.status_code == 201, written.text
    notes = office.case_json("lead", office.case)["notes"]
    assert [n["text"] for n in notes] == ["Rang the tenant"]


def test_a_message_to_all_is_queued_once_for_each_party(office: Office) -> None:
    document = office.documents[office.case]
    response = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{office.case}/messages",
        {
            "to": "all",
            "subject": "Your case",
            "body": "We have your case.",
            "attachments": [document],
        },
    )
    assert response.status_code == 201, response.text
    with office.store.read() as tx:
        mail = tx.outbox_list(limit=100)
    assert sorted(m.recipient for m in mail) == [
        "filer1@example.dk",
        "post:Havnegade 9, 1058 København K",
    ]
    assert {(m.kind, m.subject, m.attachments) for m in mail} == {
        ("message", "Your case", (document,))
    }


def test_a_message_with_another_cases_document_is_refused(office: Office) -> None:
    before = _unchanged(office)
    response = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{office.case}/messages",
        {
            "to": "all",
            "subject": "Hi",
            "body": "See this.",
            "attachments": [office.documents[office.away]],
        },
    )
    assert response.status_code == 422
    assert _unchanged(office) == before


def test_a_hearing_sends_the_material_to_the_counterparty_with_two_weeks_to_reply(
    office: Office,
) -> None:
    office.post("caseworker", f"/api/v1/staff/cases/{office.case}/assign", {"staff": "me"})
    version = office.case_json("caseworker", office.case)["version"]
    document = office.documents[office.case]
    response = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{office.case}/hearing",
        {"material": [document], "version": version, "note": "Please reply."},
    )
    assert response.status_code == 200, response.text
    case = response.json()
    assert case["status"] == "hearing"
    assert [(h["party"], h["reply_due"], h["replied"]) for h in case["hearings"]] == [
        ("Ejendomsselskabet Nord ApS", "2026-12-07", None)
    ]
    reply = [d for d in case["deadlines"] if d["rule"] == "secretariat.reply"]
    assert reply and reply[0]["ends"] == "2026-12-07"
    with office.store.read() as tx:
        # The filer is told of the hearing too (tests/console/api/test_notices.py).
        (letter,) = [m for m in tx.outbox_list(limit=10) if m.kind == "hearing"]
        assert tx.casework(office.case).next_rule == "secretariat.reply"
    assert letter.kind == "hearing" and letter.lang == "da"
    assert letter.recipient == "post:Havnegade 9, 1058 København K"
    assert letter.attachments == (document,)
    assert "Please reply." in letter.body and office.case in letter.subject


def test_a_hearing_of_a_submitted_case_is_refused_and_sends_nothing(office: Office) -> None:
    before = _unchanged(office)
    response = office.post(
        "caseworker", f"/api/v1/staff/cases/{office.case}/hearing", {"material": [], "version": 1}
    )
    assert response.status_code == 409, response.text
    assert _unchanged(office) == before


def test_saved_filters_are_each_staff_members_own(office: Office) -> None:
    put = office.client.put(
        "/api/v1/staff/filters/Mine",
        headers=office.as_("caseworker"),
        json={"query": {"assignee": "me", "due": "7"}},
    )
    assert put.status_code == 200, put.text
    assert put.json() == {"name": "Mine", "query": {"assignee": "me", "due": "7"}}
    assert office.get("caseworker", "/api/v1/staff/filters").json()["filters"] == [put.json()]
    assert office.get("colleague", "/api/v1/staff/filters").json()["filters"] == []
    bad = office.client.put(
        "/api/v1/staff/filters/Bad",
        headers=office.as_("caseworker"),
        json={"query": {"status": "lost"}},
    )
    assert bad.status_code == 422
    gone = office.client.delete("/api/v1/staff/filters/Mine", headers=office.as_("caseworker"))
    assert gone.status_code == 204
    assert office.get("caseworker", "/api/v1/staff/filters").json()["filters"] == []


def test_the_dead_letters_are_for_a_lead(office: Office) -> None:
    assert office.get("lead", "/api/v1/staff/outbox").json() == {"mail": []}
    assert office.get("caseworker", "/api/v1/staff/outbox").status_code == 403


def test_a_message_to_one_party_goes_to_that_party_only(office: Office) -> None:
    parties = office.case_json("caseworker", office.case)["parties"]
    counterparty = next(p for p in parties if p["role"] == "counterparty")
    response = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{office.case}/messages",
        {"to": str(counterparty["id"]), "subject": "Reminder", "body": "Please reply."},
    )
    assert response.status_code == 201, response.text
    assert response.json()["recipient"] == str(counterparty["id"])
    with office.store.read() as tx:
        assert [m.recipient_name for m in tx.outbox_list(limit=10)] == [counterparty["name"]]
    unknown = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{office.case}/messages",
        {"to": "999999", "subject": "Hi", "body": "Hello."},
    )
    assert unknown.status_code == 422


def test_the_start_hearing_step_starts_a_hearing_of_the_counterparty(office: Office) -> None:
    office.post("caseworker", f"/api/v1/staff/cases/{office.case}/assign", {"staff": "me"})
    version = office.case_json("caseworker", office.case)["version"]
    case = _step(
        office, "caseworker", office.case, {"step": "start_hearing", "version": version}
    ).json()
    assert case["status"] == "hearing"
    assert [h["party"] for h in case["hearings"]] == ["Ejendomsselskabet Nord ApS"]


def test_a_lead_sends_a_dead_letter_again(office: Office) -> None:
    with office.store.begin() as tx:
        case_id = tx.case_scope(office.case)[0]
        tx.queue_mail(
            OutboxMail("message", "nobody@example.invalid", "Nobody", "Hi", "Hello."),
            case_id=case_id,
        )
    with office.store.begin() as tx:
        (claimed,) = tx.claim_outbox("test", limit=1, lease=timedelta(minutes=1))
        tx.outbox_failed(claimed.id, "test", "refused", None)
    dead = office.get("lead", "/api/v1/staff/outbox").json()["mail"]
    assert [(m["id"], m["case"], m["state"], m["last_error"]) for m in dead] == [
        (claimed.id, office.case, "dead", "refused")
    ]
    # A lead of another tribunal neither sees the letter nor sends it.
    assert office.get("away_lead", "/api/v1/staff/outbox").json() == {"mail": []}
    elsewhere = office.post("away_lead", f"/api/v1/staff/outbox/{claimed.id}/retry", None)
    assert elsewhere.status_code == 404, elsewhere.text
    retried = office.post("lead", f"/api/v1/staff/outbox/{claimed.id}/retry", None)
    assert retried.status_code == 200, retried.text
    assert (retried.json()["case"], retried.json()["state"]) == (office.case, "pending")
    again = office.post("lead", f"/api/v1/staff/outbox/{claimed.id}/retry", None)
    assert again.status_code == 409
