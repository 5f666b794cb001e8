"""The filer API's OpenAPI document: valid, complete, and true to what the service answers."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from assistant.channel import LocalChannel
from assistant.conversation import Conversation, Turn
from assistant.openapi import document
from assistant.terminal import PlainChat
from casestore import Store
from naevn.app import create_app
from naevn.settings import Settings
from statemachine.flows import intake

TODAY = date(2026, 11, 23)
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
SCRIPTS = sorted(GOLDEN.glob("*.in"))


@pytest.fixture
def conversation(tmp_path: Path) -> Conversation:
    store = Store.open(f"sqlite:///{tmp_path / 'naevn.db'}", tmp_path / "blobs")
    return Conversation(store, intake.engine(), lambda: TODAY)


def _validator(component: str) -> OAS31Validator:
    """A validator for one component schema, resolving references within the document."""
    schema = {"$ref": f"#/components/schemas/{component}", **document()}
    return OAS31Validator(schema)


def _problems(component: str, instance: Any) -> list[str]:
    return [error.message for error in _validator(component).iter_errors(instance)]


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
    documented = {
        (method.upper(), path)
        for path, item in document()["paths"].items()
        for method in item
        if method != "parameters"
    }
    assert served == documented


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


def test_a_started_session_matches_its_schema(conversation: Conversation) -> None:
    started = conversation.start("en")
    body = {
        "session": started.session,
        "token": started.token,
        "resume_code": started.resume_code,
        "turn": started.turn,
    }
    assert _problems("Started", body) == []
    resumed = conversation.resume(started.resume_code)
    assert (
        _problems(
            "Resumed", {"session": resumed.session, "token": resumed.token, "turn": resumed.turn}
        )
        == []
    )


def test_a_turn_missing_a_field_or_with_a_stray_one_is_caught(conversation: Conversation) -> None:
    turn = conversation.start("da").turn
    assert _problems("Turn", turn) == []
    assert _problems("Turn", {k: v for k, v in turn.items() if k != "version"})
    assert _problems("Turn", {**turn, "debug": True})
    assert _problems("Turn", {**turn, "input": {**turn["input"], "kind": "slider"}})
    assert _problems("Turn", {**turn, "case_number": "10005"})


class _Recorder(LocalChannel):
    """A local channel that keeps every turn it hands out."""

    def __init__(self, conversation: Conversation) -> None:
        super().__init__(conversation)
        self.turns: list[Turn] = []
        self.code: str | None = None

    def start(self, lang: str) -> tuple[str, str, Turn]:
        session, code, turn = super().start(lang)
        self.code = code
        self.turns.append(turn)
        return session, code, turn

    def resume(self, code: str) -> tuple[str, Turn]:
        session, turn = super().resume(code)
        self.turns.append(turn)
        return session, turn

    def answer(self, session: str, answer: Any, resume_code: str | None) -> Turn:
        turn = super().answer(session, answer, resume_code)
        self.turns.append(turn)
        return turn


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_every_turn_of_a_whole_filing_matches_the_turn_schema(
    conversation: Conversation, script: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The golden transcripts name their files relative to the folder they are run from.
    monkeypatch.chdir(GOLDEN / "files")
    channel = _Recorder(conversation)
    lang = script.stem.rsplit(".", 1)[1]
    for number, part in enumerate(script.read_text(encoding="utf-8").split("--- resume ---\n")):
        chat = PlainChat(channel, io.StringIO(part), io.StringIO(), echo=False)
        assert chat.run(lang, channel.code if number else None) == 0
    assert len(channel.turns) >= 5
    for turn in channel.turns:
        assert _problems("Turn", turn) == [], turn["state"]


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
    assert (_problems("Answer", answer) == []) is valid
