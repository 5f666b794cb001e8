"""The people in a case: the other party named as the filer knows them, the filer's own side,
organisations, co-tenants and a current postal address."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from locales import translator
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.flows.intake import engine, facts
from statemachine.flows.intake.filing import filing_from

TODAY = date(2026, 11, 23)
ENGINE = engine()
EN = translator("en")
DA = translator("da")

TENANT = {"ask_role": "tenant", "ask_housing": "private", "ask_case_type": "maintenance"}
SOCIAL_NEIGHBOUR = {"ask_role": "tenant", "ask_housing": "social", "ask_case_type": "house_rules"}
LANDLORD = {"ask_role": "landlord", "ask_landlord_kind": "person", "ask_housing": "private"}
LANDLORD_COMPANY = {**LANDLORD, "ask_landlord_kind": "organisation"}
LAWYER = {
    "ask_role": "representative",
    "ask_representative_kind": "lawyer",
    "ask_represents": "tenant",
    "ask_housing": "private",
    "ask_case_type": "maintenance",
}


def at(state: str, answers: dict[str, Any], lang: str = "en") -> Draft:
    return Draft(
        state=state, lang=lang, answers={"ask_address": "Vestergade 12, 2. th.", **answers}
    )


def asked(state: str, answers: dict[str, Any], lang: str = "en") -> tuple[str, str]:
    """The question at ``state`` and its help, as the filer reads them."""
    shown = ENGINE.present(at(state, answers, lang), TODAY)
    tr = translator(lang)
    return tr.render(shown.prompt), tr.render(shown.help) if shown.help else ""


def after(state: str, answers: dict[str, Any], value: Any) -> str:
    """Where answering ``value`` at ``state`` leads."""
    draft = at(state, answers)
    outcome = ENGINE.step(draft, Answer(value=value), TODAY)
    assert outcome.errors == [], outcome.errors
    return draft.state


@pytest.mark.parametrize(
    ("answers", "english", "danish"),
    [
        (TENANT, "What is the name of the landlord?", "Hvad hedder udlejeren?"),
        (
            {**TENANT, "ask_housing": "social"},
            "What is the name of the housing organisation?",
            "Hvad hedder boligorganisationen?",
        ),
        (
            SOCIAL_NEIGHBOUR,
            "What is the name of the neighbour you complain about?",
            "Hvad hedder den beboer, du klager over?",
        ),
        ({**LANDLORD, "ask_case_type": "maintenance"}, "What is the name of the tenant?", None),
        (
            {
                "ask_role": "tenant_board",
                "ask_housing": "private",
                "ask_case_type": "rent_increase",
            },
            "What is the name of the landlord?",
            None,
        ),
        (
            {"ask_role": "tenant", "ask_housing": "social", "ask_case_type": "resident_democracy"},
            "What is the name of the housing organisation or the department's board?",
            "Hvad hedder boligorganisationen eller afdelingsbestyrelsen?",
        ),
    ],
)
def test_the_other_party_is_named_as_the_filer_knows_them(
    answers: dict[str, Any], english: str, danish: str | None
) -> None:
    assert asked("ask_counterparty_name", answers)[0] == english
    if danish:
        assert asked("ask_counterparty_name", answers, "da")[0] == danish


def test_no_counterparty_question_says_the_other_party_and_the_landlord_at_once() -> None:
    for state in ("ask_counterparty_name", "ask_counterparty_address", "ask_settlement_tried"):
        prompt, help_text = asked(state, SOCIAL_NEIGHBOUR, "da")
        assert "udlejeren" not in prompt + help_text
        assert "den beboer, du klager over" in prompt + help_text


def test_only_a_private_landlord_is_asked_person_or_company() -> None:
    assert after("show_deadlines", TENANT, None) == "ask_counterparty_kind"
    assert asked("ask_counterparty_kind", TENANT)[0] == "Is the landlord a person or a company?"
    assert asked("ask_counterparty_kind", TENANT, "da")[0] == (
        "Er udlejeren en person eller en virksomhed?"
    )
    for answers in (SOCIAL_NEIGHBOUR, {**TENANT, "ask_housing": "social"}, LANDLORD):
        assert after("show_deadlines", answers, None) == "ask_counterparty_name"


def test_a_tenant_is_asked_about_others_on_the_lease_and_a_landlord_about_co_owners() -> None:
    assert after("ask_counterparty_address", TENANT, "") == "ask_has_co_parties"
    assert asked("ask_has_co_parties", TENANT)[0] == (
        "Is anyone else on the lease with you, for example a spouse?"
    )
    assert asked("ask_has_co_parties", TENANT, "da")[0] == (
        "Står der andre på lejekontrakten sammen med dig, for eksempel en ægtefælle?"
    )
    assert asked("ask_has_co_parties", LAWYER)[0] == (
        "Is anyone else on the lease with your client, for example a spouse?"
    )
    assert "power of attorney (fuldmagt)" in asked("ask_has_co_parties", TENANT)[1]
    assert after("ask_counterparty_address", LANDLORD, "") == "ask_has_co_owners"
    assert asked("ask_has_co_owners", LANDLORD)[0] == (
        "Does anyone else own or let the home with you?"
    )
    assert "tenant" not in asked("ask_has_co_owners", LANDLORD)[0]


@pytest.mark.parametrize(
    "answers",
    [LANDLORD_COMPANY, {"ask_role": "tenant_board", "ask_housing": "private"}],
)
def test_a_company_or_a_tenant_board_is_not_asked_for_others_on_its_side(
    answers: dict[str, Any],
) -> None:
    assert after("ask_counterparty_address", answers, "") == "ask_claim"


def test_others_on_the_lease_must_give_a_power_of_attorney() -> None:
    alone = at("ask_claim", {**TENANT, "ask_has_co_parties": False})
    assert "co_tenant_power_of_attorney" not in [a.id for a, _ in facts.attachment_items(alone)]
    shared = at("ask_claim", {**TENANT, "ask_has_co_parties": True, "ask_co_parties": "Bo"})
    required = {a.id: req for a, req in facts.attachment_items(shared)}
    assert required["co_tenant_power_of_attorney"] is True
    # An answer left over from when the filer was a tenant asks a landlord for nothing.
    landlord = at(
        "ask_claim", {**LANDLORD, "ask_case_type": "maintenance", "ask_has_co_parties": True}
    )
    assert "co_tenant_power_of_attorney" not in [a.id for a, _ in facts.attachment_items(landlord)]


def test_a_landlord_says_whether_it_files_as_a_person_or_an_organisation() -> None:
    assert after("ask_role", {}, "landlord") == "ask_landlord_kind"
    assert asked("ask_landlord_kind", {"ask_role": "landlord"})[0] == (
        "Are you filing as a private person or for a company or organisation?"
    )
    assert after("ask_landlord_kind", {"ask_role": "landlord"}, "organisation") == "ask_housing"
    assert after("ask_role", {}, "tenant") == "ask_housing"


def test_a_representative_says_what_kind_and_names_the_client_by_side() -> None:
    assert after("ask_role", {}, "representative") == "ask_representative_kind"
    options = ENGINE.present(at("ask_representative_kind", LAWYER), TODAY).input.options
    assert [o.id for o in options] == ["lawyer", "organisation", "person"]
    assert after("ask_representative_kind", LAWYER, "lawyer") == "ask_represents"
    assert asked("ask_client_name", LAWYER)[0] == "What is the name of the tenant you represent?"
    assert asked("ask_client_name", {**LAWYER, "ask_represents": "landlord"}, "da")[0] == (
        "Hvad hedder den udlejer, du repræsenterer?"
    )
    assert asked("ask_power_of_attorney", LAWYER, "da")[0] == (
        "Har du en skriftlig fuldmagt fra den lejer, du repræsenterer?"
    )


@pytest.mark.parametrize(
    "answers", [LANDLORD_COMPANY, LAWYER, {**LAWYER, "ask_representative_kind": "organisation"}]
)
def test_an_organisation_gives_its_name_cvr_and_a_contact_person(answers: dict[str, Any]) -> None:
    draft = at("ask_attachment_reason", {**answers, "ask_case_type": "maintenance"})
    draft.item = "fee_receipt"  # the last document a maintenance case asks for
    assert ENGINE.step(draft, Answer(value="Lost"), TODAY).errors == []
    assert draft.state == "ask_organisation_name"
    assert after("ask_organisation_name", answers, "Advokatfirmaet Lund") == "ask_cvr"
    assert after("ask_cvr", answers, "24 25 67 90") == "ask_contact_name"
    assert asked("ask_contact_name", answers)[0] == (
        "Who is the contact person for the case? Write their full name."
    )
    assert after("ask_contact_name", answers, "Ida Lund") == "ask_postal_address"


def test_a_person_gives_their_own_name() -> None:
    draft = at("ask_attachment_reason", {**LANDLORD, "ask_case_type": "maintenance"})
    draft.item = "fee_receipt"
    assert ENGINE.step(draft, Answer(value="Lost"), TODAY).errors == []
    assert draft.state == "ask_name"


def test_a_tenant_still_at_the_home_is_not_asked_for_a_postal_address() -> None:
    assert after("ask_name", TENANT, "Anna Jensen") == "ask_lives_at_home"
    assert asked("ask_lives_at_home", TENANT)[0] == "Do you still live at Vestergade 12, 2. th.?"
    assert asked("ask_lives_at_home", TENANT, "da")[0] == "Bor du stadig på Vestergade 12, 2. th.?"
    assert after("ask_lives_at_home", TENANT, True) == "ask_email"


def test_a_former_tenant_gives_the_address_where_letters_reach_them_now() -> None:
    assert after("ask_lives_at_home", TENANT, False) == "ask_postal_address"
    assert asked("ask_postal_address", TENANT, "da")[0] == (
        "Hvilken postadresse skal nævnet sende breve til?"
    )
    assert after("ask_postal_address", TENANT, "Nørregade 4, 8000 Aarhus C") == "ask_email"


@pytest.mark.parametrize("answers", [LANDLORD, {"ask_role": "tenant_board"}])
def test_others_give_a_postal_address_straight_away(answers: dict[str, Any]) -> None:
    assert after("ask_name", answers, "Bo Hansen") == "ask_postal_address"


def _filed(answers: dict[str, Any]) -> Any:
    base = {
        "ask_municipality": {"text": "8000", "matches": [751]},
        "ask_counterparty_name": "X",
        "ask_email": "a@example.dk",
        **answers,
    }
    draft = at("receipt", base)
    return filing_from(draft, dict(draft.answers), TODAY)


def test_the_filing_records_the_organisation_and_the_address_letters_reach() -> None:
    company = _filed(
        {
            **LANDLORD_COMPANY,
            "ask_case_type": "maintenance",
            "ask_organisation_name": "Boligselskabet Nord A/S",
            "ask_cvr": "24256790",
            "ask_contact_name": "Ida Lund",
            "ask_postal_address": "Havnegade 1, 8000 Aarhus C",
        }
    )
    [filer] = [p for p in company.parties if p.role == "filer"]
    assert (filer.name, filer.kind, filer.address) == (
        "Boligselskabet Nord A/S",
        "company",
        "Havnegade 1, 8000 Aarhus C",
    )
    assert company.answers["ask_cvr"] == "24256790"
    at_home = _filed({**TENANT, "ask_name": "Anna", "ask_lives_at_home": True})
    [tenant] = [p for p in at_home.parties if p.role == "filer"]
    assert tenant.address == "Vestergade 12, 2. th."
    social = _filed({**TENANT, "ask_housing": "social", "ask_name": "Anna"})
    [other] = [p for p in social.parties if p.role == "counterparty"]
    assert other.kind == "company", "a housing organisation is not a person"
