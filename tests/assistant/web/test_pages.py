"""The chat pages over HTTP, as a browser without JavaScript uses them: every answer is a posted
form, and what the filer sees and the store holds is checked after it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from casestore import Store
from tests import samples
from tests.assistant.web.browser import Page, submit
from tests.assistant.web.site import Site, settings, site
from tests.durability.test_crash_chat import BY_KIND, BY_STATE

__all__ = ["settings", "site"]  # the fixtures

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@pytest.fixture
def store(site: Site) -> Store:
    """The store beside the service, to see what it holds."""
    return site.store


@pytest.fixture
def browser(site: Site) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site.url, timeout=30) as client:
        client.get("/lang/en?next=/")  # the tests read the English pages
        yield client


def follow(client: httpx.Client, response: httpx.Response) -> Page:
    """The page a post leads to, after its redirect (a browser follows it with a GET)."""
    assert response.status_code in (303, 200, 409, 422), response.text
    if response.status_code == 303:
        response = client.get(response.headers["Location"])
    assert response.status_code in (200, 409, 422), response.text
    return Page(response.text)


def start(client: httpx.Client, lang: str = "en") -> Page:
    client.get(f"/lang/{lang}?next=/")
    home = Page(client.get("/").text)
    return follow(client, submit(client, home, form="/start", button="Start a new case"))


def turn_of(page: Page) -> dict[str, str]:
    found = re.search(
        r'<section id="turn"[^>]*data-state="([^"]+)"[^>]*data-kind="([^"]+)"', page.html
    )
    assert found, page.text[:500]
    return {"state": found.group(1), "kind": found.group(2)}


def answer_page(client: httpx.Client, page: Page, note: str = "") -> httpx.Response:
    """Answer whatever the page asks, validly, through its form."""
    turn = turn_of(page)
    state, kind = turn["state"], turn["kind"]
    form = page.form()
    labels = [page.label_of(c) for c in form.controls if c.type in ("radio", "checkbox")]
    if state == "ask_language":
        return submit(client, page, pick=["English"])
    if state == "review":
        return submit(client, page, button="pick:continue")
    if state == "ask_declaration" or kind == "confirm":
        return submit(client, page, pick=["Yes"])
    if kind == "choice":
        return submit(client, page, pick=labels[:1])
    if kind == "multi_choice":
        return submit(client, page, pick=labels[:1])
    if kind == "file":
        pdf = samples.pdf(f"{note} {page.title}")
        return submit(client, page, pick=[], file=("lease.pdf", pdf, "application/pdf"))
    if kind == "none":
        return submit(client, page)
    if state == "ask_municipality":
        return submit(client, page, fill={"value": "8000"})
    return submit(client, page, fill={"value": BY_STATE.get(state, BY_KIND[kind])})


def walk(client: httpx.Client, page: Page, until: str, note: str = "") -> Page:
    """Answer page after page until one at ``until`` (a state, or ``receipt``)."""
    for _ in range(100):
        if 'id="case-number"' in page.html:
            assert until == "receipt", page.title
            return page
        if until != "receipt" and turn_of(page)["state"] == until:
            return page
        assert "error-summary" not in page.html, (page.title, page.text[:800])
        for terminal in ("Press Enter", "path to the file", "type back", "Type the numbers"):
            assert terminal not in page.text, (page.title, terminal)
        page = follow(client, answer_page(client, page, note))
    raise AssertionError(f"never reached {until}")


def test_a_whole_filing_through_the_forms(browser: httpx.Client, store: Store) -> None:
    page = start(browser)
    assert 'lang="en"' in page.html
    receipt = walk(browser, page, "receipt")
    number = re.search(r'id="case-number">([^<]+)<', receipt.html)
    assert number is not None
    assert "Your case is filed" in receipt.text
    with store.read() as tx:
        case = tx.get_case(number.group(1))
    assert case.lang == "en"
    assert len(case.attachments) == 9  # every document question got its own upload
    assert case.answers["ask_address"] == "Vestergade 1"
    # Filed: the question page now leads to the receipt, which tells the deadlines still open.
    assert browser.get("/chat", follow_redirects=False).headers["Location"] == "/receipt"
    assert "Deadlines that still matter" in receipt.text
    assert "24 December 2026" in receipt.text
    # How to pay the fee, under its own heading: the amount and how; said once.
    next_steps, _, rest = receipt.html.partition("How to pay the fee</h2>")
    fee = rest.partition("<h2>")[0]
    assert "The fee for filing this case is" in fee and "bank transfer" in fee
    assert "bank transfer" not in next_steps.partition("What happens next</h2>")[2]
    # The access code for Mine sager, shown on the receipt after the redirect (the store
    # keeps only its digest), and again when the receipt is reloaded.
    code = re.search(r'id="access-code">([^<]+)<', receipt.html)
    assert code is not None
    assert code.group(1) in browser.get("/receipt").text


def session_of(client: httpx.Client) -> str:
    return client.cookies["naevn_draft"].split(".")[0]


def version_of(store: Store, session: str) -> int:
    with store.read() as tx:
        return tx.load_draft(session).version


def test_refused_input_shows_the_error_summary_and_changes_nothing(
    browser: httpx.Client, store: Store
) -> None:
    page = walk(browser, start(browser), "ask_address")
    before = version_of(store, session_of(browser))
    refused = submit(browser, page, fill={"value": ""})
    assert refused.status_code == 422
    shown = Page(refused.text)
    assert shown.title.startswith("Error:")
    assert 'id="error-summary"' in refused.text
    assert (
        '<a href="#value">Please answer the question. The text under it says more' in refused.text
    )
    assert 'id="value-error"' in refused.text
    assert turn_of(shown)["state"] == "ask_address"
    assert version_of(store, session_of(browser)) == before
    # The same form, now answered, goes on (a refused answer's key is not in the way).
    page = follow(browser, submit(browser, page, fill={"value": "Vestergade 1"}))
    assert turn_of(page)["state"] == "ask_municipality"


def test_a_refused_email_is_shown_again_as_typed(browser: httpx.Client) -> None:
    page = walk(browser, start(browser), "ask_email")
    refused = Page(submit(browser, page, fill={"value": "anna at example"}).text)
    assert 'value="anna at example"' in refused.html
    assert 'type="email"' in refused.html and 'autocomplete="email"' in refused.html


def test_back_keeps_the_answers(browser: httpx.Client) -> None:
    page = walk(browser, start(browser), "ask_address")
    page = follow(browser, submit(browser, page, fill={"value": "Nørregade 7, 2. th."}))
    back = follow(browser, submit(browser, page, button="back"))
    assert turn_of(back)["state"] == "ask_address"
    assert 'value="Nørregade 7, 2. th."' in back.html
    # Sent as shown, it keeps the answer and goes on.
    page = follow(browser, submit(browser, back))
    assert turn_of(page)["state"] == "ask_municipality"


def test_save_shows_a_resume_code_that_the_api_resumes(browser: httpx.Client) -> None:
    page = walk(browser, start(browser), "ask_housing")
    saved = follow(browser, submit(browser, page, button="save"))
    assert "Your answers are saved" in saved.text
    code = re.search(r'id="resume-code">([^<]+)<', saved.html)
    assert code is not None
    assert "is kept until 21 February 2027" in saved.text  # 90 days from the frozen today
    resumed = browser.post("/api/v1/sessions/resume", json={"resume_code": code.group(1)})
    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["turn"]["state"] == "ask_housing"


def test_a_draft_saved_over_the_api_continues_on_the_page(browser: httpx.Client) -> None:
    started = browser.post("/api/v1/sessions", json={"lang": "en"}).json()
    answered = browser.post(
        f"/api/v1/sessions/{started['session']}/answers",
        json={"value": "en"},
        headers={"Authorization": f"Bearer {started['token']}"},
    )
    assert answered.status_code == 200
    home = Page(browser.get("/").text)
    page = follow(
        browser,
        submit(
            browser, home, form="/resume", fill={"code": started["resume_code"]}, button="Continue"
        ),
    )
    assert turn_of(page)["state"] == "show_privacy"
    assert session_of(browser) == started["session"]


def test_a_wrong_resume_code_is_a_field_error(browser: httpx.Client) -> None:
    home = Page(browser.get("/").text)
    refused = submit(
        browser, home, form="/resume", fill={"code": "AAAA-BBBB-CCCC-DDDD"}, button="Continue"
    )
    assert refused.status_code == 422
    assert '<a href="#code">' in refused.text and 'id="code-error"' in refused.text


def test_a_change_from_the_review_returns_to_the_review(browser: httpx.Client) -> None:
    review = walk(browser, start(browser), "review")
    assert '<dl class="review">' in review.html
    section = follow(browser, submit(browser, review, button="pick:section:you"))
    assert turn_of(section)["state"] == "review_section"
    name = follow(browser, submit(browser, section, button="edit:ask_name"))
    assert turn_of(name)["state"] == "ask_name"
    assert 'value="Anna Jensen"' in name.html and 'autocomplete="name"' in name.html
    again = follow(browser, submit(browser, name, fill={"value": "Anna Holm"}))
    assert turn_of(again)["state"] == "review"
    assert "<dd>Anna Holm</dd>" in again.html


def test_an_upload_is_recorded_on_the_draft(browser: httpx.Client, store: Store) -> None:
    page = walk(browser, start(browser), "ask_attachment")
    pdf = samples.pdf("the notice")
    page = follow(browser, submit(browser, page, file=("notice.pdf", pdf, "application/pdf")))
    with store.read() as tx:
        files = tx.attachments_of_draft(session_of(browser))
    assert [f.filename for f in files] == ["notice.pdf"]
    back = follow(browser, submit(browser, page, button="back"))
    assert "You uploaded: notice.pdf" in back.text


def test_i_do_not_have_it_is_an_answer(browser: httpx.Client) -> None:
    page = walk(browser, start(browser), "ask_attachment")
    labels = [page.label_of(c) for c in page.form().controls if c.type == "checkbox"]
    assert labels == ["I don't have the document"]
    nxt = follow(browser, submit(browser, page, pick=labels))
    assert "error-summary" not in nxt.html
    assert "Why can you not upload this document" in nxt.title


def test_a_too_large_or_strange_file_is_a_field_error(browser: httpx.Client, store: Store) -> None:
    page = walk(browser, start(browser), "ask_attachment")
    big = samples.pdf_of_size(20 * 1024 * 1024 + 1)
    refused = submit(browser, page, file=("big.pdf", big, "application/pdf"))
    assert refused.status_code == 422
    assert "larger than 20 MB" in Page(refused.text).text
    assert 'id="value-error"' in refused.text
    strange = submit(
        browser, page, file=("run.exe", b"MZ\x90\x00" * 100, "application/octet-stream")
    )
    assert strange.status_code == 422
    assert 'id="error-summary"' in strange.text
    with store.read() as tx:
        assert tx.attachments_of_draft(session_of(browser)) == []


def test_a_post_without_csrf_is_refused_and_changes_nothing(
    browser: httpx.Client, store: Store
) -> None:
    page = walk(browser, start(browser), "ask_role")
    before = version_of(store, session_of(browser))
    labels = [page.label_of(c) for c in page.form().controls if c.type == "radio"]
    forged = submit(browser, page, pick=labels[:1], drop=("csrf",))
    assert forged.status_code == 403
    assert "did not come from this page" in Page(forged.text).text
    wrong = submit(browser, page, pick=labels[:1], fill={"csrf": "guessed"})
    assert wrong.status_code == 403
    assert version_of(store, session_of(browser)) == before
    home = Page(browser.get("/").text)
    assert (
        submit(browser, home, form="/start", button="Start a new case", drop=("csrf",)).status_code
        == 403
    )


def test_the_same_form_twice_is_applied_once_and_a_stale_tab_gets_409(
    browser: httpx.Client, store: Store
) -> None:
    page = walk(browser, start(browser), "ask_address")
    other_tab = Page(browser.get("/chat").text)
    session = session_of(browser)
    before = version_of(store, session)
    assert submit(browser, page, fill={"value": "Vestergade 1"}).status_code == 303
    assert submit(browser, page, fill={"value": "Vestergade 1"}).status_code == 303
    assert version_of(store, session) == before + 1
    stale = submit(browser, other_tab, fill={"value": "Nørregade 2"})
    assert stale.status_code == 409
    assert "out of date" in Page(stale.text).text and 'href="/chat"' in stale.text
    with store.read() as tx:
        assert tx.load_draft(session).data["answers"]["ask_address"] == "Vestergade 1"


def test_security_headers_on_every_response(browser: httpx.Client) -> None:
    start(browser)
    for path in ("/", "/chat", "/static/site.css", "/nowhere", "/receipt", "/api/v1/openapi.json"):
        response = browser.get(path, follow_redirects=False)
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (path, name)
    assert "max-age" in browser.get("/static/site.css").headers["Cache-Control"]


def test_the_sign_in_is_an_httponly_strict_cookie_and_never_in_a_page(
    browser: httpx.Client,
) -> None:
    browser.get("/")
    home = Page(browser.get("/").text)
    response = submit(browser, home, form="/start", button="Start a new case")
    cookie = next(
        v for k, v in response.headers.multi_items() if k == "set-cookie" and "naevn_draft" in v
    )
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Max-Age=1800" in cookie
    token = browser.cookies["naevn_draft"].split(".")[1]
    page = follow(browser, response)
    assert response.headers["Location"] == "/chat"
    for _ in range(6):
        assert token not in page.html
        response = answer_page(browser, page)
        assert token not in response.headers.get("Location", "")
        page = follow(browser, response)
    assert re.search(r'<body class="no-js" data-expires="[0-9T:+-]+"', page.html)
    assert "you are signed out at" in page.text


def test_stay_renews_the_sign_in(browser: httpx.Client) -> None:
    page = start(browser)
    csrf = next(c.value for c in page.form().controls if c.name == "csrf")
    stayed = browser.post("/chat/stay", data={"csrf": csrf})
    assert stayed.status_code == 204
    assert "Max-Age=1800" in stayed.headers["set-cookie"]
    assert browser.post("/chat/stay", data={}).status_code == 403


def test_restart_asks_first(browser: httpx.Client, store: Store) -> None:
    page = walk(browser, start(browser), "ask_housing")
    confirm = follow(browser, submit(browser, page, button="restart"))
    assert turn_of(confirm)["kind"] == "confirm"
    kept = follow(browser, submit(browser, confirm, pick=["No"]))
    assert turn_of(kept)["state"] == "ask_housing"
    confirm = follow(browser, submit(browser, kept, button="restart"))
    again = follow(browser, submit(browser, confirm, pick=["Yes"]))
    assert turn_of(again)["state"] in ("ask_language", "show_privacy")
    with store.read() as tx:
        assert "ask_role" not in tx.load_draft(session_of(browser)).data["answers"]


def test_the_language_switch(browser: httpx.Client) -> None:
    switched = browser.get("/lang/en?next=/", follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["Location"] == "/"
    assert 'lang="en"' in browser.get("/").text
    assert (
        browser.get("/lang/da?next=//evil.example/", follow_redirects=False).headers["Location"]
        == "/"
    )
    assert (
        browser.get("/lang/da?next=/%0d%0aSet-Cookie:x=1", follow_redirects=False).headers[
            "Location"
        ]
        == "/"
    )
    home = browser.get("/")
    assert '<html lang="da">' in home.text


def test_without_a_sign_in_the_chat_offers_the_resume_code(browser: httpx.Client) -> None:
    page = Page(browser.get("/chat").text)
    assert page.form("/resume")


def test_an_end_of_the_dialogue_offers_back_and_start_again(browser: httpx.Client) -> None:
    page = walk(browser, start(browser), "ask_housing")
    end = follow(browser, submit(browser, page, pick=["Business premises, not a home"]))
    assert turn_of(end)["state"] == "end_out_of_scope"
    buttons = [c.value for c in end.form().controls if c.tag == "button"]
    assert buttons == ["back", "restart"]
    back = follow(browser, submit(browser, end, button="back"))
    assert turn_of(back)["state"] == "ask_housing"


def test_a_resumed_draft_shows_its_code_when_saved(browser: httpx.Client) -> None:
    page = walk(browser, start(browser), "ask_housing")
    saved = follow(browser, submit(browser, page, button="save"))
    code = re.search(r'id="resume-code">([^<]+)<', saved.html)
    assert code is not None
    browser.cookies.delete("naevn_draft")
    ended = Page(browser.get("/chat").text)
    typed = code.group(1).lower().replace("-", " ")
    page = follow(
        browser, submit(browser, ended, form="/resume", fill={"code": typed}, button="Continue")
    )
    assert turn_of(page)["state"] == "ask_housing"
    again = follow(browser, submit(browser, page, button="save"))
    assert code.group(1) in again.text


def test_a_draft_resumed_elsewhere_signs_this_browser_out(browser: httpx.Client) -> None:
    page = walk(browser, start(browser), "ask_housing")
    saved = follow(browser, submit(browser, page, button="save"))
    code = re.search(r'id="resume-code">([^<]+)<', saved.html)
    assert code is not None
    elsewhere = browser.post("/api/v1/sessions/resume", json={"resume_code": code.group(1)})
    assert elsewhere.status_code == 200
    refused = browser.get("/chat")
    assert refused.status_code == 403
    shown = Page(refused.text)
    assert "belongs to someone else, or your access has ended" in shown.text
    assert shown.form("/resume")
    assert "naevn_draft" not in browser.cookies


def test_a_page_that_does_not_exist_is_a_page_and_the_api_answers_json(
    browser: httpx.Client,
) -> None:
    html = {"Accept": "text/html,application/xhtml+xml"}
    missing = browser.get("/no-such-page", headers=html)
    assert missing.status_code == 404
    assert missing.headers["Content-Type"].startswith("text/html")
    assert "There is nothing at this address." in missing.text
    assert '<a href="/">' in missing.text  # a way on
    wrong = browser.request("DELETE", "/chat", headers=html)
    assert wrong.status_code == 405 and "<h1>" in wrong.text
    api = browser.get("/api/v1/no-such-thing", headers=html)
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"
