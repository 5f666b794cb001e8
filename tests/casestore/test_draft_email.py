"""A draft keeps its filer's e-mail address, on both of the store's save paths, so that Mine
sager can list an address's open drafts; drafts saved before the address was kept get it from
their answers when the store migrates."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import insert, select

from casestore import Store, upgrade
from casestore.engine import make_engine
from casestore.migrate import config
from casestore.models import DRAFTS
from tests.casestore.helpers import START, new_draft, submission


def test_each_save_path_keeps_the_address_trimmed_and_in_lower_case(store: Store) -> None:
    fast, full = new_draft(store, 1), new_draft(store, 2)
    with store.draft_transaction() as tx:
        tx.save_draft(fast, state="x", data={}, expected_version=1, email=" Anna@Example.DK ")
    with store.begin() as tx:
        tx.save_draft(full, state="x", data={}, expected_version=1, email="anna@example.dk")
    with store.read() as tx:
        found = [d.id for d in tx.open_drafts_of_email("ANNA@example.dk")]
    assert sorted(found) == [fast, full]


def test_only_open_drafts_of_that_very_address_are_listed_last_saved_first(store: Store) -> None:
    older, newer, other, filed, blank = (new_draft(store, n) for n in range(1, 6))
    with store.begin() as tx:
        for draft_id, email in [
            (older, "anna@example.dk"),
            (other, "anna@example.dk.evil"),
            (filed, "anna@example.dk"),
            (newer, "anna@example.dk"),
            (blank, None),
        ]:
            tx.save_draft(draft_id, state="x", data={}, expected_version=1, email=email)
        tx.submit(filed, submission())
    with store.read() as tx:
        assert [d.id for d in tx.open_drafts_of_email("anna@example.dk")] == [newer, older]
        assert tx.open_drafts_of_email("") == [], "no address is not the drafts without one"
        assert tx.open_drafts_of_email("  ") == []


def test_a_later_save_without_the_address_forgets_it(store: Store) -> None:
    draft_id = new_draft(store)
    with store.begin() as tx:
        version = tx.save_draft(draft_id, state="x", data={}, expected_version=1, email="a@b.dk")
        tx.save_draft(draft_id, state="y", data={}, expected_version=version)
        assert tx.open_drafts_of_email("a@b.dk") == []


def test_migrating_gives_open_drafts_saved_before_the_address_from_their_answers(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    command.upgrade(config(url), "0009")
    engine = make_engine(url)
    row = {
        "lang": "da",
        "state": "ask_phone",
        "version": 3,
        "case_number": None,
        "created_at": START,
        "updated_at": START,
    }
    answers = {"answers": {"ask_email": " Bo@Example.dk"}, "state": "ask_phone"}
    with engine.begin() as conn:
        for n, status, data in [
            (1, "open", answers),
            (2, "submitted", answers),
            (3, "open", {"answers": {"ask_name": "Bo"}}),
        ]:
            values = {"id": f"s_{n:022d}", "token_hash": f"t{n}", "resume_hash": f"r{n}"}
            values |= {"status": status}
            conn.execute(insert(DRAFTS).values(**row, **values, data=data))
    engine.dispose()
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        emails = dict(conn.execute(select(DRAFTS.c.id, DRAFTS.c.email)).all())
    engine.dispose()
    assert emails == {f"s_{1:022d}": "bo@example.dk", f"s_{2:022d}": None, f"s_{3:022d}": None}
