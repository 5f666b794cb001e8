"""The one place staff calls are checked: who a token is, and what a role may do where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from console.access import Staff, authenticate, authorize, new_token, token_hash
from statemachine.errors import AccessError, AuthenticationError, NotFoundError
from statemachine.flows import lifecycle


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    role: str
    tribunals: tuple[str, ...]
    revoked_at: datetime | None = None


class Lookup:
    """The store's staff, by token hash."""

    def __init__(self, **rows: Row) -> None:
        self.rows = {token_hash(token): row for token, row in rows.items()}

    def staff_by_token(self, digest: str) -> Row:
        if digest not in self.rows:
            raise NotFoundError("no such token")
        return self.rows[digest]


MINE = Staff(1, "Mette Holm", "caseworker", ("hln-101",))


def test_a_token_signs_in_as_its_staff_member() -> None:
    token = new_token()
    lookup = Lookup(**{token: Row(1, "Mette Holm", "caseworker", ("hln-101",))})
    assert authenticate(lookup, token) == MINE
    assert len(token) >= 43 and token_hash(token) != token


@pytest.mark.parametrize("token", [None, "", "   ", "someone-elses"])
def test_no_token_or_an_unknown_one_is_refused_as_unauthenticated(token: str | None) -> None:
    with pytest.raises(AuthenticationError):
        authenticate(Lookup(), token)


def test_a_revoked_token_is_refused() -> None:
    lookup = Lookup(tok=Row(1, "Bo Riis", "caseworker", ("hln-101",), datetime.now(UTC)))
    with pytest.raises(AccessError, match="revoked") as refused:
        authenticate(lookup, "tok")
    assert not isinstance(refused.value, AuthenticationError)


def test_a_case_of_another_tribunal_is_as_if_it_did_not_exist() -> None:
    with pytest.raises(NotFoundError):
        authorize(MINE, "read", "hln-147", number="147-10001")
    authorize(MINE, "read", "hln-101", number="101-10001")


@pytest.mark.parametrize(
    ("role", "action", "may"),
    [
        ("board_member", "note", True),
        ("board_member", "message", False),
        ("admin", "note", False),
        ("admin", "outbox", True),
        ("caseworker", "outbox", False),
        ("caseworker", "assign", True),
        ("caseworker", "assign_other", False),
        ("lead", "assign_other", True),
        ("caseworker", "bulk_assign", False),
    ],
)
def test_each_role_may_do_what_its_table_says(role: str, action: str, may: bool) -> None:
    staff = Staff(1, "X", role, ("hln-101",))
    if may:
        # (a board member's case must be on one of their meetings' agendas: test_desk in
        # tests/console/meetings)
        authorize(staff, action, "hln-101", on_agenda=True)  # type: ignore[arg-type]
        return
    with pytest.raises(AccessError):
        authorize(staff, action, "hln-101")  # type: ignore[arg-type]


@pytest.mark.parametrize("step", list(lifecycle.STEPS))
@pytest.mark.parametrize("role", lifecycle.ROLES)
def test_a_step_is_for_the_roles_the_lifecycle_names(role: str, step: str) -> None:
    staff = Staff(1, "X", role, ("hln-101",))
    if role in lifecycle.STEPS[step].roles:
        authorize(staff, "step", "hln-101", step=step)
        return
    with pytest.raises(AccessError):
        authorize(staff, "step", "hln-101", step=step)
