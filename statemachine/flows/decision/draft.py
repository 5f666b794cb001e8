"""The automatic draft decision, in the seed's layout (domain.md §4.5): the header (Dato,
Indbringelsesnummer, Sagsnummer), the BOKS with the box values, the standard sentence, and
AFGØRELSE, SAGSFREMSTILLING, LOVGRUNDLAG OG BEGRUNDELSE and KLAGEVEJLEDNING.

Pure: :func:`draft_decision` gets the case's facts, the box values and the caseworker's free
texts, and gives the document as untranslated text. The headings and the box's field names are
the Danish legal words of the seed, kept as they are; every sentence and value is a message,
rendered in Danish at the edge (the document is the tribunal's, in Danish). A free text the
caseworker has not written is the generated standard text (:func:`standard_texts`).

The klagevejledning follows the appeal route of :func:`statemachine.catalog.appeal.appeal_route`,
so the receipt, the appeal deadline and the decision say the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from statemachine.catalog.appeal import appeal_route
from statemachine.catalog.casetypes import case_type as case_type_of
from statemachine.catalog.decisions import (
    CLOSING_REASONS,
    FEE_IMPOSED,
    IN_FAVOUR,
    LOCALLY_INSPECTED,
    NOT_SET,
    PUBLIC_INTEREST,
    RENT_CATEGORIES,
    RENT_DECLARATIONS,
    RENT_METHODS,
    BoxValues,
    decides_rent,
    statute,
    subject_label,
)
from statemachine.catalog.ids import Housing
from statemachine.catalog.tribunals import tribunal
from statemachine.text import N_, Money, Param, Text, t

HEADINGS: Final = {
    "box": "BOKS",
    "decision": "AFGØRELSE",
    "facts": "SAGSFREMSTILLING",
    "reasons": "LOVGRUNDLAG OG BEGRUNDELSE",
    "appeal": "KLAGEVEJLEDNING",
}
"""The document's headings, as the seed writes them (Danish legal words, not translated)."""

FILER_ROLES: Final = {
    "tenant": N_("Tenant"),
    "landlord": N_("Landlord"),
    "tenant_board": N_("Tenants' board"),
    "representative": N_("Representative"),
}
HOUSING: Final = {"private": N_("Private"), "social": N_("Social housing")}
PURPOSE: Final = {"complaint": N_("Complaint"), "approval": N_("Advance approval")}

STANDARD = N_(
    "{tribunal} considered your case about {subjects} on {date}. The case concerns the "
    "tenancy: {address}"
)
AND = N_("{first} and {second}")
DECISION_DEFAULT = N_("The tribunal has decided that the case is: {outcome}.")
RENT_MONTHLY = N_("The rent is set at {amount} a month from {date}.")
RENT_YEARLY = N_("The rent is set at {amount} a year per m² from {date}.")
PER_M2 = N_("{amount} a year per m²")
AREA = N_("{area} m²")
FACTS_DEFAULT = N_(
    "{name} asked the tribunal on {date}, through Huslejenaevn.dk, to decide on {subjects}."
)
CLAIM = N_("{name} wrote: “{claim}”")
STATUTES_INTRO = N_("This decision is made under:")
NO_STATUTES = N_("No statutes are named yet.")
REASONS_DEFAULT = N_("The tribunal's reasons: write them here.")
APPEAL_BOLIGRET = N_(
    "The decision can be brought before the housing court (boligretten) within 4 weeks of the "
    "parties being notified of it. It is brought by a writ (stævning) at www.minretssag.dk; the "
    "guide at www.domstol.dk tells how."
)
APPEAL_JULY = N_("July is not counted in the 4 weeks (almenlejeloven § 106).")
APPEAL_ANKENAEVN = N_(
    "The decision can be appealed to the Ankenævn, the appeals board of Københavns Kommune, "
    "within 4 weeks of the parties being notified of it (lov om boligforhold § 89). Write to "
    "the Ankenævn and quote the case number."
)
APPEAL_ENDS = N_("The time to appeal ends on {date}.")
APPEAL_FINAL = N_("If nobody appeals in time, the decision is final.")


@dataclass(frozen=True)
class CaseFacts:
    """What the draft needs to know of the case (the desk reads it from the store)."""

    number: str
    """The case number, ``<kommunekode>-<indbringelsesnummer>``: ``101-10005``."""
    tribunal: str
    """The tribunal's code, ``hln-101``."""
    housing: str
    """``private`` or ``social``."""
    municipality: int
    """The kommunekode of the home."""
    case_type: str
    """The main case type id."""
    role: str
    """The filer's role."""
    filed_on: date
    """The filing date."""
    addresses: tuple[str, ...]
    """The tenancy address(es)."""
    filer: str
    """The filer's name."""
    co_parties: tuple[str, ...] = ()
    """The names of the filer's co-parties."""
    counterparties: tuple[str, ...] = ()
    """The names of the counterparties."""
    claim: str = ""
    """The filer's own words on what the tribunal should decide."""


@dataclass(frozen=True)
class FreeTexts:
    """The parts the caseworker writes; None: the generated standard text."""

    decision: str | None = None
    """AFGØRELSE."""
    facts: str | None = None
    """SAGSFREMSTILLING."""
    reasons: str | None = None
    """The begrundelse, below the statutes in LOVGRUNDLAG OG BEGRUNDELSE."""


@dataclass(frozen=True)
class DraftSection:
    """One section of the document."""

    key: str
    """``decision``, ``facts``, ``reasons`` or ``appeal`` (:data:`HEADINGS`)."""
    heading: str
    """Its heading, as the seed writes it."""
    paragraphs: tuple[Text | str, ...]
    """Its paragraphs: messages, or the caseworker's own text."""
    items: tuple[str, ...] = ()
    """A list after the first paragraph: the statutes, in LOVGRUNDLAG OG BEGRUNDELSE."""


@dataclass(frozen=True)
class DraftDecision:
    """The whole draft, to render in Danish and typeset."""

    header: tuple[tuple[str, Param], ...]
    """Dato, Indbringelsesnummer and Sagsnummer with their values."""
    box: tuple[tuple[str, Param], ...]
    """The BOKS: each field's Danish name and its value."""
    standard: Text
    """The standard sentence below the box."""
    sections: tuple[DraftSection, ...]
    """AFGØRELSE, SAGSFREMSTILLING, LOVGRUNDLAG OG BEGRUNDELSE and KLAGEVEJLEDNING."""


def _listed(values: Sequence[Param]) -> Param:
    """``a``, ``a and b``, ``a, b and c``; "Not stated" for none."""
    if not values:
        return Text(CLOSING_REASONS[NOT_SET])
    if len(values) == 1:
        return values[0]
    return t(AND, first=tuple(values[:-1]), second=values[-1])


def _subjects(box: BoxValues) -> Param:
    return _listed([subject_label(s) for s in box.subjects])


def _names(names: Sequence[str]) -> Param:
    return ", ".join(n for n in names if n) or Text(CLOSING_REASONS[NOT_SET])


def _choice(choices: Mapping[str, str], value: str | None) -> Param:
    if value is None:
        return Text(CLOSING_REASONS[NOT_SET])
    return Text(choices.get(value, CLOSING_REASONS[NOT_SET]))


def _amount(box: BoxValues) -> Param:
    if box.rent_amount is None:
        return Text(CLOSING_REASONS[NOT_SET])
    if box.rent_category == "ANNUAL_RENT_PER_SQUARE_METERS":
        return t(PER_M2, amount=Money(box.rent_amount))
    return Money(box.rent_amount)


def _day(value: date | None) -> Param:
    return value if value is not None else Text(CLOSING_REASONS[NOT_SET])


def _box(case: CaseFacts, box: BoxValues) -> tuple[tuple[str, Param], ...]:
    kind = case_type_of(case.case_type).kind
    statutes = tuple(statute(s).label for s in box.statutes)
    return (
        ("Indbringer", Text(FILER_ROLES.get(case.role, CLOSING_REASONS[NOT_SET]))),
        ("Formål", Text(PURPOSE.get(kind, PURPOSE["complaint"]))),
        ("Lejemål", Text(HOUSING.get(case.housing, CLOSING_REASONS[NOT_SET]))),
        ("Indbringelsesdato", case.filed_on),
        ("Adresser", _names(case.addresses)),
        ("Navn på indbringer", _names([case.filer])),
        ("Navn(e) på part/medpart", _names(case.co_parties)),
        ("Navn(e) på modpart", _names(case.counterparties)),
        ("Afgørelsesdato", _day(box.decided_on)),
        ("Afslutningsårsag", _choice(CLOSING_REASONS, box.outcome)),
        ("Sagsområde(r)", _subjects(box)),
        ("Lovgrundlag", "; ".join(statutes) or Text(CLOSING_REASONS[NOT_SET])),
        ("Medhold", _choice(IN_FAVOUR, box.in_favour)),
        ("Gebyrpålæggelse", _choice(FEE_IMPOSED, box.fee_imposed)),
        ("Besigtigelse", _choice(LOCALLY_INSPECTED, box.locally_inspected)),
        ("Almen interesse", _choice(PUBLIC_INTEREST, box.public_interest)),
        ("Huslejefastsættelsesdato", _day(box.rent_from)),
        ("Huslejefastsættelsesmetode", _choice(RENT_METHODS, box.rent_method)),
        ("Huslejekategori", _choice(RENT_CATEGORIES, box.rent_category)),
        ("Huslejeangivelse", _choice(RENT_DECLARATIONS, box.rent_declaration)),
        ("Husleje", _amount(box)),
        ("Areal", t(AREA, area=box.rent_area) if box.rent_area else _day(None)),
    )


def standard_texts(case: CaseFacts, box: BoxValues) -> dict[str, tuple[Text, ...]]:
    """The generated text of each free part (``decision``, ``facts``, ``reasons``): what the
    draft says until the caseworker writes their own, and what they start editing from."""
    decision: list[Text] = [t(DECISION_DEFAULT, outcome=Text(CLOSING_REASONS[box.outcome]))]
    if decides_rent(box.outcome, box.subjects) and box.rent_amount is not None:
        wording = (
            RENT_YEARLY if box.rent_category == "ANNUAL_RENT_PER_SQUARE_METERS" else RENT_MONTHLY
        )
        decision.append(t(wording, amount=Money(box.rent_amount), date=_day(box.rent_from)))
    facts = [t(FACTS_DEFAULT, name=case.filer, date=case.filed_on, subjects=_subjects(box))]
    if case.claim.strip():
        facts.append(t(CLAIM, name=case.filer, claim=case.claim.strip()))
    return {"decision": tuple(decision), "facts": tuple(facts), "reasons": (t(REASONS_DEFAULT),)}


def appeal_text(case: CaseFacts, appeal_ends: date | None = None) -> tuple[Text, ...]:
    """The klagevejledning: the route (housing court, or the Ankenævn in København), July not
    counted for a beboerklagenævn, the last day once the notification date is known."""
    housing: Housing | None = "social" if case.housing == "social" else "private"
    route = appeal_route(housing, case.municipality, case.case_type)
    found: list[Text] = []
    if route.rule == "appeal.ankenaevn":
        found.append(t(APPEAL_ANKENAEVN))
    else:
        found.append(t(APPEAL_BOLIGRET))
        if case.housing == "social":
            found.append(t(APPEAL_JULY))
    if appeal_ends is not None:
        found.append(t(APPEAL_ENDS, date=appeal_ends))
    found.append(t(APPEAL_FINAL))
    return tuple(found)


def _paragraphs(own: str | None, standard: tuple[Text, ...]) -> tuple[Text | str, ...]:
    if own is None or not own.strip():
        return standard
    return tuple(p.strip() for p in own.replace("\r\n", "\n").split("\n\n") if p.strip())


def draft_decision(
    case: CaseFacts,
    box: BoxValues,
    free: FreeTexts = FreeTexts(),
    *,
    dated: date,
    appeal_ends: date | None = None,
) -> DraftDecision:
    """The draft decision of a case.

    Args:
        case: the case's facts.
        box: the box values (the decision date may still be missing in a draft).
        free: the caseworker's own texts; None parts are generated.
        dated: the letter's date (Dato): the decision date, or today for a draft without one.
        appeal_ends: the last day to appeal, once the parties' notification date is known.
    """
    standard = standard_texts(case, box)
    statutes = tuple(statute(s).label for s in box.statutes)
    sections = (
        DraftSection(
            "decision", HEADINGS["decision"], _paragraphs(free.decision, standard["decision"])
        ),
        DraftSection("facts", HEADINGS["facts"], _paragraphs(free.facts, standard["facts"])),
        DraftSection(
            "reasons",
            HEADINGS["reasons"],
            (
                t(STATUTES_INTRO) if statutes else t(NO_STATUTES),
                *_paragraphs(free.reasons, standard["reasons"]),
            ),
            statutes,
        ),
        DraftSection("appeal", HEADINGS["appeal"], appeal_text(case, appeal_ends)),
    )
    running = case.number.split("-", 1)[-1]
    header: tuple[tuple[str, Param], ...] = (
        ("Dato", dated),
        ("Indbringelsesnummer", running),
        ("Sagsnummer", case.number),
    )
    sentence = t(
        STANDARD,
        tribunal=tribunal(case.tribunal).name,
        subjects=_subjects(box),
        date=_day(box.decided_on or dated),
        address=_names(case.addresses),
    )
    return DraftDecision(header, _box(case, box), sentence, sections)
