"""Content-addressed blob storage for attachments: one file per sha256, written crash-safely."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from statemachine.errors import StoreError

CHUNK = 1 << 20
"""Read size when copying a file in (1 MiB)."""

STALE_SECONDS = 3600
"""A partial write, or a blob no row names, untouched this long belongs to no live upload (the
housekeeping's default grace)."""

_SHA256 = re.compile(r"[0-9a-f]{64}")
_SHARD = re.compile(r"[0-9a-f]{2}")
_PARTIAL = "put-"
"""The name prefix of a blob being written in ``tmp``."""
_LEAVING = "gone-"
"""The name prefix of a blob being removed in ``tmp`` (left only by a crash mid-removal)."""


@dataclass(frozen=True, slots=True)
class Removal:
    """What a sweep of the blob folder removed."""

    files: int = 0
    """How many files."""
    bytes: int = 0
    """Their size together."""

    def plus(self, size: int) -> Removal:
        """This removal and one more file of ``size`` bytes."""
        return Removal(self.files + 1, self.bytes + size)


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
    A blob that no row names is removed by the sweep (:mod:`casestore.housekeeping`) once it
    is old enough to belong to no upload in flight.
    """

    def __init__(self, root: Path) -> None:
        """Open (and create if needed) a blob store at ``root``."""
        self.root = root
        self._tmp = root / "tmp"
        self._tmp.mkdir(parents=True, exist_ok=True)

    def sweep_partials(self, cutoff: float) -> Removal:
        """Remove partial writes (and blobs half-way out) last touched before ``cutoff``: a
        process was killed mid-upload. The service does so when it starts and then
        periodically (:mod:`casestore.housekeeping`), not each process that opens the store.

        Only old files go: another process sharing the folder may be writing a young one
        right now.

        Args:
            cutoff: a time in seconds since the epoch, as :func:`time.time` gives.

        Returns:
            How many files went, and their bytes.
        """
        removed = Removal()
        for leftover in self._tmp.iterdir():
            if not leftover.name.startswith((_PARTIAL, _LEAVING)):
                continue
            with contextlib.suppress(FileNotFoundError):
                facts = leftover.stat()
                if facts.st_mtime < cutoff:
                    leftover.unlink()
                    removed = removed.plus(facts.st_size)
        return removed

    def stored_before(self, cutoff: float) -> Iterator[BlobRef]:
        """Every blob last written or claimed before ``cutoff``, walking the folder.

        A blob is claimed when an upload of the same content finds it already stored
        (:meth:`BlobWriter.commit`), so an old blob that a new row is about to name looks
        young here.

        Args:
            cutoff: a time in seconds since the epoch, as :func:`time.time` gives.
        """
        for shard in sorted(self.root.iterdir()):
            if not _SHARD.fullmatch(shard.name) or not shard.is_dir():
                continue
            for blob in shard.iterdir():
                if not _SHA256.fullmatch(blob.name) or not blob.name.startswith(shard.name):
                    continue
                with contextlib.suppress(FileNotFoundError):
                    facts = blob.stat()
                    if facts.st_mtime < cutoff:
                        yield BlobRef(blob.name, facts.st_size)

    def remove_unclaimed(self, sha256: str, cutoff: float) -> int | None:
        """Remove a blob that no row names, unless an upload claimed it since ``cutoff``.

        The blob is first moved aside, then its time is read again: an upload that claimed
        it before the move made it young, so it is put back; one that tries after the move
        finds it gone and stores its own copy (:meth:`BlobWriter.commit`). Either way a row
        never names a removed blob.

        Args:
            sha256: the blob's digest; the caller has checked that no row names it.
            cutoff: a time in seconds since the epoch; a blob claimed since then stays.

        Returns:
            The bytes removed, or None if the blob stayed (or was already gone).
        """
        final = self.path_of(sha256)
        leaving = self._tmp / f"{_LEAVING}{secrets.token_hex(8)}"
        try:
            os.rename(final, leaving)
        except FileNotFoundError:
            return None
        try:
            facts = leaving.stat()
            if facts.st_mtime >= cutoff:
                os.replace(leaving, final)
                return None
            leaving.unlink()
        except FileNotFoundError:
            return None  # another process's sweep took it first
        return facts.st_size

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
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp, prefix=_PARTIAL)
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
        if _claim(final):
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

    def replace_content(self, content: bytes) -> None:
        """Drop everything written so far and write ``content`` instead: a cleaned copy of
        the upload (a picture encoded again) is stored in its place, under its own digest."""
        self._out.seek(0)
        self._out.truncate()
        self._digest = hashlib.sha256()
        self.size = 0
        self.write(content)


def _claim(final: Path) -> bool:
    """Mark a stored blob as just written, so the sweep leaves it for the row about to name
    it; False if it is not there (never stored, or just removed: store a new copy)."""
    try:
        os.utime(final)
    except FileNotFoundError:
        return False
    return True


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
