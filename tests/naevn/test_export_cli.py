"""`naevn cases export NUMBER [--out FILE]`: one case as a ZIP (case.json and its files),
written whole or not at all, and noted in the case's audit trail."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from casestore import Store
from tests.casestore.helpers import file_case
from tests.conftest import Naevn


def _store(env: dict[str, str]) -> Store:
    return Store.open(env["NAEVN_DB"], Path(env["NAEVN_DATA_DIR"]) / "blobs")


def test_a_case_is_written_as_a_zip(
    naevn: Naevn, naevn_env: dict[str, str], tmp_path: Path
) -> None:
    naevn("db", "upgrade")
    store = _store(naevn_env)
    try:
        number = file_case(store, 1, documents=2)
    finally:
        store.close()
    done = naevn("cases", "export", number, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    target = tmp_path / f"sag-{number}.zip"
    assert done.stdout == (
        f"Wrote sag-{number}.zip: case {number}, case.json and 2 files, "
        f"{target.stat().st_size} bytes.\n"
    )
    archive = zipfile.ZipFile(target)
    document = json.loads(archive.read("case.json"))
    assert document["case"]["number"] == number
    assert [a["filename"] for a in document["attachments"]] == ["bilag-0.pdf", "bilag-1.pdf"]
    assert archive.read(document["attachments"][1]["path"]) == b"%PDF-1.7 document 1 of case 1"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    # The export is in the audit trail.
    shown = json.loads(naevn("cases", "show", number, "--json").stdout)
    assert shown["events"][-1]["kind"] == "case.exported"
    assert shown["events"][-1]["actor"] == "system:cli"


def test_out_names_the_file_or_stdout(
    naevn: Naevn, naevn_env: dict[str, str], tmp_path: Path
) -> None:
    naevn("db", "upgrade")
    store = _store(naevn_env)
    try:
        number = file_case(store, 1)
    finally:
        store.close()
    target = tmp_path / "ud" / "sagen.zip"
    target.parent.mkdir()
    done = naevn("cases", "export", number, "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert json.loads(zipfile.ZipFile(target).read("case.json"))["attachments"] == []
    piped = subprocess.run(
        [sys.executable, "-m", "naevn.cli", "cases", "export", number, "--out", "-"],
        capture_output=True,
        env=naevn_env,
        check=True,
    )
    assert piped.stderr == b""
    archive = zipfile.ZipFile(io.BytesIO(piped.stdout))
    assert json.loads(archive.read("case.json"))["case"]["number"] == number


def test_an_unknown_case_exits_2_and_writes_nothing(naevn: Naevn, tmp_path: Path) -> None:
    naevn("db", "upgrade")
    here = tmp_path / "here"
    here.mkdir()
    done = naevn("cases", "export", "101-99999", cwd=here)
    assert done.returncode == 2
    assert done.stderr.startswith("naevn: ") and "101-99999" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert list(here.iterdir()) == []
