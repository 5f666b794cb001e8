"""The decision as a document: the case's facts and a decision version made into the draft
(:mod:`statemachine.flows.decision`), rendered in Danish and typeset on the tribunal's
letterhead (``console/documents/templates/decision.typ``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from casestore import CaseWork, DecisionRow
from console.desk.casefile import address, counterparties
from console.documents.typeset import typeset
from locales import Translator, translator
from statemachine.catalog.decisions import BoxValues, subjects_of
from statemachine.catalog.municipalities import municipality
from statemachine.catalog.tribunals import tribunal
from statemachine.flows.decision import CaseFacts, DraftDecision, FreeTexts, draft_decision
from statemachine.text import Param, Text

DOCUMENT_LANG: Final = "da"
"""The language of the tribunal's decision: Danish, whoever reads the console."""

SECRETARIAT: Final = "Nævnets sekretariat · {area}"
"""The letterhead's address line (the tribunals' street addresses are not in the catalog)."""


def case_facts(work: CaseWork) -> CaseFacts:
    """What the draft needs of the case, from the case as the store gives it."""
    parties = work.parties
    filer = next((p for p in parties if p.get("role") == "filer"), None)
    return CaseFacts(
        number=work.number,
        tribunal=work.tribunal,
        housing=work.housing,
        municipality=work.municipality_code,
        case_type=work.case_type,
        role=work.role,
        filed_on=work.filed_at.date(),
        addresses=tuple(a for a in [address(work)] if a),
        filer=str(filer.get("name") or "") if filer else "",
        co_parties=tuple(str(p.get("name") or "") for p in parties if p.get("role") == "co_party"),
        counterparties=tuple(str(p.get("name") or "") for p in counterparties(work)),
        claim=str(work.answers.get("ask_claim") or ""),
    )


def box_of(row: DecisionRow | None, work: CaseWork) -> BoxValues:
    """A decision version's box values; a case without one starts with its own subjects."""
    if row is None:
        return BoxValues(subjects=subjects_of(work.case_type, work.extra_topics))
    return box_of_row(row)


def box_of_row(row: DecisionRow) -> BoxValues:
    """A decision version's box values."""
    return BoxValues(
        outcome=row.outcome,
        in_favour=row.in_favour,
        fee_imposed=row.fee_imposed,
        locally_inspected=row.locally_inspected,
        public_interest=row.public_interest,
        decided_on=row.decided_on,
        subjects=row.subjects,
        statutes=row.statutes,
        rent_method=row.rent_method,
        rent_category=row.rent_category,
        rent_declaration=row.rent_declaration,
        rent_amount=row.rent_amount,
        rent_area=row.rent_area,
        rent_from=row.rent_from,
    )


def free_of(row: DecisionRow | None) -> FreeTexts:
    """A decision version's own texts (None parts: the standard text)."""
    if row is None:
        return FreeTexts()
    return FreeTexts(row.decision_text, row.facts_text, row.reasons_text)


def draft_of(
    work: CaseWork, row: DecisionRow | None, today: date, appeal_ends: date | None = None
) -> DraftDecision:
    """The document of a decision version (or of a case with none yet), dated its decision
    date, or today while it has none."""
    box = box_of(row, work)
    dated = box.decided_on or today
    return draft_decision(case_facts(work), box, free_of(row), dated=dated, appeal_ends=appeal_ends)


def document_data(
    work: CaseWork,
    draft: DraftDecision,
    *,
    is_draft: bool,
    row: DecisionRow | None = None,
) -> dict[str, Any]:
    """The template's data: the draft rendered in Danish."""
    words = translator(DOCUMENT_LANG)
    court = tribunal(work.tribunal)
    area = ", ".join(municipality(code).name for code in court.members)
    return {
        "tribunal": {
            "name": capitalised(words.render(court.name)),
            "address": SECRETARIAT.format(area=area),
            "email": "",
            "logo": None,
        },
        "draft": is_draft,
        "version": row.version if row is not None else 1,
        "correction": row.correction_reason if row is not None else None,
        "header": [[label, _value(words, value)] for label, value in draft.header],
        "box": [[label, _value(words, value)] for label, value in draft.box],
        "standard": capitalised(words.render(draft.standard)),
        "sections": [
            {
                "heading": section.heading,
                "paragraphs": [capitalised(_value(words, p)) for p in section.paragraphs],
                "items": list(section.items),
            }
            for section in draft.sections
        ],
    }


def rendered(draft: DraftDecision, lang: str = DOCUMENT_LANG) -> Mapping[str, Any]:
    """The draft as text in ``lang``, for the console's preview: header, box, sentence,
    sections."""
    words = translator(lang)
    return {
        "header": [[label, _value(words, value)] for label, value in draft.header],
        "box": [[label, _value(words, value)] for label, value in draft.box],
        "standard": capitalised(words.render(draft.standard)),
        "sections": [
            {
                "key": s.key,
                "heading": s.heading,
                "paragraphs": [capitalised(_value(words, p)) for p in s.paragraphs],
                "items": list(s.items),
            }
            for s in draft.sections
        ],
    }


def decision_pdf(
    work: CaseWork,
    row: DecisionRow | None,
    today: date,
    *,
    is_draft: bool,
    appeal_ends: date | None = None,
    output: str = "pdf",
) -> bytes:
    """The decision version typeset as PDF (or the first page as PNG)."""
    draft = draft_of(work, row, today, appeal_ends)
    data = document_data(work, draft, is_draft=is_draft, row=row)
    return typeset("decision", data, output="png" if output == "png" else "pdf")


def capitalised(text: str) -> str:
    """The text with its first letter in capitals ("huslejenævnet for ..." starts a
    sentence)."""
    return text[:1].upper() + text[1:]


def _value(words: Translator, value: Param | Text) -> str:
    return words.param(value)
