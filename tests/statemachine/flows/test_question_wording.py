"""A case's question speaks to the person it is about when that person files: a tenant hears
"Did you send the landlord a written objection?", not "Did the tenant …?". A representative
is asked about the sides by name."""

from __future__ import annotations

from datetime import date

import pytest

from locales import translator
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.flows.intake import engine

TODAY = date(2026, 11, 23)
ENGINE = engine()


def at_objection(lang: str, role: str, represents: str | None = None) -> Draft:
    """A draft at the question whether an objection was sent, for a rent increase."""
    draft = ENGINE.start(lang)
    draft.answers.update({"ask_role": role, "ask_housing": "private"})
    if represents:
        draft.answers["ask_represents"] = represents
    draft.answers["ask_case_type"] = "rent_increase"
    draft.state = "ask_objected"
    return draft


def heard(draft: Draft, lang: str) -> str:
    return translator(lang).render(ENGINE.present(draft, TODAY).prompt)


@pytest.mark.parametrize(
    ("role", "represents", "lang", "question"),
    [
        ("tenant", None, "en", "Did you send the landlord a written objection?"),
        ("tenant", None, "da", "Har du sendt en skriftlig indsigelse til udlejeren?"),
        ("landlord", None, "en", "Did the tenant, or the tenants' board, send you a written "
         "objection?"),
        ("landlord", None, "da", "Har lejeren eller beboerrepræsentationen sendt dig en skriftlig "
         "indsigelse?"),
        ("representative", "tenant", "en", "Did the tenant, or the tenants' board, send the "
         "landlord a written objection?"),
    ],
)  # fmt: skip
def test_the_question_fits_who_answers_it(
    role: str, represents: str | None, lang: str, question: str
) -> None:
    assert heard(at_objection(lang, role, represents), lang) == question


def test_help_speaks_to_the_same_person() -> None:
    draft = at_objection("en", "tenant")
    [helped] = ENGINE.step(draft, Answer(action="help"), TODAY).messages
    assert (
        translator("en")
        .render(helped)
        .startswith(
            "An objection is a letter or email to the landlord saying that you do not accept"
        )
    )
    assert translator("en").render(ENGINE.present(draft, TODAY).help or helped) == (
        translator("en").render(helped)
    )


def test_a_tenant_is_asked_when_they_moved_out_not_when_the_tenant_did() -> None:
    draft = at_objection("da", "tenant")
    draft.answers["ask_case_type"] = "move_out"
    draft.state = "ask_moved_out"
    assert heard(draft, "da") == "Hvilken dato flyttede du og afleverede nøglerne?"
