"""A server in a subprocess (``naevn serve`` or the benchmark's baseline), started and killed."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
"""The project folder, where ``python -m bench.…`` and ``python -m naevn.cli`` work."""


class Service:
    """A server in a subprocess that logs ``{"event": "listening", "url": …}`` once it is up,
    as ``naevn serve`` does; its stderr goes to a log file, which may span several runs."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path) -> None:
        """Launch it (without waiting for it); see :meth:`wait` and :meth:`ready`.

        Args:
            argv: the command, e.g. ``[python, "-m", "naevn.cli", "serve", "--port", "0"]``.
            env: its environment.
            log: the file its stderr is appended to.
        """
        self.log = log
        self._offset = log.stat().st_size if log.exists() else 0
        with log.open("ab") as err:
            self.proc = subprocess.Popen(
                argv, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT
            )
        self.url = ""
        """The URL it listens on, once :meth:`wait` or :meth:`ready` returned."""

    @property
    def pid(self) -> int:
        """The server's process id."""
        return self.proc.pid

    def _listening(self) -> bool:
        with self.log.open("rb") as log:
            log.seek(self._offset)
            for line in log:
                if b'"listening"' in line:
                    self.url = json.loads(line)["url"]
                    return True
        if self.proc.poll() is not None:
            tail = self.log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the server exited with {self.proc.returncode}:\n{tail}")
        return False

    def wait(self, timeout: float = 60.0) -> str:
        """Block until the server listens; returns its URL."""
        give_up = time.monotonic() + timeout
        while not self._listening():
            if time.monotonic() > give_up:
                raise RuntimeError(f"the server did not start in {timeout} s")
            time.sleep(0.01)
        return self.url

    async def ready(self, timeout: float = 60.0) -> str:
        """Wait (without blocking the event loop) until the server listens; returns its URL."""
        give_up = time.monotonic() + timeout
        while not self._listening():
            if time.monotonic() > give_up:
                raise RuntimeError(f"the server did not start in {timeout} s")
            await asyncio.sleep(0.01)
        return self.url

    def kill(self) -> None:
        """SIGKILL it and reap it."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM it and wait (SIGKILL after ``timeout`` s); returns its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.proc.returncode

    def cpu_seconds(self) -> float:
        """The CPU time (user + system) the server and its worker processes used so far,
        from ``/proc``."""
        total = 0
        for stat_path in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat_path.read_bytes().rpartition(b")")[2].split()
            except OSError:
                continue  # a process that ended while we looked
            pid, parent = int(stat_path.parent.name), int(fields[1])
            if self.pid in (pid, parent):
                total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")
