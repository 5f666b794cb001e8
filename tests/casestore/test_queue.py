"""The queue: scoped to the caller's tribunals, filtered, sorted, searched and paged by keyset."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

import casestore.migrate
from casestore import QueryError, QueueQuery, Store
from casestore.engine import make_engine
from tests.casestore.helpers import START, file_case

HLN = ("hln-101",)
TODAY = date(2026, 11, 23)
OFFSETS = [3, 1, 4, 1, 5, 9, 2]
"""Days after START each of the seven cases was filed (two on the same day)."""
DEADLINES: list[date | None] = [
    TODAY + timedelta(3),
    None,
    TODAY - timedelta(2),
    TODAY + timedelta(10),
    None,
    TODAY - timedelta(2),
    TODAY + timedelta(1),
]
"""The next deadline of each of the seven cases."""


def numbers(store: Store, query: QueueQuery) -> list[str]:
    with store.read() as tx:
        return [row.number for row in tx.queue(query).rows]


def set_deadline(store: Store, number: str, deadline: date | None, status: str) -> None:
    with store.begin() as tx:
        version = tx.case_scope(number)[3]
        tx.change_status(
            number,
            expected_version=version,
            to=status,
            actor="staff:1",
            data={"step": "test"},
            next_deadline=deadline,
            next_rule=None if deadline is None else "secretariat.notify",
        )


@pytest.fixture
def seven(store: Store) -> list[str]:
    """Seven cases of hln-101 with varied filing days, deadlines and statuses."""
    filed = [
        file_case(store, n, filed_at=START + timedelta(days=offset))
        for n, offset in enumerate(OFFSETS, start=1)
    ]
    for n, (number, deadline) in enumerate(zip(filed, DEADLINES, strict=True)):
        set_deadline(store, number, deadline, "hearing" if n % 2 else "assigned")
    return filed


def all_pages(store: Store, query: QueueQuery) -> list[list[str]]:
    pages: list[list[str]] = []
    after = None
    while True:
        with store.read() as tx:
            page = tx.queue(replace(query, after=after))
        pages.append([row.number for row in page.rows])
        if page.after is None:
            return pages
        after = page.after


def expected_order(seven: list[str], sort: str, descending: bool) -> list[str]:
    n = range(len(seven))
    if sort == "number":
        order = sorted(n, key=lambda i: seven[i], reverse=descending)
    elif sort == "filed":
        order = sorted(n, key=lambda i: (OFFSETS[i], i), reverse=descending)
    else:
        dated = [i for i in n if DEADLINES[i] is not None]
        undated = [i for i in n if DEADLINES[i] is None]
        order = sorted(dated, key=lambda i: (DEADLINES[i], i), reverse=descending)
        order += sorted(undated, reverse=descending)
    return [seven[i] for i in order]


@pytest.mark.parametrize("sort", ["deadline", "filed", "number"])
@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_pages_of_three_list_every_case_once_in_order(
    store: Store, seven: list[str], sort: str, descending: bool
) -> None:
    query = QueueQuery(tribunals=HLN, sort=sort, descending=descending, limit=3)  # type: ignore[arg-type]
    pages = all_pages(store, query)

    assert [len(page) for page in pages] == [3, 3, 1]
    assert [number for page in pages for number in page] == expected_order(seven, sort, descending)


def test_cases_without_a_deadline_come_last_and_the_rows_say_what_the_queue_shows(
    store: Store, seven: list[str]
) -> None:
    with store.read() as tx:
        rows = tx.queue(QueueQuery(tribunals=HLN)).rows

    assert [row.next_deadline for row in rows[-2:]] == [None, None]
    first = rows[0]
    assert first.number == seven[2]
    assert first.next_deadline == TODAY - timedelta(2)
    assert first.next_rule == "secretariat.notify"
    assert first.parties_label == "Karen Jensen / Ejendomsselskabet Nord ApS"
    assert (first.status, first.tribunal, first.housing) == ("assigned", "hln-101", "private")
    assert first.version == 2


def test_a_page_exactly_full_is_the_last(store: Store, seven: list[str]) -> None:
    with store.read() as tx:
        page = tx.queue(QueueQuery(tribunals=HLN, limit=7))
    assert len(page.rows) == 7
    assert page.after is None


def test_staff_see_only_their_own_tribunals_cases(store: Store) -> None:
    copenhagen = file_case(store, 1, 101)
    aarhus = file_case(store, 2, 751)
    social = file_case(store, 3, 101, housing="social")

    assert numbers(store, QueueQuery(tribunals=("hln-101",))) == [copenhagen]
    assert numbers(store, QueueQuery(tribunals=("bkn-101",))) == [social]
    both = QueueQuery(tribunals=("hln-101", "hln-751"), sort="number")
    assert numbers(store, both) == [copenhagen, aarhus]
    assert numbers(store, replace(both, tribunal=("hln-751",))) == [aarhus]
    assert numbers(store, QueueQuery(tribunals=())) == []
    # Narrowing to a tribunal the caller does not belong to widens nothing.
    assert numbers(store, QueueQuery(tribunals=("hln-101",), tribunal=("hln-751",))) == []
    assert numbers(store, QueueQuery(tribunals=(), text="karen")) == []


def test_filters_by_status_type_housing_and_filing_dates(store: Store, seven: list[str]) -> None:
    other = file_case(store, 8, case_type="deposit", filed_at=START + timedelta(days=20))
    base = QueueQuery(tribunals=HLN, sort="number")

    assert numbers(store, replace(base, status=("hearing",))) == seven[1::2]
    assert numbers(store, replace(base, status=("hearing", "submitted"))) == [*seven[1::2], other]
    assert numbers(store, replace(base, case_type=("deposit",))) == [other]
    assert numbers(store, replace(base, housing="social")) == []
    day = START.date()
    window = replace(base, filed_from=day + timedelta(2), filed_to=day + timedelta(4))
    assert numbers(store, window) == [seven[0], seven[2], seven[6]]


def test_filters_by_deadline_window_and_overdue(store: Store, seven: list[str]) -> None:
    base = QueueQuery(tribunals=HLN, today=TODAY)

    assert numbers(store, replace(base, overdue=True)) == [seven[2], seven[5]]
    assert numbers(store, replace(base, due_within_days=3)) == [
        seven[2],
        seven[5],
        seven[6],
        seven[0],
    ]


def test_filters_by_assignee(store: Store, seven: list[str]) -> None:
    with store.begin() as tx:
        mette = tx.add_staff("Mette Holm", "caseworker", ["hln-101"], "h1")
        jonas = tx.add_staff("Jonas Berg", "caseworker", ["hln-101"], "h2")
        tx.assign(seven[0], staff_id=mette.id, expected_version=None, actor="staff:1")
        tx.assign(seven[3], staff_id=jonas.id, expected_version=None, actor="staff:1")
    base = QueueQuery(tribunals=HLN, sort="number")

    with store.read() as tx:
        mine = tx.queue(replace(base, assignee=mette.id)).rows
    assert [(row.number, row.assignee_name) for row in mine] == [(seven[0], "Mette Holm")]
    unassigned = numbers(store, replace(base, assignee="none"))
    assert unassigned == [n for n in seven if n not in (seven[0], seven[3])]


def test_search_finds_cases_by_the_start_of_any_word(store: Store) -> None:
    karen = file_case(store, 1)
    anders = file_case(
        store,
        2,
        filer="Anders Møller",
        counterparty="Boligselskabet Åhusene",
        address="Vestergade 12, 2. th",
        claim="Der er skimmelsvamp i badeværelset, og udlejer gør ikke noget.",
    )
    aarhus = file_case(store, 3, 751, filer="Karen Holm")
    base = QueueQuery(tribunals=("hln-101", "hln-751"), sort="number")

    def found(text: str) -> list[str]:
        return numbers(store, replace(base, text=text))

    assert found("kar") == [karen, aarhus]
    assert found("karen hol") == [aarhus]
    assert found("møll") == [anders]
    assert found("Vesterg") == [anders]
    assert found("skimmel") == [anders]
    assert found("åhus") == [anders]
    assert found(anders) == [anders]
    assert found("751") == [aarhus]
    assert found("nobody") == []
    assert found("NOT OR ( *") == [], "search words are never read as operators"
    assert found(" -- ") == [karen, anders, aarhus], "a search of no words filters nothing"


@pytest.mark.parametrize(
    "after",
    ["not base64 at all!", "bnVsbA", "WzEsMiwzXQ", "WyJkZWFkbGluZSIsZmFsc2UsIng", ""],
)
def test_a_malformed_cursor_is_refused_as_invalid_input(store: Store, after: str) -> None:
    file_case(store, 1)
    with store.read() as tx, pytest.raises(QueryError) as refused:
        tx.queue(QueueQuery(tribunals=HLN, after=after))
    assert refused.value.status == 422
    assert "start from the top" in str(refused.value)


def test_a_cursor_of_another_sort_is_refused(store: Store, seven: list[str]) -> None:
    with store.read() as tx:
        after = tx.queue(QueueQuery(tribunals=HLN, limit=2)).after
        with pytest.raises(QueryError):
            tx.queue(QueueQuery(tribunals=HLN, limit=2, sort="filed", after=after))
        with pytest.raises(QueryError):
            tx.queue(QueueQuery(tribunals=HLN, limit=2, descending=True, after=after))


@pytest.mark.parametrize(
    "query",
    [
        QueueQuery(tribunals=HLN, limit=0),
        QueueQuery(tribunals=HLN, limit=501),
        QueueQuery(tribunals=HLN, overdue=True),
        QueueQuery(tribunals=HLN, due_within_days=7),
    ],
    ids=["limit-0", "limit-501", "overdue-no-today", "due-no-today"],
)
def test_a_query_the_store_cannot_run_is_invalid_input(store: Store, query: QueueQuery) -> None:
    with store.read() as tx, pytest.raises(QueryError):
        tx.queue(query)


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "pg"])
def old_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database at revision 0002 (before the queue), holding one filed case."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_empty_url")
    command.upgrade(casestore.migrate.config(url), "0002")
    engine = make_engine(url)
    answers = {"ask_address": "Åboulevarden 5, 8000 Aarhus C", "ask_claim": "Skimmel i stuen."}
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO drafts VALUES ('s_1', 't', 'r', 'da', 'done', '{}', 2, 'submitted',"
                " '751-10001', :at, :at)"
            ),
            {"at": START},
        )
        connection.execute(
            text(
                "INSERT INTO cases (id, number, draft_id, case_type, extra_topics, role, side,"
                " housing, municipality_code, lang, status, answers, filed_at) VALUES (1,"
                " '751-10001', 's_1', 'defects', '[]', 'tenant', 'tenant', 'social', 751, 'da',"
                " 'submitted', :answers, :at)"
            ),
            {"answers": json.dumps(answers), "at": START},
        )
        connection.execute(
            text(
                "INSERT INTO parties (case_id, role, name, kind, address) VALUES"
                " (1, 'filer', 'Sofie Dahl', 'person', ''),"
                " (1, 'counterparty', 'Boligforeningen Ringgården', 'company', '')"
            )
        )
    engine.dispose()
    return url


def test_a_case_filed_before_the_queue_existed_is_in_it_and_found_by_search(
    old_url: str, tmp_path: Path
) -> None:
    casestore.upgrade(old_url)
    store = Store.open(old_url, tmp_path / "blobs")
    try:
        with store.read() as tx:
            (row,) = tx.queue(QueueQuery(tribunals=("bkn-751",))).rows
            found = [
                [r.number for r in tx.queue(QueueQuery(tribunals=("bkn-751",), text=q)).rows]
                for q in ("sofie", "ringgård", "åboulev", "skimmel", "751-10001")
            ]
            work = tx.casework("751-10001")
    finally:
        store.close()
    assert (row.number, row.tribunal, row.version) == ("751-10001", "bkn-751", 1)
    assert row.parties_label == "Sofie Dahl / Boligforeningen Ringgården"
    assert found == [["751-10001"]] * 5
    assert (work.status, work.version, work.assignee_id) == ("submitted", 1, None)
    assert work.address == "Åboulevarden 5, 8000 Aarhus C"
