"""Mine sager lists the drafts of the address a browser signed in with, and continues one in
the web chat, where it stands; the draft moves to that browser, as its resume code would move
it. Nobody else's draft is listed or continued."""

from __future__ import annotations

import httpx

from tests.assistant.mine.site import (
    browser,
    continue_form,
    draft_of,
    file_a_case,
    post,
    sign_in_by_mail,
    sign_in_with_code,
    text_of,
)
from tests.assistant.web.site import Site, settings, site

__all__ = ["settings", "site"]  # the fixtures


def test_an_address_with_only_a_draft_signs_in_and_continues_it_in_the_chat(site: Site) -> None:
    draft = draft_of(site, "Bo@Example.dk")
    with browser(site) as client:
        sign_in_by_mail(site, client, "bo@example.dk")
        listing = client.get("/mine")
        words = text_of(listing)
        assert "Drafts you have not sent" in words and "Maintenance" in words, words
        assert continue_form(listing.text) == [draft.id]
        assert "You have no ongoing cases." in words
        went = post(client, f"/mine/drafts/{draft.id}")
        assert went.status_code == 303 and went.headers["Location"] == "/chat"
        question = client.get("/chat")
        assert question.status_code == 200
        assert "phone" in text_of(question).lower(), "the question it stood at"
        # It goes on from here, in the browser.
        answered = post(client, "/chat", value="")
        assert answered.status_code == 303
    with httpx.Client(base_url=site.url) as api:
        old = api.get(f"/api/v1/sessions/{draft.id}", headers=draft.auth)
    assert old.status_code in (401, 403), "the draft moved: the old token no longer opens it"
    with site.store.read() as tx:
        moved = tx.load_draft(draft.id)
    assert moved.state != "ask_phone" and moved.version > 1


def test_a_filed_draft_is_a_case_and_no_longer_a_draft(site: Site) -> None:
    filed = file_a_case(site)
    with browser(site) as client:
        sign_in_by_mail(site, client, "anna@example.dk")
        listing = client.get("/mine")
    assert filed.number in listing.text and continue_form(listing.text) == []
    assert "There are no unsent drafts with anna@example.dk." in text_of(listing)


def test_the_code_of_a_case_lists_no_drafts(site: Site) -> None:
    filed = file_a_case(site)
    draft = draft_of(site, "anna@example.dk")
    with browser(site) as client:
        sign_in_with_code(client, filed.access_code)
        listing = client.get(f"/mine/cases/{filed.number}")
        refused = post(client, f"/mine/drafts/{draft.id}")
    assert draft.id not in listing.text
    assert refused.status_code == 404
