"""The filer API's OpenAPI document: valid, complete, and true to what the service answers.

The service runs as ``naevn serve`` builds it (``create_app``) on a real socket; every
response its HTTP clients get here is checked against the document: the operation and the
status must be documented, the JSON body must match the status's schema, and the documented
headers must be there.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from assistant.api.openapi import document
from assistant.chat.remote import HttpChannel
from assistant.chat.terminal import PlainChat
from assistant.protocol import Turn
from assistant.web import routes as web_pages
from assistant.web.mine import routes as mine_pages
from console.public import routes as register_pages
from naevn.settings import Settings
from naevn.web.app import create_app
from naevn.web.limits import Rate
from naevn.web.openapi import document as served_document
from tests import samples
from tests.service import running

TODAY = date(2026, 11, 23)
GOLDEN = Path(__file__).resolve().parents[2] / "golden"
SCRIPTS = sorted(GOLDEN.glob("*.in"))
PDF = samples.pdf("a test document")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A service on a store of its own, with a frozen today and no rate limits."""
    return Settings(
        db=f"sqlite:///{tmp_path / 'naevn.db'}",
        data_dir=tmp_path / "data",
        today=TODAY,
        rate_limit=0,
    )


def _resolved(node: dict[str, Any]) -> dict[str, Any]:
    """A document node with its ``$ref`` (if it is one) followed."""
    while "$ref" in node:
        found: Any = document()
        for step in node["$ref"].removeprefix("#/").split("/"):
            found = found[step]
        node = found
    return node


def _problems(schema: dict[str, Any], instance: Any) -> list[str]:
    """What is wrong with ``instance`` against ``schema``, references resolved in the document."""
    validator = OAS31Validator({**document(), **schema})
    return [error.message for error in validator.iter_errors(instance)]


def _component(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _template(path: str) -> re.Pattern[str]:
    """A pattern matching the request paths a documented path (``/a/{id}/b``) stands for."""
    parts = re.split(r"(\{[^}]+\})", path)
    return re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))


_PATHS = sorted(document()["paths"], key=lambda path: (path.count("{"), path))
"""The documented paths, literal ones before templated ones (``resume`` is not an ``{id}``)."""


def _operation(method: str, path: str) -> dict[str, Any] | None:
    """The documented operation a request is for, if any."""
    for template in _PATHS:
        if _template(template).fullmatch(path):
            operation: dict[str, Any] | None = document()["paths"][template].get(method.lower())
            return operation
    return None


@dataclass
class Contract:
    """Checks each response a client gets against the document, and keeps what it saw."""

    problems: list[str] = field(default_factory=list)
    """Every way a response strayed from the document, as ``METHOD path status: what``."""
    seen: set[tuple[str, int]] = field(default_factory=set)
    """(operationId, status) of every response checked; a request that no operation takes
    counts as ``unrouted``."""
    bodies: list[tuple[str, Any]] = field(default_factory=list)
    """(schema name, body) of every JSON body checked."""

    def check(self, response: httpx.Response) -> None:
        """The httpx response hook: check one response (its body is read here)."""
        response.read()
        request = response.request
        where = f"{request.method} {request.url.path} {response.status_code}"
        operation = _operation(request.method, request.url.path)
        if operation is None:
            # No such operation: aiohttp's own 404 or 405, which must still be our error.
            self.seen.add(("unrouted", response.status_code))
            spec = _resolved(document()["components"]["responses"]["404"])
        elif str(response.status_code) in operation["responses"]:
            self.seen.add((operation["operationId"], response.status_code))
            spec = _resolved(operation["responses"][str(response.status_code)])
        else:
            self.problems.append(f"{where}: status not documented")
            return
        for name, header in spec.get("headers", {}).items():
            if _resolved(header).get("required") and name not in response.headers:
                self.problems.append(f"{where}: no {name} header")
        if response.status_code == 429 and not response.headers.get("Retry-After", "").isdigit():
            self.problems.append(f"{where}: Retry-After is not whole seconds")
        schema = spec["content"]["application/json"]["schema"]
        if not response.headers.get("Content-Type", "").startswith("application/json"):
            self.problems.append(f"{where}: not JSON ({response.headers.get('Content-Type')})")
            return
        body = response.json()
        self.bodies.append((schema["$ref"].rsplit("/", 1)[1], body))
        self.problems += [f"{where}: {problem}" for problem in _problems(schema, body)]


@pytest.fixture
def contract() -> Contract:
    return Contract()


@pytest.fixture
def api(settings: Settings, contract: Contract) -> Iterator[httpx.Client]:
    """An HTTP client of a running service whose every response the contract checks."""
    with (
        running(settings) as url,
        httpx.Client(
            base_url=url, timeout=30, event_hooks={"response": [contract.check]}
        ) as client,
    ):
        yield client


def test_the_document_is_valid_openapi_3_1() -> None:
    validate(document(), cls=OpenAPIV31SpecValidator)
    assert document()["openapi"].startswith("3.1")


def test_every_route_of_the_service_is_documented_and_nothing_else(tmp_path: Path) -> None:
    # The routes are mounted when the app is built; the store opens only when it starts.
    app = create_app(Settings(db=f"sqlite:///{tmp_path / 'naevn.db'}", data_dir=tmp_path))
    served = {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.method != "HEAD" and route.resource is not None
    }
    # The citizen's HTML pages are pages, not API: they are served exactly as their tables
    # say, and are not in the document.
    pages = {
        (route.method, route.path)
        for route in (*web_pages.ROUTES, *mine_pages.ROUTES, *register_pages.PAGES)
    }
    documented = {
        (method.upper(), path)
        for path, item in served_document()["paths"].items()
        for method in item
        if method != "parameters"
    }
    assert served - pages == documented
    assert pages <= served
    assert not any(path.startswith("/api/") for _, path in pages)


def test_every_error_response_has_a_request_id_and_429_says_when_to_retry() -> None:
    doc = document()
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            statuses = set(operation["responses"])
            assert {"429", "500"} <= statuses, (method, path)
    responses = doc["components"]["responses"]
    assert all("X-Request-Id" in response["headers"] for response in responses.values())
    assert "Retry-After" in responses["429"]["headers"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_every_operation_answers_as_documented_when_it_works_and_when_it_refuses(
    api: httpx.Client, contract: Contract
) -> None:
    assert api.get("/healthz").status_code == 200
    # The service serves the filer API's document merged with the staff API's.
    assert api.get("/api/v1/openapi.json").json() == served_document()

    started = api.post("/api/v1/sessions", json={"lang": "en"}).json()
    other = api.post("/api/v1/sessions").json()  # no body: Danish
    assert api.post("/api/v1/sessions", json={"lang": "de"}).status_code == 422
    assert api.post("/api/v1/sessions", content=b"[1]").status_code == 400
    assert api.post("/api/v1/sessions", json={"lang": "x" * 300_000}).status_code == 413

    session = f"/api/v1/sessions/{started['session']}"
    mine, theirs = bearer(started["token"]), bearer(other["token"])
    assert api.get(session, headers=mine).json() == started["turn"]
    assert api.get(session).status_code == 401
    assert api.get(session, headers=theirs).status_code == 403
    assert api.get("/api/v1/sessions/s_nosuchsessionxxxxxxxx", headers=mine).status_code == 404

    answers = f"{session}/answers"
    answered = api.post(answers, json={"value": "en", "version": 1}, headers=mine)
    assert answered.status_code == 200
    stale = api.post(answers, json={"value": "da", "version": 1}, headers=mine)
    assert stale.status_code == 409 and stale.json()["turn"] == answered.json()
    assert api.post(answers, content=b"value=en", headers=mine).status_code == 400
    keyed = mine | {"Idempotency-Key": "k-1"}
    assert api.post(answers, json={"action": "help"}, headers=keyed).status_code == 200
    assert api.post(answers, json={"action": "back"}, headers=keyed).status_code == 422
    assert api.post(answers, json={"value": "x" * 300_000}, headers=mine).status_code == 413
    assert api.post(answers, json={"value": "en"}).status_code == 401

    attachments = f"{session}/attachments"
    upload = api.post(attachments, files={"file": ("lease.pdf", PDF)}, headers=mine)
    assert upload.status_code == 201
    program = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)
    refused = api.post(attachments, files={"file": ("a.pdf", program)}, headers=mine)
    assert refused.status_code == 415
    unnamed = api.post(attachments, files={"document": ("a.pdf", PDF)}, headers=mine)
    assert unnamed.status_code == 422
    assert api.post(attachments, json={"file": "a.pdf"}, headers=mine).status_code == 400
    assert api.post(attachments, files={"file": ("a.pdf", PDF)}).status_code == 401

    resumed = api.post("/api/v1/sessions/resume", json={"resume_code": started["resume_code"]})
    assert resumed.status_code == 200
    wrong = api.post("/api/v1/sessions/resume", json={"resume_code": "AAAA-BBBB-CCCC-DDDD"})
    assert wrong.status_code == 404
    assert api.post("/api/v1/sessions/resume", json={}).status_code == 422
    assert api.get(session, headers=mine).status_code == 403  # resuming ended the old token

    assert api.get("/api/v1/nothing").status_code == 404
    assert api.delete("/api/v1/sessions").status_code == 405

    assert contract.problems == []
    assert {
        ("health", 200),
        ("openapi", 200),
        *[("start", s) for s in (201, 400, 413, 422)],
        *[("current", s) for s in (200, 401, 403, 404)],
        *[("answer", s) for s in (200, 400, 401, 409, 413, 422)],
        *[("attach", s) for s in (201, 400, 401, 415, 422)],
        *[("resume", s) for s in (200, 404, 422)],
        ("unrouted", 404),
        ("unrouted", 405),
    } <= contract.seen
    assert "Error" in {name for name, _ in contract.bodies}


def test_a_client_over_its_limit_gets_a_documented_429(
    settings: Settings, contract: Contract
) -> None:
    trickle = Rate(0.01, 1)
    limited = replace(settings, rates={"api": trickle, "start": trickle, "resume": trickle})
    hooks = {"response": [contract.check]}
    with running(limited) as url, httpx.Client(base_url=url, event_hooks=hooks) as client:
        for method, path, body in (
            ("GET", "/healthz", None),
            ("POST", "/api/v1/sessions", {"lang": "en"}),
            ("POST", "/api/v1/sessions/resume", {"resume_code": "AAAA"}),
        ):
            statuses = [client.request(method, path, json=body).status_code for _ in range(2)]
            assert statuses[1] == 429, path
    assert contract.problems == []
    assert {("health", 429), ("start", 429), ("resume", 429)} <= contract.seen


def test_a_turn_missing_a_field_or_with_a_stray_one_is_caught(api: httpx.Client) -> None:
    turn = api.post("/api/v1/sessions", json={"lang": "da"}).json()["turn"]
    schema = _component("Turn")
    assert _problems(schema, turn) == []
    assert _problems(schema, {k: v for k, v in turn.items() if k != "version"})
    assert _problems(schema, {**turn, "debug": True})
    assert _problems(schema, {**turn, "input": {**turn["input"], "kind": "slider"}})
    assert _problems(schema, {**turn, "case_number": "10005"})


class _Recorder(HttpChannel):
    """The chat's HTTP channel, keeping the resume code it is given."""

    code: str | None = None

    def start(self, lang: str) -> tuple[str, str, Turn]:
        session, code, turn = super().start(lang)
        self.code = code
        return session, code, turn


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_every_response_of_a_whole_filing_over_http_matches_the_document(
    settings: Settings, contract: Contract, script: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The golden transcripts name their files relative to the folder they are run from.
    monkeypatch.chdir(GOLDEN / "files")
    lang = script.stem.rsplit(".", 1)[1]
    with (
        running(settings) as url,
        httpx.Client(timeout=30, event_hooks={"response": [contract.check]}) as client,
    ):
        channel = _Recorder(url, client, lang=lang)
        for number, part in enumerate(script.read_text(encoding="utf-8").split("--- resume ---\n")):
            chat = PlainChat(channel, io.StringIO(part), io.StringIO(), echo=False, server=url)
            assert chat.run(lang, channel.code if number else None) == 0
    assert contract.problems == []
    turns = [body for name, body in contract.bodies if name == "Turn"]
    assert len(turns) >= 5
    filed = [turn for turn in turns if turn["done"]]
    if not script.stem.startswith("out_of_scope"):
        # A whole filing: its documents uploaded, and the receipt with its case number.
        assert filed and filed[-1]["case_number"] and ("attach", 201) in contract.seen


@pytest.mark.parametrize(
    ("answer", "valid"),
    [
        ({"value": "tenant"}, True),
        ({"value": [{"attachment": "a_x"}], "version": 3}, True),
        ({"value": None}, True),
        ({"action": "back"}, True),
        ({"action": "edit", "target": "ask_role", "version": 0}, True),
        ({"action": "edit"}, False),
        ({"action": "jump"}, False),
        ({"value": 1, "action": "back"}, False),
        ({"value": 1, "version": "3"}, False),
        ({}, False),
    ],
)
def test_the_answer_schema_takes_a_value_an_action_or_an_edit(
    answer: dict[str, Any], valid: bool
) -> None:
    assert (_problems(_component("Answer"), answer) == []) is valid
