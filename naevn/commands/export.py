"""``naevn cases export NUMBER [--out FILE]``: one case as a ZIP for the ESDH.

The ZIP is :mod:`casestore.export`'s (``case.json`` and the case's documents), the same the
staff API's ``GET /api/v1/staff/cases/{number}/export`` serves. It is written to a hidden
file beside the target and renamed into place once whole, so a failed export leaves no
half-written ZIP under the name; ``--out -`` writes it to stdout instead. The export is noted
in the case's audit trail (as the system's: this is an administrator's command).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from casestore import Store
from casestore.export import zip_chunks

ACTOR = "system:cli"
"""Who the audit trail says exported the case."""


def export_case(
    store: Store, number: str, out_file: str | None, out: TextIO, *, raw: BinaryIO | None = None
) -> Path | None:
    """Write case ``number`` as a ZIP to ``out_file`` (default ``sag-<number>.zip`` here).

    Args:
        out: where to say what was written (nothing is said for ``-``).
        raw: stdout's bytes, for ``--out -`` (default ``sys.stdout.buffer``).

    Returns:
        The file written; None for stdout.

    Raises:
        NotFoundError: no such case (exit status 2).
    """
    with store.begin() as tx:
        found = tx.export_case(number)
        tx.record_export(number, actor=ACTOR, data={"files": len(found.files), "via": "cli"})
    if out_file == "-":
        sink = raw if raw is not None else sys.stdout.buffer
        for chunk in zip_chunks(found, store.blobs):
            sink.write(chunk)
        sink.flush()
        return None
    target = Path(out_file) if out_file else Path(found.filename)
    partial = target.with_name(f".{target.name}.part")
    size = 0
    try:
        with partial.open("wb") as written:
            for chunk in zip_chunks(found, store.blobs):
                written.write(chunk)
                size += len(chunk)
            written.flush()
            os.fsync(written.fileno())
        partial.replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    files = len(found.files)
    out.write(
        f"Wrote {target}: case {number}, case.json and {files} "
        f"{'file' if files == 1 else 'files'}, {size} bytes.\n"
    )
    return target
