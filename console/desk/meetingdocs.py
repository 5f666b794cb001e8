"""What the board's meetings send and print: the summons to the parties (through the outbox,
in the case's language) and the agenda as data for ``templates/agenda.typ`` (in Danish).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

from casestore import AgendaItemRow, CaseWork, MeetingRow, OutboxMail
from console.desk.casefile import case_type_label
from console.desk.decisionpdf import SECRETARIAT, capitalised
from console.desk.letters import recipient
from locales import Translator, translator
from statemachine.catalog.municipalities import municipality
from statemachine.catalog.tribunals import tribunal
from statemachine.text import N_, Text, t

LOCAL: Final = ZoneInfo("Europe/Copenhagen")
"""The tribunals' own time: meetings are planned and shown in it."""
DOCUMENT_LANG: Final = "da"
"""The agenda's language: Danish."""

SEAT_LABELS: Final[Mapping[str, str]] = {
    "chair": N_("Chair"),
    "tenant_member": N_("Member (tenants' side)"),
    "landlord_member": N_("Member (landlords' side)"),
}
"""Each seat's label (a msgid)."""
KIND_LABELS: Final[Mapping[str, str]] = {
    "case": N_("Case"),
    "inspection": N_("Inspection"),
}
"""Each kind of agenda item's label (a msgid)."""

AT_TIME = N_("{date} at {time}")
SUMMONS_SUBJECT = N_("Case {number}: the tribunal's meeting on {date}")
SUMMONS_CASE = N_(
    "{tribunal} will deal with your case about {address} (case number {number}) at its "
    "meeting on {date} at {time}, {place}. You are welcome to come and tell the tribunal "
    "about the case; you do not have to."
)
SUMMONS_INSPECTION = N_(
    "{tribunal} will inspect the home at {address} (case number {number}) on {date} at "
    "{time}. Please make sure the tribunal can get in, or tell us at once if that is not "
    "possible. You are welcome to be there."
)
SUMMONS_LETTER = N_(
    "Dear {name},\n\n{what}\n\nIf you have questions, write to us and quote the case number "
    "{number}.\n\nKind regards,\n{tribunal}"
)


def local(at: datetime) -> datetime:
    """A stored time in the tribunals' own time."""
    return at.astimezone(LOCAL)


def day_text(at: datetime) -> str:
    """``15.12.2026``: a day as Danish letters write it."""
    return local(at).strftime("%d.%m.%Y")


def clock_text(at: datetime) -> str:
    """``09.30``: a time of day as Danish letters write it."""
    return local(at).strftime("%H.%M")


def when(at: datetime) -> Text:
    """``15.12.2026 kl. 09.30``: a day and a time of day."""
    return t(AT_TIME, date=day_text(at), time=clock_text(at))


def seat_label(seat: str) -> Text:
    """The label of a seat."""
    return t(SEAT_LABELS[seat])


def kind_label(kind: str) -> Text:
    """The label of a kind of agenda item."""
    return t(KIND_LABELS[kind])


def tribunal_name(code: str, words: Translator) -> str:
    """The tribunal's name, capitalised to start a sentence or head a page."""
    return capitalised(words.render(tribunal(code).name))


def summons(work: CaseWork, meeting: MeetingRow, item: AgendaItemRow) -> list[OutboxMail]:
    """One summons for each party of the item's case who can be reached (by e-mail, else by
    post), in the case's language."""
    lang = work.lang or "da"
    words = translator(lang)
    name = tribunal_name(work.tribunal, words)
    inspecting = item.kind == "inspection" and item.inspection_at is not None
    at = item.inspection_at if inspecting and item.inspection_at is not None else meeting.starts_at
    what = t(
        SUMMONS_INSPECTION if inspecting else SUMMONS_CASE,
        tribunal=name,
        address=(item.place or work.address) if inspecting else work.address,
        number=work.number,
        date=day_text(at),
        time=clock_text(at),
        place=meeting.place,
    )
    mails = []
    for party in work.parties:
        to = recipient(party)
        if to is None:
            continue
        body = t(
            SUMMONS_LETTER,
            name=str(party.get("name") or ""),
            what=what,
            number=work.number,
            tribunal=name,
        )
        mails.append(
            OutboxMail(
                kind="summons",
                recipient=to,
                recipient_name=str(party.get("name") or ""),
                subject=words.render(t(SUMMONS_SUBJECT, number=work.number, date=day_text(at))),
                body=words.render(body),
                lang=lang,
            )
        )
    return mails


def agenda_data(meeting: MeetingRow) -> dict[str, Any]:
    """The agenda template's data, in Danish."""
    words = translator(DOCUMENT_LANG)
    r = words.render
    court = tribunal(meeting.tribunal)
    area = ", ".join(municipality(code).name for code in court.members)
    return {
        "tribunal": {
            "name": tribunal_name(meeting.tribunal, words),
            "address": SECRETARIAT.format(area=area),
            "email": "",
            "logo": None,
        },
        "title": r(t("Agenda")),
        "labels": {
            "date": r(t("Date")),
            "time": r(t("Time")),
            "place": r(t("Place")),
            "members": r(t("Members")),
            "number": r(t("Case number")),
            "address": r(t("Address")),
            "parties": r(t("Parties")),
            "case_type": r(t("Case type")),
            "inspection": r(t("Inspection")),
            "empty": r(t("The agenda has no items yet.")),
        },
        "date": day_text(meeting.starts_at),
        "time": clock_text(meeting.starts_at),
        "place": meeting.place,
        "members": [[r(seat_label(m.seat)), m.name] for m in meeting.members],
        "items": [
            {
                "n": n,
                "kind": item.kind,
                "kind_label": r(kind_label(item.kind)),
                "number": item.number,
                "address": item.address,
                "parties": item.parties_label,
                "case_type": r(case_type_label(item.case_type)),
                "inspection_time": (
                    r(when(item.inspection_at)) if item.inspection_at is not None else ""
                ),
                "inspection_place": item.place or item.address,
            }
            for n, item in enumerate(meeting.items, start=1)
        ],
    }
