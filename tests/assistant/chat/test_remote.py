"""HttpChannel against a real ``naevn serve`` process: what a chat over HTTP shows its filer.

Network trouble is made with httpx transports wrapped around the real one: they lose a
response after the service has answered, or stand in for a service that is briefly down.
"""

from __future__ import annotations

import socket
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.chat.remote import HttpChannel
from assistant.protocol import Turn
from casestore.failures import NO_DRAFT
from locales import translator
from statemachine.errors import AccessError, NotFoundError, StoreError
from statemachine.text import Text, t
from tests import samples
from tests.durability.test_crash_chat import auto_answer, small_pdfs
from tests.service import Served, service_env, spawn


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("service")
    served = spawn(service_env(f"sqlite:///{folder / 'naevn.db'}", folder / "data"))
    yield served
    served.stop()
    assert [entry for entry in served.log if entry.get("level") == "error"] == []


@pytest.fixture
def channel(service: Served) -> Iterator[HttpChannel]:
    with HttpChannel(service.url, lang="en", backoff=0) as opened:
        yield opened


class Recording(httpx.BaseTransport):
    """The real transport, noting each request; it can lose responses or play a 503 first."""

    def __init__(self, *, lose: int = 0, unavailable: int = 0) -> None:
        self.inner = httpx.HTTPTransport()
        self.requests: list[httpx.Request] = []
        self.lose = lose
        self.unavailable = unavailable

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        answering = request.url.path.endswith("/answers")
        if answering and self.unavailable:
            self.unavailable -= 1
            return httpx.Response(503, json={"error": {"code": "unavailable", "message": "x"}})
        response = self.inner.handle_request(request)
        if answering and self.lose:
            # The service has applied the answer; only its response goes missing.
            self.lose -= 1
            response.read()
            response.close()
            raise httpx.ReadTimeout("the response was lost", request=request)
        return response

    def close(self) -> None:
        self.inner.close()

    def answers(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path.endswith("/answers")]


@contextmanager
def recorded(service: Served, transport: Recording) -> Iterator[HttpChannel]:
    with httpx.Client(transport=transport) as client:
        yield HttpChannel(service.url, client, lang="en", backoff=0)


def walk_to(channel: HttpChannel, session: str, turn: Turn, state: str, folder: Path) -> Turn:
    files = small_pdfs(folder, 0)
    for _ in range(100):
        assert turn["errors"] == [], (turn["state"], turn["errors"])
        if turn["state"] == state:
            return turn
        turn = channel.answer(session, {"value": auto_answer(turn, "8000", files)}, None)
    raise AssertionError(f"never reached {state}")


def en(msgid: str, **params: Any) -> str:
    return translator("en").render(t(msgid, **params))


# --- sessions, tokens and versions ----------------------------------------------------------


def test_a_session_goes_on_turn_by_turn(channel: HttpChannel) -> None:
    session, code, turn = channel.start("en")
    assert session.startswith("s_") and len(code) == 19 and turn["state"] == "ask_language"
    consent = channel.answer(session, {"value": "en"}, code)
    assert consent["state"] == "show_privacy" and consent["errors"] == []
    assert consent["version"] == turn["version"] + 1
    assert channel.current(session) == consent


def test_resume_continues_and_the_old_token_stops_working(service: Served) -> None:
    with HttpChannel(service.url, lang="en", backoff=0) as first:
        session, code, _ = first.start("en")
        first.answer(session, {"value": "en"}, code)
        with HttpChannel(service.url, lang="en", backoff=0) as second:
            resumed, turn = second.resume(code.lower())
            assert resumed == session and turn["state"] == "show_privacy"
            with pytest.raises(AccessError):
                first.answer(session, {"value": True}, code)
            assert second.answer(session, {"value": True}, code)["state"] == "ask_role"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_unknown_resume_code_is_not_found_in_the_chats_language(
    service: Served, lang: str
) -> None:
    with (
        HttpChannel(service.url, lang=lang, backoff=0) as channel,
        pytest.raises(NotFoundError) as raised,
    ):
        channel.resume("AAAA-BBBB-CCCC-DDDD")
    assert raised.value.message == translator(lang).render(Text(NO_DRAFT))


def test_an_answer_for_an_older_question_shows_where_the_filing_is_now(
    channel: HttpChannel,
) -> None:
    session, code, first = channel.start("en")
    consent = channel.answer(session, {"value": "en"}, code)
    stale = channel.answer(session, {"value": "da", "version": first["version"]}, code)
    assert stale["state"] == "show_privacy" and stale["lang"] == "en"
    assert stale["errors"] == [
        en(
            "This filing was answered in another window or tab, so this question is out of "
            "date. Here is where the filing is now."
        )
    ]
    assert channel.current(session)["version"] == consent["version"], "nothing changed"
    # The next answer goes with the current version again, and lands.
    assert channel.answer(session, {"value": True}, code)["state"] == "ask_role"


def test_saving_says_the_resume_code_the_chat_holds(channel: HttpChannel) -> None:
    session, code, _ = channel.start("en")
    saved = channel.answer(session, {"action": "save"}, code)
    assert (
        en("Your answers are saved. To continue later, use this code: {code}", code=code)
        in (saved["messages"])
    )


# --- retries --------------------------------------------------------------------------------


def test_an_answer_whose_response_is_lost_is_sent_again_and_applied_once(
    service: Served,
) -> None:
    transport = Recording()
    with recorded(service, transport) as channel:
        session, code, first = channel.start("en")
        transport.lose = 1
        turn = channel.answer(session, {"value": "en"}, code)
        # Applied twice, the repeat would be refused as an answer to an older question.
        assert turn["state"] == "show_privacy" and turn["errors"] == []
        assert turn["version"] == channel.current(session)["version"] == first["version"] + 1
    sent = transport.answers()
    assert len(sent) == 2 and sent[0].content == sent[1].content
    keys = [r.headers["Idempotency-Key"] for r in sent]
    assert keys[0] == keys[1] and len(keys[0]) == 36


def test_each_answer_has_its_own_key(service: Served) -> None:
    transport = Recording()
    with recorded(service, transport) as channel:
        session, code, _ = channel.start("en")
        channel.answer(session, {"value": "en"}, code)
        channel.answer(session, {"value": True}, code)
    keys = {r.headers["Idempotency-Key"] for r in transport.answers()}
    assert len(keys) == 2


def test_a_briefly_unavailable_service_is_tried_again(service: Served) -> None:
    transport = Recording(unavailable=2)
    with recorded(service, transport) as channel:
        session, code, _ = channel.start("en")
        assert channel.answer(session, {"value": "en"}, code)["state"] == "show_privacy"
    assert len(transport.answers()) == 3


def test_a_service_that_stays_down_is_given_up_on(service: Served) -> None:
    transport = Recording(unavailable=10)
    with recorded(service, transport) as channel:
        session, code, _ = channel.start("en")
        with pytest.raises(StoreError):
            channel.answer(session, {"value": "en"}, code)
    assert len(transport.answers()) == 4


def test_no_service_at_the_address_says_so_plainly() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with HttpChannel(url, backoff=0) as channel, pytest.raises(StoreError) as raised:
        channel.start("en")
    message = translator("en").render(raised.value.message)
    assert message == (
        f"The naevn service at {url} cannot be reached. Check the address, or try again later."
    )


# --- files ----------------------------------------------------------------------------------


def test_a_file_named_by_path_is_uploaded_and_answered_by_its_id(
    service: Served, tmp_path: Path
) -> None:
    transport = Recording()
    with recorded(service, transport) as channel:
        session, code, turn = channel.start("en")
        turn = walk_to(channel, session, turn, "ask_attachment", tmp_path)
        lease = tmp_path / "lejekontrakt æ.pdf"
        lease.write_bytes(samples.pdf("the lease"))
        after = channel.answer(session, {"value": {"path": str(lease)}}, code)
    assert after["errors"] == [] and after["version"] == turn["version"] + 1
    [upload] = [r for r in transport.requests if r.url.path.endswith("/attachments")]
    assert b'filename="lejekontrakt \xc3\xa6.pdf"' in upload.content
    assert b"the lease" in upload.content
    last = transport.answers()[-1].content
    assert b'"attachment"' in last and b'"path"' not in last


def test_refused_files_come_back_on_the_same_question(service: Served, tmp_path: Path) -> None:
    with HttpChannel(service.url, lang="en", backoff=0) as channel:
        session, code, turn = channel.start("en")
        turn = walk_to(channel, session, turn, "ask_attachment", tmp_path)
        archive = tmp_path / "bundle.zip"
        with zipfile.ZipFile(archive, "w") as bundle:
            bundle.writestr("lease.pdf", samples.PDF)
        empty = tmp_path / "empty.pdf"
        empty.write_bytes(b"")
        refusals = {
            archive: en(
                "{name} is an archive. Archives (such as ZIP files) are not accepted. "
                "Please upload the documents themselves.",
                name="bundle.zip",
            ),
            empty: en("The file {name} is empty.", name="empty.pdf"),
            tmp_path / "nowhere.pdf": en(
                "There is no file at {path}. Check the path and try again.",
                path=str(tmp_path / "nowhere.pdf"),
            ),
            tmp_path: en(
                "{name} is a folder. Please choose the files inside it.", name=tmp_path.name
            ),
        }
        for path, reason in refusals.items():
            refused = channel.answer(session, {"value": [{"path": str(path)}]}, code)
            assert refused == {**channel.current(session), "errors": [reason], "messages": []}
        assert channel.current(session)["version"] == turn["version"], "nothing changed"
