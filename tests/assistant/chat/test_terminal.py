"""The plain chat as a new user meets it: Ctrl-C saves, the resume command works when pasted,
drag-and-drop paths and "I don't have it" are understood, each file is confirmed, and text
typed where no answer is asked is not dropped in silence."""

from __future__ import annotations

import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.chat.plaintext import interpret, unquoted
from assistant.protocol import Turn
from tests.conftest import Naevn
from tests.service import service_env, spawn

GOLDEN = Path(__file__).parents[2] / "golden"
TYPED = (GOLDEN / "tenant_rent_increase.en.in").read_text(encoding="utf-8").splitlines()
"""The English tenant's filing: line 16 is the deadline screen's Enter, 24-26 the files."""
SAVED = re.compile(
    r"^Your answers are saved\. To continue later, run: (.+ chat (?:.+ )?--resume \S+)$", re.M
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding the golden files, where the chat runs."""
    for sample in (GOLDEN / "files").iterdir():
        shutil.copy(sample, tmp_path)
    return tmp_path


@pytest.mark.parametrize("remote", [False, True], ids=["embedded", "server"])
def test_ctrl_c_saves_and_the_printed_command_continues_when_pasted(
    naevn_env: dict[str, str], folder: Path, tmp_path_factory: pytest.TempPathFactory, remote: bool
) -> None:
    served = None
    server: list[str] = []
    if remote:
        place = tmp_path_factory.mktemp("service")
        served = spawn(service_env(f"sqlite:///{place / 'naevn.db'}", place / "data"))
        server = ["--server", served.url]
    try:
        _interrupted_and_pasted(naevn_env, folder, server)
    finally:
        if served is not None:
            served.stop()


def _interrupted_and_pasted(naevn_env: dict[str, str], folder: Path, server: list[str]) -> None:
    """Ctrl-C at the fifth question, then the printed command pasted in the same folder."""
    chat = subprocess.Popen(
        [sys.executable, "-m", "naevn.cli", "chat", "--lang", "en", *server],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=naevn_env,
        cwd=folder,
    )
    try:
        assert chat.stdin is not None and chat.stdout is not None
        chat.stdin.write("\n".join(TYPED[:5]).encode() + b"\n")
        chat.stdin.flush()
        screen = _until(chat, "What is the postcode or the municipality of the home?")
        chat.send_signal(signal.SIGINT)
        rest, errors = chat.communicate(timeout=30)
    finally:
        chat.kill()
        chat.wait(timeout=30)
    screen += rest.decode()
    assert chat.returncode == 130, errors.decode()
    assert "Traceback" not in errors.decode()
    saved = SAVED.search(screen)
    assert saved is not None, screen[-400:]
    assert " ".join(server) in saved[1]
    pasted = subprocess.run(
        shlex.split(saved[1]),
        input=TYPED[5] + "\n",
        capture_output=True,
        text=True,
        env=naevn_env,
        cwd=folder,
        timeout=60,
        check=False,
    )
    assert pasted.returncode == 0, pasted.stderr
    assert "What is the postcode or the municipality of the home?" in pasted.stdout.split("> ")[0]


def test_save_prints_the_whole_command(naevn: Naevn, folder: Path) -> None:
    screen = naevn("chat", "--lang", "en", input="\n".join([*TYPED[:5], "save"]), cwd=folder)
    after_save = screen.stdout.split("> save\n")[1]
    assert "To continue later, use this code: " in after_save
    command = re.search(r"^To continue later, run: (.+)$", after_save, re.M)
    assert command is not None and re.search(r"naevn chat --resume \S+$", command[1])


def test_a_dragged_path_and_a_missing_document_in_words_are_understood(
    naevn: Naevn, folder: Path
) -> None:
    (folder / "my lease.txt").write_text("Lejekontrakt\n" * 100, encoding="utf-8")
    typed = [*TYPED[:23], f"'{folder / 'varsling.pdf'}'", '"my lease.txt"', "i dont have it"]
    screen = naevn("chat", "--lang", "en", input="\n".join(typed) + "\n", cwd=folder).stdout
    pdf = (folder / "varsling.pdf").stat().st_size
    assert pdf < 1024 and f"Received: varsling.pdf ({pdf} bytes)." in screen
    assert "Received: my lease.txt (1 kB)." in screen
    last = screen.split("> i dont have it\n")[1]
    assert "Please check your answer" not in last
    assert "Why can you not upload this document: Letters and emails" in last


def test_text_typed_where_no_answer_is_asked_is_not_dropped_in_silence(
    naevn: Naevn, folder: Path
) -> None:
    typed = [*TYPED[:15], "ok, thanks"]
    screen = naevn("chat", "--lang", "en", input="\n".join(typed) + "\n", cwd=folder).stdout
    after = screen.split("> ok, thanks\n")[1]
    assert after.startswith(
        "This step takes no answer, so what you typed was not used: ok, thanks\n"
    )
    assert "Part 6 of 11: The parties." in after


FILE: Turn = {
    "session": "s_terminal",
    "lang": "en",
    "state": "ask_document",
    "messages": [],
    "prompt": "Upload this document: The whole lease.",
    "help": None,
    "input": {"kind": "file", "required": True, "options": [{"id": "missing", "label": "X"}]},
    "errors": [],
    "progress": {"step": 8, "total": 11, "title": "Documents"},
    "actions": ["back", "help", "save", "restart"],
    "done": False,
    "case_number": None,
    "version": 1,
}


@pytest.mark.parametrize(
    "typed",
    [
        "i dont have it",
        "I don't have it.",
        "I don\u2019t have it",
        "jeg har det ikke",
        "Har den ikke",
    ],
)
def test_saying_you_do_not_have_it_is_the_missing_option(typed: str) -> None:
    assert interpret(typed, FILE) == {"value": "missing"}


@pytest.mark.parametrize(
    ("typed", "path"),
    [
        ("'~/Downloads/lejekontrakt.pdf'", "~/Downloads/lejekontrakt.pdf"),
        ('"/home/mia/My lease.pdf"', "/home/mia/My lease.pdf"),
        ("/home/mia/My\\ lease.pdf", "/home/mia/My lease.pdf"),
        ("~/Downloads/lejekontrakt.pdf", "~/Downloads/lejekontrakt.pdf"),
        ("C:\\Users\\mia\\lease.pdf", "C:\\Users\\mia\\lease.pdf"),
        ("/home/mia/Mia's lease.pdf", "/home/mia/Mia's lease.pdf"),
    ],
)
def test_a_path_loses_the_quotes_drag_and_drop_adds(typed: str, path: str) -> None:
    assert unquoted(typed) == path
    assert interpret(typed, FILE) == {"value": {"path": path}}


def _until(chat: subprocess.Popen[bytes], text: str) -> str:
    """What the chat wrote until ``text`` and the prompt mark after it (30 s at most)."""
    assert chat.stdout is not None
    seen = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([chat.stdout], [], [], 1)
        if ready:
            chunk = os.read(chat.stdout.fileno(), 65536)
            assert chunk, seen.decode()
            seen += chunk
            tail = seen.decode(errors="replace").rpartition(text)[2]
            if text in seen.decode(errors="replace") and "> " in tail:
                return seen.decode()
    raise AssertionError(f"no {text!r} in {seen.decode()!r}")
