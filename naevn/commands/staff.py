"""``naevn staff``: the secretariat's own commands. ``staff tribunals`` lists the tribunals a
staff member can belong to, by the code that scopes them; ``staff add``, ``staff list`` and
``staff revoke`` keep the staff and their tokens (stored as sha256 hashes, like filers')."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from typing import TextIO

from casestore import StaffRow, Store
from locales import translator
from statemachine.catalog.municipalities import municipality
from statemachine.catalog.tribunals import TRIBUNALS, tribunal
from statemachine.errors import InvalidInputError, NotFoundError
from statemachine.flows.lifecycle import ROLES
from statemachine.text import t

ACTOR = "naevn staff"
"""The audit actor of the staff commands (they run with the store's own rights, no token)."""


def token_hash(token: str) -> str:
    """The hex sha256 a staff token is stored (and looked up) under."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A fresh staff token: 32 random bytes, URL-safe."""
    return secrets.token_urlsafe(32)


def list_tribunals(as_json: bool, out: TextIO) -> None:
    """Print every tribunal: its code, its name in English (the staff commands' language) and
    the municipalities it serves; or one JSON object per line."""
    words = translator("en")
    for tribunal_ in TRIBUNALS:
        name = words.render(tribunal_.name)
        if as_json:
            listed = {
                "code": tribunal_.code,
                "board": tribunal_.board,
                "name": name,
                "municipalities": list(tribunal_.members),
            }
            out.write(json.dumps(listed, ensure_ascii=False) + "\n")
            continue
        served = ", ".join(f"{municipality(c).name} ({c})" for c in tribunal_.members)
        out.write(f"{tribunal_.code:<9} {name[0].upper()}{name[1:]}: {served}\n")


def checked(role: str, codes: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """The role and tribunal codes of a new staff member, checked and normalised.

    Raises:
        InvalidInputError: the role is not one of the lifecycle's ``ROLES``, or no tribunal
            is given.
        UnknownIdError: a code names no tribunal (the message says what codes look like).
    """
    if role not in ROLES:
        raise InvalidInputError(
            t(
                "There is no staff role {value}. Give one of: {roles}.",
                value=role,
                roles=", ".join(ROLES),
            )
        )
    found = tuple(dict.fromkeys(tribunal(code).code for code in codes))
    if not found:
        raise InvalidInputError(
            t("Give at least one tribunal code with --tribunal; naevn staff tribunals lists them.")
        )
    return role, found


def add(
    store: Store, name: str, role: str, codes: Sequence[str], as_json: bool, out: TextIO
) -> str:
    """Add a staff member and print their token, once: only its hash is kept.

    Returns:
        The token.

    Raises:
        InvalidInputError: an unknown role, an empty name, or no tribunal.
        UnknownIdError: an unknown tribunal code.
    """
    role, tribunals = checked(role, codes)
    name = " ".join(name.split())
    if not name:
        raise InvalidInputError(t("Give the staff member's name with --name."))
    token = new_token()
    with store.begin() as tx:
        row = tx.add_staff(name, role, tribunals, token_hash(token))
        tx.record_event("staff.added", actor=ACTOR, data=_audit(row))
    if as_json:
        out.write(json.dumps({**_row_json(row), "token": token}, ensure_ascii=False) + "\n")
        return token
    out.write(f"Added {row.name} (id {row.id}), {row.role} at {', '.join(row.tribunals)}.\n")
    out.write("Their token, shown only this once (naevn keeps only its hash):\n\n")
    out.write(f"    {token}\n\n")
    out.write(f"They open the console with: naevn console --server URL --token {token}\n")
    return token


def list_staff(store: Store, as_json: bool, out: TextIO) -> None:
    """One line, or one JSON object, per staff member, the revoked ones included."""
    with store.read() as tx:
        found = tx.list_staff()
    for row in found:
        if as_json:
            out.write(json.dumps(_row_json(row), ensure_ascii=False) + "\n")
            continue
        state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
        out.write(
            f"{row.id:>4}  {row.name}  {row.role}  {','.join(row.tribunals)}  "
            f"added {row.created_at:%Y-%m-%d}  {state}\n"
        )


def revoke(store: Store, staff_id: int, out: TextIO) -> None:
    """Revoke a staff member's token; revoking twice is harmless.

    Raises:
        NotFoundError: no staff member has that id.
    """
    with store.begin() as tx:
        try:
            before = tx.get_staff(staff_id)
        except NotFoundError:
            raise NotFoundError(
                t("No staff member has the id {id}; naevn staff list shows them.", id=staff_id)
            ) from None
        row = tx.revoke_staff(staff_id)
        if before.revoked_at is None:
            tx.record_event("staff.revoked", actor=ACTOR, data=_audit(row))
    if before.revoked_at is not None:
        out.write(f"{row.name} (id {row.id}) was already revoked.\n")
        return
    out.write(f"Revoked {row.name} (id {row.id}): their token no longer works.\n")


def _audit(row: StaffRow) -> dict[str, object]:
    """What the audit line of a change to staff says: who, as what, where; never the token."""
    return {"staff": row.id, "role": row.role, "tribunals": list(row.tribunals)}


def _row_json(row: StaffRow) -> dict[str, object]:
    return {
        "id": row.id,
        "name": row.name,
        "role": row.role,
        "tribunals": list(row.tribunals),
        "created_at": row.created_at.isoformat(),
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
    }
