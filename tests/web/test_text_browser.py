"""The chat pages in w3m, a text browser from Debian (``make test`` installs it): the start page
and a question read as plain text, with their options and no markup, and answers posted by w3m
itself that take the filing on.

w3m runs non-interactively (``-dump``), and then keeps no cookies between runs: the draft's
cookies are taken from the service once, as a browser is given them on "Start a new case", and
passed to each w3m run as a ``Cookie`` header. Each answer is posted by w3m itself (``-post``)
with the fields of the form it was shown; w3m does not send that header again on the redirect
after the post, so the next question is read in a new w3m run, and the store is checked for the
answer in between.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import httpx
import pytest

from casestore import Store
from tests.assistant.web.browser import Page

W3M_MISSING = (
    "w3m is not installed, so the text-browser tests cannot run. Run `make test`, which "
    "installs Debian's w3m package, or `apt-get install w3m`."
)

MARKUP = re.compile(r"</?[a-z][a-z0-9]*[\s>/]|&[a-z]+;|&#\d+;")
"""A tag or an HTML entity left in the text."""


def w3m(
    url: str, tmp_path: Path, *, cookies: str = "", post: str | None = None, source: bool = False
) -> str:
    """What w3m shows at ``url``, as text (80 columns); with ``post``, after posting that
    urlencoded body there; with ``source``, the HTML it was given."""
    binary = shutil.which("w3m")
    if binary is None:
        pytest.fail(W3M_MISSING, pytrace=False)
    args = [binary, "-dump_source" if source else "-dump", "-cols", "80", "-o", "accept_cookie=0"]
    if cookies:
        args += ["-header", f"Cookie: {cookies}"]
    if post is not None:
        body = tmp_path / "post.txt"
        body.write_text(post, encoding="utf-8")
        args += ["-post", str(body)]
    done = subprocess.run(
        [*args, url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        # Its own home: w3m keeps history and settings there.
        env={"HOME": str(tmp_path), "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def assert_plain(text: str) -> None:
    """No markup shows through as text."""
    found = MARKUP.search(text)
    assert found is None, f"markup in the text: {found.group(0)!r}\n{text}"


def lines_of(text: str) -> set[str]:
    """The text's lines, trimmed."""
    return {line.strip() for line in text.splitlines()}


def signed_in(base_url: str, lang: str) -> tuple[httpx.Client, str]:
    """A filer who has pressed "Start a new case": the client and its cookies as one header."""
    client = httpx.Client(base_url=base_url, timeout=30)
    client.get(f"/lang/{lang}?next=/")
    home = Page(client.get("/").text)
    csrf = next(c.value for c in home.form("/start").controls if c.name == "csrf")
    started = client.post("/start", data={"csrf": csrf})
    assert started.status_code == 303, started.text
    header = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    return client, header


def answer_body(html: str, **fields: str) -> str:
    """The answer form's fields as the page gave them, with ``fields`` set, urlencoded."""
    form = Page(html).form("answer")
    data = {c.name: c.value for c in form.controls if c.type == "hidden"}
    data.update(fields, do="answer")
    return urllib.parse.urlencode(data)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_start_page_reads_as_text(base_url: str, tmp_path: Path, lang: str) -> None:
    text = w3m(f"{base_url}/", tmp_path, cookies=f"naevn_lang={lang}")
    assert_plain(text)
    if lang == "en":
        assert "File a case with the rent tribunal" in text
        assert lines_of(text) >= {"Start a new case", "Resume code", "Continue"}
        assert "Mine sager: see your cases, messages and deadlines" in lines_of(text)
    else:
        assert "Indbring en sag for huslejenævnet" in text
        assert lines_of(text) >= {"Start en ny sag", "Kode til at fortsætte", "Fortsæt"}
    # The resume code's field, as w3m draws a text box.
    assert re.search(r"^\[ +\]$", text, re.M), text


def test_a_question_reads_as_text_with_its_options(base_url: str, tmp_path: Path) -> None:
    client, cookies = signed_in(base_url, "en")
    client.close()
    text = w3m(f"{base_url}/chat", tmp_path, cookies=cookies)
    assert_plain(text)
    assert "Step 1 of 11: Start" in text
    assert "Which language would you like to use?" in text
    # The options as w3m shows radio buttons: each one's box and its label on a line.
    assert re.search(r"^\s*\( \) Dansk$", text, re.M), text
    assert re.search(r"^\s*\( \) English$", text, re.M), text
    # The buttons, each on its own line.
    assert lines_of(text) >= {"Continue", "Save and continue later"}


def test_answers_posted_by_w3m_take_the_filing_on(
    base_url: str, tmp_path: Path, store: Store
) -> None:
    client, cookies = signed_in(base_url, "en")
    client.close()
    session = urllib.parse.unquote(cookies.split("naevn_draft=")[1].split(";")[0]).split(".")[0]
    # The language, then the privacy notice (nothing to answer), then the role.
    steps = [({"value": "en"}, "Before we start"), ({}, "Who are you in this case?")]
    for version, (fields, then) in enumerate(steps, start=1):
        shown = w3m(f"{base_url}/chat", tmp_path, cookies=cookies)
        html = w3m(f"{base_url}/chat", tmp_path, cookies=cookies, source=True)
        assert_plain(shown)
        w3m(f"{base_url}/chat", tmp_path, cookies=cookies, post=answer_body(html, **fields))
        with store.read() as tx:
            assert tx.load_draft(session).version == version + 1, (version, fields)
        text = w3m(f"{base_url}/chat", tmp_path, cookies=cookies)
        assert_plain(text)
        assert then in text, text
    assert re.search(r"^\s*\( \) .+$", text, re.M), text
    with store.read() as tx:
        draft = tx.load_draft(session)
    assert (draft.state, draft.lang) == ("ask_role", "en")
