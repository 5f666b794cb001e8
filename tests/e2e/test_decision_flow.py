"""A case from filing to publication, end to end, on the real service over HTTP.

A tenant files through the filer API (the demo's first script: a rent increase, with two
documents). The secretariat then works the case through the staff API, with the console's own
HTTP client (:class:`console.clients.http.HttpStaffClient`) where it has the call: assignment,
the hearing and its end. Then the board: a meeting, the case on its agenda, a board member's
note; the decision, its PDF, the anonymisation preview and publication; and the public
register's page and JSON show the decision without a single party name. The case's ESDH
export holds it all.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from casestore import Store
from console.access import new_token, token_hash
from console.clients.http import HttpStaffClient, StaffApiError
from naevn.commands import demo_filings
from naevn.settings import Settings
from tests.console.api.office import settings_for
from tests.console.decisions.helpers import pdf_text
from tests.service import running

pytestmark = pytest.mark.anyio

TODAY = datetime.now(UTC).date()
"""The service's today: the real one (see :func:`settings`)."""

SCRIPT = demo_filings.varied(demo_filings.FILINGS[0][1], random.Random(1212), TODAY)
"""The demo's first script, its dates moved to today and its people drawn afresh."""
DECISION: dict[str, Any] = {
    "outcome": "IN_PARTIAL_FAVOUR",
    "in_favour": "TENANT",
    "fee_imposed": "NO",
    "locally_inspected": "NOT_HELD",
    "public_interest": "YES",
    "decided_on": TODAY.isoformat(),
    "subjects": ["rent_increase"],
    "statutes": ["lejeloven:6:42"],
    "rent_method": "BASED_ON_COMPARABLE_RENTS",
    "rent_category": "MONTHLY_RENT",
    "rent_declaration": "TENANCY_SPECIFIC_RENT",
    "rent_amount": "7900.00",
    "rent_area": 68,
    "rent_from": TODAY.replace(day=1).isoformat(),
    "reasons_text": "Nævnet finder, at lejen for det lejede ikke kan overstige 7.900 kr.",
}
"""The board's decision, as the caseworker fills in the box."""
STAFF = {
    "caseworker": ("Mette Holm", "caseworker", ("hln-101",)),
    "lead": ("Lars Berg", "lead", ("hln-101",)),
    "board": ("Sara Dahl", "board_member", ("hln-101",)),
}


@dataclass
class Service:
    """The served app, its store beside it, and the staff's tokens."""

    url: str
    http: httpx.Client
    store: Store
    tokens: dict[str, str]
    ids: dict[str, int]

    def client(self, who: str) -> HttpStaffClient:
        """The console's HTTP client, signed in as ``who`` (English labels)."""
        return HttpStaffClient(self.url, self.tokens[who], lang="en")

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}", "Accept-Language": "en"}

    def get(self, who: str, path: str, **params: Any) -> httpx.Response:
        return self.http.get(path, headers=self.headers(who), params=params)

    def post(self, who: str, path: str, body: Any) -> httpx.Response:
        return self.http.post(path, headers=self.headers(who), json=body)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """The office's settings with today's date: the store stamps the filing with the real
    clock, and a decision is dated on or after it."""
    return replace(settings_for(db_url, tmp_path), today=TODAY)


@pytest.fixture
def service(settings: Settings) -> Iterator[Service]:
    store = Store.open(settings.db, settings.blob_dir)
    try:
        tokens, ids = {}, {}
        with store.begin() as tx:
            for who, (name, role, tribunals) in STAFF.items():
                tokens[who] = new_token()
                ids[who] = tx.add_staff(name, role, tribunals, token_hash(tokens[who])).id
        with running(settings) as url, httpx.Client(base_url=url, timeout=60) as http:
            yield Service(url, http, store, tokens, ids)
    finally:
        store.close()


def file_case(http: httpx.Client, folder: Path) -> str:
    """File the demo's first script through the filer API, uploading its documents; returns
    the case number."""
    lang = demo_filings.FILINGS[0][0]
    for name, content in demo_filings.DOCUMENTS.items():
        (folder / name).write_bytes(content)
    started = http.post("/api/v1/sessions", json={"lang": lang})
    assert started.status_code == 201, started.text
    session, token = started.json()["session"], started.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    turn = started.json()["turn"]
    for value in SCRIPT:
        answer: Any = value
        if isinstance(value, str) and value in demo_filings.DOCUMENTS:
            sent = http.post(
                f"/api/v1/sessions/{session}/attachments",
                files={"file": (value, (folder / value).read_bytes())},
                headers=headers,
            )
            assert sent.status_code == 201, sent.text
            answer = {"attachment": sent.json()["attachment"]["id"]}
        reply = http.post(
            f"/api/v1/sessions/{session}/answers",
            json={"value": answer, "version": turn["version"]},
            headers=headers,
        )
        assert reply.status_code == 200, reply.text
        turn = reply.json()
        assert not turn["errors"], (turn["state"], turn["errors"])
    assert turn["done"] and turn["case_number"], turn["state"]
    return str(turn["case_number"])


async def test_a_case_goes_from_filing_to_the_public_register(
    service: Service, tmp_path: Path
) -> None:
    number = file_case(service.http, tmp_path)
    assert number.startswith("101-")
    with service.store.read() as tx:
        parties = tx.casework(number).parties
    names = {str(p["name"]) for p in parties}
    assert len(names) == 2
    # What must never appear in the public registers: each party's name, its parts (a
    # surname alone, the company's name without "ApS"), e-mail address and phone number.
    private = {
        *names,
        *(part for name in names for part in name.split() if part not in ("ApS", "A/S")),
        *(str(p[k]) for p in parties for k in ("email", "phone") if p.get(k)),
    }
    assert len(private) >= 6, private

    # --- the secretariat: assign, hear the landlord, end the hearing ---------------------
    mette = service.client("caseworker")
    try:
        case = await mette.case(number)
        assert case["status"] == "submitted"
        case = await mette.assign(number, "me", version=case["version"])
        assert case["status"] == "assigned"
        case = await mette.start_hearing(
            number,
            version=case["version"],
            party=None,
            material=[a["id"] for a in case["attachments"]],
            reply_days=None,
            note="Nævnet beder om jeres bemærkninger til klagen.",
        )
        assert case["status"] == "hearing"
        # The landlord answers the hearing (Mine sager's own tests cover how).
        with service.store.begin() as tx:
            tx.record_reply(number, tx.casework(number).hearings[-1].id)
        case = await mette.step(
            number, "end_hearing", version=case["version"], reason=None, text=None
        )
        assert case["status"] == "ready_for_meeting"
    finally:
        await mette.aclose()

    # --- the board: a meeting, the case on its agenda, a board member's note ---------------
    lead = service.client("lead")
    board = service.client("board")
    mette = service.client("caseworker")
    try:
        with pytest.raises(StaffApiError) as hidden:
            await board.case(number)  # not on an agenda yet: a board member does not see it
        assert hidden.value.status == 404
        meeting = await lead.new_meeting(
            "hln-101",
            starts_at=f"{TODAY + timedelta(days=14)}T09:30",
            place="Rådhuset, mødelokale 3",
            members=[
                {"seat": "chair", "name": "Birgitte Holm"},
                {"seat": "tenant_member", "name": "Ole Sand"},
                {"seat": "landlord_member", "name": "Sara Dahl", "staff_id": service.ids["board"]},
            ],
        )
        ready = await lead.ready_cases(meeting["id"])
        assert number in [row["number"] for row in ready]
        meeting = await lead.add_agenda_item(meeting["id"], number)
        assert [item["number"] for item in meeting["agenda"]] == [number]
        summons = await lead.send_summons(meeting["id"])
        assert summons["sent"] >= 1 and summons["meeting"]["summoned"]
        agenda = pdf_text(await lead.agenda_pdf(meeting["id"]))
        assert number in agenda and "Rådhuset" in agenda
        case = await board.case(number)
        assert case["status"] == "on_agenda"
        await board.add_note(number, "Jeg vil gerne se lejekontrakten ved mødet.")
        notes = (await mette.case(number))["notes"]
        assert [n["text"] for n in notes] == ["Jeg vil gerne se lejekontrakten ved mødet."]

        # --- the decision: drafted by the caseworker, registered by the lead ---------------
        fresh = await mette.decision(number)
        assert fresh["draft"] is None and fresh["current"] is None
        saved = await mette.save_decision(number, DECISION, version=None, correction_reason=None)
        assert saved["problems"] == [], saved["problems"]
        draft = saved["draft"]
        assert draft is not None
        done = await lead.register_decision(
            number, version=draft["version"], case_version=saved["case_version"]
        )
        assert done["status"] == "decided"
        current = done["current"]
        assert current is not None and current["notified_on"] == TODAY.isoformat()
        pdf = pdf_text(await lead.decision_document(number))
        for heading in (
            "AFGØRELSE",
            "SAGSFREMSTILLING",
            "LOVGRUNDLAG OG BEGRUNDELSE",
            "KLAGEVEJLEDNING",
        ):
            assert heading in pdf
        assert number in pdf and "UDKAST" not in pdf
        assert DECISION["reasons_text"] in pdf
        case = await lead.case(number)
        assert case["status"] == "decided"
    finally:
        await mette.aclose()
        await lead.aclose()
        await board.aclose()
    with service.store.read() as tx:
        letters = [m for m in tx.outbox_list(limit=100) if m.kind == "decision"]
    assert {m.recipient_name for m in letters} == names

    # --- the ESDH export holds the case so far --------------------------------------------
    exported = service.get("caseworker", f"/api/v1/staff/cases/{number}/export")
    assert exported.status_code == 200, exported.text
    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    document = json.loads(archive.read("case.json"))
    assert document["case"]["status"] == "decided"
    assert {p["name"] for p in document["parties"]} == names
    assert [a["filename"] for a in document["attachments"]][:2] == [
        "varsling.pdf",
        "lejekontrakt.txt",
    ]
    assert (
        archive.read(document["attachments"][0]["path"]) == demo_filings.DOCUMENTS["varsling.pdf"]
    )
    assert len(document["hearings"]) == 1 and document["hearings"][0]["replied_at"]
    assert document["decision"]["outcome"] == "IN_PARTIAL_FAVOUR"
    assert document["decision"]["rent_amount"] == "7900.00"
    pdf_entry = next(
        a for a in document["attachments"] if a["id"] == document["decision"]["document_id"]
    )
    assert "AFGØRELSE" in pdf_text(archive.read(pdf_entry["path"]))

    # --- the anonymisation preview, accepted, and publication -----------------------------
    mette = service.client("caseworker")
    try:
        preview = await mette.anonymisation(number)
        assert preview["version"] == 0 and preview["spans"]
        assert any(name in preview["text"] for name in names)  # the decision names them
        assert not any(word in preview["result"] for word in private)
        accepted = await mette.accept_anonymisation(number, version=0)
        assert accepted["state"] == "accepted" and accepted["accepted_by"] == "Mette Holm"
    finally:
        await mette.aclose()
    version = service.get("lead", f"/api/v1/staff/cases/{number}").json()["version"]
    published = service.post(
        "lead", f"/api/v1/staff/cases/{number}/steps", {"step": "publish", "version": version}
    )
    assert published.status_code == 200, published.text
    assert published.json()["status"] == "published"

    # --- the public registers show it, without a single name ------------------------------
    listed = service.http.get("/api/v1/public/decisions").json()["items"]
    [entry] = [item for item in listed if item["case_number"] == number]
    rents = service.http.get("/api/v1/public/rents").json()["items"]
    assert any(r["amount"] in ("7900.00", "7900", 7900) for r in rents), rents
    page = service.http.get(f"/registre/afgoerelser/{entry['id']}")
    assert page.status_code == 200 and number in page.text
    listing = service.http.get("/registre/afgoerelser")
    document_pdf = service.http.get(f"/api/v1/public/decisions/{entry['id']}/document")
    assert document_pdf.status_code == 200
    published_text = pdf_text(document_pdf.content)
    assert "AFGØRELSE" in published_text and number in published_text
    csv = service.http.get("/api/v1/public/decisions.csv").text
    public = [json.dumps(listed), json.dumps(rents), page.text, listing.text, csv]
    public.append(published_text)
    for shown in public:
        found = [word for word in private if word in shown]
        assert not found, found
