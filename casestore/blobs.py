"""Content-addressed blob storage for attachments: one file per sha256, written crash-safely."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from statemachine.errors import StoreError

CHUNK = 1 << 20
"""Read size when copying a file in (1 MiB)."""

STALE_SECONDS = 3600
"""A partial write untouched this long belongs to no live upload."""

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class BlobRef:
    """What a stored blob is known by."""

    sha256: str
    """Lower-case hex digest of the content; also its key."""
    size: int
    """Size in bytes."""


class BlobStore:
    """Blobs under ``root/<sha[:2]>/<sha>``; partial writes live in ``root/tmp`` until complete.

    Identical content is stored once, so concurrent writers of the same bytes are harmless: the
    last ``os.replace`` wins with the same content. Client filenames are never used as paths.
    """

    def __init__(self, root: Path) -> None:
        """Open (and create if needed) a blob store at ``root``."""
        self.root = root
        self._tmp = root / "tmp"
        self._tmp.mkdir(parents=True, exist_ok=True)
        self._sweep()

    def _sweep(self) -> None:
        """Remove partial writes left by a process killed mid-upload.

        Only files older than :data:`STALE_SECONDS` go: another process sharing the folder
        may be writing a young one right now.
        """
        cutoff = time.time() - STALE_SECONDS
        for leftover in self._tmp.glob("put-*"):
            with contextlib.suppress(FileNotFoundError):
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()

    def put_file(self, src: Path) -> BlobRef:
        """Store a copy of the file at ``src``.

        Args:
            src: the file to copy in.

        Returns:
            The blob's digest and size.
        """
        with src.open("rb") as f:
            return self.put_chunks(iter(lambda: f.read(CHUNK), b""))

    def put_chunks(self, chunks: Iterable[bytes]) -> BlobRef:
        """Store the concatenation of ``chunks``, streaming, hashing while writing.

        Args:
            chunks: the content, in pieces of any size.

        Returns:
            The blob's digest and size.
        """
        with self.writer() as writer:
            for chunk in chunks:
                writer.write(chunk)
            return writer.commit()

    def writer(self) -> BlobWriter:
        """A blob written piece by piece (an HTTP upload): check it, then commit or drop it.

        Use it as a context manager: whatever was not committed is removed on exit.
        """
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp, prefix="put-")
        return BlobWriter(self, os.fdopen(fd, "wb"), Path(tmp_name))

    def path_of(self, sha256: str) -> Path:
        """The path where the blob with this digest lives (whether or not it exists).

        Raises:
            StoreError: ``sha256`` is not a lower-case hex sha256 digest.
        """
        if not _SHA256.fullmatch(sha256):
            raise StoreError("That is not a valid file reference.")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        """Whether a blob with this digest is stored (False for a malformed digest)."""
        return bool(_SHA256.fullmatch(sha256)) and self.path_of(sha256).is_file()


class BlobWriter:
    """One blob being written to a temporary file, hashed on the way in (see
    :meth:`BlobStore.writer`)."""

    def __init__(self, store: BlobStore, out: BinaryIO, path: Path) -> None:
        """Wrap an open temporary file; use :meth:`BlobStore.writer` instead."""
        self._store = store
        self._out = out
        self.path = path
        """The temporary file: read it to check the content before committing."""
        self.size = 0
        """Bytes written so far."""
        self._digest = hashlib.sha256()

    def write(self, chunk: bytes) -> None:
        """Append a piece of the content."""
        self._digest.update(chunk)
        self._out.write(chunk)
        self.size += len(chunk)

    def flush(self) -> None:
        """Make everything written so far readable through :attr:`path`."""
        self._out.flush()

    def commit(self) -> BlobRef:
        """Make the blob durable under its digest and return it.

        The content is fsynced, renamed into place, and the folder fsynced, so a blob that a
        committed row names survives a crash.
        """
        self._out.flush()
        os.fsync(self._out.fileno())
        self._out.close()
        ref = BlobRef(self._digest.hexdigest(), self.size)
        final = self._store.path_of(ref.sha256)
        if final.exists():
            self.path.unlink()
            return ref
        final.parent.mkdir(exist_ok=True)
        os.replace(self.path, final)
        # The rename is durable only once the directory entry is on disk.
        _fsync_dir(final.parent)
        return ref

    def discard(self) -> None:
        """Drop whatever was written and not committed."""
        if not self._out.closed:
            self._out.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> BlobWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
