"""Blob storage: content-addressed, stored once, written whole or not at all."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from casestore import BlobRef, BlobStore
from casestore.blobs import Removal
from statemachine.errors import StoreError


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


def sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    "chunks",
    [[b""], [b"hello"], [b"he", b"", b"llo"], [bytes(range(256)) * 4096, b"tail"]],
)
def test_a_blob_is_stored_under_its_sha256(blobs: BlobStore, chunks: list[bytes]) -> None:
    content = b"".join(chunks)
    ref = blobs.put_chunks(chunks)
    assert ref == BlobRef(sha(content), len(content))
    path = blobs.path_of(ref.sha256)
    assert path == blobs.root / ref.sha256[:2] / ref.sha256
    assert path.read_bytes() == content
    assert blobs.exists(ref.sha256)


def test_identical_content_is_stored_once(blobs: BlobStore, tmp_path: Path) -> None:
    src = tmp_path / "lejekontrakt.pdf"
    src.write_bytes(b"%PDF-1.7 lease")
    first = blobs.put_file(src)
    second = blobs.put_chunks([b"%PDF-1.7 ", b"lease"])
    assert first == second
    stored = [p for p in blobs.root.rglob("*") if p.is_file()]
    assert stored == [blobs.path_of(first.sha256)]


def test_the_temp_folder_is_left_empty(blobs: BlobStore) -> None:
    blobs.put_chunks([b"one"])
    blobs.put_chunks([b"one"])
    blobs.put_chunks([b"two"])
    assert list((blobs.root / "tmp").iterdir()) == []


def test_a_failed_upload_leaves_no_blob_and_no_temp_file(blobs: BlobStore) -> None:
    def broken() -> Iterator[bytes]:
        yield b"first part"
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        blobs.put_chunks(broken())
    assert [p for p in blobs.root.rglob("*") if p.is_file()] == []
    assert not blobs.exists(sha(b"first part"))


@pytest.mark.parametrize("key", ["../../etc/passwd", "ABC", "0" * 63, "g" * 64, "0" * 64 + "/"])
def test_a_malformed_key_never_becomes_a_path(blobs: BlobStore, key: str) -> None:
    assert not blobs.exists(key)
    with pytest.raises(StoreError):
        blobs.path_of(key)


def test_partial_writes_left_by_a_killed_upload_are_swept_once_old(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    old, young = tmp_path / "tmp" / "put-old", tmp_path / "tmp" / "put-young"
    old.write_bytes(b"half a file")
    young.write_bytes(b"being written now")
    long_ago = time.time() - 2 * 3600
    os.utime(old, (long_ago, long_ago))
    assert blobs.sweep_partials(time.time() - 3600) == Removal(1, len(b"half a file"))
    assert not old.exists() and young.exists()
