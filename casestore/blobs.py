"""Content-addressed blob storage for attachments: one file per sha256, written crash-safely."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from statemachine.errors import StoreError

CHUNK = 1 << 20
"""Read size when copying a file in (1 MiB)."""

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
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp, prefix="put-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            ref = BlobRef(digest.hexdigest(), size)
            final = self.path_of(ref.sha256)
            if final.exists():
                tmp.unlink()
                return ref
            final.parent.mkdir(exist_ok=True)
            os.replace(tmp, final)
            # The rename is durable only once the directory entry is on disk.
            _fsync_dir(final.parent)
            return ref
        finally:
            tmp.unlink(missing_ok=True)

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


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
