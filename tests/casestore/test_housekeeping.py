"""Housekeeping: stale drafts, old replies, partial uploads and files no row names go; the rest
stays (on SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from casestore import Reply, Store
from casestore.blobs import Removal
from casestore.engine import make_engine
from casestore.housekeeping import Removed, Retention, housekeep
from statemachine.errors import NotFoundError
from tests.casestore.helpers import START, Ticker, new_draft, submission

RETENTION = Retention(drafts=timedelta(days=90), replies=timedelta(days=1))
"""The defaults, spelled out: the tests' dates count from them."""
LATER = START + timedelta(days=91)
"""A day past the draft retention of anything the test clock stamped at :data:`START`."""


def upload(store: Store, draft_id: str, content: bytes) -> str:
    """Store ``content`` and record it against the draft; returns the attachment id."""
    ref = store.blobs.put_chunks([content])
    with store.begin() as tx:
        row = tx.add_attachment(
            draft_id,
            filename="varsel.pdf",
            size=ref.size,
            sha256=ref.sha256,
            media_type="application/pdf",
        )
    return row.id


def age(path: Path, seconds: float = 2 * 3600) -> None:
    """Make a file look last written ``seconds`` ago (past the one-hour grace by default)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def sha_of(store: Store, attachment_id: str) -> str:
    with store.read() as tx:
        return tx.attachment(attachment_id).sha256


@pytest.fixture
def later(store: Store) -> Iterator[Store]:
    """The same store, with a clock 90 days on: what it stamps is recent at :data:`LATER`."""
    opened = Store.open(store.url, store.blobs.root, clock=Ticker(START + timedelta(days=90)))
    yield opened
    opened.close()


def test_a_file_no_row_names_goes_once_past_the_grace_and_a_young_one_stays(
    store: Store,
) -> None:
    old = store.blobs.put_chunks([b"stored, then the process died before the row"])
    young = store.blobs.put_chunks([b"an upload in flight: its row comes next"])
    age(store.blobs.path_of(old.sha256))

    removed = housekeep(store, RETENTION, START)

    assert removed == Removed(orphans=Removal(1, old.size))
    assert not store.blobs.exists(old.sha256)
    assert store.blobs.exists(young.sha256)


def test_files_that_a_draft_or_a_case_names_stay_however_old(store: Store) -> None:
    filing, other = new_draft(store, 1), new_draft(store, 2)
    linked = upload(store, filing, b"%PDF-1.7 notice")
    unlinked = upload(store, filing, b"%PDF-1.7 a draft never sent")
    in_progress = upload(store, other, b"%PDF-1.7 lease")
    with store.begin() as tx:
        tx.submit(filing, submission(attachments=[(linked, "rent_increase_notice")]))
    digests = [sha_of(store, a) for a in (linked, unlinked, in_progress)]
    for sha in digests:
        age(store.blobs.path_of(sha), 400 * 86400)

    removed = housekeep(store, RETENTION, START + timedelta(days=1))

    assert not removed.anything
    assert all(store.blobs.exists(sha) for sha in digests)


def test_partial_uploads_go_once_past_the_grace(store: Store) -> None:
    tmp = store.blobs.root / "tmp"
    old, young = tmp / "put-killed", tmp / "put-being-written"
    old.write_bytes(b"half a file")
    young.write_bytes(b"the first megabyte")
    age(old)

    removed = housekeep(store, RETENTION, START)

    assert removed == Removed(partials=Removal(1, len(b"half a file")))
    assert not old.exists() and young.exists()


def test_a_draft_untouched_past_the_retention_goes_with_its_replies_events_and_files(
    store: Store, later: Store
) -> None:
    stale, kept = new_draft(store, 1), new_draft(store, 2)
    own = upload(store, stale, b"%PDF-1.7 only the stale draft has this")
    shared = upload(store, stale, b"%PDF-1.7 both drafts have this")
    upload(store, kept, b"%PDF-1.7 both drafts have this")
    with store.begin() as tx:
        tx.remember_reply(stale, "k-1", Reply("h", {"state": "ask_role"}))
        tx.record_event("draft.resumed", actor=f"filer:{stale}", draft_id=stale)
    own_sha, shared_sha = sha_of(store, own), sha_of(store, shared)
    for sha in (own_sha, shared_sha):
        age(store.blobs.path_of(sha), 91 * 86400)
    with later.begin() as tx:  # the other draft is answered 90 days on
        version = tx.load_draft(kept).version
        tx.save_draft(kept, state="ask_housing", data={"answers": {}}, expected_version=version)

    removed = housekeep(store, RETENTION, LATER)

    assert (removed.drafts, removed.orphans) == (
        1,
        Removal(1, len(b"%PDF-1.7 only the stale draft has this")),
    )
    with store.read() as tx:
        with pytest.raises(NotFoundError):
            tx.load_draft(stale)
        assert tx.find_reply(stale, "k-1") is None
        assert tx.attachments_of_draft(stale) == []
        assert [a.sha256 for a in tx.attachments_of_draft(kept)] == [shared_sha]
    assert not store.blobs.exists(own_sha)
    assert store.blobs.exists(shared_sha), "the other draft still names it"
    assert _events_of(store, stale) == 0


def test_a_file_given_recently_keeps_an_old_draft(store: Store, later: Store) -> None:
    draft = new_draft(store)
    with later.begin() as tx:
        tx.add_attachment(
            draft, filename="x.pdf", size=1, sha256="0" * 64, media_type="application/pdf"
        )

    removed = housekeep(store, RETENTION, LATER)

    assert removed.drafts == 0
    with store.read() as tx:
        assert tx.load_draft(draft).status == "open"


def test_a_filed_case_keeps_its_draft_and_files_past_the_retention(store: Store) -> None:
    draft = new_draft(store)
    notice = upload(store, draft, b"%PDF-1.7 notice")
    with store.begin() as tx:
        number = tx.submit(draft, submission(attachments=[(notice, "rent_increase_notice")]))
    age(store.blobs.path_of(sha_of(store, notice)), 400 * 86400)

    removed = housekeep(store, RETENTION, START + timedelta(days=400))

    assert removed.drafts == 0 and removed.orphans.files == 0
    with store.read() as tx:
        assert [a["id"] for a in tx.get_case(number).attachments] == [notice]
        assert tx.load_draft(draft).status == "submitted"
    assert store.blobs.exists(sha_of(store, notice))


def test_replies_kept_over_a_day_are_forgotten(store: Store) -> None:
    draft = new_draft(store)
    with store.begin() as tx:
        tx.remember_reply(draft, "k-old", Reply("h", {"state": "ask_role"}))

    removed = housekeep(store, RETENTION, START + timedelta(days=2))

    assert removed.replies == 1 and removed.drafts == 0
    with store.read() as tx:
        assert tx.find_reply(draft, "k-old") is None


def test_many_stale_drafts_go_in_several_batches(store: Store) -> None:
    drafts = [new_draft(store, n) for n in range(1, 451)]

    removed = housekeep(store, RETENTION, LATER)

    assert removed.drafts == len(drafts)
    with store.read() as tx, pytest.raises(NotFoundError):
        tx.load_draft(drafts[-1])


def test_a_run_asked_to_stop_removes_nothing_more(store: Store) -> None:
    new_draft(store)
    stop = threading.Event()
    stop.set()

    removed = housekeep(store, RETENTION, LATER, stop=stop)

    assert not removed.anything


# --- an upload of content already stored, while the sweep runs ---------------------------------


def test_a_blob_an_upload_claims_after_the_walk_is_put_back(store: Store) -> None:
    content = b"%PDF-1.7 the same file, uploaded again"
    ref = store.blobs.put_chunks([content])
    age(store.blobs.path_of(ref.sha256))
    cutoff = time.time() - 3600
    assert ref in list(store.blobs.stored_before(cutoff)), "an orphan candidate"
    store.blobs.put_chunks([content])  # the upload finds it stored and claims it

    assert store.blobs.remove_unclaimed(ref.sha256, cutoff) is None
    assert store.blobs.path_of(ref.sha256).read_bytes() == content
    assert list((store.blobs.root / "tmp").iterdir()) == []


def test_an_upload_after_a_removal_stores_its_own_copy(store: Store) -> None:
    content = b"%PDF-1.7 removed, then uploaded again"
    ref = store.blobs.put_chunks([content])
    age(store.blobs.path_of(ref.sha256))
    assert store.blobs.remove_unclaimed(ref.sha256, time.time() - 3600) == len(content)

    assert store.blobs.put_chunks([content]) == ref
    assert store.blobs.path_of(ref.sha256).read_bytes() == content


def _events_of(store: Store, draft_id: str) -> int:
    """How many audit lines name the draft, read over a connection of its own."""
    engine = make_engine(store.url)
    try:
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM events WHERE draft_id = :draft")
            return int(connection.execute(query, {"draft": draft_id}).scalar_one())
    finally:
        engine.dispose()
