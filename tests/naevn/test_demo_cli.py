"""``naevn demo``: demo staff, and demo cases filed through the real dialogue and worked by
the real desk into every status, never mixed into real data."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

from casestore import Store
from console.desk.desk import Desk
from statemachine.flows import lifecycle
from tests.conftest import TODAY, Naevn
from tests.test_transcripts import FILES, GOLDEN

TODAY_DATE = date.fromisoformat(TODAY)


def test_demo_loads_staff_and_cases_in_every_status_once(
    naevn: Naevn, naevn_env: dict[str, str]
) -> None:
    first = naevn("demo")
    assert first.returncode == 0, first.stderr
    again = naevn("demo")
    assert (again.returncode, again.stdout) == (0, "The demo cases are already loaded.\n")

    cases = [json.loads(line) for line in naevn("cases", "list", "--json").stdout.splitlines()]
    assert len(cases) == 200
    assert {c["status"] for c in cases} == set(lifecycle.STATUSES)
    assert {c["case_type"] for c in cases} == {"rent_increase", "utility_accounts", "house_rules"}
    assert max(c["filed_at"] for c in cases) <= f"{TODAY}T23:59"
    assert min(c["filed_at"] for c in cases) < "2026-09-01", "filed over months, not at once"

    tokens = Path(naevn_env["NAEVN_DATA_DIR"]) / "demo-staff.json"
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o600
    staff = json.loads(tokens.read_text(encoding="utf-8"))
    assert staff["caseworker"]["tribunals"] == ["hln-101", "bkn-101"]
    listed = naevn("staff", "list").stdout
    assert "Mette Holm  caseworker  bkn-101,hln-101" in listed
    assert staff["caseworker"]["token"] not in listed

    store = Store.open(naevn_env["NAEVN_DB"], Path(naevn_env["NAEVN_DATA_DIR"]) / "blobs")
    try:
        desk = Desk(store, lambda: TODAY_DATE)
        mette = desk.sign_in(staff["caseworker"]["token"])
        queue = desk.queue(mette, {"status": "hearing", "assignee": "me"}, lang="en")["cases"]
        assert queue and all(row["status"] == "hearing" for row in queue)
        case = desk.case(mette, queue[0]["number"], lang="en")
        steps = [h for h in case["history"] if h["kind"] == "case.step"]
        assert (steps[-1]["from"], steps[-1]["to"]) == ("Assigned", "In hearing")
        assert steps[-1]["actor"] == "Mette Holm"
        assert "dismiss" in {s["step"] for s in case["steps"]}
        with store.read() as tx:
            published = next(c for c in cases if c["status"] == "published")
            events = tx.get_case(published["number"]).events
        moves = [(e["data"]["from"], e["data"]["to"]) for e in events if e["kind"] == "case.step"]
        assert moves[-3:] == [
            ("ready_for_meeting", "on_agenda"),
            ("on_agenda", "decided"),
            ("decided", "published"),
        ]
        assert any(e["actor"] == f"staff:{staff['lead']['id']}" for e in events)
    finally:
        store.close()


def test_lost_tokens_are_issued_afresh(naevn: Naevn, naevn_env: dict[str, str]) -> None:
    assert naevn("demo").returncode == 0
    tokens = Path(naevn_env["NAEVN_DATA_DIR"]) / "demo-staff.json"
    old = json.loads(tokens.read_text(encoding="utf-8"))
    tokens.unlink()
    again = naevn("demo")
    assert again.returncode == 0, again.stderr
    new = json.loads(tokens.read_text(encoding="utf-8"))
    assert new["caseworker"]["token"] != old["caseworker"]["token"]
    assert stat.S_IMODE(tokens.stat().st_mode) == 0o600


def test_demo_refuses_a_store_with_real_cases(naevn: Naevn) -> None:
    script = (GOLDEN / "tenant_rent_increase.en.in").read_text(encoding="utf-8")
    assert naevn("chat", "--lang", "en", input=script, cwd=FILES).returncode == 0
    refused = naevn("demo")
    assert refused.returncode == 2
    assert "real cases" in refused.stderr
    assert naevn("demo", "--force").returncode == 0
