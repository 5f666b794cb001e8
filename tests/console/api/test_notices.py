"""The parties hear of what staff do: a message says where to read and answer it, a hearing
letter carries the heard party's code, and a hearing or a change of status is a notice to
every other party with an e-mail address, in the case's language, with the public address."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.service.conversation import Conversation
from assistant.service.mine import Mine
from casestore import Store, access_digest
from casestore.outbox import OutboxRow
from console.desk.notices import NOTICE_SUBJECT, SIGN_IN_FILER
from locales import translator
from naevn.settings import Settings
from statemachine.flows import intake
from statemachine.flows.intake.filing import PartyData
from statemachine.text import t
from tests.casestore.helpers import new_draft, submission
from tests.console.api.office import Office, open_office, settings_for

PUBLIC = "https://naevn.example.dk"
"""The service's public address in these tests (``NAEVN_PUBLIC_URL``)."""
MINE = f"{PUBLIC}/mine"
"""Where the parties read their case."""
REPLYING = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
"""When the heard party signs in and replies: before the reply date."""
AFTER = datetime(2027, 1, 7, 0, 0, 1, tzinfo=UTC)
"""Just after a hearing code of the tests' hearings (reply by 7 December 2026) stops working."""


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """The office's settings with a public address of its own."""
    return dataclasses.replace(settings_for(db_url, tmp_path), public_url=PUBLIC + "/")


@pytest.fixture
def office(settings: Settings) -> Iterator[Office]:
    with open_office(settings) as opened:
        yield opened


def english_case(store: Store) -> str:
    """A case filed in English: a tenant with e-mail, a landlord with e-mail, and a co-tenant
    with only a postal address."""
    base = submission()
    parties = [
        PartyData("filer", "Emma Hansen", "person", "Nørregade 3, 1165 København K", "emma@x.dk"),
        PartyData("counterparty", "Nord ApS", "company", "Havnegade 9", "udlejer@nord.dk"),
        PartyData("co_party", "Jens Hansen", "person", "Nørregade 3, 1165 København K"),
    ]
    filing = dataclasses.replace(base.filing, lang="en", parties=parties)
    draft_id = new_draft(store, 9)
    with store.begin() as tx:
        return tx.submit(draft_id, dataclasses.replace(base, filing=filing))


def mail_of(office: Office, number: str) -> list[OutboxRow]:
    """The mail queued about case ``number``, oldest first."""
    with office.store.read() as tx:
        case_id = tx.case_scope(number)[0]
        return sorted(
            (m for m in tx.outbox_list(limit=1000) if m.case_id == case_id), key=lambda m: m.id
        )


def assign_to_me(office: Office, number: str) -> dict[str, Any]:
    response = office.post("caseworker", f"/api/v1/staff/cases/{number}/assign", {"staff": "me"})
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def test_a_message_is_its_own_notice_and_says_where_to_read_and_answer_it(
    office: Office,
) -> None:
    response = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{office.case}/messages",
        {"to": "all", "subject": "Your case", "body": "We have your case."},
    )
    assert response.status_code == 201, response.text
    mail = mail_of(office, office.case)
    # One mail per party, each the message itself: no separate notice.
    assert [(m.kind, m.recipient) for m in mail] == [
        ("message", "filer1@example.dk"),
        ("message", "post:Havnegade 9, 1058 København K"),
    ]
    to_filer, by_post = mail
    assert to_filer.body.startswith("We have your case.")
    assert MINE in to_filer.body
    assert translator("da").render(t(SIGN_IN_FILER)) in to_filer.body
    # The landlord has no e-mail and was never sent a code: the letter says how to answer.
    assert MINE not in by_post.body and office.case in by_post.body
    assert {m.lang for m in mail} == {"da"}


def test_a_message_to_one_party_tells_nobody_else(office: Office) -> None:
    number = english_case(office.store)
    case = office.case_json("caseworker", number)
    landlord = next(p for p in case["parties"] if p["role"] == "counterparty")
    response = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{number}/messages",
        {"to": str(landlord["id"]), "subject": "Please", "body": "Send us the lease."},
    )
    assert response.status_code == 201, response.text
    sent = response.json()
    assert (sent["direction"], sent["party"]["name"], sent["hearing"]) == ("out", "Nord ApS", None)
    (mail,) = mail_of(office, number)
    assert (mail.kind, mail.recipient, mail.lang) == ("message", "udlejer@nord.dk", "en")
    # The landlord has no way to sign in before a hearing: the message says how to answer.
    answer = f"To answer, write to us and quote the case number {number}."
    assert mail.body == f"Send us the lease.\n\n{answer}"


def test_a_change_of_status_is_a_notice_to_each_party_with_e_mail(office: Office) -> None:
    number = english_case(office.store)
    assign_to_me(office, number)
    notices = mail_of(office, number)
    assert [(m.kind, m.recipient, m.lang) for m in notices] == [
        ("status", "emma@x.dk", "en"),
        ("status", "udlejer@nord.dk", "en"),
    ]
    emma = notices[0]
    assert emma.subject == f"There is news in your case {number}"
    assert "A caseworker is now working on your case." in emma.body
    assert f"at\n{MINE}\n" in emma.body
    assert "the e-mail address you filed the case with" in emma.body
    assert emma.body.startswith("Dear Emma Hansen,")


def test_the_notice_is_in_the_cases_language(office: Office) -> None:
    response = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{office.case}/steps",
        {"step": "request_fee", "version": 1},
    )
    assert response.status_code == 200, response.text
    (notice,) = mail_of(office, office.case)
    assert (notice.kind, notice.recipient, notice.lang) == ("status", "filer1@example.dk", "da")
    danish = translator("da").render(t(NOTICE_SUBJECT, number=office.case))
    assert notice.subject == danish
    assert MINE in notice.body


def test_a_party_with_only_a_postal_address_gets_no_notice_of_a_status_change(
    office: Office,
) -> None:
    # office.case: the filer has e-mail, the landlord only a postal address.
    assign_to_me(office, office.case)
    assert [m.recipient for m in mail_of(office, office.case)] == ["filer1@example.dk"]


def test_a_hearing_letter_carries_the_code_and_the_others_are_told(
    office: Office, settings: Settings
) -> None:
    number = english_case(office.store)
    case = assign_to_me(office, number)
    before = {m.id for m in mail_of(office, number)}
    response = office.post(
        "caseworker",
        f"/api/v1/staff/cases/{number}/hearing",
        {"version": case["version"], "reply_days": 14},
    )
    assert response.status_code == 200, response.text
    new = [m for m in mail_of(office, number) if m.id not in before]
    assert [(m.kind, m.recipient) for m in new] == [
        ("hearing", "udlejer@nord.dk"),
        ("status", "emma@x.dk"),
    ]
    letter, notice = new
    assert letter.lang == notice.lang == "en"
    code = code_in(letter.body)
    assert f"Go to\n{MINE}\nand sign in with this access code" in letter.body
    assert "send your comments online, with attachments" in letter.body
    assert "7 December 2026" in letter.body
    assert "We have sent the material of the case to Nord ApS" in notice.body
    assert code not in notice.body
    # The code is in the letter only: not in what staff read, nor in the audit trail.
    assert code not in response.text
    assert code not in office.get("caseworker", f"/api/v1/staff/cases/{number}").text
    with office.store.read() as tx:
        work = tx.casework(number)
    assert code not in repr(work.events)
    assert_code_signs_in(settings, number, code)
    # The reply is on the case for staff: from the landlord, answering the hearing.
    (reply,) = [
        m for m in office.case_json("caseworker", number)["messages"] if m["direction"] == "in"
    ]
    assert (reply["party"]["name"], reply["hearing"], reply["late"], reply["author"]) == (
        "Nord ApS",
        response.json()["hearings"][0]["id"],
        False,
        None,
    )
    assert reply["body"] == "The increase follows the lease."


def test_a_later_notice_to_the_heard_party_points_to_the_hearing_code(office: Office) -> None:
    number = english_case(office.store)
    case = assign_to_me(office, number)
    office.post("caseworker", f"/api/v1/staff/cases/{number}/hearing", {"version": case["version"]})
    before = {m.id for m in mail_of(office, number)}
    office.post(
        "caseworker",
        f"/api/v1/staff/cases/{number}/messages",
        {"to": "all", "subject": "Meeting", "body": "The meeting is on 4 January."},
    )
    new = {m.recipient: m for m in mail_of(office, number) if m.id not in before}
    assert set(new) == {"emma@x.dk", "udlejer@nord.dk", "post:Nørregade 3, 1165 København K"}
    landlord, emma = new["udlejer@nord.dk"].body, new["emma@x.dk"].body
    assert f"You can answer this message, with attachments, at\n{MINE}" in landlord
    assert f"You can read this message, and answer it with attachments, at\n{MINE}" in emma
    assert "the access code in the letter we sent you about the hearing" in landlord
    assert "access code from your receipt" in emma


def code_in(body: str) -> str:
    """The code a hearing letter gives, on its own indented line."""
    found = re.search(r"sign in with this access code:\n\n {4}(\S+)\n", body)
    assert found, body
    return found.group(1)


def assert_code_signs_in(settings: Settings, number: str, code: str) -> None:
    """Mine sager's sign-in takes the code, typed as a person might (lower case, spaces for
    dashes), and opens the hearing's material to the heard party, who replies there; the code
    stops working a month after the reply date."""
    typed = code.lower().replace("-", " ")
    store = Store.open(settings.db, settings.blob_dir, clock=_at(REPLYING))
    try:
        mine = Mine(Conversation(store, intake.engine(), lambda: REPLYING.date()))
        signed_in = mine.sign_in.with_access_code(typed, client="test", lang="en")
        viewer, page = mine.case(signed_in.token, number)
        (hearing,) = page.opened.hearings
        assert (viewer.kind, page.case.number, page.opened.hearing_id) == (
            "hearing",
            number,
            hearing.id,
        )
        mine.reply(signed_in.token, number, "The increase follows the lease.", [])
    finally:
        store.close()
    late = Store.open(settings.db, settings.blob_dir, clock=_at(AFTER))
    try:
        with late.read() as tx:
            assert tx.find_access_code(access_digest(code)) is None
    finally:
        late.close()


def _at(now: datetime) -> Callable[[], datetime]:
    """A clock stopped at ``now``."""
    return lambda: now
