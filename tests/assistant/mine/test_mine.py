"""Mine sager over a real server: signing in by the mailed code, by the receipt's access
code and by a hearing code; a case's page; replies with files that land on the case."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from assistant.service.codes import digest
from assistant.service.mine.signin import LONGEST, SESSION
from casestore.engine import make_engine
from casestore.models import PARTY_SESSIONS
from naevn.settings import Settings
from tests import samples
from tests.assistant.mine.site import (
    browser,
    case_page,
    file_a_case,
    file_ids,
    post,
    reply,
    sign_in_with_code,
    start_hearing,
    text_of,
)
from tests.assistant.web.site import Site, settings, site

__all__ = ["settings", "site"]  # the fixtures


def test_the_done_turn_carries_an_access_code_stored_only_as_its_digest(site: Site) -> None:
    filed = file_a_case(site)
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", filed.access_code)
    assert any(
        filed.access_code in line and "Mine sager" in line for line in filed.turn["messages"]
    )
    with site.store.read() as tx:
        work = tx.casework(filed.number)
        (code,) = tx.access_codes_of_case(work.case_id)
    assert code.kind == "case"
    assert filed.access_code not in repr(work), "the code itself is nowhere in the store"


def test_a_filer_signs_in_with_the_receipt_s_code_and_replies_with_a_file(site: Site) -> None:
    filed = file_a_case(site)
    with browser(site) as client:
        signed = sign_in_with_code(client, filed.access_code.lower())
        assert signed.status_code == 303 and signed.headers["Location"] == "/mine"
        cookie = signed.headers["set-cookie"]
        assert "naevn_mine=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        landing = client.get("/mine", follow_redirects=False)
        assert landing.headers["Location"] == f"/mine/cases/{filed.number}"
        page = case_page(client, filed.number)
        assert page.status_code == 200
        words = text_of(page)
        assert f"Case {filed.number}" in words and "Status: Submitted" in words
        assert "Documents you filed" in words
        pdf = samples.pdf("my answer")
        sent = reply(
            client, filed.number, "Here is the letter.", [("svar.pdf", pdf, "application/pdf")]
        )
        assert sent.status_code == 303, sent.text
        after = client.get(sent.headers["Location"])
        assert "Your reply has been sent" in text_of(after)
        assert "Here is the letter." in text_of(after) and "svar.pdf" in after.text
        (file_id,) = [i for i in file_ids(after.text, filed.number) if "svar.pdf" in after.text][
            -1:
        ]
        download = client.get(f"/mine/cases/{filed.number}/files/{file_id}")
    assert download.status_code == 200 and download.content == pdf
    assert download.headers["Content-Type"].startswith("application/pdf")
    assert download.headers["Content-Disposition"].startswith('attachment; filename="svar.pdf"')
    # The secretariat sees it on the case (the desk reads the case this way).
    with site.store.read() as tx:
        work = tx.casework(filed.number)
    (message,) = work.messages
    filer_id = next(p["id"] for p in work.parties if p["role"] == "filer")
    assert (message.direction, message.party_id, message.body) == (
        "in",
        filer_id,
        "Here is the letter.",
    )
    (attachment,) = message.attachments
    assert attachment in [a["id"] for a in work.attachments]
    assert work.events[-1]["kind"] == "case.reply_received"


def test_a_filer_signs_in_with_a_code_mailed_through_the_outbox(site: Site) -> None:
    filed = file_a_case(site)
    with browser(site) as client:
        asked = post(client, "/mine/email", email="Anna@Example.dk")
        assert asked.status_code == 200 and "Write the code from the e-mail" in text_of(asked)
        with site.store.read() as tx:
            (mail,) = [m for m in tx.outbox_list() if m.kind == "signin"]
        assert mail.recipient == "anna@example.dk" and mail.case_id is None
        assert mail.lang == "en", "in the language the page was read in"
        code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}", mail.body)
        assert code is not None
        wrong = post(client, "/mine/code", email="anna@example.dk", code="0000-0000")
        assert wrong.status_code == 422
        signed = post(client, "/mine/code", email="anna@example.dk", code=code.group(0))
        assert signed.status_code == 303
        listing = client.get("/mine")
        assert filed.number in listing.text and "Ongoing cases" in text_of(listing)
        again = post(client, "/mine/code", email="anna@example.dk", code=code.group(0))
    assert again.status_code == 422, "a mailed code works once"


def test_an_address_with_no_case_is_told_the_same_and_sent_nothing(site: Site) -> None:
    with browser(site) as client:
        asked = post(client, "/mine/email", email="nobody@example.dk")
    assert asked.status_code == 200 and "If nobody@example.dk is the e-mail address" in text_of(
        asked
    )
    with site.store.read() as tx:
        assert [m for m in tx.outbox_list() if m.kind == "signin"] == []


def test_a_counterparty_with_a_hearing_code_reads_the_letter_and_replies_late(
    site: Site,
) -> None:
    filed = file_a_case(site)
    code, material = start_hearing(site.store, filed.number, date(2026, 11, 20))
    with browser(site) as client:
        assert sign_in_with_code(client, code).status_code == 303
        page = case_page(client, filed.number)
        words = text_of(page)
        assert "What do you say?" in words
        assert "You can still send them, but the tribunal may decide the case without them" in words
        assert file_ids(page.text, filed.number) == [material]
        assert "Documents you filed" not in words and "Status:" not in words
        sent = reply(client, filed.number, "The increase is valid.")
        assert sent.status_code == 303 and sent.headers["Location"].endswith("?sent=late")
    with site.store.read() as tx:
        work = tx.casework(filed.number)
    (message,) = work.messages
    assert message.direction == "in" and message.late is True
    assert work.hearings[0].replied_at is not None


def test_signing_out_ends_the_sign_in(site: Site) -> None:
    filed = file_a_case(site)
    with browser(site) as client:
        sign_in_with_code(client, filed.access_code)
        token = client.cookies["naevn_mine"]
        assert post(client, "/mine/signout").status_code == 303
        client.cookies.set("naevn_mine", token)  # a copy kept of the old cookie
        page = case_page(client, filed.number)
    assert page.status_code == 401 and "Sign in to Mine sager" in text_of(page)


def test_stay_signed_in_keeps_the_sign_in_going_up_to_its_longest(
    site: Site, settings: Settings
) -> None:
    filed = file_a_case(site)
    with browser(site) as client:
        sign_in_with_code(client, filed.access_code)
        page = case_page(client, filed.number)
        # Without JavaScript the page says when the sign-in ends; with it, body data-expires
        # drives the warning, whose "stay signed in" posts to /mine/stay.
        assert "you are signed out of Mine sager at" in text_of(page)
        assert 'data-ended="/mine"' in page.text and 'action="/mine/stay"' in page.text
        assert client.post("/mine/stay", data={}).status_code == 403  # no CSRF token
        token_hash = digest(client.cookies["naevn_mine"])
        soon = datetime.now(UTC) + timedelta(minutes=1)
        _set_session(settings, token_hash, expires_at=soon)

        stayed = post(client, "/mine/stay")
        assert stayed.status_code == 204
        until = datetime.fromisoformat(stayed.headers["X-Expires"])
        assert until - datetime.now(UTC) > SESSION - timedelta(minutes=1)
        assert "Max-Age=" in stayed.headers["set-cookie"]
        with site.store.read() as tx:
            signed_in = tx.party_session(token_hash)
        assert signed_in is not None and abs(signed_in.expires_at - until) < timedelta(seconds=1)

        # A sign-in kept going ends LONGEST after it began, however often it stays.
        began = datetime.now(UTC) - LONGEST + timedelta(minutes=5)
        _set_session(settings, token_hash, expires_at=soon, created_at=began)
        capped = datetime.fromisoformat(post(client, "/mine/stay").headers["X-Expires"])
        assert abs(capped - (began + LONGEST)) < timedelta(seconds=2)

        assert post(client, "/mine/signout").status_code == 303
        client.cookies.set("naevn_mine", "x" * 43)
        ended = post(client, "/mine/stay")
    assert ended.status_code == 401 and "Sign in to Mine sager" in text_of(ended)


def _set_session(settings: Settings, token_hash: str, **values: datetime) -> None:
    """Move a sign-in's times, as if it had begun or been renewed earlier."""
    engine = make_engine(settings.db)
    with engine.begin() as connection:
        connection.execute(
            update(PARTY_SESSIONS).where(PARTY_SESSIONS.c.token_hash == token_hash).values(values)
        )
    engine.dispose()
