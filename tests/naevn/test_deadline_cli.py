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


def _json_deadlines(naevn: Naevn, *args: str) -> list[dict[str, object]]:
    result = naevn("deadline", *args, "--today", "2026-11-23", "--json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)["deadlines"]
    return rows


def test_tenant_who_objected_in_time_is_met_and_told_the_landlords_filing_date(
    naevn: Naevn,
) -> None:
    rows = _json_deadlines(
        naevn,
        "--case-type",
        "rent_increase",
        "--role",
        "tenant",
        "--event",
        "notice_received=2026-10-01",
        "--event",
        "objection_sent=2026-10-20",
    )
    assert [(r["rule"], r["ends"], r["status"]) for r in rows] == [
        ("rent_increase.tenant_objection", "2026-11-12", "met"),
        ("rent_increase.landlord_filing", "2026-12-24", "open"),
    ]
    assert set(rows[0]) == {
        "rule",
        "event",
        "starts",
        "ends",
        "act_by",
        "days_left",
        "status",
        "consequence",
        "legal_basis",
    }


def test_late_objection_in_plain_danish(naevn: Naevn) -> None:
    result = naevn(
        "deadline",
        "--case-type",
        "utility_accounts",
        "--role",
        "tenant",
        "--event",
        "account_received=2026-08-31",
        "--event",
        "objection_sent=2026-10-14",
        "--today",
        "2026-11-23",
    )
    assert result.returncode == 0, result.stderr
    assert "2 dage efter fristen, som var 12. oktober 2026" in result.stdout
    assert "skal udlejeren indbringe" not in result.stdout


@pytest.mark.parametrize(
    ("facts", "rule", "ends"),
    [
        (["--housing", "private", "--municipality", "101"], "appeal.ankenaevn", "2026-07-08"),
        (["--housing", "private", "--municipality", "751"], "appeal.boligret", "2026-07-08"),
        (["--housing", "social", "--municipality", "101"], "appeal.boligret", "2026-08-08"),
    ],
)
def test_appeal_follows_housing_and_municipality(
    naevn: Naevn, facts: list[str], rule: str, ends: str
) -> None:
    # Notified Wednesday 10 June 2026; for a beboerklagenævn July is not counted, so the
    # 28 days are 11-30 June and 1-8 August. The case is rent_level for the huslejenævn and
    # maintenance for the beboerklagenævn, which cannot decide the rent.
    case_type = "maintenance" if "social" in facts else "rent_level"
    rows = _json_deadlines(
        naevn,
        "--case-type",
        case_type,
        "--role",
        "landlord",
        *facts,
        "--event",
        "decision_notified=2026-06-10",
    )
    assert [(r["rule"], r["ends"]) for r in rows] == [(rule, ends)]


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--housing", "almen"), ("--municipality", "9999"), ("--landlord-units", "many")],
)
def test_unknown_fact_exits_2_with_one_line(naevn: Naevn, flag: str, value: str) -> None:
    result = naevn(
        "deadline",
        "--case-type",
        "move_out",
        "--role",
        "tenant",
        flag,
        value,
        "--today",
        "2026-11-23",
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert flag in result.stderr


def test_help_lists_case_types_roles_and_events(naevn: Naevn) -> None:
    result = naevn("deadline", "--help")
    assert result.returncode == 0
    for name in ("rent_increase", "room_lets", "tenant_board", "objection_sent", "inspection_held"):
        assert name in result.stdout


def test_move_out_with_several_homes_gives_the_syn_report_and_claim(naevn: Naevn) -> None:
    # The landlord learned of the move-out on Tuesday 1 September 2026 and held the syn on
    # Thursday 10 September: in time for Tuesday 15 September; report and claim by 24 September.
    rows = _json_deadlines(
        naevn,
        "--case-type",
        "move_out",
        "--role",
        "landlord",
        "--housing",
        "private",
        "--landlord-units",
        "several",
        "--event",
        "move_out_known=2026-09-01",
        "--event",
        "inspection_held=2026-09-10",
    )
    assert [(r["rule"], r["ends"], r["status"]) for r in rows] == [
        ("move_out.inspection", "2026-09-15", "met"),
        ("move_out.report", "2026-09-24", "expired"),
        ("move_out.landlord_claim", "2026-09-24", "expired"),
    ]
