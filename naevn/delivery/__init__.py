"""Delivering the outbox: mail to parties by SMTP or as ``.eml`` files, once each.

Messages, hearing letters and status notices are queued in the outbox table in the same
transaction as the step they tell of (``casestore.outbox``), so a step that is rolled back
sends nothing and one that commits is never forgotten. A :class:`DeliveryWorker` in each
``naevn serve`` process then delivers them:

- by SMTP (aiosmtplib) when the settings name a server, else as ``.eml`` files under
  ``<data dir>/outbox/``; a recipient with only a postal address (``post:…``) is always
  written under ``outbox/post/``, for printing;
- a refused connection or a 4xx/5xx reply is a failed attempt, recorded with its error and
  tried again after a doubling wait (:class:`Backoff`); after the last attempt the message is
  a dead letter, which the console lists and may send again (``Tx.outbox_retry``).

Exactly once, as far as the sender can see to it. Several processes on one PostgreSQL
database claim rows with ``FOR UPDATE SKIP LOCKED`` and a lease, so each row is sent by one
of them. A crash between the commit that queued a row and its sending loses nothing: the row
stays pending (or claimed until its lease runs out) and is sent once, after the restart or
by another process. The one corner left is a crash after the server took a message and
before the row was marked sent: then it is sent again, under the same Message-ID, which the
receiving side uses to drop the copy (at least once, duplicates recognisable). See
:mod:`naevn.delivery.worker` for each point a crash can hit.
"""

from naevn.delivery.context import backoff_of, delivery, transport_of, worker_of
from naevn.delivery.eml import EmlWriter
from naevn.delivery.message import AttachedFile, compose, message_id
from naevn.delivery.policy import Backoff
from naevn.delivery.smtp import SmtpSender
from naevn.delivery.transport import DeliveryError, Transport
from naevn.delivery.worker import DeliveryWorker, Round

__all__ = [
    "AttachedFile",
    "Backoff",
    "DeliveryError",
    "DeliveryWorker",
    "EmlWriter",
    "Round",
    "SmtpSender",
    "Transport",
    "backoff_of",
    "compose",
    "delivery",
    "message_id",
    "transport_of",
    "worker_of",
]
