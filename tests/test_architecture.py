"""What importing a layer loads: each check runs in a fresh interpreter and reads sys.modules."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

IO_FRAMEWORKS = {"sqlalchemy", "aiohttp", "textual", "httpx", "alembic", "psycopg"}
"""What the pure rules must never load: storage, HTTP and UI frameworks."""

STORE = {"sqlalchemy", "alembic", "psycopg", "casestore"}
"""What the chat client over HTTP (``naevn chat --server``) must never load."""

WALK_STATEMACHINE = """
import importlib, pkgutil, statemachine
for module in pkgutil.walk_packages(statemachine.__path__, "statemachine."):
    importlib.import_module(module.name)
"""
"""Imports statemachine and every module under it, new subpackages included."""


def loaded_packages(code: str) -> set[str]:
    """Run ``code`` in a fresh interpreter; return the top-level names then in sys.modules."""
    script = (
        f"{code}\nimport json, sys\n"
        "print(json.dumps(sorted({name.partition('.')[0] for name in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    names = json.loads(result.stdout.splitlines()[-1])
    assert isinstance(names, list)
    return {str(name) for name in names}


def test_the_rules_load_no_io_framework() -> None:
    loaded = loaded_packages(WALK_STATEMACHINE)
    assert "statemachine" in loaded
    assert loaded & IO_FRAMEWORKS == set()


def test_the_remote_chat_client_loads_no_store() -> None:
    loaded = loaded_packages("import assistant.chat.remote")
    assert "assistant" in loaded
    assert loaded & STORE == set()


def test_the_terminal_chat_loads_no_store() -> None:
    loaded = loaded_packages("import assistant.chat.terminal")
    assert "assistant" in loaded
    assert loaded & STORE == set()
