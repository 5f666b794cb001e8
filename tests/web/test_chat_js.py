"""The chat pages with JavaScript, in Chromium: assistant/web/static/chat.js makes them a chat.

Each answer is sent in the background and moves into the conversation (#transcript) with the
question it answered; the new question is announced and takes focus; a refused answer focuses
the error summary; a file shows its progress; a lost connection keeps the answer; two minutes
before the sign-in ends a dialog offers to stay signed in or to save.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page

from casestore import Store
from tests import samples
from tests.durability.test_crash_chat import BY_KIND, BY_STATE
from tests.web.browser import axe, expires_in
from tests.web.conftest import OpenTab, Tab


@pytest.fixture
def tab(open_tab: OpenTab) -> Iterator[Tab]:
    """A page with JavaScript on (W5's ``open_tab``); no script error or CSP refusal on it."""
    opened = open_tab()
    yield opened
    # A refused answer (422), a stale tab (409) and a cut connection are logged as failed loads:
    # those are tested for; a script error or a CSP refusal is not expected anywhere.
    assert [e for e in opened.errors if not e.startswith("Failed to load resource")] == []


@pytest.fixture
def page(tab: Tab) -> Page:
    return tab.page


def begin(page: Page) -> None:
    """Start a new case in English; the chat's first question is on the page, with JS on."""
    page.goto("/lang/en?next=/")
    page.get_by_role("button", name="Start a new case").click()
    page.wait_for_url("**/chat")
    assert page.evaluate("document.body.className") == "js"
    # Set on this document only: still there after an answer means no page was loaded.
    page.evaluate("window.stayedOnPage = true")
    answer(page)  # the language: English


def state(page: Page) -> str:
    return str(page.get_attribute("#turn", "data-state"))


def answer(page: Page, *, note: str = "", pdf: bytes | None = None) -> str:
    """Answer the question on the page validly, and wait for the next; returns what was said."""
    before = state(page)
    kind = page.get_attribute("#turn", "data-kind")
    said = fill(page, before, str(kind), pdf if pdf is not None else samples.pdf(note))
    submit(page)
    return said


def fill(page: Page, at: str, kind: str, pdf: bytes) -> str:
    form = page.locator("#answer")
    if at == "ask_language":
        form.get_by_label("English").check()
        return "English"
    if kind == "review":
        return ""
    boxes = form.locator("input[type=radio], input[type=checkbox]")
    if kind == "file":
        form.locator("input[type=file]").set_input_files(
            {"name": "lease.pdf", "mimeType": "application/pdf", "buffer": pdf}
        )
        return "lease.pdf"
    if kind in ("choice", "multi_choice", "confirm") and boxes.count():
        chosen = form.get_by_label("Yes", exact=True) if kind == "confirm" else boxes.first
        chosen.check()
        return str(
            page.evaluate("(box) => box.labels[0].textContent.trim()", chosen.element_handle())
        )
    if kind in ("choice", "none"):
        return ""
    value = "8000" if at == "ask_municipality" else BY_STATE.get(at, BY_KIND[kind])
    form.locator("#value").fill(str(value))
    return str(value)


def submit(page: Page, button: str = "#answer [type=submit]") -> None:
    """Press the form's (first) button, and wait until the page shows what the server said."""
    if page.locator("#go-on").count():
        button = "#go-on"
    elif page.locator("#answer button#value").count():
        button = "#answer button#value"
    mark(page)
    page.locator(button).first.click()
    wait_for_turn(page)


def mark(page: Page) -> None:
    """Mark the question on the page, to tell it from the one the server sends next."""
    page.evaluate("() => { document.getElementById('turn').dataset.seen = 'yes'; }")


def wait_for_turn(page: Page) -> None:
    """Wait until the marked question is gone: a new one, the same refused, or another page."""
    page.wait_for_function(
        "() => !document.getElementById('turn') || !document.getElementById('turn').dataset.seen"
    )


def focused(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            """() => ({
                id: document.activeElement.id,
                tag: document.activeElement.tagName,
                text: document.activeElement.textContent.trim(),
                prompt: (document.getElementById("prompt") || {}).textContent || "",
            })"""
        )
    )


def transcript(page: Page) -> list[tuple[str, str]]:
    items = page.locator("#transcript > li")
    return [
        (str(items.nth(i).get_attribute("class")), " ".join(items.nth(i).inner_text().split()))
        for i in range(items.count())
    ]


def test_answers_grow_the_conversation_and_focus_moves_to_each_new_question(page: Page) -> None:
    begin(page)
    said = ["English"]
    for _ in range(3):
        said.append(answer(page))
        prompt = focused(page)
        assert prompt["tag"] == "H1"
        assert prompt["text"] == prompt["prompt"].strip() != ""
        page.wait_for_function(
            "(prompt) => document.getElementById('announcer').textContent.includes(prompt)",
            arg=prompt["prompt"].strip(),
        )
    items = transcript(page)
    assert len(items) == 2 * len(said)
    assert [who for who, _ in items] == ["from-assistant", "from-you"] * len(said)
    # A screen reader hears who says what; the answers read as the filer gave them.
    assert items[0][1].startswith("Assistant:")
    assert items[1][1] == "You: English"
    for (_, item), answer_given in zip(items[1::2], said, strict=True):
        assert answer_given in item
    assert page.evaluate("window.stayedOnPage") is True
    assert page.url.endswith("/chat")


def walk_to(page: Page, kind: str) -> None:
    for _ in range(60):
        if page.get_attribute("#turn", "data-kind") == kind:
            return
        answer(page)
    raise AssertionError(f"never reached a {kind} question")


def test_a_refused_answer_focuses_the_error_summary_and_adds_nothing(page: Page) -> None:
    begin(page)
    walk_to(page, "text")
    items = len(transcript(page))
    page.locator("#value").fill("")
    submit(page)
    assert focused(page)["id"] == "error-summary"
    assert page.get_attribute("#error-summary", "role") == "alert"
    assert len(transcript(page)) == items
    # The summary's link takes focus to the field.
    page.locator("#error-summary a").first.click()
    assert focused(page)["id"] == "value"
    page.locator("#value").fill(BY_STATE.get(state(page), "Anna Jensen"))
    submit(page)
    assert page.locator("#error-summary").count() == 0
    assert len(transcript(page)) == items + 2


def test_back_is_said_in_the_conversation_and_keyboard_enter_answers(page: Page) -> None:
    begin(page)
    walk_to(page, "text")
    here = state(page)
    mark(page)
    page.get_by_role("button", name="Back").click()
    wait_for_turn(page)
    assert state(page) != here
    assert transcript(page)[-1][1].endswith("Back")
    walk_to(page, "text")
    # From the keyboard alone: type and press Enter; focus lands on the next question.
    page.locator("#value").focus()
    page.keyboard.type(BY_STATE.get(state(page), "Anna Jensen"))
    mark(page)
    page.keyboard.press("Enter")
    wait_for_turn(page)
    assert focused(page)["tag"] == "H1"
    assert page.evaluate("window.stayedOnPage") is True


def test_an_upload_shows_its_progress_and_lands_on_the_draft(page: Page, store: Store) -> None:
    begin(page)
    walk_to(page, "file")
    page.evaluate(
        """() => {
            window.told = [];
            new MutationObserver(() => {
                const status = document.getElementById("upload-status");
                const bar = document.getElementById("upload-bar");
                if (status && bar) window.told.push([status.textContent, bar.value]);
            }).observe(document.body, {subtree: true, childList: true, characterData: true,
                                       attributes: true});
        }"""
    )
    # A slow line (1 MB at 400 kB/s), so the progress is seen on its way.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 400_000},
    )
    said = answer(page, pdf=samples.pdf_of_size(1_000_000, "the lease"))
    assert said == "lease.pdf"
    assert "lease.pdf" in transcript(page)[-1][1]
    told = page.evaluate("window.told")
    # The bar moves on its way; a screen reader is told every 25 % (0, 25, 50, 75, 100).
    assert len({value for _, value in told}) > 3, told
    lines = list(dict.fromkeys(line for line, _ in told))
    assert lines[-1].endswith("100 %")
    assert all(re.search(r"\b(0|25|50|75|100) %$", line) for line in lines), lines
    assert page.locator("#error-summary").count() == 0
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "naevn_draft"]
    with store.read() as tx:
        files = tx.attachments_of_draft(cookie["value"].split(".")[0])
    assert [f.filename for f in files] == ["lease.pdf"]


def test_a_lost_connection_keeps_the_answer_and_says_so(page: Page) -> None:
    begin(page)
    walk_to(page, "text")
    page.route(re.compile(r".*/chat$"), lambda route: route.abort())
    page.locator("#value").fill("Anna Jensen")
    page.locator("#answer [type=submit]").first.click()
    page.wait_for_selector("#offline-summary")
    assert focused(page)["id"] == "offline-summary"
    assert page.locator("#value").input_value() == "Anna Jensen"
    page.unroute(re.compile(r".*/chat$"))
    submit(page)
    assert page.locator("#offline-summary").count() == 0
    assert "Anna Jensen" in transcript(page)[-1][1]


def test_the_time_out_dialog_warns_and_stay_renews_the_sign_in(axe_page: Page) -> None:
    page = axe_page
    begin(page)
    page.locator("#answer [type=submit]").first.focus()
    expires_in(page, 90)
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for()
    assert dialog.evaluate("(d) => d.open && d.matches(':modal')")
    title = dialog.get_attribute("aria-labelledby")
    text = dialog.get_attribute("aria-describedby")
    assert page.locator(f"#{title}").inner_text() and page.locator(f"#{text}").inner_text()
    assert re.search(r"\d\d[:.]\d\d", page.locator(f"#{text}").inner_text())
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    axe(page)
    before = page.evaluate("Date.parse(document.body.dataset.expires)")
    with page.expect_response("**/chat/stay") as stayed:
        page.keyboard.press("Escape")  # Escape is "stay signed in"
    assert stayed.value.status == 204
    page.wait_for_selector("dialog", state="detached")
    after = page.evaluate("Date.parse(document.body.dataset.expires)")
    assert after > before + 10 * 60 * 1000
    # The footer tells the new time, as the server tells times (Danish time, HH:MM).
    told = datetime.fromtimestamp(after / 1000, ZoneInfo("Europe/Copenhagen")).strftime("%H:%M")
    assert told in page.locator("#timeout").inner_text()
    # Focus is back where it was.
    assert page.evaluate("document.activeElement.matches('#answer [type=submit]')")


def test_save_and_continue_later_from_the_time_out_dialog(page: Page) -> None:
    begin(page)
    expires_in(page, 60)
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for()
    dialog.locator("[data-save]").click()
    page.wait_for_url("**/chat/saved")
    assert page.locator("#resume-code").inner_text().strip()


def test_a_whole_filing_with_javascript_reaches_the_receipt(page: Page, store: Store) -> None:
    begin(page)
    uploads = 0
    for n in range(120):
        if page.url.endswith("/receipt"):
            break
        assert page.locator("#error-summary").count() == 0, page.locator("#turn").inner_text()
        if page.get_attribute("#turn", "data-kind") == "file":
            uploads += 1
        answer(page, note=f"document {n}")
        page.wait_for_load_state()
    else:
        raise AssertionError("the filing never reached the receipt")
    number = page.locator("#case-number").inner_text().strip()
    with store.read() as tx:
        case = tx.get_case(number)
    assert len(case.attachments) == uploads > 0
    assert case.answers["ask_address"] == "Vestergade 1"


def test_a_stale_tab_shows_where_the_filing_is_now(page: Page) -> None:
    begin(page)
    other = page.context.new_page()
    other.goto("/chat")
    answer(page)
    # The other tab still shows the question this one has answered.
    other.locator("#answer [type=submit]").first.click()
    other.wait_for_function("() => !document.getElementById('turn')")
    assert other.locator("main h1").evaluate("(h) => h === document.activeElement")
    other.locator("main a[href='/chat']").click()
    other.wait_for_url("**/chat")
    assert other.get_attribute("#turn", "data-state") == state(page)


def test_when_the_sign_in_ends_the_page_is_loaded_afresh_from_the_server(page: Page) -> None:
    begin(page)
    expires_in(page, -1)
    page.wait_for_function("() => window.stayedOnPage === undefined")
    page.wait_for_load_state()
    assert page.url.endswith("/chat")


def test_what_the_script_adds_passes_axe(open_tab: OpenTab) -> None:
    page = open_tab(axe=True).page
    begin(page)
    for _ in range(3):
        answer(page)
    axe(page)  # the conversation so far, and the question under it
    walk_to(page, "text")
    page.route(re.compile(r".*/chat$"), lambda route: route.abort())
    page.locator("#answer [type=submit]").first.click()
    page.wait_for_selector("#offline-summary")
    axe(page)  # a lost connection's summary
    page.unroute(re.compile(r".*/chat$"))
    expires_in(page, 60)
    page.get_by_role("alertdialog").wait_for()
    axe(page)  # the time-out dialog


def test_a_change_from_the_review_is_said_and_leads_back_to_the_review(page: Page) -> None:
    begin(page)
    walk_to(page, "review")
    change = page.locator("#answer button.change").first
    named = " ".join(change.inner_text().split())
    mark(page)
    change.click()
    wait_for_turn(page)
    assert transcript(page)[-1][1] == f"You: {named}"
    assert focused(page)["tag"] == "H1"
    walk_to(page, "review")
    assert focused(page)["text"] == page.locator("#prompt").inner_text().strip()


def test_a_slow_answer_is_said_to_be_on_its_way(page: Page) -> None:
    begin(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 2000, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    mark(page)
    page.locator("#answer [type=submit]").first.click()
    page.wait_for_function("() => document.getElementById('announcer').textContent === 'Sending…'")
    wait_for_turn(page)
    prompt = page.locator("#prompt").inner_text().strip()
    page.wait_for_function(
        "(prompt) => document.getElementById('announcer').textContent.includes(prompt)",
        arg=prompt,
    )
