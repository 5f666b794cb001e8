"""The outbox's queries: mail queued with a step, claimed by one delivery worker, then settled.

A row's life::

    pending ──claim──▶ pending, claimed (lease) ──sent──▶ sent
       ▲                 │        │
       │                 │        ├─failed, retry_at──▶ pending (later)
       │                 │        └─released (worker stopping, not tried)──▶ pending
       │                 └─lease runs out (worker died)──▶ claimable again
       └──────retry (console)────── dead ◀──failed, no retry_at──┘

A claim is its own short transaction: the rows are locked with ``FOR UPDATE SKIP LOCKED`` on
PostgreSQL (so concurrent workers take disjoint rows without waiting on each other) and given
to one worker until its lease ends; on SQLite the write transaction holds the whole database,
so two claims simply queue. Nothing is sent inside a transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, Literal, Protocol

from sqlalchemy import Column, ColumnElement, Row, insert, or_, select, update

from casestore.models import CASES, OUTBOX
from casestore.txbase import TxBase
from statemachine.errors import ConflictError, NotFoundError
from statemachine.text import N_, t

OutboxState = Literal["pending", "sent", "dead"]
"""``pending`` until delivered (``sent``) or given up on (``dead``, the dead letters)."""

POST: Final = "post:"
"""The prefix of a recipient who has only a postal address: the text after it is the address,
and the mail is printed and posted instead of sent."""

NO_MAIL = N_("There is no queued mail with the number {id}.")
NOT_DEAD = N_("Only mail that could not be delivered can be sent again.")


class Mail(Protocol):
    """What is queued: one message to one recipient (``casestore.caserecords.OutboxMail``)."""

    @property
    def kind(self) -> str:
        """``message``, ``hearing`` or ``status``."""

    @property
    def recipient(self) -> str:
        """An e-mail address, or :data:`POST` and a postal address."""

    @property
    def recipient_name(self) -> str:
        """The recipient's name, as the letter addresses them."""

    @property
    def subject(self) -> str:
        """The subject line, in the recipient's language."""

    @property
    def body(self) -> str:
        """The plain-text body, in the recipient's language."""

    @property
    def attachments(self) -> Sequence[str]:
        """Attachment ids of the case, sent along as files."""

    @property
    def lang(self) -> str:
        """The language the text is in (``da`` or ``en``)."""


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """One queued message, as the store holds it."""

    id: int
    """The row's number; also what its stable Message-ID is made from."""
    case_id: int | None
    """The case it is about, if any."""
    kind: str
    """``message``, ``hearing`` or ``status``."""
    recipient: str
    """An e-mail address, or :data:`POST` and a postal address."""
    recipient_name: str
    """Whom the letter is addressed to."""
    subject: str
    """The subject line."""
    body: str
    """The plain-text body."""
    attachments: tuple[str, ...]
    """Attachment ids of the case, sent along as files."""
    lang: str
    """The language the text is in."""
    state: OutboxState
    """``pending``, ``sent`` or ``dead``."""
    attempts: int
    """How many times a worker took it to deliver it (a claim counts, finished or not)."""
    next_attempt_at: datetime
    """It is not tried before this time (UTC)."""
    claimed_by: str | None
    """The worker delivering it right now, if any."""
    claimed_until: datetime | None
    """When that worker's lease ends: after it, another worker may take the row."""
    last_error: str | None
    """Why the last attempt failed, if it did."""
    created_at: datetime
    """When it was queued (UTC)."""
    sent_at: datetime | None
    """When it was delivered (UTC)."""

    @property
    def by_post(self) -> bool:
        """Whether it goes by post (the recipient has only a postal address)."""
        return self.recipient.startswith(POST)

    @property
    def postal_address(self) -> str | None:
        """The postal address of a letter that goes by post, else None."""
        return self.recipient.removeprefix(POST).strip() if self.by_post else None


_FIELDS = tuple(OutboxRow.__dataclass_fields__)
_COLUMNS: tuple[Column[Any], ...] = tuple(OUTBOX.c[name] for name in _FIELDS)
_ORDER = (OUTBOX.c.next_attempt_at, OUTBOX.c.id)


class OutboxQueries(TxBase):
    """The outbox part of :class:`casestore.repository.Tx` (a mixin on its connection)."""

    def queue_mail(self, mail: Mail, *, case_id: int | None = None) -> OutboxRow:
        """Queue one message for delivery as soon as a worker is free; it is delivered only
        if the transaction commits.

        Args:
            mail: what to send to whom.
            case_id: the case it is about, if any.
        """
        self._need_write()
        now = self._now()
        values = {
            "case_id": case_id,
            "kind": mail.kind,
            "recipient": mail.recipient,
            "recipient_name": mail.recipient_name,
            "subject": mail.subject,
            "body": mail.body,
            "attachments": list(mail.attachments),
            "lang": mail.lang,
            "state": "pending",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        found = self._conn.execute(insert(OUTBOX).values(values).returning(*_COLUMNS)).one()
        self._mailed = True
        return _row(found)

    def outbox_due(self) -> bool:
        """Whether any message is due now: a cheap read before a claim, which writes."""
        stmt = select(OUTBOX.c.id).where(*_due(self._now())).limit(1)
        return self._conn.execute(stmt).first() is not None

    def claim_outbox(self, worker: str, *, limit: int, lease: timedelta) -> list[OutboxRow]:
        """Take up to ``limit`` due messages for ``worker`` until ``lease`` from now.

        Due means pending, not waiting for a retry, and not claimed by a worker whose lease is
        still running. Each claim counts as an attempt, so a message whose delivery kills its
        worker is given up on like any other that keeps failing. Commit at once: the lease,
        not the transaction, keeps other workers off the rows while they are sent.

        Args:
            worker: a name unique to this worker (host, process and task).
            limit: the most rows to take.
            lease: how long they are this worker's; longer than delivering them takes.

        Returns:
            The claimed rows, oldest due first, with ``attempts`` already counting this one.
        """
        self._need_write()
        now = self._now()
        due = (
            select(OUTBOX.c.id)
            .where(*_due(now))
            .order_by(*_ORDER)
            .limit(max(limit, 0))
            .with_for_update(skip_locked=True)
        )
        ids = list(self._conn.execute(due).scalars())
        if not ids:
            return []
        claimed = self._conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id.in_(ids))
            .values(claimed_by=worker, claimed_until=now + lease, attempts=OUTBOX.c.attempts + 1)
            .returning(*_COLUMNS)
        )
        return sorted((_row(found) for found in claimed), key=lambda r: (r.next_attempt_at, r.id))

    def outbox_sent(self, outbox_id: int, worker: str) -> bool:
        """Record that ``worker`` delivered a message it claimed.

        Returns:
            False if the row was no longer this worker's (its lease ran out and another
            worker took it): then that worker delivers it too, and the receiver drops the
            copy by its Message-ID.
        """
        self._need_write()
        values = {"state": "sent", "sent_at": self._now(), "last_error": None}
        return self._settle(outbox_id, worker, values)

    def outbox_failed(
        self, outbox_id: int, worker: str, error: str, retry_at: datetime | None
    ) -> bool:
        """Record a failed attempt by ``worker``, and when to try again.

        Args:
            error: what went wrong, for the console's dead letters.
            retry_at: when the next attempt may start; None gives up (state ``dead``).

        Returns:
            False if the row was no longer this worker's (nothing is changed).
        """
        self._need_write()
        values: dict[str, Any] = {"last_error": error}
        if retry_at is None:
            values["state"] = "dead"
        else:
            values["next_attempt_at"] = retry_at
        return self._settle(outbox_id, worker, values)

    def outbox_release(self, outbox_id: int, worker: str) -> bool:
        """Hand back a row ``worker`` claimed and did not try (it is stopping): due again at
        once, and the claim does not count as an attempt.

        Returns:
            False if the row was no longer this worker's (nothing is changed).
        """
        self._need_write()
        return self._settle(outbox_id, worker, {"attempts": OUTBOX.c.attempts - 1})

    def outbox_list(
        self,
        state: str | None = None,
        limit: int = 100,
        *,
        tribunals: Sequence[str] | None = None,
    ) -> list[OutboxRow]:
        """Queued messages, newest first, optionally only those in one state (``dead`` for
        the dead letters) and only those about a case of one of ``tribunals``."""
        stmt = select(*_COLUMNS).order_by(OUTBOX.c.created_at.desc(), OUTBOX.c.id.desc())
        if state is not None:
            stmt = stmt.where(OUTBOX.c.state == state)
        if tribunals is not None:
            scoped = select(CASES.c.id).where(CASES.c.tribunal.in_(list(tribunals)))
            stmt = stmt.where(OUTBOX.c.case_id.in_(scoped))
        return [_row(found) for found in self._conn.execute(stmt.limit(max(limit, 0)))]

    def outbox_mail(self, outbox_id: int) -> OutboxRow:
        """One queued message.

        Raises:
            NotFoundError: no such row.
        """
        found = self._conn.execute(select(*_COLUMNS).where(OUTBOX.c.id == outbox_id)).first()
        if found is None:
            raise NotFoundError(t(NO_MAIL, id=outbox_id))
        return _row(found)

    def mail_case(self, outbox_id: int) -> tuple[str, str] | None:
        """The number and tribunal of the case a queued message is about; None for a message
        about no case.

        Raises:
            NotFoundError: no such row.
        """
        found = self._conn.execute(
            select(CASES.c.number, CASES.c.tribunal)
            .select_from(OUTBOX.outerjoin(CASES, CASES.c.id == OUTBOX.c.case_id))
            .where(OUTBOX.c.id == outbox_id)
        ).first()
        if found is None:
            raise NotFoundError(t(NO_MAIL, id=outbox_id))
        return None if found.number is None else (found.number, found.tribunal)

    def outbox_retry(self, outbox_id: int) -> OutboxRow:
        """Give a dead letter a fresh set of attempts, due now (the console's retry).

        Raises:
            NotFoundError: no such row.
            ConflictError: it is not dead (still being tried, or delivered).
        """
        self._need_write()
        revived = self._conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id == outbox_id, OUTBOX.c.state == "dead")
            .values(
                state="pending",
                attempts=0,
                next_attempt_at=self._now(),
                claimed_by=None,
                claimed_until=None,
            )
            .returning(*_COLUMNS)
        ).first()
        if revived is None:
            self.outbox_mail(outbox_id)
            raise ConflictError(t(NOT_DEAD))
        self._mailed = True
        return _row(revived)

    def _settle(self, outbox_id: int, worker: str, values: dict[str, Any]) -> bool:
        done = self._conn.execute(
            update(OUTBOX)
            .where(
                OUTBOX.c.id == outbox_id,
                OUTBOX.c.claimed_by == worker,
                OUTBOX.c.state == "pending",
            )
            .values(claimed_by=None, claimed_until=None, **values)
        )
        return bool(done.rowcount == 1)


def _due(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Pending, not waiting for a retry, and not claimed by a worker whose lease still runs."""
    return (
        OUTBOX.c.state == "pending",
        OUTBOX.c.next_attempt_at <= now,
        or_(OUTBOX.c.claimed_until.is_(None), OUTBOX.c.claimed_until < now),
    )


def _row(found: Row[Any]) -> OutboxRow:
    values = dict(zip(_FIELDS, found, strict=True))
    values["attachments"] = tuple(values["attachments"] or ())
    return OutboxRow(**values)
