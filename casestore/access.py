"""Mine sager's sign-in: access codes (made here, stored hashed), mailed one-time codes,
the sessions of signed-in browsers, and the attempts the rate limits count.

Both the filer's side (``assistant``) and the secretariat's (``console``) make codes with
:func:`new_access_code` and store :func:`access_digest` of them.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, or_, select, update

from casestore.models import (
    ACCESS_ATTEMPTS,
    ACCESS_CODES,
    CASES,
    PARTY_SESSIONS,
    SIGNIN_CODES,
)
from casestore.partyrecords import AccessCodeRow, PartySessionRow, SigninCodeRow
from casestore.txbase import TxBase

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U, so a code read aloud or typed is hard to get wrong."""
_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_access_code() -> str:
    """An access code such as ``7KQ2-M9XD-4TFA-JW3B`` (80 bits)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def normalise_access_code(code: str) -> str:
    """The canonical form of a typed code: upper case, look-alikes folded, separators gone."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_FOLD)
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def access_digest(code: str) -> str:
    """The hash under which an access code (or a mailed sign-in code) is stored: of its
    canonical form, so a code typed in lower case or without dashes still matches."""
    return hashlib.sha256(normalise_access_code(code).encode()).hexdigest()


def normalise_email(email: str) -> str:
    """An address as the store compares it: trimmed, lower case."""
    return email.strip().lower()


def stored_email(email: str | None) -> str | None:
    """An address as the store keeps it (see :func:`normalise_email`); None if there is none."""
    normal = normalise_email(email) if email else ""
    return normal or None


_CODE_COLUMNS = (
    ACCESS_CODES.c.id,
    ACCESS_CODES.c.case_id,
    CASES.c.number,
    ACCESS_CODES.c.kind,
    ACCESS_CODES.c.party_id,
    ACCESS_CODES.c.hearing_id,
    ACCESS_CODES.c.expires_at,
)


class AccessQueries(TxBase):
    """Sign-in for Mine sager (methods of :class:`casestore.Tx`)."""

    def now(self) -> datetime:
        """The store's clock, for limits and expiries that must agree with its stamps."""
        return self._now()

    # --- access codes -------------------------------------------------------------------------

    def add_access_code(
        self,
        case_id: int,
        *,
        kind: str,
        code_hash: str,
        party_id: int | None = None,
        hearing_id: int | None = None,
        expires_at: datetime | None = None,
    ) -> int:
        """Store an access code's digest (:func:`access_digest`) for a case.

        Args:
            kind: ``case`` (the filer's, printed on the receipt) or ``hearing`` (a
                counterparty's, in the hearing letter; give ``hearing_id`` and ``party_id``).
            expires_at: when it stops working; None: never.

        Returns:
            The code's id.
        """
        self._need_write()
        values: dict[str, Any] = {"case_id": case_id, "kind": kind, "code_hash": code_hash}
        values |= {"party_id": party_id, "hearing_id": hearing_id, "expires_at": expires_at}
        stmt = insert(ACCESS_CODES).returning(ACCESS_CODES.c.id)
        return int(self._conn.execute(stmt, {**values, "created_at": self._now()}).scalar_one())

    def revoke_access_code(self, code_id: int) -> None:
        """Make an access code stop working now (and the sign-ins made with it)."""
        self._need_write()
        now = self._now()
        self._conn.execute(
            update(ACCESS_CODES)
            .where(ACCESS_CODES.c.id == code_id, ACCESS_CODES.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        self._conn.execute(
            update(PARTY_SESSIONS)
            .where(PARTY_SESSIONS.c.access_code_id == code_id, PARTY_SESSIONS.c.ended_at.is_(None))
            .values(ended_at=now)
        )

    def find_access_code(self, code_hash: str) -> AccessCodeRow | None:
        """The working access code with this digest; None if there is none, or it was
        revoked or has expired."""
        found = self._conn.execute(
            select(*_CODE_COLUMNS)
            .join(CASES, CASES.c.id == ACCESS_CODES.c.case_id)
            .where(ACCESS_CODES.c.code_hash == code_hash, *self._working())
        ).first()
        return None if found is None else AccessCodeRow(*found)

    def access_codes_of_case(self, case_id: int) -> list[AccessCodeRow]:
        """The working access codes of a case, oldest first."""
        found = self._conn.execute(
            select(*_CODE_COLUMNS)
            .join(CASES, CASES.c.id == ACCESS_CODES.c.case_id)
            .where(ACCESS_CODES.c.case_id == case_id, *self._working())
            .order_by(ACCESS_CODES.c.id)
        )
        return [AccessCodeRow(*row) for row in found]

    def _working(self) -> tuple[Any, ...]:
        now = self._now()
        return (
            ACCESS_CODES.c.revoked_at.is_(None),
            or_(ACCESS_CODES.c.expires_at.is_(None), ACCESS_CODES.c.expires_at > now),
        )

    # --- mailed sign-in codes -----------------------------------------------------------------

    def add_signin_code(
        self, email: str, *, code_hash: str, client: str, expires_at: datetime
    ) -> int:
        """Store a mailed code's digest; any earlier code of the address stops working."""
        self._need_write()
        email = normalise_email(email)
        now = self._now()
        self._conn.execute(
            update(SIGNIN_CODES)
            .where(SIGNIN_CODES.c.email == email, SIGNIN_CODES.c.used_at.is_(None))
            .values(used_at=now)
        )
        values: dict[str, Any] = {"email": email, "code_hash": code_hash, "client": client[:120]}
        values |= {"created_at": now, "expires_at": expires_at, "tries": 0}
        stmt = insert(SIGNIN_CODES).returning(SIGNIN_CODES.c.id)
        return int(self._conn.execute(stmt, values).scalar_one())

    def signin_codes_since(self, since: datetime, *, email: str) -> int:
        """How many codes were mailed to an address since ``since``."""
        stmt = select(func.count()).where(
            SIGNIN_CODES.c.email == normalise_email(email), SIGNIN_CODES.c.created_at > since
        )
        return int(self._conn.execute(stmt).scalar_one())

    def signin_code(self, email: str) -> SigninCodeRow | None:
        """The address's latest mailed code that is unused and unexpired, if any."""
        found = self._conn.execute(
            select(
                SIGNIN_CODES.c.id,
                SIGNIN_CODES.c.email,
                SIGNIN_CODES.c.code_hash,
                SIGNIN_CODES.c.expires_at,
                SIGNIN_CODES.c.tries,
            )
            .where(
                SIGNIN_CODES.c.email == normalise_email(email),
                SIGNIN_CODES.c.used_at.is_(None),
                SIGNIN_CODES.c.expires_at > self._now(),
            )
            .order_by(SIGNIN_CODES.c.id.desc())
            .limit(1)
            .with_for_update()
        ).first()
        return None if found is None else SigninCodeRow(*found)

    def spend_signin_try(self, code_id: int, *, max_tries: int) -> int:
        """Count a wrong code typed against a mailed code; at ``max_tries`` it stops working.

        Returns:
            The tries counted so far.
        """
        self._need_write()
        self._conn.execute(
            update(SIGNIN_CODES)
            .where(SIGNIN_CODES.c.id == code_id)
            .values(tries=SIGNIN_CODES.c.tries + 1)
        )
        tries = int(
            self._conn.execute(
                select(SIGNIN_CODES.c.tries).where(SIGNIN_CODES.c.id == code_id)
            ).scalar_one()
        )
        if tries >= max_tries:
            self.use_signin_code(code_id)
        return tries

    def use_signin_code(self, code_id: int) -> None:
        """Mark a mailed code used: it never works again."""
        self._need_write()
        self._conn.execute(
            update(SIGNIN_CODES)
            .where(SIGNIN_CODES.c.id == code_id, SIGNIN_CODES.c.used_at.is_(None))
            .values(used_at=self._now())
        )

    # --- attempts, for rate limits ------------------------------------------------------------

    def record_attempt(self, client: str, kind: str) -> None:
        """Count one try by a client: ``mail`` (a code asked for) or ``code`` (one typed)."""
        self._need_write()
        values = {"client": client[:120], "kind": kind, "at": self._now()}
        self._conn.execute(insert(ACCESS_ATTEMPTS), values)

    def attempts_since(self, client: str, kind: str, since: datetime) -> list[datetime]:
        """When a client tried ``kind`` since ``since``, oldest first."""
        stmt = (
            select(ACCESS_ATTEMPTS.c.at)
            .where(
                ACCESS_ATTEMPTS.c.client == client[:120],
                ACCESS_ATTEMPTS.c.kind == kind,
                ACCESS_ATTEMPTS.c.at > since,
            )
            .order_by(ACCESS_ATTEMPTS.c.at)
        )
        return list(self._conn.execute(stmt).scalars())

    # --- sessions -----------------------------------------------------------------------------

    def open_party_session(
        self,
        token_hash: str,
        *,
        email: str | None = None,
        access_code_id: int | None = None,
        expires_at: datetime,
    ) -> int:
        """Sign a browser in, by an address or by an access code.

        Returns:
            The session's id.
        """
        self._need_write()
        values: dict[str, Any] = {"token_hash": token_hash, "access_code_id": access_code_id}
        values |= {"email": None if email is None else normalise_email(email)}
        values |= {"created_at": self._now(), "expires_at": expires_at}
        stmt = insert(PARTY_SESSIONS).returning(PARTY_SESSIONS.c.id)
        return int(self._conn.execute(stmt, values).scalar_one())

    def party_session(self, token_hash: str) -> PartySessionRow | None:
        """The signed-in session with this token's digest; None if there is none, or it
        ended, expired, or its access code stopped working."""
        found = self._conn.execute(
            select(
                PARTY_SESSIONS.c.id,
                PARTY_SESSIONS.c.email,
                PARTY_SESSIONS.c.access_code_id,
                PARTY_SESSIONS.c.expires_at,
            ).where(
                PARTY_SESSIONS.c.token_hash == token_hash,
                PARTY_SESSIONS.c.ended_at.is_(None),
                PARTY_SESSIONS.c.expires_at > self._now(),
            )
        ).first()
        if found is None:
            return None
        access = None
        if found.access_code_id is not None:
            access = self._code_by_id(found.access_code_id)
            if access is None:
                return None
        return PartySessionRow(found.id, found.email, access, found.expires_at)

    def renew_party_session(
        self, token_hash: str, *, lasts: timedelta, longest: timedelta
    ) -> datetime | None:
        """Keep a signed-in browser signed in for ``lasts`` from now, but never longer than
        ``longest`` after it signed in (and never shorter than it already was).

        Returns:
            When the sign-in ends now; None if it has ended, expired or its code stopped
            working (nothing is renewed then).
        """
        self._need_write()
        signed_in = self.party_session(token_hash)
        if signed_in is None:
            return None
        created: datetime = self._conn.execute(
            select(PARTY_SESSIONS.c.created_at).where(PARTY_SESSIONS.c.id == signed_in.id)
        ).scalar_one()
        until = max(signed_in.expires_at, min(self._now() + lasts, created + longest))
        self._conn.execute(
            update(PARTY_SESSIONS)
            .where(PARTY_SESSIONS.c.id == signed_in.id)
            .values(expires_at=until)
        )
        return until

    def end_party_session(self, token_hash: str) -> None:
        """Sign a browser out."""
        self._need_write()
        self._conn.execute(
            update(PARTY_SESSIONS)
            .where(PARTY_SESSIONS.c.token_hash == token_hash, PARTY_SESSIONS.c.ended_at.is_(None))
            .values(ended_at=self._now())
        )

    def _code_by_id(self, code_id: int) -> AccessCodeRow | None:
        found = self._conn.execute(
            select(*_CODE_COLUMNS)
            .join(CASES, CASES.c.id == ACCESS_CODES.c.case_id)
            .where(ACCESS_CODES.c.id == code_id, *self._working())
        ).first()
        return None if found is None else AccessCodeRow(*found)


__all__ = [
    "AccessQueries",
    "access_digest",
    "new_access_code",
    "normalise_access_code",
    "normalise_email",
    "stored_email",
]
