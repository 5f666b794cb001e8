"""Disk: an upload that is refused leaves nothing, and the limits count the bytes stored.

Each test tries an attack of the outside review again, against a real ``naevn serve``, and
looks at the status and at the disk afterwards.
"""

from __future__ import annotations

import gzip
import json
import threading
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from assistant.service.uploads import CASE_LIMITS
from tests import samples
from tests.attacks import filer
from tests.pgserver import PgServer
from tests.service import Served, service_env, spawn

MB = 1024 * 1024


@dataclass
class Service:
    """A running service and where it keeps things."""

    served: Served
    data_dir: Path
    db_file: Path | None
    """The SQLite file, when the store is one."""

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.served.url, timeout=60)

    def stored(self) -> tuple[set[str], set[str] | None]:
        """The blobs on disk, and (on SQLite) the digests the rows name."""
        named = filer.rows(self.db_file) if self.db_file is not None else None
        return filer.blobs(self.data_dir), named


def _serve(db: str, tmp: Path, db_file: Path | None) -> Iterator[Service]:
    served = spawn(service_env(db, tmp / "data"))
    try:
        yield Service(served, tmp / "data", db_file)
    finally:
        served.stop()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    tmp = tmp_path_factory.mktemp("disk")
    yield from _serve(f"sqlite:///{tmp / 'naevn.db'}", tmp, tmp / "naevn.db")


@pytest.fixture(params=["sqlite", "pg"])
def any_service(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Service]:
    """A fresh service on SQLite, or on PostgreSQL (where uploads really run side by side)."""
    tmp = tmp_path_factory.mktemp("disk-any")
    if request.param == "sqlite":
        yield from _serve(f"sqlite:///{tmp / 'naevn.db'}", tmp, tmp / "naevn.db")
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create_database(template=request.getfixturevalue("pg_template"))
    try:
        yield from _serve(server.url(name), tmp, None)
    finally:
        server.drop_database(name)


def _text(n: int, size: int = 1000) -> bytes:
    """Distinct plain text of ``size`` bytes."""
    line = f"Note {n}: the radiator in the kitchen has not worked since October.\n".encode()
    return (line * (size // len(line) + 1))[:size]


def test_a_filed_case_is_refused_before_its_upload_is_read(service: Service) -> None:
    with service.client() as client:
        session = filer.start(client)
        filer.to_documents(client, session)
        filer.file_case(client, session)
        before = service.stored()
        # The head of a 20 MB upload, and no body: the answer comes without reading one.
        raw = filer.headers_only(service.served.url, filer.upload_head(session, 20 * MB))
        assert raw.startswith(b"HTTP/1.1 409"), raw[:200]
        assert b'"conflict"' in raw
        for n in range(3):
            refused = filer.upload(client, session, samples.pdf(f"late {n}"))
            assert refused.status_code == 409
    assert service.stored() == before
    assert filer.partials(service.data_dir) == []


def test_a_case_full_by_count_is_refused_before_the_body_and_keeps_nothing(
    service: Service,
) -> None:
    with service.client() as client:
        session = filer.start(client)
        for n in range(CASE_LIMITS.max_files):
            assert filer.upload(client, session, _text(n)).status_code == 201
        before = service.stored()
        raw = filer.headers_only(service.served.url, filer.upload_head(session, 2000))
        assert raw.startswith(b"HTTP/1.1 413"), raw[:200]
        refused = filer.upload(client, session, _text(999))
        assert refused.status_code == 413 and "30 files" in refused.json()["error"]["message"]
    assert service.stored() == before


def test_a_case_full_by_bytes_counts_what_is_stored(service: Service) -> None:
    with service.client() as client:
        session = filer.start(client)
        for n in range(4):
            assert filer.upload(client, session, _text(n, 20 * MB)).status_code == 201
        assert filer.upload(client, session, _text(4, 19 * MB)).status_code == 201
        before = service.stored()
        # 99 MB are stored; a file of 2 MB cannot fit, and is refused on its length alone.
        raw = filer.headers_only(service.served.url, filer.upload_head(session, 2 * MB))
        assert raw.startswith(b"HTTP/1.1 413"), raw[:200]
        # A small one that does fit is taken.
        assert filer.upload(client, session, _text(5, 100_000)).status_code == 201
    assert len(service.stored()[0]) == len(before[0]) + 1


def test_concurrent_uploads_to_a_nearly_full_case_leave_no_blob_without_a_row(
    any_service: Service,
) -> None:
    with any_service.client() as client:
        session = filer.start(client)
        for n in range(CASE_LIMITS.max_files - 2):
            assert filer.upload(client, session, _text(n)).status_code == 201

    def one(n: int) -> int:
        with any_service.client() as own:
            return filer.upload(own, session, _text(100 + n)).status_code

    with ThreadPoolExecutor(12) as pool:
        statuses = sorted(pool.map(one, range(12)))
    assert statuses == [201] * 2 + [413] * 10
    with any_service.client() as client:
        listed = client.get(f"/api/v1/sessions/{session.id}/attachments", headers=session.auth)
    digests = {a["sha256"] for a in listed.json()["attachments"]}
    assert len(digests) == CASE_LIMITS.max_files
    on_disk, named = any_service.stored()
    assert on_disk == digests
    if named is not None:
        assert named == on_disk
    assert filer.partials(any_service.data_dir) == []


def test_a_compressed_upload_is_refused_and_stores_nothing(service: Service) -> None:
    with service.client() as client:
        session = filer.start(client)
        before = service.stored()
        # 57 KiB sent that would be 57 MiB stored, once inflated.
        body = _multipart(b"\0" * (57 * MB))
        response = client.post(
            f"/api/v1/sessions/{session.id}/attachments",
            content=gzip.compress(body),
            headers={
                **session.auth,
                "Content-Type": "multipart/form-data; boundary=xyz",
                "Content-Encoding": "gzip",
            },
        )
    assert response.status_code == 415, response.text
    assert "Content-Encoding" in response.json()["error"]["message"]
    assert service.stored() == before


def test_a_compressed_answer_is_read_within_the_body_limit(service: Service) -> None:
    with service.client() as client:
        session = filer.start(client)
        answered = client.post(
            f"/api/v1/sessions/{session.id}/answers",
            content=gzip.compress(json.dumps({"value": "en"}).encode()),
            headers={
                **session.auth,
                "Content-Type": "application/json",
                "Content-Encoding": "gzip",
            },
        )
        assert answered.status_code == 200 and answered.json()["errors"] == []
        unknown = client.post(
            f"/api/v1/sessions/{session.id}/answers",
            content=b"\x1b\x00\x00",
            headers={
                **session.auth,
                "Content-Type": "application/json",
                "Content-Encoding": "br",
                "Accept-Language": "en",
            },
        )
        assert (
            unknown.status_code == 415 and "gzip or deflate" in unknown.json()["error"]["message"]
        )
        # A gzip body of about 1 MB that inflates to 1 GiB of spaces.
        squeezer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        bomb = b"".join([b'{"value": "', *(squeezer.compress(b" " * (16 * MB)) for _ in range(64))])
        bomb += squeezer.flush()
        healthy: list[int] = []

        def probe() -> None:
            with service.client() as other:
                for _ in range(20):
                    healthy.append(other.get("/healthz", timeout=2).status_code)

        prober = threading.Thread(target=probe)
        prober.start()
        refused = client.post(
            f"/api/v1/sessions/{session.id}/answers",
            content=bomb,
            headers={
                **session.auth,
                "Content-Type": "application/json",
                "Content-Encoding": "gzip",
            },
        )
        prober.join(60)
    assert refused.status_code in (400, 413), refused.text
    # The health check answered within its 2 s throughout.
    assert healthy == [200] * 20


def _multipart(content: bytes) -> bytes:
    return (
        b"--xyz\r\n"
        b'Content-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + content + b"\r\n--xyz--\r\n"
    )
