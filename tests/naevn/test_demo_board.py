"""``naevn demo``'s board work: the decided and published demo cases have decisions registered
by the real desk (the box valid for the case, the PDF a file of the case, the parties' letters
queued, the appeal deadline started); each tribunal has a planned meeting with its agenda and
its parties summoned; and the published cases are in the registers, anonymised, so the board's
screens and the registers have content."""

from __future__ import annotations

import io
import json
import random
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest

from casestore import Store
from casestore.registerrecords import DecisionQuery
from console.desk import labels
from console.desk.decisions import parse_fields
from console.desk.desk import Desk
from naevn.commands import demo, demo_board
from naevn.settings import Settings
from statemachine.catalog import decisions as catalog
from tests.conftest import TODAY
from tests.console.decisions.helpers import pdf_text
from tests.service import running

TODAY_DATE = date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, loaded once for the module (on SQLite: the desk is the same on both), in
    its data folder."""
    folder = tmp_path_factory.mktemp("demo-board")
    demo.load(_settings(folder), io.StringIO(), force=False)
    return folder


@pytest.fixture(scope="module")
def loaded(demo_folder: Path) -> Iterator[Store]:
    """The loaded demo's store."""
    settings = _settings(demo_folder)
    store = Store.open(settings.db, settings.blob_dir)
    yield store
    store.close()


@pytest.fixture(scope="module")
def site(demo_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """``naevn serve`` on a copy of the demo (its delivery worker sends the copy's outbox, not
    the one the other tests read)."""
    folder = tmp_path_factory.mktemp("demo-site")
    shutil.copy(demo_folder / "naevn.db", folder / "naevn.db")
    shutil.copytree(_settings(demo_folder).blob_dir, _settings(folder).blob_dir)
    settings = replace(_settings(folder), rate_limit=0)
    with running(settings) as url, httpx.Client(base_url=url) as client:
        yield client


def _settings(folder: Path) -> Settings:
    return Settings(db=f"sqlite:///{folder / 'naevn.db'}", data_dir=folder, today=TODAY_DATE)


def _cases(store: Store, *statuses: str) -> list[str]:
    with store.read() as tx:
        return [c.number for c in tx.list_cases(limit=1000) if c.status in statuses]


def test_each_decided_case_has_its_decision_registered_by_the_lead(loaded: Store) -> None:
    decided = _cases(loaded, "decided", "published")
    assert len(decided) >= 20
    with loaded.read() as tx:
        lead = next(s for s in tx.list_staff() if s.role == "lead")
        for number in decided:
            work = tx.casework(number)
            decision = tx.current_decision(work.case_id)
            assert decision is not None, number
            assert decision.registered_by == f"staff:{lead.id}"
            assert decision.decided_on is not None
            assert decision.decided_on >= work.filed_at.date()
            box = catalog.BoxValues(
                **{
                    f: getattr(decision, f)
                    for f in catalog.BoxValues.__dataclass_fields__
                    if hasattr(decision, f)
                }
            )
            assert catalog.check_decision(box, work.filed_at.date()) == [], number
            files = {a["id"]: a for a in work.attachments}
            assert files[decision.document_id or ""]["media_type"] == "application/pdf"
            assert any(d["event"] == "decision_notified" for d in work.deadlines)
            steps = [e for e in work.events if e["kind"] == "case.step"]
            decide = next(e for e in steps if e["data"]["step"] == "decide")
            assert decide["actor"] == f"staff:{lead.id}"
        letters = [m for m in tx.outbox_list(state="pending", limit=10_000) if m.kind == "decision"]
    assert len(letters) >= len(decided)


def test_open_cases_have_no_decision(loaded: Store) -> None:
    with loaded.read() as tx:
        for number in _cases(loaded, "on_agenda", "ready_for_meeting", "hearing"):
            assert tx.current_decision(tx.case_scope(number)[0]) is None


@pytest.mark.parametrize(
    ("case_type", "topics", "housing"),
    [
        ("rent_increase", [], "private"),
        ("utility_accounts", [], "private"),
        ("house_rules", [], "social"),
        ("rent_increase", ["utility_accounts"], "private"),
    ],
)
def test_a_demo_box_is_valid_whatever_the_outcome(
    case_type: str, topics: list[str], housing: str
) -> None:
    for seed in range(30):
        fields = demo_board.box(
            case_type, topics, "tenant", housing, TODAY_DATE, random.Random(seed)
        )
        values = parse_fields(fields)
        box = catalog.BoxValues(**{k: v for k, v in values.items() if not k.endswith("_text")})
        assert catalog.check_decision(box, TODAY_DATE) == [], fields


def test_each_tribunal_has_a_planned_meeting_with_summoned_parties(loaded: Store) -> None:
    with loaded.read() as tx:
        meetings = tx.meetings(("hln-101", "bkn-101"))
        board = [s for s in tx.list_staff() if s.role == "board_member"]
        summons = [m for m in tx.outbox_list(state="pending", limit=10_000) if m.kind == "summons"]
    assert {m.tribunal for m in meetings} == {"hln-101", "bkn-101"}
    assert all(m.starts_at.date() > TODAY_DATE for m in meetings)
    assert all(len(m.items) >= 2 for m in meetings)
    assert any(i.kind == "inspection" for m in meetings for i in m.items)
    assert all(i.summoned_at is not None for m in meetings for i in m.items)
    assert len(board) == 1
    assert any(s.staff_id == board[0].id for m in meetings for s in m.members)
    assert summons


def test_the_published_cases_are_in_the_registers_without_their_parties(
    loaded: Store,
) -> None:
    published = _cases(loaded, "published")
    assert len(published) >= 5
    with loaded.read() as tx:
        listed = tx.decisions_page(DecisionQuery(limit=500)).rows
        names = set()
        texts = []
        for number in published:
            work = tx.casework(number)
            names |= {str(p["name"]) for p in work.parties if p["name"]}
            decision = tx.current_decision(work.case_id)
            assert decision is not None
            saved = tx.anonymisation_of(work.case_id, decision.version)
            assert saved is not None and saved.accepted, number
        for row in listed:
            pdf = tx.register_document(row.id)
            assert pdf is not None
            texts.append(pdf_text(pdf))
    assert {row.case_number for row in listed} == set(published)
    for text in texts:
        assert not [name for name in names if name in text]


def _party_names(store: Store, numbers: list[str]) -> set[str]:
    with store.read() as tx:
        return {str(p["name"]) for n in numbers for p in tx.casework(n).parties if p.get("name")}


def test_the_registers_list_the_published_cases_without_a_party_name(
    loaded: Store, site: httpx.Client
) -> None:
    published = _cases(loaded, "published")
    names = _party_names(loaded, published)
    assert names
    decisions = site.get("/api/v1/public/decisions", params={"limit": "200"})
    assert decisions.status_code == 200, decisions.text
    items = decisions.json()["items"]
    assert {item["case_number"] for item in items} == set(published)
    shown = [decisions.text, site.get("/api/v1/public/rents", params={"limit": "200"}).text]
    for path in ("/registre", "/registre/afgoerelser", "/registre/huslejer"):
        page = site.get(path)
        assert page.status_code == 200, path
        shown.append(page.text)
    for item in items:
        page = site.get(f"/registre/afgoerelser/{item['id']}")
        assert page.status_code == 200 and item["case_number"] in page.text
        shown.append(page.text)
    shown.append(site.get("/api/v1/public/decisions.csv").text)
    shown.append(site.get("/api/v1/public/rents.csv").text)
    assert any(published[0] in text for text in shown[2:4])
    for text in shown:
        assert [name for name in names if name in text] == []


def test_the_board_member_sees_the_meeting_and_only_its_cases(
    loaded: Store, demo_folder: Path
) -> None:
    tokens = json.loads((demo_folder / demo.STAFF_FILE).read_text(encoding="utf-8"))
    desk = Desk(loaded, lambda: TODAY_DATE)
    member = desk.sign_in(tokens["board_member"]["token"])
    assert member.role == "board_member"
    meetings = desk.meetings(member, lang="en")["meetings"]
    assert [m["tribunal"] for m in meetings] == ["hln-101"]
    meeting = desk.meeting(member, meetings[0]["id"], lang="en")
    assert member.id in [m["staff_id"] for m in meeting["members"]]
    agenda = {item["number"] for item in meeting["agenda"]}
    assert {item["kind"] for item in meeting["agenda"]} == {"case", "inspection"}
    assert all(item["summoned_at"] for item in meeting["agenda"])
    queue = desk.queue(member, {"limit": 500})["cases"]
    assert {row["number"] for row in queue} == agenda


def test_every_line_of_a_demo_case_history_has_words(loaded: Store) -> None:
    with loaded.read() as tx:
        kinds = {e["kind"] for c in tx.list_cases(limit=1000) for e in tx.get_case(c.number).events}
    assert {"case.agenda_added", "case.summoned", "case.decision", "case.anonymised"} <= kinds
    assert sorted(kinds - set(labels.EVENTS)) == []
