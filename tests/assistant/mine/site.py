"""Mine sager over a real server, for tests: a filed case, a signed-in browser, a hearing.

The served site and its fixtures are :mod:`tests.assistant.web.site`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from casestore import Store, access_digest, new_access_code
from tests.assistant.web.browser import Page
from tests.assistant.web.site import Site
from tests.attacks import filer
from tests.attacks.filer import Session


@dataclass(frozen=True)
class Filed:
    """A case filed through the filer API, with what its done turn said."""

    number: str
    access_code: str
    turn: dict[str, Any]


def browser(site: Site) -> httpx.Client:
    """A fresh browser (its own cookies) on the site, reading English pages."""
    client = httpx.Client(base_url=site.url, timeout=30)
    client.cookies.set("naevn_lang", "en")
    return client


def file_a_case(site: Site) -> Filed:
    """File a case through the filer API, as the terminal chat would; the filer's e-mail
    address is anna@example.dk."""
    with browser(site) as client:
        session = filer.start(client)
        filer.to_documents(client, session)
        turn = filer.file_case(client, session)
    return Filed(turn["case_number"], turn["access_code"], turn)


def draft_of(site: Site, email: str) -> Session:
    """A draft begun through the filer API, as far as the phone question: the filer gave
    ``email`` for themselves just before."""
    with browser(site) as client:
        session = filer.start(client)
        filer.to_documents(client, session)
        filer.past_documents(client, session)
        for value in ["Anna Jensen", True, email]:
            turn = filer.answer(client, session, value)
    assert turn["state"] == "ask_phone", turn["state"]
    return session


def sign_in_by_mail(site: Site, client: httpx.Client, email: str) -> None:
    """Sign ``client`` in with the code mailed to ``email`` through the outbox."""
    asked = post(client, "/mine/email", email=email)
    assert asked.status_code == 200, asked.text
    with site.store.read() as tx:
        mails = [m for m in tx.outbox_list() if m.kind == "signin" and m.recipient == email]
    newest = max(mails, key=lambda m: m.id)
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}", newest.body)
    assert code is not None
    signed = post(client, "/mine/code", email=email, code=code.group(0))
    assert signed.status_code == 303, signed.text


def continue_form(html: str) -> list[str]:
    """The draft ids the page offers to continue."""
    return re.findall(r'action="/mine/drafts/(s_[A-Za-z0-9_-]{22})"', html)


def csrf_of(client: httpx.Client) -> str:
    """The browser's CSRF value (it gets one with the first page)."""
    if "naevn_csrf" not in client.cookies:
        client.get("/mine")
    return str(client.cookies["naevn_csrf"])


def post(client: httpx.Client, path: str, **fields: str) -> httpx.Response:
    """Post a form with the CSRF field, as the page would."""
    return client.post(path, data={"csrf": csrf_of(client), **fields})


def sign_in_with_code(client: httpx.Client, code: str) -> httpx.Response:
    """Sign in by an access code; returns the post's answer."""
    return post(client, "/mine/access", code=code)


def case_page(client: httpx.Client, number: str) -> httpx.Response:
    return client.get(f"/mine/cases/{number}")


def reply(
    client: httpx.Client,
    number: str,
    body: str,
    files: list[tuple[str, bytes, str]] | None = None,
    *,
    csrf: bool = True,
) -> httpx.Response:
    """Post the reply form (multipart, the CSRF field first)."""
    data = {"csrf": csrf_of(client), "body": body} if csrf else {"body": body}
    parts = [("file", f) for f in files or []]
    if not parts:
        # A multipart form as a browser sends it with no file chosen.
        parts = [("file", ("", b"", "application/octet-stream"))]
    return client.post(f"/mine/cases/{number}/reply", data=data, files=parts)


def file_ids(html: str, number: str) -> list[str]:
    """The ids of the files a case page links to."""
    return re.findall(rf"/mine/cases/{re.escape(number)}/files/(a_[A-Za-z0-9_-]+)", html)


def ids_of(store: Store, number: str) -> tuple[int, dict[str, int]]:
    """(case id, party ids by role)."""
    with store.read() as tx:
        work = tx.casework(number)
    return work.case_id, {p["role"]: p["id"] for p in work.parties}


def start_hearing(store: Store, number: str, reply_due: date) -> tuple[str, str]:
    """Send the case's first filed document to the counterparty for comments, with a hearing
    code as the console does; returns (the code, the material's id)."""
    case_id, parties = ids_of(store, number)
    with store.begin() as tx:
        work = tx.casework(number)
        material = work.attachments[0]["id"]
        hearing = tx.start_hearing(
            number,
            expected_version=work.version,
            party_id=parties["counterparty"],
            reply_due=reply_due,
            material=[material],
            note="The tenant says the rent increase is not valid. What do you say?",
            actor="staff:1",
            next_deadline=None,
            next_rule=None,
            mail=[],
        )
        code = new_access_code()
        tx.add_access_code(
            case_id,
            kind="hearing",
            code_hash=access_digest(code),
            party_id=parties["counterparty"],
            hearing_id=hearing.id,
        )
    return code, material


def text_of(response: httpx.Response) -> str:
    return Page(response.text).text
