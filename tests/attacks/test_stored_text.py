"""Text: what a filer types is stored without control characters or direction overrides,
and ``naevn cases show`` never prints them raw."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx

from tests.assistant.service.test_conversation import TO_DOCUMENTS
from tests.attacks import filer
from tests.conftest import Naevn
from tests.service import service_env, spawn

HOSTILE = "\x1b[2J\x07Bolig\x00 A/S\u202e\u2066"
"""A company name with a screen-clearing escape, a bell, a NUL and direction overrides."""
UNSHOWN = ("\x1b", "\x07", "\x00", "\u202e", "\u2066")


def test_control_characters_and_overrides_never_reach_the_store_or_the_screen(
    tmp_path: Path, naevn: Naevn
) -> None:
    db = tmp_path / "naevn.db"
    served = spawn(service_env(f"sqlite:///{db}", tmp_path / "data"))
    try:
        with httpx.Client(base_url=served.url, timeout=30) as client:
            session = filer.start(client)
            answers = list(TO_DOCUMENTS)
            answers[answers.index("Bolig A/S")] = HOSTILE
            answers[answers.index("Fix the windows.")] = "Fix\r\nthe\x1b[31m windows.\tNow."
            for value in answers:
                turn = filer.answer(client, session, value)
            assert turn["state"] == "ask_attachment"
            filed = filer.file_case(client, session)
    finally:
        served.stop()
    with sqlite3.connect(db) as conn:
        [(stored,)] = conn.execute("SELECT data FROM drafts").fetchall()
        names = [name for (name,) in conn.execute("SELECT name FROM parties")]
    assert not any(ch in stored for ch in UNSHOWN)
    # What is left is plain text: the escape's own letters are harmless without the escape.
    assert "[2JBolig A/S" in names
    assert '"Fix\\nthe[31m windows.\\tNow."' in stored

    # A party name stored raw before this check existed is escaped when shown.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE parties SET name = ? WHERE name = '[2JBolig A/S'", ("Bo\u202elig",))
    number = filed["case_number"]
    for mode in ([], ["--json"]):
        shown = naevn("cases", "show", number, *mode, "--db", f"sqlite:///{db}")
        assert shown.returncode == 0, shown.stderr
        assert not any(ch in shown.stdout for ch in UNSHOWN)
        assert "Bo\\u202elig" in shown.stdout
