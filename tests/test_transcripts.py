"""Golden transcripts: whole filings in the plain-text chat, in Danish and English.

Each scenario's input is ``tests/golden/NAME.LANG.in`` (one typed line per line; a line
``--- resume ---`` quits and continues with ``--resume CODE``), and its expected screen is
``NAME.LANG.out``. Run with ``UPDATE_GOLDEN=1`` to rewrite the expected files after a
deliberate change, then read the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import Naevn

GOLDEN = Path(__file__).parent / "golden"
FILES = GOLDEN / "files"
CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
SCENARIOS = [
    "tenant_rent_increase",
    "landlord_utility_accounts",
    "social_house_rules",
    "out_of_scope_termination",
    "save_resume",
    "review_edit",
    "social_neighbour_complaint",
    "lawyer_for_landlord_company",
]
FILED = {
    "tenant_rent_increase": ("101-10001", "rent_increase", "tenant", "private", 2),
    "landlord_utility_accounts": ("751-10001", "utility_accounts", "landlord", "private", 2),
    "social_house_rules": ("461-10001", "house_rules", "landlord", "social", 2),
    "save_resume": ("101-10001", "rent_level", "tenant", "private", 1),
    "review_edit": ("851-10001", "move_out", "tenant", "private", 2),
    "social_neighbour_complaint": ("751-10001", "house_rules", "tenant", "social", 1),
    "lawyer_for_landlord_company": (
        "751-10001",
        "utility_accounts",
        "representative",
        "private",
        3,
    ),
}


def transcript(naevn: Naevn, scenario: str, lang: str, *options: str) -> str:
    """The screen of a scenario's chat, with resume codes masked; ``options`` go to each
    ``naevn chat`` (``--server URL``, say)."""
    script = (GOLDEN / f"{scenario}.{lang}.in").read_text(encoding="utf-8")
    parts = script.split("--- resume ---\n")
    result = naevn("chat", "--lang", lang, *options, input=parts[0], cwd=FILES)
    assert result.returncode == 0, result.stderr
    screen = result.stdout
    for part in parts[1:]:
        code = CODE.findall(screen)[-1]
        result = naevn("chat", "--lang", lang, "--resume", code, *options, input=part, cwd=FILES)
        assert result.returncode == 0, result.stderr
        screen += "--- resume ---\n" + result.stdout
    return masked(screen)


def masked(screen: str) -> str:
    """The screen with every resume code (random) replaced by the same mask."""
    return CODE.sub("XXXX-XXXX-XXXX-XXXX", screen)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_transcript(naevn: Naevn, scenario: str, lang: str) -> None:
    screen = transcript(naevn, scenario, lang)
    expected = GOLDEN / f"{scenario}.{lang}.out"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(screen, encoding="utf-8", newline="\n")
    assert "\x1b" not in screen, "plain mode must not emit escape codes"
    assert screen == expected.read_text(encoding="utf-8")
    assert_filed(naevn, scenario, screen)


def assert_filed(naevn: Naevn, scenario: str, screen: str) -> None:
    """The store holds the case the scenario files (or none), with every file it uploaded."""
    listed = naevn("cases", "list", "--json")
    cases = [json.loads(line) for line in listed.stdout.splitlines()]
    if scenario not in FILED:
        assert cases == [], "an ended or unfinished dialogue files nothing"
        return
    number, case_type, role, housing, files = FILED[scenario]
    assert number in screen
    assert [(c["number"], c["case_type"], c["role"], c["housing"]) for c in cases] == [
        (number, case_type, role, housing)
    ]
    shown = json.loads(naevn("cases", "show", number, "--json").stdout)
    assert len(shown["attachments"]) == files
    for attachment in shown["attachments"]:
        assert (FILES / attachment["filename"]).stat().st_size == attachment["size"]


def test_a_lawyer_files_for_a_company_as_its_representative(naevn: Naevn) -> None:
    transcript(naevn, "lawyer_for_landlord_company", "en")
    shown = json.loads(naevn("cases", "show", "751-10001", "--json").stdout)
    parties = {p["role"]: p for p in shown["parties"]}
    assert (parties["filer"]["name"], parties["filer"]["kind"]) == (
        "Ejendomsselskabet Algade ApS",
        "company",
    )
    assert parties["representative"]["name"] == "Advokatfirmaet Lund & Co"
    assert parties["representative"]["kind"] == "company"
    assert (shown["answers"]["ask_client_cvr"], shown["answers"]["ask_cvr"]) == (
        "31234565",
        "24256790",
    )
