"""``naevn demo``'s board work: the decided and published demo cases have decisions registered
by the real desk (the box valid for the case, the PDF a file of the case, the parties' letters
queued, the appeal deadline started); each tribunal has a planned meeting with its agenda and
its parties summoned; and the published cases are in the registers, anonymised, so the board's
screens and the registers have content."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from datetime import date

import pytest

from casestore import Store
from casestore.registerrecords import DecisionQuery
from console.desk.decisions import parse_fields
from naevn.commands import demo, demo_board
from naevn.settings import Settings
from statemachine.catalog import decisions as catalog
from tests.conftest import TODAY
from tests.console.decisions.helpers import pdf_text

TODAY_DATE = date.fromisoformat(TODAY)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo, loaded once for the module (on SQLite: the desk is the same on both)."""
    folder = tmp_path_factory.mktemp("demo-board")
    settings = Settings(db=f"sqlite:///{folder / 'naevn.db'}", data_dir=folder, today=TODAY_DATE)
    demo.load(settings, io.StringIO(), force=False)
    store = Store.open(settings.db, settings.blob_dir)
    yield store
    store.close()


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
