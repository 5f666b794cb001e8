"""Small races: resumes racing with one code give one token that works, and clear 409s."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.attacks import filer
from tests.pgserver import PgServer
from tests.service import Served, service_env, spawn


@pytest.fixture(params=["sqlite", "pg"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("resume")
    if request.param == "sqlite":
        service = spawn(service_env(f"sqlite:///{tmp / 'naevn.db'}", tmp / "data"))
        try:
            yield service
        finally:
            service.stop()
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create_database(template=request.getfixturevalue("pg_template"))
    service = spawn(service_env(server.url(name), tmp / "data"))
    try:
        yield service
    finally:
        service.stop()
        server.drop_database(name)


def test_eight_resumes_with_one_code_give_one_working_token(served: Served) -> None:
    with httpx.Client(base_url=served.url, timeout=30) as client:
        session = filer.start(client)
    go = threading.Barrier(8)
    results: list[httpx.Response] = []
    lock = threading.Lock()

    def resume() -> None:
        with httpx.Client(base_url=served.url, timeout=30) as own:
            go.wait(10)
            response = own.post(
                "/api/v1/sessions/resume", json={"resume_code": session.resume_code}
            )
        with lock:
            results.append(response)

    threads = [threading.Thread(target=resume) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200] + [409] * 7, [r.text for r in results]
    [won] = [r for r in results if r.status_code == 200]
    for lost in (r for r in results if r.status_code == 409):
        error = lost.json()["error"]
        assert error["code"] == "conflict" and "a moment ago" in error["message"]
    token = won.json()["token"]
    with httpx.Client(base_url=served.url, timeout=30) as client:
        url = f"/api/v1/sessions/{session.id}"
        assert client.get(url, headers={"Authorization": f"Bearer {token}"}).status_code == 200
        # The token from before the resume no longer opens it.
        assert client.get(url, headers=session.auth).status_code == 403
