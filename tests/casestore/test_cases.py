"""The case list: pages of cases by keyset, in filing order or newest first."""

from __future__ import annotations

import pytest

from casestore import Store
from statemachine.errors import NotFoundError
from tests.casestore.helpers import new_draft, submission


@pytest.fixture
def seven(store: Store) -> list[str]:
    """Seven filed cases across two municipalities, in filing order."""
    numbers = []
    for n in range(7):
        draft_id = new_draft(store, n)
        with store.begin() as tx:
            numbers.append(tx.submit(draft_id, submission(101 if n % 2 else 751)))
    return numbers


def pages(store: Store, size: int, *, newest_first: bool = False) -> list[list[str]]:
    out: list[list[str]] = []
    after = None
    while True:
        with store.read() as tx:
            page = tx.list_cases(limit=size, after_number=after, newest_first=newest_first)
        if not page:
            return out
        out.append([case.number for case in page])
        after = page[-1].number


@pytest.mark.parametrize("size", [1, 3, 7, 50])
def test_paging_visits_every_case_once_in_filing_order(
    store: Store, seven: list[str], size: int
) -> None:
    got = pages(store, size)
    assert [n for page in got for n in page] == seven
    assert all(len(page) <= size for page in got)


def test_newest_first_pages_backwards(store: Store, seven: list[str]) -> None:
    assert pages(store, 3, newest_first=True) == [seven[6:3:-1], seven[3:0:-1], seven[:1]]


def test_a_summary_line_has_the_listed_fields(store: Store, seven: list[str]) -> None:
    with store.read() as tx:
        first = tx.list_cases(limit=1)[0]
    assert (first.number, first.case_type, first.role, first.housing) == (
        "751-10001",
        "rent_increase",
        "tenant",
        "private",
    )
    assert (first.municipality_code, first.status) == (751, "submitted")
    assert first.filed_at == submission().filed_at


def test_an_empty_store_lists_nothing(store: Store) -> None:
    with store.read() as tx:
        assert tx.list_cases() == []


def test_paging_after_an_unknown_number_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError), store.read() as tx:
        tx.list_cases(after_number="101-99999")
