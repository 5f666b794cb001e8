"""The mail the staff side queues for parties: hearing letters and messages, one per recipient.

Both say where the party reads and answers on their own case page (``<public_url>/mine``);
the hearing letter carries the code the heard party signs in with there.

Each is an :class:`casestore.OutboxMail` written in the same transaction as what it tells of;
the delivery worker sends it later (``naevn/delivery``). A party with an e-mail address gets
e-mail; one with only a postal address gets a letter, queued as ``post:<address>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

from casestore import CaseWork, OutboxMail
from console.desk.casefile import address
from console.desk.notices import public_mine, where_to_answer
from locales import translator
from statemachine.catalog.tribunals import tribunal
from statemachine.text import N_, t

POST: Final = "post:"
"""The prefix of a recipient who has only a postal address."""

HEARING_SUBJECT = N_("Case {number}: your comments by {date}")
HEARING_LETTER = N_(
    "Dear {name},\n\n"
    "{tribunal} has received a case about {address} (case number {number}). You are a party "
    "to it, and before the tribunal decides you may comment on it.\n\n"
    "With this letter you get the material of the case. Please send your comments in "
    "writing by {date} at the latest, and quote the case number. If we hear nothing from "
    "you by then, the tribunal may decide the case on the material it has.\n\n"
    "{online}\n\n"
    "{note}"
    "Kind regards,\n{tribunal}"
)
HEARING_ONLINE = N_(
    "You can also read the material and send your comments online, with attachments if you "
    "like, until the end of {date}. Go to\n{url}\nand sign in with this access code:\n\n"
    "    {code}\n\n"
    "The code opens this case only, and only the material sent to you. Keep it to yourself."
)


def recipient(party: Mapping[str, Any]) -> str | None:
    """Where mail to a party goes: its e-mail, else ``post:`` and its postal address, else
    None (it cannot be reached)."""
    if party.get("email"):
        return str(party["email"])
    if party.get("address"):
        return POST + str(party["address"])
    return None


def hearing_letter(
    work: CaseWork,
    party: Mapping[str, Any],
    reply_due: date,
    material: Sequence[str],
    note: str,
    *,
    code: str,
    public_url: str,
) -> OutboxMail:
    """The letter that starts a hearing of ``party``, in the case's language.

    Args:
        work: the case.
        party: the party heard (reachable: the caller checked).
        reply_due: the last day for their reply.
        material: the attachment ids sent with it.
        note: the caseworker's covering words, if any.
        code: the party's hearing code, to sign in to their case page with; it is written
            in this letter only (the store keeps its hash).
        public_url: the service's public address.
    """
    lang = work.lang or "da"
    words = translator(lang)
    name = tribunal(work.tribunal).name
    covering = f"{note.strip()}\n\n" if note.strip() else ""
    online = t(HEARING_ONLINE, date=reply_due, url=public_mine(public_url), code=code)
    body = t(
        HEARING_LETTER,
        name=str(party.get("name") or ""),
        tribunal=name,
        address=address(work),
        number=work.number,
        date=reply_due,
        online=online,
        note=covering,
    )
    found = recipient(party)
    assert found is not None
    head = words.render(name)
    return OutboxMail(
        kind="hearing",
        recipient=found,
        recipient_name=str(party.get("name") or ""),
        subject=words.render(t(HEARING_SUBJECT, number=work.number, date=reply_due)),
        body=_capitalised(words.render(body), head),
        attachments=tuple(material),
        lang=lang,
    )


def message_mails(
    work: CaseWork,
    parties: Sequence[Mapping[str, Any]],
    *,
    subject: str,
    body: str,
    attachments: Sequence[str],
    public_url: str,
) -> list[OutboxMail]:
    """One mail per reachable party, with the staff member's own subject and text, and
    below it where the party reads and answers it (their case page, and how to sign in),
    in the case's language: the message is its own notice."""
    lang = work.lang or "da"
    words = translator(lang)
    mails = []
    for party in parties:
        found = recipient(party)
        if found is None:
            continue
        where = where_to_answer(work, party, public_url, words, message=True)
        mails.append(
            OutboxMail(
                kind="message",
                recipient=found,
                recipient_name=str(party.get("name") or ""),
                subject=subject,
                body=f"{body}\n\n{where}",
                attachments=tuple(attachments),
                lang=lang,
            )
        )
    return mails


def _capitalised(text: str, tribunal_name: str) -> str:
    """The letter with the tribunal's name capitalised where it starts a sentence or line
    ("the rent tribunal ..." reads "The rent tribunal ...")."""
    if not tribunal_name:
        return text
    upper = tribunal_name[0].upper() + tribunal_name[1:]
    return text.replace(f"\n\n{tribunal_name}", f"\n\n{upper}").replace(
        f"\n{tribunal_name}", f"\n{upper}"
    )
