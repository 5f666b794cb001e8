"""Signing in to Mine sager: by a one-time code mailed to an address, or by an access code
(the case's, from the receipt, or a hearing's, from the hearing letter).

Every refusal of a code says the same thing, whether the code never existed, was for another
address, has expired or was used up, so trying codes tells nothing. Mailed codes are limited
per address and per client; typed codes per client and (mailed ones) per code.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from assistant.service import codes
from casestore import OutboxMail, Store, Tx, access_digest
from casestore.access import normalise_email
from locales import translator
from statemachine.errors import InvalidInputError, RateLimitError
from statemachine.text import N_, t

CODE_MINUTES: Final = 10
"""How long a mailed code works."""
CODE_TRIES: Final = 5
"""How many wrong codes may be typed against one mailed code before it stops working."""
MAIL_WINDOW: Final = timedelta(minutes=15)
"""The window of the mailed-code limits."""
MAILS_PER_ADDRESS: Final = 3
"""At most this many codes mailed to one address within :data:`MAIL_WINDOW`."""
MAILS_PER_CLIENT: Final = 5
"""At most this many codes asked for by one client within :data:`MAIL_WINDOW`."""
CODE_WINDOW: Final = timedelta(minutes=15)
"""The window of the typed-code limit."""
CODES_PER_CLIENT: Final = 10
"""At most this many codes typed by one client within :data:`CODE_WINDOW`."""
SESSION: Final = timedelta(hours=2)
"""How long a sign-in to Mine sager lasts, and how long "stay signed in" keeps it from then."""
LONGEST: Final = timedelta(hours=12)
"""A sign-in kept going by "stay signed in" ends this long after it began, at the latest."""
LOCAL_TIME: Final = ZoneInfo("Europe/Copenhagen")
"""The time zone a refusal tells the time in."""

WRONG_CODE = N_("That code did not work. Check that you typed it as written, or ask for a new one.")
TOO_MANY = N_("You have tried too many times. Please try again after {time}.")
NO_EMAIL = N_("Write your e-mail address, for example name@example.dk.")
NO_CODE = N_("Write the code, for example 7KQ2-M9XD-4TFA-JW3B.")
SUBJECT = N_("Your code for Mine sager")
BODY = N_(
    "Your code for signing in to Mine sager is {code}.\n\nIt works for {minutes} minutes. "
    "If you did not ask for it, you can ignore this e-mail."
)


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A browser just signed in: the token for its cookie, and when the sign-in ends."""

    token: str
    """The bearer token; only its digest is stored."""
    expires_at: datetime
    """When the sign-in ends."""


def check_email(email: str) -> str:
    """The address as stored, or raise if it cannot be one.

    Raises:
        InvalidInputError: it is not an e-mail address.
    """
    normal = normalise_email(email)
    local, _, domain = normal.partition("@")
    if not local or "." not in domain or len(normal) > 254 or any(c.isspace() for c in normal):
        raise InvalidInputError(t(NO_EMAIL))
    return normal


def new_mail_code() -> str:
    """A mailed one-time code: eight characters of the access codes' alphabet (40 bits),
    as ``ABCD-EFGH``."""
    return new_code(8)


def new_code(length: int) -> str:
    """``length`` characters of Crockford's base 32 in groups of four."""
    chars = "".join(secrets.choice(codes.RESUME_ALPHABET) for _ in range(length))
    return "-".join(chars[i : i + 4] for i in range(0, length, 4))


class SignIn:
    """Mailed codes, access codes and sessions, over the store."""

    def __init__(self, store: Store) -> None:
        """Args:
        store: the case store.
        """
        self._store = store

    def mail_code(self, email: str, *, client: str, lang: str) -> None:
        """Mail a one-time code to ``email`` if the address filed a case or is a draft's (the
        reply is the same either way, so the page tells no one which addresses have cases).

        Raises:
            InvalidInputError: not an e-mail address.
            RateLimitError: too many codes asked for, for the address or by the client.
        """
        address = check_email(email)
        with self._store.begin() as tx:
            now = tx.now()
            since = now - MAIL_WINDOW
            asked = tx.attempts_since(client, "mail", since)
            if len(asked) >= MAILS_PER_CLIENT:
                raise _limited(asked[0] + MAIL_WINDOW, now, lang)
            tx.record_attempt(client, "mail")
            if tx.signin_codes_since(since, email=address) >= MAILS_PER_ADDRESS:
                raise _limited(now + MAIL_WINDOW, now, lang)
            has_some = tx.cases_of_email(address, today=now.date())
            if not has_some and not tx.open_drafts_of_email(address):
                return
            code = new_mail_code()
            expires = now + timedelta(minutes=CODE_MINUTES)
            tx.add_signin_code(
                address, code_hash=access_digest(code), client=client, expires_at=expires
            )
            tr = translator(lang)
            tx.queue_mail(
                OutboxMail(
                    kind="signin",
                    recipient=address,
                    recipient_name=address,
                    subject=tr.render(t(SUBJECT)),
                    body=tr.render(t(BODY, code=code, minutes=CODE_MINUTES)),
                    lang=lang,
                )
            )

    def with_mailed_code(self, email: str, code: str, *, client: str, lang: str) -> SignedIn:
        """Sign in by the code mailed to ``email``.

        Raises:
            InvalidInputError: the code did not work (the same for every reason).
            RateLimitError: the client typed too many codes.
        """
        address = normalise_email(email)
        with self._store.begin() as tx:
            self._count_try(tx, client, lang)
            found = tx.signin_code(address) if address else None
            signed_in = None
            if found is not None:
                if hmac.compare_digest(found.code_hash, access_digest(code)):
                    tx.use_signin_code(found.id)
                    signed_in = self._open(tx, email=address)
                else:
                    tx.spend_signin_try(found.id, max_tries=CODE_TRIES)
        # Refused after the commit, so that the wrong try counts.
        if signed_in is None:
            raise InvalidInputError(t(WRONG_CODE))
        return signed_in

    def with_access_code(self, code: str, *, client: str, lang: str) -> SignedIn:
        """Sign in by a case's or a hearing's access code.

        Raises:
            InvalidInputError: the code did not work (the same for every reason).
            RateLimitError: the client typed too many codes.
        """
        with self._store.begin() as tx:
            self._count_try(tx, client, lang)
            found = tx.find_access_code(access_digest(code))
            if found is not None:
                return self._open(tx, access_code_id=found.id)
        raise InvalidInputError(t(WRONG_CODE))

    def stay(self, token: str) -> datetime | None:
        """Keep a browser signed in for :data:`SESSION` from now (at most :data:`LONGEST`
        after it signed in); when its sign-in ends now, or None if it had ended."""
        with self._store.begin() as tx:
            return tx.renew_party_session(codes.digest(token), lasts=SESSION, longest=LONGEST)

    def sign_out(self, token: str) -> None:
        """End a browser's sign-in."""
        with self._store.begin() as tx:
            tx.end_party_session(codes.digest(token))

    def _count_try(self, tx: Tx, client: str, lang: str) -> None:
        now = tx.now()
        tried = tx.attempts_since(client, "code", now - CODE_WINDOW)
        if len(tried) >= CODES_PER_CLIENT:
            raise _limited(tried[0] + CODE_WINDOW, now, lang)
        tx.record_attempt(client, "code")

    def _open(
        self, tx: Tx, *, email: str | None = None, access_code_id: int | None = None
    ) -> SignedIn:
        token = codes.new_token()
        expires = tx.now() + SESSION
        tx.open_party_session(
            codes.digest(token), email=email, access_code_id=access_code_id, expires_at=expires
        )
        return SignedIn(token, expires)


def _limited(until: datetime, now: datetime, lang: str) -> RateLimitError:
    """Refuse until ``until``, saying when in the reader's time."""
    local = until.astimezone(LOCAL_TIME).strftime("%H:%M")
    err = RateLimitError(t(TOO_MANY, time=local), max(1, int((until - now).total_seconds()) + 1))
    err.lang = lang
    return err
