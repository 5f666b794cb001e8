"""The draft decision's text: header, box, standard sentence, sections, klagevejledning."""

from __future__ import annotations

from datetime import date

from statemachine.catalog.decisions import BoxValues
from statemachine.flows.decision import CaseFacts, FreeTexts, appeal_text, draft_decision
from statemachine.flows.decision import draft as d
from statemachine.text import Text

CASE = CaseFacts(
    number="101-10005",
    tribunal="hln-101",
    housing="private",
    municipality=101,
    case_type="maintenance",
    role="tenant",
    filed_on=date(2026, 5, 13),
    addresses=("Røde Mellemvej 101, 2300 København S",),
    filer="Hans Hansen",
    co_parties=("Medparts Virksomhed A/S",),
    counterparties=("Slemme Rasss A/S",),
    claim="Udlejer vil ikke male opgangen.",
)
BOX = BoxValues(
    outcome="IN_FAVOUR",
    decided_on=date(2026, 6, 1),
    subjects=("maintenance", "utility_accounts"),
    statutes=("lejeloven:1:1",),
)


def test_the_layout_of_the_seed() -> None:
    draft = draft_decision(CASE, BOX, dated=date(2026, 6, 1))
    assert [label for label, _ in draft.header] == ["Dato", "Indbringelsesnummer", "Sagsnummer"]
    assert dict(draft.header)["Indbringelsesnummer"] == "10005"
    assert [s.heading for s in draft.sections] == [
        "AFGØRELSE",
        "SAGSFREMSTILLING",
        "LOVGRUNDLAG OG BEGRUNDELSE",
        "KLAGEVEJLEDNING",
    ]
    box = dict(draft.box)
    assert box["Navn på indbringer"] == "Hans Hansen"
    assert box["Navn(e) på modpart"] == "Slemme Rasss A/S"
    assert box["Lovgrundlag"] == "Lov om leje, Kap. 1. Anvendelsesområde m.v., § 1"
    assert draft.standard.msgid == d.STANDARD
    reasons = draft.sections[2]
    assert reasons.items == ("Lov om leje, Kap. 1. Anvendelsesområde m.v., § 1",)


def test_the_caseworkers_own_text_replaces_the_standard_text() -> None:
    free = FreeTexts(decision="Første afsnit.\n\nAndet afsnit.", reasons="Fordi.")
    draft = draft_decision(CASE, BOX, free, dated=date(2026, 6, 1))
    assert draft.sections[0].paragraphs == ("Første afsnit.", "Andet afsnit.")
    assert draft.sections[2].paragraphs[1:] == ("Fordi.",)
    assert isinstance(draft.sections[1].paragraphs[0], Text)


def test_klagevejledning_follows_the_appeal_route() -> None:
    copenhagen = [p.msgid for p in appeal_text(CASE)]
    assert copenhagen[0] == d.APPEAL_ANKENAEVN
    house_rules = CaseFacts(**{**CASE.__dict__, "case_type": "house_rules"})
    assert appeal_text(house_rules)[0].msgid == d.APPEAL_BOLIGRET
    glostrup = CaseFacts(**{**CASE.__dict__, "municipality": 161, "tribunal": "hln-161"})
    assert [p.msgid for p in appeal_text(glostrup)] == [d.APPEAL_BOLIGRET, d.APPEAL_FINAL]
    social = CaseFacts(**{**glostrup.__dict__, "housing": "social", "tribunal": "bkn-161"})
    ends = appeal_text(social, date(2026, 8, 18))
    assert [p.msgid for p in ends] == [
        d.APPEAL_BOLIGRET,
        d.APPEAL_JULY,
        d.APPEAL_ENDS,
        d.APPEAL_FINAL,
    ]
