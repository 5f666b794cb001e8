"""``naevn chat --server URL`` against a real ``naevn serve``: the same screens as the local chat.

Every golden transcript is replayed over HTTP and must read exactly like the embedded chat's
golden output, down to the case number and the files the case holds.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.chat.plaintext import ACTION_WORDS, interpret
from assistant.chat.remote import UNREACHABLE
from locales import translator
from statemachine.text import t
from tests.assistant.api.test_api import answer, start, walk_to
from tests.conftest import Naevn
from tests.service import Served, spawn
from tests.test_transcripts import (
    FILES,
    GOLDEN,
    SCENARIOS,
    assert_filed,
    masked,
    transcript,
)


@pytest.fixture
def service(naevn_env: dict[str, str]) -> Iterator[Served]:
    """A service on the same store as the ``naevn`` fixture's commands."""
    served = spawn(dict(naevn_env, NAEVN_RATE_LIMIT="0"))
    yield served
    served.stop()
    assert [entry for entry in served.log if entry.get("level") == "error"] == []


@pytest.fixture
def local(tmp_path: Path) -> list[str]:
    """Options for an embedded chat on a store of its own, apart from the service's."""
    return ["--db", f"sqlite:///{tmp_path / 'local.db'}", "--data-dir", str(tmp_path / "local")]


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    """The golden files, and some a filer should not get through."""
    folder = tmp_path / "papers"
    shutil.copytree(FILES, folder)
    with zipfile.ZipFile(folder / "bundle.zip", "w") as bundle:
        bundle.write(FILES / "varsling.pdf", "varsling.pdf")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "run.sh").write_text("#!/bin/sh\necho hello\n", encoding="utf-8")
    (folder / "scans").mkdir()
    return folder


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_golden_transcript_reads_the_same_over_http(
    naevn: Naevn, service: Served, scenario: str, lang: str
) -> None:
    screen = transcript(naevn, scenario, lang, "--server", service.url)
    # The one difference: the command to continue later names the service.
    resume_here = f"naevn chat --server {service.url} --resume "
    assert ("--resume " in screen) == (resume_here in screen)
    screen = screen.replace(resume_here, "naevn chat --resume ")
    assert screen == (GOLDEN / f"{scenario}.{lang}.out").read_text(encoding="utf-8")
    assert_filed(naevn, scenario, screen)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_refused_files_read_as_in_the_local_chat(
    naevn: Naevn, service: Served, local: list[str], papers: Path, lang: str
) -> None:
    script = (GOLDEN / f"tenant_rent_increase.{lang}.in").read_text(encoding="utf-8")
    tries = "nowhere.pdf\nempty.pdf\nbundle.zip\nrun.sh\nscans\n"
    script = script.replace("varsling.pdf\n", tries + "varsling.pdf\n", 1)
    here = naevn("chat", "--lang", lang, *local, input=script, cwd=papers)
    there = naevn("chat", "--lang", lang, "--server", service.url, input=script, cwd=papers)
    assert (there.returncode, there.stderr) == (here.returncode, here.stderr) == (0, "")
    assert masked(there.stdout) == masked(here.stdout)
    tr = translator(lang)
    for reason in (
        t("There is no file at {path}. Check the path and try again.", path="nowhere.pdf"),
        t("The file {name} is empty.", name="empty.pdf"),
        t(
            "{name} is an archive. Archives (such as ZIP files) are not accepted. "
            "Please upload the documents themselves.",
            name="bundle.zip",
        ),
        t("{name} is a program or script. Programs are not accepted.", name="run.sh"),
        t("{name} is a folder. Please choose the files inside it.", name="scans"),
    ):
        assert tr.render(reason) in there.stdout
    assert "101-10001" in there.stdout


def test_json_turns_are_the_local_chats(
    naevn_env: dict[str, str], service: Served, local: list[str]
) -> None:
    script = (GOLDEN / "tenant_rent_increase.en.in").read_text(encoding="utf-8").splitlines()
    here = json_chat(naevn_env, ["--lang", "en", *local], script)
    there = json_chat(naevn_env, ["--lang", "en", "--server", service.url], script)
    assert there[-1]["done"] and there[-1]["case_number"] == "101-10001"
    assert [comparable(turn) for turn in there] == [comparable(turn) for turn in here]


@pytest.mark.parametrize("mode", [[], ["--json"]])
def test_an_unknown_resume_code_reads_as_in_the_local_chat(
    naevn: Naevn, service: Served, local: list[str], mode: list[str]
) -> None:
    code = ["--lang", "en", "--resume", "AAAA-BBBB-CCCC-DDDD", *mode]
    here = naevn("chat", *code, *local)
    there = naevn("chat", *code, "--server", service.url)
    assert there.returncode == here.returncode == 2
    assert there.stdout == here.stdout and len(there.stdout.splitlines()) == 1


@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_service_at_the_address_is_one_plain_line_and_status_2(naevn: Naevn, lang: str) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{free.getsockname()[1]}"
    result = naevn("chat", "--lang", lang, "--server", url, input="1\n")
    assert result.returncode == 2
    assert result.stdout == translator(lang).render(t(UNREACHABLE, url=url)) + "\n"
    assert result.stderr == ""


def test_a_local_store_and_a_server_at_once_is_a_usage_error(naevn: Naevn) -> None:
    result = naevn("chat", "--server", "http://127.0.0.1:9", "--db", "sqlite:///x.db")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("naevn: --db") and len(result.stderr.splitlines()) == 1


def test_the_service_never_attaches_a_file_from_its_own_disk(
    service: Served, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the service's own file\n", encoding="utf-8")
    with httpx.Client(base_url=service.url, timeout=30) as api:
        started = start(api)
        turn = walk_to(api, started, "ask_attachment", tmp_path)
        response = answer(
            api, started, {"value": {"path": str(secret)}, "version": turn["version"]}
        )
    assert response.status_code == 422 or (
        response.status_code == 200 and response.json()["errors"]
    )


def json_chat(env: dict[str, str], options: list[str], script: list[str]) -> list[dict[str, Any]]:
    """Drive ``naevn chat --json`` turn by turn, each answer made from the plain script's
    next line as the plain chat would (several lines for a long text)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "naevn.cli", "chat", "--json", *options],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=FILES,
    )
    assert proc.stdin is not None and proc.stdout is not None
    turns = [json.loads(proc.stdout.readline())]
    lines = iter(script)
    for line in lines:
        typed = [line]
        many = turns[-1]["input"]["kind"] == "long_text"
        if many and line.strip() and line.strip().lower() not in ACTION_WORDS:
            typed += list(_until_blank(lines))
        reply = interpret("\n".join(typed), turns[-1])
        proc.stdin.write(json.dumps(reply, ensure_ascii=False) + "\n")
        proc.stdin.flush()
        turns.append(json.loads(proc.stdout.readline()))
        if turns[-1]["done"]:
            break
    proc.stdin.close()
    assert proc.wait(60) == 0 and proc.stdout.read() == ""
    proc.stdout.close()
    return turns


def _until_blank(lines: Iterator[str]) -> Iterator[str]:
    for more in lines:
        if not more.strip():
            return
        yield more


def comparable(turn: dict[str, Any]) -> dict[str, Any]:
    """A turn without what differs between two stores by chance: the session id, and the
    filed case's access code (random), which is kept only in its shape."""
    kept = {key: value for key, value in turn.items() if key not in ("session", "version")}
    if "access_code" in kept:
        assert ACCESS_CODE.fullmatch(kept["access_code"]), kept["access_code"]
        code = kept.pop("access_code")
        kept["messages"] = [line.replace(code, "XXXX-XXXX-XXXX-XXXX") for line in kept["messages"]]
    return kept


ACCESS_CODE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}")
"""An access code for Mine sager as a filed turn carries it."""
