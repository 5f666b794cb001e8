"""Real naevn services for tests: the aiohttp app on a real port in a thread, or as a process."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from aiohttp import web

from naevn.settings import Settings
from naevn.web.app import create_app, runner_of

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def running(settings: Settings) -> Iterator[str]:
    """Serve ``create_app(settings)`` on 127.0.0.1 and a free port from a background thread;
    yields its URL.

    The app is the one ``naevn serve`` builds, on aiohttp's own server and a real socket:
    requests go through the network stack, the middlewares and the handlers exactly as in
    production. The app opens its own store; a test that looks into the store opens another
    on the same ``settings.db``.
    """
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    box: dict[str, Any] = {}

    async def start() -> web.AppRunner:
        runner = runner_of(create_app(settings), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        box["url"] = f"http://127.0.0.1:{runner.addresses[0][1]}"
        return runner

    def serve() -> None:
        asyncio.set_event_loop(loop)
        try:
            box["runner"] = loop.run_until_complete(start())
        except BaseException as exc:
            box["error"] = exc
            ready.set()
            loop.close()
            return
        ready.set()
        loop.run_forever()
        loop.run_until_complete(box["runner"].cleanup())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(60), "the service did not start"
    if "error" in box:
        thread.join(30)
        raise AssertionError("the service did not start") from box["error"]
    try:
        yield str(box["url"])
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)


@dataclass
class Served:
    """A ``naevn serve`` process and where it listens."""

    proc: subprocess.Popen[str]
    """The process (stderr is a pipe of JSON log lines)."""
    url: str
    """``http://127.0.0.1:PORT``."""
    log: list[dict[str, Any]]
    """The log lines read so far."""
    _reader: threading.Thread | None = None

    def stop(self) -> None:
        """Stop the process politely, then firmly, and close its log pipe."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self._reader is not None:
            self._reader.join(10)
        if self.proc.stderr is not None:
            self.proc.stderr.close()

    def follow(self) -> None:
        """Keep reading the log in the background, so a chatty server never blocks on a full
        pipe; the lines land in :attr:`log`."""
        stream = self.proc.stderr
        assert stream is not None

        def read() -> None:
            for line in _lines(stream):
                try:
                    self.log.append(json.loads(line))
                except json.JSONDecodeError:
                    self.log.append({"raw": line})

        self._reader = threading.Thread(target=read, daemon=True)
        self._reader.start()


def spawn(env: dict[str, str], *args: str, port: int = 0) -> Served:
    """Start ``naevn serve`` with ``env`` and wait for its ``listening`` line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "naevn.cli", "serve", "--port", str(port), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    log = []
    for line in _lines(proc.stderr):
        entry = json.loads(line)
        log.append(entry)
        if entry.get("event") == "listening":
            served = Served(proc, str(entry["url"]), log)
            served.follow()
            return served
    proc.wait()
    proc.stderr.close()
    raise AssertionError(f"naevn serve exited with {proc.returncode} before listening: {log}")


def service_env(db: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a test service: its store, a frozen today, no rate limit."""
    env = dict(os.environ)
    env.update(
        NAEVN_DB=db,
        NAEVN_DATA_DIR=str(data_dir),
        NAEVN_TODAY="2026-11-23",
        NAEVN_RATE_LIMIT="0",
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def _lines(stream: IO[str]) -> Iterator[str]:
    while line := stream.readline():
        if line.strip():
            yield line
