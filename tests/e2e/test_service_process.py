"""``naevn serve`` as a process: it says where it listens, logs JSON lines, and stops cleanly."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.service import service_env, spawn


def _wait_for(log: list[dict[str, object]], count: int) -> None:
    deadline = time.monotonic() + 10
    while len(log) < count and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_access_log_is_json_with_the_request_id_and_off_by_default(tmp_path: Path) -> None:
    env = service_env(f"sqlite:///{tmp_path / 'n.db'}", tmp_path / "data")
    quiet = spawn(env)
    try:
        for _ in range(5):
            httpx.get(f"{quiet.url}/healthz")
    finally:
        quiet.stop()
    assert quiet.proc.returncode == 0
    assert not [line for line in quiet.log if line.get("event") == "request"]
    assert [line["event"] for line in quiet.log][-2:] == ["listening", "stopping"]

    logged = spawn(env, "--access-log")
    try:
        response = httpx.get(f"{logged.url}/api/v1/nope", headers={"X-Request-Id": "trace-42"})
        other = httpx.get(f"{logged.url}/healthz")
        _wait_for(logged.log, 3)
    finally:
        logged.stop()
    assert response.status_code == 404 and response.headers["X-Request-Id"] == "trace-42"
    requests = [line for line in logged.log if line.get("event") == "request"]
    assert [(r["request_id"], r["path"], r["status"]) for r in requests] == [
        ("trace-42", "/api/v1/nope", 404),
        (other.headers["X-Request-Id"], "/healthz", 200),
    ]
    assert all({"time", "level", "logger", "ms"} <= set(r) for r in requests)


def test_listening_names_the_address_and_the_store(tmp_path: Path) -> None:
    served = spawn(service_env(f"sqlite:///{tmp_path / 'n.db'}", tmp_path / "data"))
    try:
        listening = served.log[-1]
        assert listening["event"] == "listening" and listening["store"] == "sqlite"
        assert httpx.get(f"{served.url}/healthz").json() == {"status": "ok", "store": "ok"}
    finally:
        served.stop()
