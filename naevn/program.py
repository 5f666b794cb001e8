"""How to start naevn again from where the user is, for the commands naevn prints to paste."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def program() -> str:
    """``naevn`` if that is on the PATH and is the program running, else its path as typed
    from the current folder (``.venv/bin/naevn`` after ``make run``, which puts nothing on
    the PATH)."""
    script = Path(sys.argv[0])
    if script.name != "naevn":  # python -m naevn.cli: the environment's own naevn script
        script = Path(sys.executable).parent / "naevn"
        if not script.exists():
            return f"{sys.executable} -m naevn.cli"
    on_path = shutil.which("naevn")
    if script.name == Path(sys.argv[0]).name and on_path and Path(on_path).samefile(script):
        return "naevn"
    return os.path.relpath(script.absolute())
