"""``naevn demo``: demo cases filed through the real dialogue, never mixed into real data."""

from __future__ import annotations

import json

from tests.conftest import Naevn
from tests.test_transcripts import FILES, GOLDEN


def test_demo_files_cases_once(naevn: Naevn) -> None:
    first = naevn("demo")
    assert first.returncode == 0, first.stderr
    assert naevn("demo").returncode == 0, "loading twice is harmless"
    cases = [json.loads(line) for line in naevn("cases", "list", "--json").stdout.splitlines()]
    assert {c["case_type"] for c in cases} == {"rent_increase", "utility_accounts", "house_rules"}
    shown = json.loads(naevn("cases", "show", cases[0]["number"], "--json").stdout)
    assert shown["attachments"] and shown["deadlines"]


def test_demo_refuses_a_store_with_real_cases(naevn: Naevn) -> None:
    script = (GOLDEN / "tenant_rent_increase.en.in").read_text(encoding="utf-8")
    assert naevn("chat", "--lang", "en", input=script, cwd=FILES).returncode == 0
    refused = naevn("demo")
    assert refused.returncode == 2
    assert "real cases" in refused.stderr
    assert naevn("demo", "--force").returncode == 0
