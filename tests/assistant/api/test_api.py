"""The filer HTTP API against a real aiohttp server, on SQLite and on PostgreSQL.

Each test talks HTTP to the service over a socket, as a browser or ``naevn chat --server``
would, and checks what the filer (or an attacker) sees, then what the store holds.
"""

from __future__ import annotations

import json
import threading
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.protocol import Turn
from casestore import Reply, Store
from naevn.settings import Settings
from naevn.web.limits import Rate
from tests import samples
from tests.durability.test_crash_chat import auto_answer, small_pdfs
from tests.pgserver import SQLITE_ONLY
from tests.service import running

TODAY = date(2026, 11, 23)
PDF = samples.pdf("a test document")


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """The service's settings: its own store, a frozen today, no rate limits."""
    return Settings(db=db_url, data_dir=tmp_path / "data", today=TODAY, rate_limit=0)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """The service's store, opened beside it to see what it holds."""
    opened = Store.open(settings.db, settings.blob_dir)
    yield opened
    opened.close()


@pytest.fixture
def api(settings: Settings, store: Store) -> Iterator[httpx.Client]:
    with running(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def start(api: httpx.Client, lang: str = "en") -> dict[str, Any]:
    response = api.post("/api/v1/sessions", json={"lang": lang})
    assert response.status_code == 201, response.text
    started: dict[str, Any] = response.json()
    return started


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def answer(
    api: httpx.Client, started: dict[str, Any], body: dict[str, Any], **headers: str
) -> httpx.Response:
    return api.post(
        f"/api/v1/sessions/{started['session']}/answers",
        json=body,
        headers=bearer(started["token"]) | headers,
    )


def walk_to(api: httpx.Client, started: dict[str, Any], state: str, folder: Path) -> Turn:
    """Answer the dialogue until it asks ``state``; files are uploaded over HTTP."""
    turn: Turn = started["turn"]
    files = small_pdfs(folder, 0)
    for _ in range(100):
        assert not turn["errors"], (turn["state"], turn["errors"])
        if turn["state"] == state:
            return turn
        value = auto_answer(turn, "8000", files)
        if isinstance(value, dict) and "path" in value:
            uploaded = upload(api, started, Path(value["path"]).read_bytes()).json()
            value = {"attachment": uploaded["attachment"]["id"]}
        response = answer(api, started, {"value": value, "version": turn["version"]})
        assert response.status_code == 200, response.text
        turn = response.json()
    raise AssertionError(f"never reached {state}")


def upload(
    api: httpx.Client, started: dict[str, Any], content: bytes, name: str = "lease.pdf"
) -> httpx.Response:
    return api.post(
        f"/api/v1/sessions/{started['session']}/attachments",
        files={"file": (name, content)},
        headers=bearer(started["token"]),
    )


def error_code(response: httpx.Response) -> str:
    body = response.json()
    assert set(body["error"]) == {"code", "message"} and body["error"]["message"]
    return str(body["error"]["code"])


# --- sessions and tokens -------------------------------------------------------------------------


def test_a_session_starts_with_a_token_that_is_not_its_id_and_is_stored_only_hashed(
    api: httpx.Client, store: Store
) -> None:
    started = start(api)
    assert started["turn"]["state"] == "ask_language" and started["turn"]["version"] == 1
    token = started["token"]
    assert token != started["session"] and started["session"] not in token
    assert len(token) >= 43  # 32 random bytes, url-safe base64: 256 bits
    with store.read() as tx:
        row = tx.load_draft(started["session"])
    assert row.token_hash != token and token not in json.dumps(row.data)
    assert (
        api.get(f"/api/v1/sessions/{started['session']}", headers=bearer(token)).json()
        == (started["turn"])
    )


def test_the_language_must_be_one_we_speak(api: httpx.Client) -> None:
    response = api.post("/api/v1/sessions", json={"lang": "de"})
    assert response.status_code == 422 and error_code(response) == "invalid"
    assert "da" in response.json()["error"]["message"]


@pytest.mark.parametrize("who", ["no token", "wrong token", "another filer's token"])
def test_no_route_lets_anyone_but_the_filer_into_a_draft(
    api: httpx.Client, store: Store, who: str
) -> None:
    mine, theirs = start(api), start(api)
    headers = {
        "no token": {},
        "wrong token": bearer(mine["token"][:-2] + "xx"),
        "another filer's token": bearer(theirs["token"]),
    }[who]
    expected = (401, "unauthorized") if who == "no token" else (403, "forbidden")
    base = f"/api/v1/sessions/{mine['session']}"
    tries = [
        api.get(base, headers=headers),
        api.post(f"{base}/answers", json={"value": "en"}, headers=headers),
        api.post(f"{base}/attachments", files={"file": ("a.pdf", PDF)}, headers=headers),
    ]
    for response in tries:
        assert (response.status_code, error_code(response)) == expected, response.request.url
        assert mine["turn"]["prompt"] not in response.text
    with store.read() as tx:
        assert tx.load_draft(mine["session"]).version == 1
        assert tx.attachments_of_draft(mine["session"]) == []


def test_an_unknown_session_is_not_found(api: httpx.Client) -> None:
    started = start(api)
    response = api.get("/api/v1/sessions/s_nosuchsessionxxxxxxxx", headers=bearer(started["token"]))
    assert response.status_code == 404 and error_code(response) == "not_found"


def test_resume_gives_a_new_token_and_ends_the_old_one(api: httpx.Client) -> None:
    started = start(api)
    answer(api, started, {"value": "en"})
    code = started["resume_code"].lower().replace("-", " ")
    resumed = api.post("/api/v1/sessions/resume", json={"resume_code": code})
    assert resumed.status_code == 200, resumed.text
    body = resumed.json()
    assert body["session"] == started["session"] and body["turn"]["state"] == "show_privacy"
    assert body["token"] != started["token"] and "resume_code" not in body
    old = api.get(f"/api/v1/sessions/{started['session']}", headers=bearer(started["token"]))
    assert old.status_code == 403
    new = api.get(f"/api/v1/sessions/{started['session']}", headers=bearer(body["token"]))
    assert new.json()["state"] == "show_privacy"


def test_a_wrong_resume_code_is_not_found(api: httpx.Client) -> None:
    response = api.post("/api/v1/sessions/resume", json={"resume_code": "AAAA-BBBB-CCCC-DDDD"})
    assert response.status_code == 404 and error_code(response) == "not_found"


# --- answers, idempotency and stale tabs ---------------------------------------------------------


def test_bad_input_comes_back_as_the_same_turn_with_errors(api: httpx.Client) -> None:
    started = start(api)
    response = answer(api, started, {"value": "klingon"})
    assert response.status_code == 200
    turn = response.json()
    assert turn["state"] == "ask_language" and turn["errors"] and turn["version"] == 1


def test_a_body_that_is_not_json_is_a_bad_request(api: httpx.Client) -> None:
    started = start(api)
    response = api.post(
        f"/api/v1/sessions/{started['session']}/answers",
        content=b"value=en",
        headers=bearer(started["token"]),
    )
    assert response.status_code == 400 and error_code(response) == "bad_request"


def test_a_replayed_answer_returns_the_same_turn_and_applies_once(
    api: httpx.Client, store: Store
) -> None:
    started = start(api)
    first = answer(api, started, {"value": "en", "version": 1}, **{"Idempotency-Key": "k-1"})
    again = answer(api, started, {"value": "en", "version": 1}, **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() and first.json()["state"] == "show_privacy"
    with store.read() as tx:
        assert tx.load_draft(started["session"]).version == 2


def test_a_reused_key_with_another_answer_is_refused(api: httpx.Client) -> None:
    started = start(api)
    answer(api, started, {"value": "en"}, **{"Idempotency-Key": "k-1"})
    response = answer(api, started, {"value": "da"}, **{"Idempotency-Key": "k-1"})
    assert response.status_code == 422 and error_code(response) == "invalid"


def test_an_answer_from_a_stale_tab_is_refused_with_the_current_turn(
    api: httpx.Client, store: Store
) -> None:
    started = start(api)
    tab_one = answer(api, started, {"value": "en", "version": 1})
    tab_two = answer(api, started, {"value": "da", "version": 1})
    assert tab_one.status_code == 200 and tab_two.status_code == 409
    assert error_code(tab_two) == "conflict"
    assert tab_two.json()["turn"] == tab_one.json()
    with store.read() as tx:
        row = tx.load_draft(started["session"])
    assert row.version == 2 and row.data["lang"] == "en"


def test_two_tabs_answering_at_once_never_merge(api: httpx.Client, store: Store) -> None:
    started = start(api)
    statuses = _at_once(
        10, lambda i: answer(api, started, {"value": "en" if i % 2 else "da", "version": 1})
    )
    assert sorted(r.status_code for r in statuses) == [200] + [409] * 9
    winner = next(r for r in statuses if r.status_code == 200).json()
    with store.read() as tx:
        row = tx.load_draft(started["session"])
    assert row.version == 2 and row.data["lang"] == winner["lang"]


def test_ten_identical_submissions_at_once_file_one_case(
    api: httpx.Client, store: Store, tmp_path: Path
) -> None:
    started = start(api)
    turn = walk_to(api, started, "ask_declaration", tmp_path)
    body = {"value": True, "version": turn["version"]}
    replies = _at_once(10, lambda _: answer(api, started, body, **{"Idempotency-Key": "submit"}))
    assert {r.status_code for r in replies} == {200}
    turns = [r.json() for r in replies]
    assert all(t == turns[0] for t in turns) and turns[0]["done"]
    with store.read() as tx:
        cases = tx.list_cases()
    assert [c.number for c in cases] == [turns[0]["case_number"]]


def test_submissions_without_a_key_still_file_one_case(
    api: httpx.Client, store: Store, tmp_path: Path
) -> None:
    started = start(api)
    turn = walk_to(api, started, "ask_declaration", tmp_path)
    replies = _at_once(
        10, lambda _: answer(api, started, {"value": True, "version": turn["version"]})
    )
    assert sorted(r.status_code for r in replies) == [200] + [409] * 9
    with store.read() as tx:
        assert len(tx.list_cases()) == 1


def test_replies_older_than_a_day_are_forgotten_when_a_service_starts(
    settings: Settings, store: Store
) -> None:
    with running(settings) as url, httpx.Client(base_url=url) as client:
        started = start(client)
        assert answer(client, started, {"value": "en"}, **{"Idempotency-Key": "k-new"}).is_success
    two_days_ago = datetime.now(UTC) - timedelta(days=2)
    past = Store.open(settings.db, settings.blob_dir, clock=lambda: two_days_ago)
    try:
        with past.begin() as tx:
            tx.remember_reply(started["session"], "k-old", Reply("h", {"state": "ask_role"}))
    finally:
        past.close()
    with running(settings):
        pass
    with store.read() as tx:
        assert tx.find_reply(started["session"], "k-old") is None
        assert tx.find_reply(started["session"], "k-new") is not None


# --- uploads -------------------------------------------------------------------------------------


def test_an_upload_is_checked_by_content_and_its_name_is_only_a_label(
    api: httpx.Client, store: Store
) -> None:
    started = start(api)
    response = raw_upload(api, started, "../../etc/passwd\u202e\u200b.pdf")
    assert response.status_code == 201, response.text
    meta = response.json()["attachment"]
    assert meta["filename"] == "passwd.pdf" and meta["media_type"] == "application/pdf"
    assert meta["size"] == len(PDF)
    blob = store.blobs.path_of(meta["sha256"])
    assert blob.read_bytes() == PDF and "passwd" not in str(blob)


def test_a_filename_with_control_characters_is_a_bad_request(api: httpx.Client) -> None:
    started = start(api)
    response = raw_upload(api, started, "report\x07.pdf")
    assert response.status_code == 400 and error_code(response) == "bad_request"


def test_an_upload_cut_off_before_its_end_is_not_kept(api: httpx.Client, store: Store) -> None:
    started = start(api)
    response = raw_upload(api, started, "lease.pdf", end=b"")
    assert response.status_code == 400 and error_code(response) == "bad_request"
    with store.read() as tx:
        assert tx.attachments_of_draft(started["session"]) == []


def raw_upload(
    api: httpx.Client, started: dict[str, Any], filename: str, end: bytes = b"\r\n--xyz--\r\n"
) -> httpx.Response:
    """Upload PDF under a filename written by hand (httpx would escape what an attacker
    sends as is), ending the body with ``end``."""
    body = (
        b'--xyz\r\nContent-Disposition: form-data; name="file"; '
        + f'filename="{filename}"'.encode()
        + b"\r\nContent-Type: text/html\r\n\r\n"
        + PDF
        + end
    )
    return api.post(
        f"/api/v1/sessions/{started['session']}/attachments",
        content=body,
        headers=bearer(started["token"]) | {"Content-Type": "multipart/form-data; boundary=xyz"},
    )


@pytest.mark.parametrize(
    ("content", "name", "status", "code"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200), "invoice.pdf", 415, "unsupported_media_type"),
        (b"\x7fELF\x02\x01\x01" + bytes(200), "photo.jpg", 415, "unsupported_media_type"),
        (b"", "empty.pdf", 422, "invalid"),
    ],
    ids=["windows program", "linux program", "empty"],
)
def test_refused_files_get_a_plain_reason(
    api: httpx.Client, content: bytes, name: str, status: int, code: str
) -> None:
    started = start(api)
    response = upload(api, started, content, name=name)
    assert response.status_code == status and error_code(response) == code
    assert name in response.json()["error"]["message"]


def test_an_upload_is_refused_in_the_language_the_filer_chose(api: httpx.Client) -> None:
    program = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)
    chose_english = start(api, lang="da")
    turn = answer(api, chose_english, {"value": "en"}).json()
    assert turn["lang"] == "en" and not turn["errors"]
    in_danish, in_english = start(api, lang="da"), start(api, lang="en")

    refusals = [
        upload(api, started, program, name="faktura.pdf").json()["error"]["message"]
        for started in (chose_english, in_danish, in_english)
    ]

    assert refusals[0] == refusals[2] != refusals[1]


def test_an_upload_without_a_file_field_says_how_to_send_one(api: httpx.Client) -> None:
    started = start(api)
    response = api.post(
        f"/api/v1/sessions/{started['session']}/attachments",
        files={"document": ("a.pdf", PDF)},
        headers=bearer(started["token"]),
    )
    assert response.status_code == 422 and "'file'" in response.json()["error"]["message"]
    response = api.post(
        f"/api/v1/sessions/{started['session']}/attachments",
        json={"file": "a.pdf"},
        headers=bearer(started["token"]),
    )
    assert response.status_code == 400 and error_code(response) == "bad_request"


@SQLITE_ONLY  # the limits are the service's; 100 MB once is enough to prove them
def test_files_over_the_limits_are_refused(api: httpx.Client, store: Store) -> None:
    started = start(api)
    big = samples.pdf_of_size(20 * 1024 * 1024)
    assert upload(api, started, big + b"1").status_code == 413
    for _ in range(5):  # 5 × 20 MB: the 100 MB a case may hold
        assert upload(api, started, big).status_code == 201
    over = upload(api, started, PDF)
    assert over.status_code == 413 and "100 MB" in over.json()["error"]["message"]
    with store.read() as tx:
        assert tx.attachment_totals(started["session"]) == (5, 5 * len(big))


@SQLITE_ONLY  # the streaming is the service's, whatever the store
def test_an_upload_is_streamed_to_disk_not_held_in_memory(
    api: httpx.Client, store: Store, tmp_path: Path
) -> None:
    started = start(api)
    big = tmp_path / "scan.pdf"
    big.write_bytes(samples.pdf_of_size(19 * 1024 * 1024 + 9))
    tracemalloc.start()
    try:
        with big.open("rb") as file:  # httpx streams a file object in chunks
            response = api.post(
                f"/api/v1/sessions/{started['session']}/attachments",
                files={"file": ("scan.pdf", file)},
                headers=bearer(started["token"]),
            )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 201, response.text
    assert response.json()["attachment"]["size"] == big.stat().st_size
    # Client and server together never held more than a few chunks of the 19 MB file.
    assert peak < 4 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"


def test_a_case_holds_at_most_thirty_files(api: httpx.Client) -> None:
    started = start(api)
    for n in range(30):
        assert upload(api, started, PDF + str(n).encode()).status_code == 201
    over = upload(api, started, PDF + b"31")
    assert over.status_code == 413 and "30" in over.json()["error"]["message"]


def test_an_uploaded_file_answers_a_document_question(
    api: httpx.Client, store: Store, tmp_path: Path
) -> None:
    started = start(api)
    turn = walk_to(api, started, "ask_declaration", tmp_path)
    receipt = answer(api, started, {"value": True, "version": turn["version"]}).json()
    with store.read() as tx:
        case = tx.get_case(receipt["case_number"])
    assert case.attachments and all(a["media_type"] == "application/pdf" for a in case.attachments)


def test_another_filers_attachment_cannot_be_claimed(api: httpx.Client, tmp_path: Path) -> None:
    mine, theirs = start(api), start(api)
    their_file = upload(api, theirs, PDF).json()["attachment"]["id"]
    turn = walk_to(api, mine, "ask_attachment", tmp_path)
    response = answer(api, mine, {"value": {"attachment": their_file}, "version": turn["version"]})
    assert response.status_code == 200
    assert response.json()["state"] == "ask_attachment" and response.json()["errors"]


# --- limits, errors and health -------------------------------------------------------------------


def test_a_huge_json_body_is_refused(api: httpx.Client) -> None:
    started = start(api)
    response = answer(api, started, {"value": "x" * 300_000})
    assert response.status_code == 413 and error_code(response) == "too_large"


def test_errors_speak_the_filers_language(api: httpx.Client) -> None:
    started = start(api, "da")
    response = api.get(f"/api/v1/sessions/{started['session']}")
    english = api.get(
        f"/api/v1/sessions/{started['session']}", headers={"Accept-Language": "en-GB,en"}
    )
    assert response.json()["error"]["message"] != english.json()["error"]["message"]
    assert "Bearer" in english.json()["error"]["message"]


def test_unknown_addresses_and_methods_are_json_errors(api: httpx.Client) -> None:
    missing = api.get("/api/v1/nothing")
    assert missing.status_code == 404 and error_code(missing) == "not_found"
    wrong = api.delete("/api/v1/sessions")
    assert wrong.status_code == 405 and error_code(wrong) == "method_not_allowed"
    assert missing.headers["X-Request-Id"] != wrong.headers["X-Request-Id"]


def test_health_says_the_store_answers(api: httpx.Client) -> None:
    response = api.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "store": "ok"}


@SQLITE_ONLY  # the limiter is in the service, whatever the store
def test_a_client_that_calls_too_fast_is_told_when_to_come_back(settings: Settings) -> None:
    limited = replace(settings, rates={"api": Rate(1, 3)})
    with running(limited) as url, httpx.Client(base_url=url) as client:
        codes = [client.get("/healthz").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        slow = client.get("/healthz")
        assert slow.status_code == 429 and int(slow.headers["Retry-After"]) >= 1
        assert error_code(slow) == "too_many_requests"


@SQLITE_ONLY  # the limiter is in the service, whatever the store
def test_guessing_resume_codes_is_cut_off(settings: Settings) -> None:
    # The service's own limits, from the default general rate.
    with running(replace(settings, rate_limit=20)) as url, httpx.Client(base_url=url) as client:
        guesses = [
            client.post("/api/v1/sessions/resume", json={"resume_code": f"AAAA-AAAA-AAAA-{n:04}"})
            for n in range(12)
        ]
    codes = [g.status_code for g in guesses]
    assert codes[:10] == [404] * 10 and codes[10:] == [429, 429]


def _at_once(n: int, call: Any) -> list[httpx.Response]:
    """Run ``call(i)`` for i in 0..n-1 from n threads released together."""
    barrier = threading.Barrier(n)
    results: list[httpx.Response | None] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        results[i] = call(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(r is not None for r in results)
    return [r for r in results if r is not None]
