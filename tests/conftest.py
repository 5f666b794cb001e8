"""Shared fixtures: a fixed "today", and a naevn command run as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

TODAY = "2026-11-23"
"""The frozen "today" of every test that runs the CLI."""

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.pgserver"]

Naevn = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def naevn_env(tmp_path: Path) -> dict[str, str]:
    """An environment with its own store and a frozen today."""
    env = dict(os.environ)
    env.update(
        NAEVN_TODAY=TODAY,
        NAEVN_DB=f"sqlite:///{tmp_path / 'naevn.db'}",
        NAEVN_DATA_DIR=str(tmp_path / "data"),
        PYTHONIOENCODING="utf-8",
    )
    return env


@pytest.fixture
def naevn(naevn_env: dict[str, str]) -> Naevn:
    """Run ``naevn ARGS`` in a subprocess with ``input`` on stdin; returns the result."""

    def run(
        *args: str, input: str = "", cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "naevn.cli", *args],
            input=input,
            capture_output=True,
            text=True,
            env=naevn_env,
            cwd=cwd or ROOT,
            timeout=120,
            check=False,
        )

    return run
