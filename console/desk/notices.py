"""The notices to parties, "there is news in your case", and where the news can be read.

When staff start a hearing or take a lifecycle step that changes the status, every party
with an e-mail address gets a short notice through the outbox, in the case's language: the
news in a sentence or two, the address of the parties' own case page (``<public_url>/mine``)
and how they sign in there. It is queued in the transaction of the change, so it goes out
only if the change is made. A message from staff is its own notice: its mail carries the text
and the same lines on where to read and answer it (:func:`where_to_answer`).

Parties with only a postal address get no notice by post: a printed letter costs postage and
handling for each party and each step, and the news reaches them when they sign in, or by the
letters that matter on their own (a hearing letter, a decision), which go by post anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from casestore import CaseWork, OutboxMail
from locales import Translator, translator
from statemachine.catalog.tribunals import tribunal
from statemachine.flows import lifecycle
from statemachine.text import N_, Text, t

DEFAULT_PUBLIC_URL: Final = "http://127.0.0.1:8080"
"""Where parties reach the service when nobody said otherwise: ``naevn serve``'s own address."""
MINE: Final = "/mine"
"""The path of the parties' own case page, under the public address."""

NOTICE_SUBJECT = N_("There is news in your case {number}")
NOTICE_LETTER = N_("Dear {name},\n\n{news}\n\n{where}\n\nKind regards,\n{tribunal}")

READ_AT = N_("You can read more about your case, and answer us, at\n{url}")
SIGN_IN_FILER = N_(
    "Sign in there with the e-mail address you filed the case with, or with the case's "
    "access code from your receipt."
)
SIGN_IN_RECEIPT = N_("Sign in there with the case's access code from your receipt.")
SIGN_IN_HEARING = N_(
    "Sign in there with the access code in the letter we sent you about the hearing."
)
NO_SIGN_IN = N_("If you have questions, write to us and quote the case number {number}.")
NO_SIGN_IN_MESSAGE = N_("To answer, write to us and quote the case number {number}.")
MESSAGE_READ_AT = N_("You can read this message, and answer it with attachments, at\n{url}")
MESSAGE_ANSWER_AT = N_("You can answer this message, with attachments, at\n{url}")

HEARING_NEWS = N_(
    "We have sent the material of the case to {party}, who may comment on it by {date}."
)
STATUS_NOW = N_("Your case's status is now: {status}.")
STATUS_NEWS: Final[Mapping[str, str]] = {
    "submitted": N_("Your case is open again, and is waiting for a caseworker."),
    "awaiting_fee": N_("We are waiting for the fee for your case to be paid."),
    "assigned": N_("A caseworker is now working on your case."),
    "hearing": N_("The other party has been asked for their comments on the case."),
    "ready_for_meeting": N_("Your case is ready for a meeting of the tribunal."),
    "inspection": N_("The tribunal will inspect the home before it decides."),
    "on_agenda": N_("Your case is on the agenda of the tribunal's next meeting."),
    "decided": N_("The tribunal has decided your case."),
    "published": N_("The tribunal's decision in your case has been published."),
    "dismissed": N_("Your case has been closed without a decision."),
    "rejected": N_("The tribunal cannot take up your case."),
    "settled": N_("Your case has been closed: it was settled."),
    "withdrawn": N_("Your case has been closed: it was withdrawn."),
}
"""What a change to each status means to a party, in a plain sentence."""

FILED_BY: Final = ("filer", "representative")
"""The roles whose e-mail address signs in to the cases they filed (a one-time code is mailed
to it); a co-party shares the case's access code from the receipt."""


def public_mine(public_url: str) -> str:
    """The address of the parties' own case page."""
    return public_url.rstrip("/") + MINE


def sign_in_hint(work: CaseWork, party: Mapping[str, Any]) -> Text | None:
    """How ``party`` signs in to their case page; None if they have no way in (a
    counterparty who was never sent a hearing code)."""
    role = party.get("role")
    if role in FILED_BY and party.get("email"):
        return t(SIGN_IN_FILER)
    if role == "counterparty":
        heard = any(h.party_id == party.get("id") for h in work.hearings)
        return t(SIGN_IN_HEARING) if heard else None
    return t(SIGN_IN_RECEIPT)


def where_to_answer(
    work: CaseWork,
    party: Mapping[str, Any],
    public_url: str,
    words: Translator,
    *,
    message: bool = False,
) -> str:
    """The lines that send a party to their case page, and how to sign in there, in the
    language of ``words``.

    Args:
        work: the case.
        party: the party the mail is for.
        public_url: the service's public address.
        words: the case's language.
        message: the lines end a message (to read and answer), not a notice.
    """
    hint = sign_in_hint(work, party)
    if hint is None:
        return words.render(t(NO_SIGN_IN_MESSAGE if message else NO_SIGN_IN, number=work.number))
    line = READ_AT
    if message:
        # A hearing code opens the hearing's material and the party's own replies, not the
        # secretariat's messages: for the heard party, the mail is where the message is read.
        line = MESSAGE_ANSWER_AT if party.get("role") == "counterparty" else MESSAGE_READ_AT
    read = t(line, url=public_mine(public_url))
    return f"{words.render(read)}\n\n{words.render(hint)}"


def hearing_news(party_name: str, reply_due: date) -> Text:
    """The news of a hearing, for the parties who are not heard."""
    return t(HEARING_NEWS, party=party_name, date=reply_due)


def status_news(status: str) -> Text:
    """The news of a change to ``status``."""
    if status in STATUS_NEWS:
        return t(STATUS_NEWS[status])
    return t(STATUS_NOW, status=lifecycle.status_label(status))


def notices(
    work: CaseWork,
    news: Text,
    public_url: str,
    *,
    skip: Iterable[int] = (),
) -> list[OutboxMail]:
    """One notice of ``news`` for each party of the case with an e-mail address, in the
    case's language.

    Args:
        work: the case (its parties as they are now).
        news: what happened, in a sentence or two.
        public_url: the service's public address.
        skip: ids of parties who get no notice (the one heard, who gets the letter itself).
    """
    # No notice by post: see the module's docstring.
    skipped = set(skip)
    lang = work.lang or "da"
    words = translator(lang)
    name = words.render(tribunal(work.tribunal).name)
    signature = name[:1].upper() + name[1:]
    mails = []
    for party in work.parties:
        if not party.get("email") or party.get("id") in skipped:
            continue
        body = t(
            NOTICE_LETTER,
            name=str(party.get("name") or ""),
            news=news,
            where=where_to_answer(work, party, public_url, words),
            tribunal=signature,
        )
        mails.append(
            OutboxMail(
                kind="status",
                recipient=str(party["email"]),
                recipient_name=str(party.get("name") or ""),
                subject=words.render(t(NOTICE_SUBJECT, number=work.number)),
                body=words.render(body),
                lang=lang,
            )
        )
    return mails
