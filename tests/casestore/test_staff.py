"""Staff in the store: added with their tribunals, found by token, listed and revoked."""

from __future__ import annotations

import pytest

from casestore import Store
from statemachine.errors import ConflictError, NotFoundError


def test_a_new_member_of_staff_is_found_by_their_token_with_their_tribunals(
    store: Store,
) -> None:
    with store.begin() as tx:
        added = tx.add_staff("Mette Holm", "caseworker", ["hln-101", "bkn-101", "hln-101"], "h1")

    with store.read() as tx:
        found = tx.staff_by_token("h1")

    assert found == added
    assert (found.name, found.role) == ("Mette Holm", "caseworker")
    assert found.tribunals == ("bkn-101", "hln-101")
    assert found.revoked_at is None


def test_an_unknown_token_or_id_is_not_found(store: Store) -> None:
    with store.read() as tx:
        with pytest.raises(NotFoundError, match="member of staff"):
            tx.staff_by_token("nobody")
        with pytest.raises(NotFoundError):
            tx.get_staff(404)


def test_two_members_cannot_share_a_token(store: Store) -> None:
    with store.begin() as tx:
        tx.add_staff("Mette Holm", "caseworker", ["hln-101"], "same")
    with pytest.raises(ConflictError), store.begin() as tx:
        tx.add_staff("Jonas Berg", "lead", ["hln-101"], "same")
    with store.read() as tx:
        assert [s.name for s in tx.list_staff()] == ["Mette Holm"]


def test_staff_are_listed_in_the_order_they_were_added_and_by_tribunal(store: Store) -> None:
    with store.begin() as tx:
        tx.add_staff("Mette Holm", "caseworker", ["hln-101"], "h1")
        tx.add_staff("Jonas Berg", "lead", ["hln-751", "hln-101"], "h2")
        tx.add_staff("Ida Lund", "admin", [], "h3")

    with store.read() as tx:
        everyone = tx.list_staff()
        aarhus = tx.list_staff(tribunals=["hln-751"])
        nowhere = tx.list_staff(tribunals=[])

    assert [(s.name, s.tribunals) for s in everyone] == [
        ("Mette Holm", ("hln-101",)),
        ("Jonas Berg", ("hln-101", "hln-751")),
        ("Ida Lund", ()),
    ]
    assert [s.name for s in aarhus] == ["Jonas Berg"]
    assert nowhere == []


def test_revoking_keeps_the_member_and_the_first_revocation_time(store: Store) -> None:
    with store.begin() as tx:
        staff = tx.add_staff("Mette Holm", "caseworker", ["hln-101"], "h1")
    with store.begin() as tx:
        first = tx.revoke_staff(staff.id)
    with store.begin() as tx:
        again = tx.revoke_staff(staff.id)
        by_token = tx.staff_by_token("h1")

    assert first.revoked_at is not None
    assert again.revoked_at == first.revoked_at
    assert by_token.revoked_at == first.revoked_at
    with pytest.raises(NotFoundError), store.begin() as tx:
        tx.revoke_staff(404)
