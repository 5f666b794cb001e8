"""Small, valid documents to upload: a one-page PDF and a 1×1 PNG, each made unique by a tag."""

from __future__ import annotations

import struct
import zlib

from naevn.letter import pdf_letter


def pdf_bytes(tag: str) -> bytes:
    """A small, valid one-page PDF whose content includes ``tag`` (so each file differs)."""
    return pdf_letter([f"Bilag {tag}"])


def png_bytes(tag: str) -> bytes:
    """A valid 1×1 PNG with ``tag`` in a text chunk (so each file differs)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixel = zlib.compress(b"\x00\xc8\x64\x32")
    comment = b"Comment\x00" + tag.encode("latin-1", "replace")
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"tEXt", comment),
            chunk(b"IDAT", pixel),
            chunk(b"IEND", b""),
        )
    )
