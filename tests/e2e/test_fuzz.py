"""Fuzzing a running ``naevn serve`` from its OpenAPI document: no 5xx, every answer as documented.

schemathesis generates requests from ``assistant.api.openapi.document()`` (valid ones, and
deliberately invalid ones) and checks each response's status, content type, headers and body
against the document. Some requests carry a real session's id and bearer token, so answers and
uploads reach the dialogue; others carry another session's token, a made-up one, a malformed
header or none. The run is bounded and derandomized: the same requests every time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS31Validator
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from assistant.api.openapi import document
from naevn.web.openapi import document as served_document
from tests import samples
from tests.assistant.service.test_conversation import TO_DOCUMENTS
from tests.pgserver import PgServer
from tests.service import service_env, spawn

EXAMPLES = int(os.environ.get("NAEVN_FUZZ_EXAMPLES", "50"))
"""Requests per operation and generation mode (12 runs); ``NAEVN_FUZZ_EXAMPLES`` raises it for
a deeper local run."""

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
"""What every response must pass: no 5xx, and status, content type, headers and body as
documented."""


def _operations() -> dict[str, APIOperation[Any, Any, Any, Any]]:
    """The document's operations by label, such as ``GET /healthz``."""
    found = {}
    for result in schemathesis.openapi.from_dict(document()).get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        operation = result.ok()
        found[operation.label] = operation
    return found


OPERATIONS = _operations()


PDF = samples.PDF

CREDENTIALS = ("own", "other", "unknown", "malformed", "none", "generated")
"""Which Authorization header a request carries: its session's token, another session's, a
well-formed token of no session, a non-bearer header, none, or whatever was generated."""


@dataclass(frozen=True)
class Session:
    """A session the fuzzer may call with its real token."""

    id: str
    token: str


@dataclass(frozen=True)
class Service:
    """A running service, and what was set up in it before fuzzing."""

    url: str
    log: list[dict[str, Any]]
    """The service's log lines so far."""
    sessions: list[Session]
    """A fresh session, one at a file question, and one filed (submitted)."""
    resume_code: str
    """The code of a further session, kept apart: resuming it replaces its token."""
    attachment: str
    """An uploaded file of the session at the file question."""


def _start(client: httpx.Client) -> tuple[Session, str]:
    response = client.post("/api/v1/sessions", json={"lang": "en"})
    assert response.status_code == 201, response.text
    body = response.json()
    return Session(body["session"], body["token"]), body["resume_code"]


def _answer(client: httpx.Client, session: Session, value: Any) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/sessions/{session.id}/answers",
        json={"value": value},
        headers={"Authorization": f"Bearer {session.token}"},
    )
    assert response.status_code == 200, response.text
    turn: dict[str, Any] = response.json()
    assert turn["errors"] == [], (turn["state"], value, turn["errors"])
    return turn


def _upload(client: httpx.Client, session: Session) -> str:
    response = client.post(
        f"/api/v1/sessions/{session.id}/attachments",
        files={"file": ("lease.pdf", PDF, "application/pdf")},
        headers={"Authorization": f"Bearer {session.token}"},
    )
    assert response.status_code == 201, response.text
    return str(response.json()["attachment"]["id"])


def _file(client: httpx.Client, session: Session) -> dict[str, Any]:
    """Take a new session through to a submitted filing."""
    for value in TO_DOCUMENTS:
        turn = _answer(client, session, value)
    while turn["state"] in ("ask_attachment", "ask_attachment_reason"):
        if turn["state"] == "ask_attachment_reason":
            turn = _answer(client, session, "Not made")
            continue
        required = turn["input"]["required"]
        turn = _answer(
            client, session, {"attachment": _upload(client, session)} if required else "missing"
        )
    for value in ["Anna Jensen", True, "anna@example.dk", "", None, "continue", True]:
        turn = _answer(client, session, value)
    assert turn["done"] and turn["case_number"], turn
    return turn


@pytest.fixture(scope="module", params=["sqlite", "pg"])
def store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh store for the module's service: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'naevn.db'}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create_database(template=request.getfixturevalue("pg_template"))
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture(scope="module")
def service(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """A real service on a fresh store, with sessions at three stages."""
    tmp = tmp_path_factory.mktemp("fuzz")
    served = spawn(service_env(store_url, tmp / "data"))
    try:
        with httpx.Client(base_url=served.url, timeout=30) as client:
            fresh, _ = _start(client)
            at_files, _ = _start(client)
            for value in TO_DOCUMENTS:
                _answer(client, at_files, value)
            attachment = _upload(client, at_files)
            filed, _ = _start(client)
            _file(client, filed)
            _, resume_code = _start(client)
        yield Service(served.url, served.log, [fresh, at_files, filed], resume_code, attachment)
    finally:
        served.stop()


def _problems(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The service's log lines at warning level or above (an unexpected error, a 5xx)."""
    return [line for line in log if line.get("level") in ("warning", "error", "critical")]


def test_the_service_serves_this_document(service: Service) -> None:
    response = httpx.get(f"{service.url}/api/v1/openapi.json", timeout=30)
    assert response.status_code == 200
    # The filer API's document, merged with the staff API's (tests/console/api fuzzes that).
    assert response.json() == served_document()


RUNS = [
    pytest.param(label, mode, id=f"{label} {mode.value}")
    for label, operation in OPERATIONS.items()
    for mode in GenerationMode
    # An operation that takes nothing has nothing to send invalid.
    if mode is GenerationMode.POSITIVE or operation.method == "post" or "{" in operation.path
]


@pytest.mark.parametrize(("label", "mode"), RUNS)
def test_fuzzed_requests_get_documented_answers(
    service: Service, label: str, mode: GenerationMode
) -> None:
    operation = OPERATIONS[label]
    takes_id = "{id}" in operation.path
    sessions = service.sessions

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(
        case=operation.as_strategy(generation_mode=mode),
        credentials=st.sampled_from(CREDENTIALS),
        which=st.integers(min_value=0, max_value=len(sessions)),
    )
    def call(case: schemathesis.Case[Any], credentials: str, which: int) -> None:
        # ``which == len(sessions)`` keeps the generated session id, which names no session.
        own = sessions[which % len(sessions)]
        if takes_id and which < len(sessions):
            case.path_parameters["id"] = own.id
        # Session 1 stands at a file question: answer it with its own upload now and then.
        if label == "POST /api/v1/sessions/{id}/answers" and which == 1 and credentials == "own":
            case.body = {"value": {"attachment": service.attachment}}
        if label == "POST /api/v1/sessions/resume" and credentials == "own":
            case.body = {"resume_code": service.resume_code}
        headers = {
            "own": f"Bearer {own.token}",
            "other": f"Bearer {sessions[(which + 1) % len(sessions)].token}",
            "unknown": "Bearer " + "x" * 43,
            "malformed": f"Basic {own.token}",
        }
        if credentials == "none":
            case.headers.pop("Authorization", None)
        elif credentials in headers:
            case.headers["Authorization"] = headers[credentials]
        response = case.call(base_url=service.url, timeout=30)
        case.validate_response(response, checks=CHECKS)

    logged = len(service.log)
    call()
    assert _problems(service.log[logged:]) == []


def _multipart(disposition: bytes) -> bytes:
    return (
        b'--zz\r\nContent-Disposition: form-data; name="file"; '
        + disposition
        + b"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--zz--\r\n"
    )


JSON = {"Content-Type": "application/json"}

HOSTILE = [
    pytest.param(
        "answers",
        [],
        JSON,
        b'{"value": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        id="deeply nested JSON",
    ),
    pytest.param("answers", [], JSON, b'{"value": ' + b"9" * 5000 + b"}", id="a 5000-digit number"),
    pytest.param(
        "answers",
        [],
        {**JSON, "Idempotency-Key": "k1"},
        b'{"value": "\\ud800"}',
        id="a lone surrogate under an idempotency key",
    ),
    pytest.param(
        "answers",
        TO_DOCUMENTS[:5],
        JSON,
        b'{"value": "\\ud800"}',
        id="a lone surrogate the turn's error quotes",
    ),
    pytest.param(
        "answers",
        TO_DOCUMENTS,
        JSON,
        b'{"value": {"path": "/etc/passwd"}}',
        id="a file on the server's own disk",
    ),
    pytest.param("", [], {"Authorization": b"Bearer \xff"}, None, id="a token that is not UTF-8"),
    pytest.param(
        "attachments",
        [],
        {"Content-Type": "multipart/form-data; boundary=zz"},
        _multipart(b'filename="\xff.txt"'),
        id="a file name that is not UTF-8",
    ),
]


@pytest.mark.parametrize(("call", "walk", "headers", "body"), HOSTILE)
def test_hostile_requests_are_refused_not_crashed(
    service: Service,
    call: str,
    walk: list[Any],
    headers: dict[str, str | bytes],
    body: bytes | None,
) -> None:
    with httpx.Client(base_url=service.url, timeout=30) as client:
        session, _ = _start(client)
        for value in walk:
            _answer(client, session, value)
        wanted = {"Authorization": f"Bearer {session.token}", **headers}
        sent = {k.encode(): v if isinstance(v, bytes) else v.encode() for k, v in wanted.items()}
        path = "/api/v1/sessions/{id}" + (f"/{call}" if call else "")
        method = "GET" if body is None else "POST"
        response = client.request(
            method, path.replace("{id}", session.id), headers=sent, content=body
        )
    documented = document()["paths"][path][method.lower()]["responses"]
    assert response.status_code < 500, response.text
    assert str(response.status_code) in documented, response.text
    problems = _validator(documented[str(response.status_code)]).iter_errors(response.json())
    assert [p.message for p in problems] == []
    if call == "answers" and response.status_code == 200:
        # Refused as bad input: the same question again, saying what was wrong.
        assert response.json()["errors"]


def _validator(response: dict[str, Any]) -> OAS31Validator:
    """A validator for the JSON body of one documented response."""
    doc = document()
    if "$ref" in response:
        response = doc["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return OAS31Validator({**response["content"]["application/json"]["schema"], **doc})
