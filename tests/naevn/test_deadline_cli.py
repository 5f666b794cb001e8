"""``naevn deadline`` as a script would call it: real subprocesses, exact output contracts."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Naevn


def test_json_matches_the_design_example(naevn: Naevn) -> None:
    result = naevn(
        "deadline",
        "--case-type",
        "rent_increase",
        "--role",
        "tenant",
        "--event",
        "notice_received=2026-10-01",
        "--today",
        "2026-11-23",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["case_type"] == "rent_increase"
    assert data["role"] == "tenant"
    assert data["today"] == "2026-11-23"
    [deadline] = data["deadlines"]
    assert {
        k: deadline[k] for k in ("rule", "event", "starts", "ends", "act_by", "days_left", "status")
    } == {
        "rule": "rent_increase.tenant_objection",
        "event": "notice_received",
        "starts": "2026-10-01",
        "ends": "2026-11-12",
        "act_by": "2026-11-12",
        "days_left": -11,
        "status": "expired",
    }
    assert deadline["consequence"] and deadline["legal_basis"]


def test_landlord_two_step_rule_moves_act_by_off_christmas_eve(naevn: Naevn) -> None:
    result = naevn(
        "deadline",
        "--case-type",
        "rent_increase",
        "--role",
        "landlord",
        "--event",
        "notice_received=1. oktober 2026",
        "--today",
        "2026-11-23",
        "--json",
    )
    [deadline] = json.loads(result.stdout)["deadlines"]
    assert (deadline["ends"], deadline["act_by"], deadline["status"]) == (
        "2026-12-24",
        "2026-12-23",
        "open",
    )


def test_rule_without_its_event_is_omitted(naevn: Naevn) -> None:
    result = naevn("deadline", "--case-type", "rent_increase", "--role", "tenant", "--json")
    assert json.loads(result.stdout)["deadlines"] == []


@pytest.mark.parametrize(("lang", "words"), [("da", "oktober"), ("en", "deadline")])
def test_plain_sentences_in_each_language(naevn: Naevn, lang: str, words: str) -> None:
    result = naevn(
        "deadline",
        "--case-type",
        "utility_accounts",
        "--role",
        "tenant",
        "--event",
        "account_received=2026-10-01",
        "--today",
        "2026-10-20",
        "--lang",
        lang,
    )
    assert result.returncode == 0
    assert words in result.stdout.lower()
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--case-type", "rent_hike", "--role", "tenant"],
        ["--case-type", "rent_increase", "--role", "lodger"],
        ["--case-type", "rent_increase", "--role", "tenant", "--event", "moved=2026-01-01"],
        [
            "--case-type",
            "rent_increase",
            "--role",
            "tenant",
            "--event",
            "notice_received=31/2/2026",
        ],
        ["--case-type", "rent_increase", "--role", "tenant", "--today", "tomorrow"],
    ],
)
def test_bad_input_exits_2_with_one_line(naevn: Naevn, args: list[str]) -> None:
    result = naevn("deadline", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_case_number_exits_2(naevn: Naevn) -> None:
    result = naevn("cases", "show", "101-99999")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_db_upgrade_reports_the_schema_version(naevn: Naevn) -> None:
    result = naevn("db", "upgrade")
    assert result.returncode == 0
    assert result.stdout.strip() not in ("", "empty")
