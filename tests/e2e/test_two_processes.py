"""Two ``naevn serve`` processes on one PostgreSQL database share every filing.

The service keeps no dialogue state in memory, so a filer whose requests land on a different
process each time (as behind a load balancer) files exactly as on one.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import cycle
from pathlib import Path

import httpx
import pytest

from casestore import Store
from tests.durability.test_crash_chat import auto_answer, small_pdfs
from tests.service import Served, service_env, spawn


@pytest.fixture
def servers(pg_url: str, tmp_path: Path) -> Iterator[list[Served]]:
    env = service_env(pg_url, tmp_path / "data")
    started = [spawn(env), spawn(env)]
    try:
        yield started
    finally:
        for served in started:
            served.stop()


def test_a_filing_alternating_between_two_processes_files_one_case(
    servers: list[Served], pg_url: str, tmp_path: Path
) -> None:
    clients = [httpx.Client(base_url=s.url, timeout=30) for s in servers]
    pids = {s.proc.pid for s in servers}
    assert len(pids) == 2
    turns = cycle(clients)
    try:
        created = next(turns).post("/api/v1/sessions", json={"lang": "da"})
        assert created.status_code == 201, created.text
        session, auth = created.json()["session"], created.json()["token"]
        headers = {"Authorization": f"Bearer {auth}"}
        base = f"/api/v1/sessions/{session}"
        turn = created.json()["turn"]
        files = small_pdfs(tmp_path, 1)
        served_by: list[str] = []
        for _ in range(100):
            assert not turn["errors"], (turn["state"], turn["errors"])
            if turn["done"]:
                break
            value = auto_answer(turn, "8000", files)
            client = next(turns)
            if isinstance(value, dict) and "path" in value:
                path = Path(value["path"])
                sent = client.post(
                    f"{base}/attachments",
                    files={"file": (path.name, path.read_bytes())},
                    headers=headers,
                )
                assert sent.status_code == 201, sent.text
                value = {"attachment": sent.json()["attachment"]["id"]}
                client = next(turns)
            reply = client.post(
                f"{base}/answers",
                json={"value": value, "version": turn["version"]},
                headers=headers,
            )
            assert reply.status_code == 200, reply.text
            served_by.append(str(client.base_url))
            turn = reply.json()
            # The other process sees this answer at once.
            seen = next(turns).get(base, headers=headers).json()
            assert (seen["state"], seen["version"]) == (turn["state"], turn["version"])
        assert turn["done"] and turn["case_number"]
        assert len(set(served_by)) == 2
    finally:
        for client in clients:
            client.close()
    store = Store.open(pg_url, tmp_path / "data" / "blobs")
    try:
        with store.read() as tx:
            cases = tx.list_cases()
            assert [c.number for c in cases] == [turn["case_number"]]
            case = tx.get_case(turn["case_number"])
        assert case.attachments and all(store.blobs.exists(a["sha256"]) for a in case.attachments)
    finally:
        store.close()
