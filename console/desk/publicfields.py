"""What a case's registered decision publishes: the register's public fields, built from the
case and the decision version, and the anonymised decision as PDF.

Only fields the registers may show go in (domain.md §6): no party's name or contact details;
the home's address only at the unit level the Huslejeregister publishes, and only for a
decision that sets a rent.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from casestore import CaseWork, DecisionRow
from casestore.registerrecords import PublicDecision, PublicRent, Statute
from console.desk.casefile import address
from console.documents.typeset import typeset
from locales import translator
from statemachine.catalog import decisions as catalog
from statemachine.catalog.municipalities import municipality
from statemachine.catalog.tribunals import tribunal
from statemachine.errors import NaevnError

_UNIT: Final = re.compile(
    r"^\s*(?P<street>[^\d,]+?)\s+(?P<number>\d+\s*[A-Za-zÆØÅæøå]?)\b\s*,?\s*"
    r"(?:(?P<floor>st|kl|\d{1,2}(?!\d))\s*\.?\s*(?P<door>tv|th|mf|\d{1,4}(?!\d))?\s*\.?)?",
    re.IGNORECASE,
)
"""A Danish address's street, number, floor and door: "Vestergade 12, 2. th."."""
_POSTCODE: Final = re.compile(r"\b(\d{4})\b")


def unit_address(text: str) -> tuple[str, str, str, str]:
    """The (street, number, floor, door) of an address as a filer wrote it; what cannot be
    read stays empty (the street then holds the whole text before any comma)."""
    found = _UNIT.match(text)
    if found is None:
        return text.split(",")[0].strip(), "", "", ""
    return (
        found["street"].strip(),
        found["number"].replace(" ", "").upper(),
        (found["floor"] or "").lower(),
        (found["door"] or "").lower(),
    )


def postcode_of(work: CaseWork) -> int:
    """The home's postcode from the address or the municipality answer; 0 when neither has
    one."""
    for text in (address(work), str(work.answers.get("ask_municipality") or "")):
        found = _POSTCODE.search(text)
        if found:
            return int(found[1])
    return 0


def public_decision(work: CaseWork, decision: DecisionRow) -> PublicDecision:
    """The register's fields of a registered decision version of ``work``."""
    rents: tuple[PublicRent, ...] = ()
    if decision.rent_amount is not None and decision.rent_area is not None:
        street, number, floor, door = unit_address(address(work))
        rents = (
            PublicRent(
                street=street,
                number=number,
                floor=floor,
                door=door,
                postcode=postcode_of(work),
                method=decision.rent_method or catalog.NOT_SET,
                category=decision.rent_category or "MONTHLY_RENT",
                declaration=decision.rent_declaration or "TENANCY_SPECIFIC_RENT",
                amount=decision.rent_amount,
                area=decision.rent_area,
                rent_from=decision.rent_from,
            ),
        )
    return PublicDecision(
        case_number=work.number,
        municipality_code=work.municipality_code,
        tribunal=work.tribunal,
        board=tribunal(work.tribunal).board,
        filed_on=work.filed_at.date(),
        decided_on=decision.decided_on or work.filed_at.date(),
        submitter=work.role,
        outcome=decision.outcome,
        in_favour=decision.in_favour,
        locally_inspected=decision.locally_inspected,
        public_interest=decision.public_interest,
        fee_imposed=decision.fee_imposed,
        subjects=decision.subjects,
        statutes=tuple(_statute(s) for s in decision.statutes),
        rents=rents,
    )


def _statute(statute_id: str) -> Statute:
    try:
        return Statute(statute_id, catalog.statute(statute_id).label)
    except NaevnError:
        return Statute(statute_id, statute_id)


def public_pdf(work: CaseWork, decision: DecisionRow, text: str, published_on: date) -> bytes:
    """The anonymised decision as the register publishes it: the tribunal's letterhead, the
    case number and dates, and the accepted anonymised text, in Danish."""
    words = translator("da")
    court = tribunal(work.tribunal)
    name = words.render(court.name)
    area = ", ".join(f"{municipality(code).name} Kommune" for code in court.members)
    return typeset(
        "public_decision",
        {
            "tribunal": {
                "name": name[:1].upper() + name[1:],
                "address": f"Nævnets sekretariat, {area}",
                "email": "",
                "logo": None,
            },
            "number": work.number,
            "version": decision.version,
            "decided": words.date(decision.decided_on) if decision.decided_on else "",
            "published": words.date(published_on),
            "correction": decision.correction_reason or "",
            "text": text,
        },
    )
