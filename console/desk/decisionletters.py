"""The letter that sends the parties the tribunal's decision (or its correction), with the
decision PDF attached, one per party who can be reached, in the case's language."""

from __future__ import annotations

from datetime import date

from casestore import CaseWork, OutboxMail
from console.desk.casefile import address
from console.desk.letters import recipient
from console.desk.notices import where_to_answer
from locales import translator
from statemachine.catalog.tribunals import tribunal
from statemachine.text import N_, Param, t

DECISION_SUBJECT = N_("Case {number}: the tribunal's decision")
CORRECTED_SUBJECT = N_("Case {number}: the tribunal's corrected decision")
DECISION_LETTER = N_(
    "Dear {name},\n\n"
    "{tribunal} has decided the case about {address} (case number {number}). The decision "
    "is attached to this letter as a PDF.\n\n"
    "The time to appeal runs from today, when you are told of the decision, and ends on "
    "{date}. The decision says where to appeal.\n\n"
    "{where}\n\n"
    "Kind regards,\n{tribunal}"
)
CORRECTED_LETTER = N_(
    "Dear {name},\n\n"
    "{tribunal} has corrected its decision in the case about {address} (case number "
    "{number}): {reason}\n\n"
    "The corrected decision is attached to this letter as a PDF and replaces the one you had. "
    "The time to appeal runs from today and ends on {date}.\n\n"
    "{where}\n\n"
    "Kind regards,\n{tribunal}"
)


def decision_letters(
    work: CaseWork,
    document_id: str,
    appeal_ends: date,
    public_url: str,
    *,
    correction: str | None = None,
) -> list[OutboxMail]:
    """One letter to each party with an e-mail or a postal address.

    Args:
        work: the case.
        document_id: the decision PDF, a file of the case.
        appeal_ends: the last day to appeal, counted from today's notification.
        public_url: the service's public address, for the parties' case page.
        correction: why the decision was corrected; None for the first decision.
    """
    lang = work.lang or "da"
    words = translator(lang)
    name = words.render(tribunal(work.tribunal).name)
    signature = name[:1].upper() + name[1:]
    subject = CORRECTED_SUBJECT if correction is not None else DECISION_SUBJECT
    mails = []
    for party in work.parties:
        found = recipient(party)
        if found is None:
            continue
        common: dict[str, Param] = {
            "name": str(party.get("name") or ""),
            "tribunal": signature,
            "address": address(work),
            "number": work.number,
            "date": appeal_ends,
            "where": where_to_answer(work, party, public_url, words),
        }
        if correction is not None:
            body = t(CORRECTED_LETTER, reason=correction, **common)
        else:
            body = t(DECISION_LETTER, **common)
        mails.append(
            OutboxMail(
                kind="decision",
                recipient=found,
                recipient_name=str(party.get("name") or ""),
                subject=words.render(t(subject, number=work.number)),
                body=words.render(body),
                attachments=(document_id,),
                lang=lang,
            )
        )
    return mails
