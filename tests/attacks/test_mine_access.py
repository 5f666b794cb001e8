"""Attacks on Mine sager over a real server: another filer's case, another party's hearing
material, guessed codes, too many tries, and a forged post. Each is refused, the same way
as something that does not exist, and nothing changes."""

from __future__ import annotations

import re
from datetime import date

from assistant.service.codes import digest
from assistant.service.mine.signin import CODES_PER_CLIENT
from tests import samples
from tests.assistant.mine.site import (
    browser,
    case_page,
    continue_form,
    draft_of,
    file_a_case,
    file_ids,
    post,
    reply,
    sign_in_by_mail,
    sign_in_with_code,
    start_hearing,
    text_of,
)
from tests.assistant.web.site import Site, settings, site

__all__ = ["settings", "site"]  # the fixtures


def messages(site: Site, number: str) -> int:
    with site.store.read() as tx:
        return len(tx.casework(number).messages)


def test_another_filer_s_case_and_files_are_refused_as_if_they_did_not_exist(site: Site) -> None:
    mine, theirs = file_a_case(site), file_a_case(site)
    with browser(site) as other:
        sign_in_with_code(other, theirs.access_code)
        their_files = file_ids(case_page(other, theirs.number).text, theirs.number)
    assert their_files
    with browser(site) as client:
        sign_in_with_code(client, mine.access_code)
        refused = case_page(client, theirs.number)
        missing = case_page(client, "751-99999")
        file = client.get(f"/mine/cases/{theirs.number}/files/{their_files[0]}")
        through_mine = client.get(f"/mine/cases/{mine.number}/files/{their_files[0]}")
        written = reply(client, theirs.number, "Let me in")
    assert refused.status_code == missing.status_code == 404
    same = refused.text.replace(theirs.number, "N") == missing.text.replace("751-99999", "N")
    assert same, "no oracle: someone else's case is a missing one (but for the page's own path)"
    assert file.status_code == through_mine.status_code == written.status_code == 404
    assert messages(site, theirs.number) == 0


def test_a_counterparty_sees_only_the_hearing_s_material(site: Site) -> None:
    filed = file_a_case(site)
    code, material = start_hearing(site.store, filed.number, date(2026, 12, 14))
    with browser(site) as owner:
        sign_in_with_code(owner, filed.access_code)
        filer_files = set(file_ids(case_page(owner, filed.number).text, filed.number))
        post(owner, f"/mine/cases/{filed.number}/reply")  # (no-op: empty form)
    others = sorted(filer_files - {material})
    assert others, "the filer has documents beyond the hearing's material"
    with browser(site) as counterparty:
        sign_in_with_code(counterparty, code)
        page = case_page(counterparty, filed.number)
        assert file_ids(page.text, filed.number) == [material]
        assert counterparty.get(f"/mine/cases/{filed.number}/files/{material}").status_code == 200
        for hidden in others:
            assert counterparty.get(f"/mine/cases/{filed.number}/files/{hidden}").status_code == 404
        listing = counterparty.get("/mine", follow_redirects=False)
    assert listing.headers["Location"] == f"/mine/cases/{filed.number}", "no list of other cases"


def test_a_guessed_code_is_refused_without_a_sign_in_and_tries_are_limited(site: Site) -> None:
    filed = file_a_case(site)
    with browser(site) as client:
        guessed = sign_in_with_code(client, "7KQ2-M9XD-4TFA-JW3B")
        assert guessed.status_code == 422 and "naevn_mine" not in client.cookies
        assert "That code did not work" in guessed.text
        for _ in range(CODES_PER_CLIENT - 1):
            assert sign_in_with_code(client, "0000-0000-0000-0000").status_code == 422
        limited = sign_in_with_code(client, filed.access_code)
        mailed = post(client, "/mine/code", email="anna@example.dk", code="0000-0000")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert "try again after" in limited.text
    assert mailed.status_code == 429, "the limit counts mailed codes too"
    assert "naevn_mine" not in client.cookies


def test_a_mailed_code_stops_working_after_five_wrong_tries(site: Site) -> None:
    file_a_case(site)
    with browser(site) as client:
        post(client, "/mine/email", email="anna@example.dk")
        with site.store.read() as tx:
            (mail,) = [m for m in tx.outbox_list() if m.kind == "signin"]
        code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}", mail.body)
        assert code is not None
        for _ in range(5):
            assert (
                post(client, "/mine/code", email="anna@example.dk", code="ZZZZ-ZZZZ").status_code
                == 422
            )
        late = post(client, "/mine/code", email="anna@example.dk", code=code.group(0))
    assert late.status_code == 422, "after five wrong tries even the right code is refused"


def test_codes_asked_for_an_address_are_limited(site: Site) -> None:
    file_a_case(site)
    with browser(site) as client:
        answers = [
            post(client, "/mine/email", email="anna@example.dk").status_code for _ in range(4)
        ]
    assert answers == [200, 200, 200, 429]
    with site.store.read() as tx:
        assert len([m for m in tx.outbox_list() if m.kind == "signin"]) == 3


def test_a_post_without_the_csrf_field_is_refused_and_changes_nothing(site: Site) -> None:
    filed = file_a_case(site)
    with browser(site) as client:
        sign_in_with_code(client, filed.access_code)
        pdf = samples.pdf("forged")
        forged = reply(
            client, filed.number, "Forged", [("x.pdf", pdf, "application/pdf")], csrf=False
        )
        no_csrf_signin = client.post("/mine/access", data={"code": filed.access_code})
        signout = client.post("/mine/signout", data={})
        still = case_page(client, filed.number)
    assert forged.status_code == no_csrf_signin.status_code == signout.status_code == 403
    assert still.status_code == 200, "the forged sign-out did not sign out"
    assert messages(site, filed.number) == 0
    with site.store.read() as tx:
        work = tx.casework(filed.number)
    assert all(a["filename"] != "x.pdf" for a in work.attachments)


def test_another_address_s_draft_is_neither_listed_nor_continued(site: Site) -> None:
    theirs = draft_of(site, "eve@example.dk")
    mine = draft_of(site, "anna@example.dk")
    with site.store.read() as tx:
        before = tx.load_draft(theirs.id)
    with browser(site) as client:
        sign_in_by_mail(site, client, "anna@example.dk")
        listing = client.get("/mine")
        taken = post(client, f"/mine/drafts/{theirs.id}")
        missing = post(client, "/mine/drafts/s_" + "A" * 22)
        malformed = post(client, "/mine/drafts/../cases")
        forged = client.post(f"/mine/drafts/{mine.id}", data={})
    assert continue_form(listing.text) == [mine.id]
    assert taken.status_code == missing.status_code == 404
    same = taken.text.replace(theirs.id, "D") == missing.text.replace("s_" + "A" * 22, "D")
    assert same, "no oracle: someone else's draft is a missing one (but for the page's path)"
    assert malformed.status_code in (404, 405)
    assert forged.status_code == 403
    assert "naevn_draft" not in taken.headers.get("set-cookie", "")
    with site.store.read() as tx:
        assert tx.load_draft(theirs.id) == before, "their draft kept its token and answers"
        kept = tx.load_draft(mine.id).token_hash
    assert kept == digest(mine.token), "the forged post did nothing"


def test_a_draft_continued_twice_at_once_goes_to_one_browser(site: Site) -> None:
    draft = draft_of(site, "anna@example.dk")
    with browser(site) as first, browser(site) as second:
        sign_in_by_mail(site, first, "anna@example.dk")
        sign_in_by_mail(site, second, "anna@example.dk")
        won = post(first, f"/mine/drafts/{draft.id}")
        lost = post(second, f"/mine/drafts/{draft.id}")
        assert won.status_code == 303 and lost.status_code == 409
        assert "a moment ago" in text_of(lost)
        assert first.get("/chat").status_code == 200
