"""The public registers in the store: publishing, corrections, filtered keyset pages, bulk load."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

import casestore.registers
from casestore import Store
from casestore.failures import QueryError
from casestore.registerrecords import (
    DecisionQuery,
    PublicDecision,
    PublicRent,
    RentQuery,
    Statute,
)
from casestore.registers import load_register

LEJELOVEN_1 = Statute("lejeloven:1:1", "Lov om leje, Kap. 1. Anvendelsesområde m.v., § 1")
ALMEN_5 = Statute("almenlejeloven:2:5", "Almenlejeloven, Kap. 2. Lejeaftalen §§ 5-8, § 5")


def rent(**changes: object) -> PublicRent:
    base = PublicRent(
        street="Røde Mellemvej",
        number="101",
        floor="2",
        door="tv",
        postcode=2300,
        method="BASED_ON_EXPENSES",
        category="MONTHLY_RENT",
        declaration="TENANCY_SPECIFIC_RENT",
        amount=Decimal("7500.00"),
        area=45,
        rent_from=date(2025, 5, 1),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def decision(n: int, **changes: object) -> PublicDecision:
    base = PublicDecision(
        case_number=f"101-{10000 + n}",
        municipality_code=101,
        tribunal="hln-101",
        board="hln",
        filed_on=date(2025, 1, 1),
        decided_on=date(2025, 1, 1) + timedelta(days=n % 300),
        submitter="tenant",
        outcome="IN_FAVOUR",
        in_favour="TENANT",
        subjects=("maintenance",),
        statutes=(LEJELOVEN_1,),
        rents=(rent(area=30 + n % 70),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def publish(store: Store, *decisions: PublicDecision) -> list[int]:
    ids = []
    with store.begin() as tx:
        for one in decisions:
            ids.append(tx.publish_decision(one, case_id=None, document=b"%PDF-1.7 x").decision.id)
    return ids


def test_a_published_decision_reads_back_with_its_parts(store: Store) -> None:
    one = decision(1, subjects=("maintenance", "utility_accounts"), statutes=(LEJELOVEN_1, ALMEN_5))
    [new_id] = publish(store, one)
    with store.read() as tx:
        row = tx.register_decision(new_id)
        assert tx.register_document(new_id) == b"%PDF-1.7 x"
        rents = tx.rents_page(RentQuery()).rows
    assert row.listed and row.version == 1 and row.case_number == "101-10001"
    assert row.subjects == ("maintenance", "utility_accounts")
    assert {s.id for s in row.statutes} == {LEJELOVEN_1.id, ALMEN_5.id}
    assert row.document_size == len(b"%PDF-1.7 x")
    assert [(r.street, r.floor, r.door, r.amount, r.area) for r in rents] == [
        ("Røde Mellemvej", "2", "tv", Decimal("7500.00"), 31)
    ]


def test_a_correction_lists_the_new_version_and_keeps_the_old(store: Store) -> None:
    [first] = publish(store, decision(1))
    with store.begin() as tx:
        published = tx.publish_decision(
            decision(1, outcome="IN_PARTIAL_FAVOUR", rents=(rent(amount=Decimal("7000")),)),
            case_id=None,
            document=None,
            reason="Lejen var skrevet forkert.",
        )
    assert published.withdrawn == [first]
    with store.read() as tx:
        old = tx.register_decision(first)
        page = tx.decisions_page(DecisionQuery())
        rents = tx.rents_page(RentQuery()).rows
        listed = tx.listed_decision_of("101-10001")
    assert not old.listed and old.replaced_by == published.decision.id
    assert old.withdrawn_at is not None and old.outcome == "IN_FAVOUR"
    assert [row.id for row in page.rows] == [published.decision.id]
    assert page.rows[0].version == 2
    assert page.rows[0].correction_reason == "Lejen var skrevet forkert."
    assert [r.amount for r in rents] == [Decimal("7000.00")]
    assert listed is not None and listed.id == published.decision.id
    with store.read() as tx:
        assert tx.decisions_page(DecisionQuery(subject="maintenance")).rows[0].version == 2


def test_every_filter_and_keyset_paging_without_repeats(store: Store) -> None:
    many = [
        decision(
            n,
            municipality_code=101 if n % 2 else 147,
            tribunal="hln-101" if n % 2 else "hln-147",
            outcome=("IN_FAVOUR", "REJECTED", "SETTLEMENT")[n % 3],
            subjects=(("maintenance",), ("rent_level", "improvements"))[n % 2],
            statutes=((LEJELOVEN_1,), (ALMEN_5,))[n % 4 // 2],
            decided_on=date(2025, 1, 1) + timedelta(days=n // 3),
            rents=(
                rent(
                    postcode=2300 + n % 5,
                    area=40 + n,
                    method=("BASED_ON_EXPENSES", "BASED_ON_COMPARABLE_RENTS")[n % 2],
                ),
            ),
        )
        for n in range(1, 61)
    ]
    publish(store, *many)

    def walk(query: DecisionQuery) -> list[str]:
        seen: list[str] = []
        after = None
        with store.read() as tx:
            while True:
                page = tx.decisions_page(replace(query, limit=7, after=after))
                seen += [row.case_number for row in page.rows]
                if page.next is None:
                    return seen
                after = page.next

    def expect(keep: object) -> list[str]:
        chosen = [d for d in many if keep(d)]  # type: ignore[operator]
        chosen.sort(key=lambda d: (d.decided_on, int(d.case_number[4:])), reverse=True)
        return [d.case_number for d in chosen]

    assert walk(DecisionQuery()) == expect(lambda d: True)
    assert walk(DecisionQuery(municipality=147)) == expect(lambda d: d.municipality_code == 147)
    assert walk(DecisionQuery(tribunal="hln-101")) == expect(lambda d: d.tribunal == "hln-101")
    assert walk(DecisionQuery(outcome="REJECTED")) == expect(lambda d: d.outcome == "REJECTED")
    assert walk(DecisionQuery(subject="improvements")) == expect(
        lambda d: "improvements" in d.subjects
    )
    assert walk(DecisionQuery(statute=ALMEN_5.id)) == expect(lambda d: ALMEN_5 in d.statutes)
    assert walk(
        DecisionQuery(subject="rent_level", statute=LEJELOVEN_1.id, outcome="IN_FAVOUR")
    ) == expect(
        lambda d: (
            "rent_level" in d.subjects and LEJELOVEN_1 in d.statutes and d.outcome == "IN_FAVOUR"
        )
    )
    span = DecisionQuery(decided_from=date(2025, 1, 5), decided_to=date(2025, 1, 9))
    assert walk(span) == expect(lambda d: date(2025, 1, 5) <= d.decided_on <= date(2025, 1, 9))

    with store.read() as tx:
        rents = tx.rents_page(
            RentQuery(
                postcode=2301, area_min=50, area_max=90, method="BASED_ON_EXPENSES", limit=100
            )
        ).rows
        assert rents and all(
            r.postcode == 2301 and 50 <= r.area <= 90 and r.method == "BASED_ON_EXPENSES"
            for r in rents
        )
        assert len(rents) == sum(
            1
            for d in many
            for r in d.rents
            if r.postcode == 2301 and 50 <= r.area <= 90 and r.method == "BASED_ON_EXPENSES"
        )


@pytest.mark.parametrize("short_side", [0, 1_000_000], ids=["decisions-first", "side-first"])
def test_combined_filters_page_alike_from_either_index(
    store: Store, monkeypatch: pytest.MonkeyPatch, short_side: int
) -> None:
    """With a municipality or tribunal, a subject or statute page walks the decisions' index
    (0: every side range counts as long) or the side table's (a million: every one is short);
    both give the same rows, and a cursor of one holds for the other."""
    monkeypatch.setattr(casestore.registers, "SHORT_SIDE", short_side)
    many = [
        decision(
            n,
            municipality_code=(101, 147, 151)[n % 3],
            tribunal=("hln-101", "hln-147", "bkn-151")[n % 3],
            outcome=("IN_FAVOUR", "REJECTED")[n % 2],
            subjects=(("maintenance",), ("rent_level", "improvements"))[n % 4 // 2],
            statutes=((LEJELOVEN_1,), (ALMEN_5,), (LEJELOVEN_1, ALMEN_5))[n % 5 % 3],
            decided_on=date(2025, 1, 1) + timedelta(days=n // 4),
        )
        for n in range(1, 73)
    ]
    publish(store, *many)

    def walk(query: DecisionQuery) -> list[str]:
        seen: list[str] = []
        after = None
        with store.read() as tx:
            while True:
                page = tx.decisions_page(replace(query, limit=4, after=after))
                seen += [row.case_number for row in page.rows]
                if page.next is None:
                    return seen
                after = page.next

    def expect(keep: object) -> list[str]:
        chosen = [d for d in many if keep(d)]  # type: ignore[operator]
        chosen.sort(key=lambda d: (d.decided_on, int(d.case_number[4:])), reverse=True)
        return [d.case_number for d in chosen]

    assert walk(DecisionQuery(subject="improvements", municipality=147)) == expect(
        lambda d: "improvements" in d.subjects and d.municipality_code == 147
    )
    assert walk(DecisionQuery(statute=ALMEN_5.id, tribunal="bkn-151")) == expect(
        lambda d: ALMEN_5 in d.statutes and d.tribunal == "bkn-151"
    )
    assert walk(
        DecisionQuery(
            subject="maintenance",
            statute=LEJELOVEN_1.id,
            municipality=101,
            outcome="REJECTED",
            decided_from=date(2025, 1, 3),
        )
    ) == expect(
        lambda d: (
            "maintenance" in d.subjects
            and LEJELOVEN_1 in d.statutes
            and d.municipality_code == 101
            and d.outcome == "REJECTED"
            and d.decided_on >= date(2025, 1, 3)
        )
    )
    assert walk(DecisionQuery(subject="maintenance", tribunal="hln-101", municipality=147)) == []
    assert walk(DecisionQuery(subject="no_such_subject", municipality=147)) == []


def test_a_foreign_cursor_or_limit_is_refused(store: Store) -> None:
    publish(store, decision(1), decision(2))
    with store.read() as tx:
        rents_cursor = tx.rents_page(RentQuery(limit=1)).next
        with pytest.raises(QueryError):
            tx.decisions_page(DecisionQuery(after=rents_cursor))
        with pytest.raises(QueryError):
            tx.decisions_page(DecisionQuery(after="not-a-cursor"))
        with pytest.raises(QueryError):
            tx.rents_page(RentQuery(limit=0))


def test_the_bulk_path_loads_decisions_that_page_like_published_ones(store: Store) -> None:
    loaded = load_register(
        store.url,
        (decision(n) for n in range(1, 1201)),
        published_at=datetime(2026, 1, 1, tzinfo=UTC),
        batch=500,
    )
    assert loaded == 1200
    [late] = publish(store, decision(5000, decided_on=date(2030, 1, 1)))
    with store.read() as tx:
        page = tx.decisions_page(DecisionQuery(subject="maintenance", limit=3))
        assert page.rows[0].id == late
        assert tx.rents_page(RentQuery(limit=1000)).next is not None
