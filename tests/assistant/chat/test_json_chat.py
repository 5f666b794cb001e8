"""``naevn chat --json``: one answer per line in, one turn per line out, through a subprocess."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import Naevn


def _turns(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_turn_protocol_fields_and_progress(naevn: Naevn) -> None:
    lines = ['{"value": "en"}', '{"value": true}', '{"action": "help"}']
    result = naevn("chat", "--json", "--lang", "da", input="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    first, second, third, fourth = _turns(result.stdout)
    assert set(first) >= {
        "session",
        "state",
        "messages",
        "prompt",
        "help",
        "input",
        "errors",
        "progress",
        "actions",
        "done",
        "case_number",
    }
    assert first["state"] == "ask_language" and first["lang"] == "da"
    assert [o["id"] for o in first["input"]["options"]] == ["da", "en"]
    assert second["state"] == "show_privacy" and second["lang"] == "en"
    assert third["state"] == "ask_role" and third["progress"] == {
        "step": 2,
        "total": 11,
        "title": "About you",
    }
    assert fourth["state"] == "ask_role" and fourth["messages"], "help is shown"
    assert all(t["session"] == first["session"] for t in (second, third, fourth))


def test_bad_lines_come_back_as_errors_on_the_same_turn(naevn: Naevn) -> None:
    lines = ["this is not json", '{"value": "klingon"}', '{"action": "fly"}', '{"value": "en"}']
    result = naevn("chat", "--json", input="\n".join(lines) + "\n")
    turns = _turns(result.stdout)
    assert [t["state"] for t in turns] == ["ask_language"] * 4 + ["show_privacy"]
    assert all(t["errors"] for t in turns[1:4])
    assert turns[4]["errors"] == []


def test_unknown_resume_code_exits_2(naevn: Naevn) -> None:
    result = naevn("chat", "--json", "--resume", "AAAA-BBBB-CCCC-DDDD")
    assert result.returncode == 2


def test_resume_continues_where_the_filer_left(naevn: Naevn) -> None:
    first = naevn("chat", "--json", input='{"value": "en"}\n{"value": true}\n{"action": "save"}\n')
    saved = _turns(first.stdout)[-1]
    [code] = [m.rsplit(" ", 1)[-1] for m in saved["messages"] if "code:" in m]
    again = naevn("chat", "--json", "--resume", code.lower(), input="")
    [turn] = _turns(again.stdout)
    assert turn["state"] == "ask_role" and turn["session"] == saved["session"]


def test_bytes_in_another_encoding_do_not_crash_the_chat(naevn_env: dict[str, str]) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    latin1_address = "Nørregade 1".encode("latin-1")
    result = subprocess.run(
        [sys.executable, "-m", "naevn.cli", "chat"],
        input=b"1\nja\n1\n1\n" + latin1_address + b"\n",
        capture_output=True,
        env=naevn_env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "postnummer" in result.stdout.decode(), "the address was taken and the chat went on"


def test_ctrl_c_writes_the_resume_code_as_the_last_line(naevn_env: dict[str, str]) -> None:
    import signal
    import subprocess
    import sys

    chat = subprocess.Popen(
        [sys.executable, "-m", "naevn.cli", "chat", "--json", "--lang", "en"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=naevn_env,
        text=True,
    )
    try:
        assert chat.stdin is not None and chat.stdout is not None
        chat.stdin.write('{"value": "en"}\n')
        chat.stdin.flush()
        chat.stdout.readline()  # the language question
        second = chat.stdout.readline()
        chat.send_signal(signal.SIGINT)
        rest, errors = chat.communicate(timeout=30)
    finally:
        chat.kill()
        chat.wait(timeout=30)
    assert chat.returncode == 130 and "Traceback" not in errors
    session = json.loads(second)["session"]
    last = _turns(rest)[-1]["interrupted"]
    assert last["session"] == session
    resumed = subprocess.run(
        [sys.executable, "-m", "naevn.cli", "chat", "--json", "--resume", last["resume_code"]],
        input="",
        capture_output=True,
        text=True,
        env=naevn_env,
        timeout=60,
        check=False,
    )
    [turn] = _turns(resumed.stdout)
    assert turn["session"] == session and turn["state"] == json.loads(second)["state"]
