"""Deadlines said to the filer: "you" to the side that reads them, the third person on the CLI,
a calm note when time is short, and never a second "if" in one sentence."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest

from locales import translator
from naevn.commands.deadline import run
from statemachine.catalog.deadlines import RULES, Circumstances, deadlines_for
from statemachine.engine.draft import Draft
from statemachine.flows.intake.summaries import case_deadlines, deadline_lines

TODAY = date(2026, 11, 23)
EN = translator("en")
DA = translator("da")
OBJECTED = {"notice_received": date(2026, 10, 1), "objection_sent": date(2026, 10, 20)}
"""A notice received 1 October 2026, objected to on 20 October: in time for 12 November."""


def read(side: str, events: dict[str, date], lang: str = "en", **facts: str) -> list[str]:
    tr = translator(lang)
    found = deadlines_for(
        "rent_increase" if "notice_received" in events else "move_out",
        side,
        events,
        TODAY,
        Circumstances(**facts),  # type: ignore[arg-type]
        addressed=True,
    )
    return [tr.render(line) for d in found for line in deadline_lines(d)]


def test_a_tenant_who_objected_reads_her_own_deadline_met_and_the_landlords_date() -> None:
    lines = read("tenant", OBJECTED)
    assert lines[0] == (
        "You must object to the landlord in writing. A tenant board may also object for all "
        "tenants. This was done in time, on 20 October 2026. The deadline was 12 November 2026."
    )
    # 6 weeks after 12 November is Thursday 24 December 2026, 31 days after 23 November.
    assert lines[2] == (
        "Because you objected, the landlord must bring the case to the tribunal. The deadline "
        "is 24 December 2026, in 31 days."
    )
    assert lines[3] == "If the landlord does not bring the case in time, the rent increase lapses."
    danish = read("tenant", OBJECTED, "da")
    assert danish[0].startswith("Du skal gøre skriftlig indsigelse over for udlejeren.")
    assert danish[2].startswith("Du har gjort indsigelse, så udlejeren skal indbringe sagen")


def test_a_landlord_reads_their_own_filing_deadline_as_you() -> None:
    [lines] = [read("landlord", OBJECTED)]
    assert lines[0].startswith(
        "After the tenant's objection, you must bring the case to the tribunal. The deadline is "
        "24 December 2026"
    )
    assert "If you do not bring the case in time, the rent increase lapses." in lines
    assert DA.render(
        deadline_lines(
            deadlines_for("rent_increase", "landlord", OBJECTED, TODAY, addressed=True)[0]
        )[-2]
    ) == ("Hvis du ikke indbringer sagen i tide, bortfalder lejeforhøjelsen.")


def test_a_tenant_after_moving_out_is_told_what_the_landlord_owes_her() -> None:
    events = {"move_out_known": date(2026, 11, 16)}
    lines = read("tenant", events, housing="private", landlord_units="several")
    # Learned of it Monday 16 November: the syn by Monday 30 November, 7 days from today. It is
    # the landlord's deadline, so the tenant gets no note to hurry.
    assert lines[0].startswith("The landlord must hold the move-out inspection (flyttesyn)")
    assert lines[0].endswith("The deadline is 30 November 2026, in 7 days.")
    text = " ".join(lines)
    assert "invite you in writing" in text
    assert "the landlord can no longer claim that you pay for repairs" in text
    assert "the tenant" not in text


def test_a_close_deadline_of_ones_own_gets_a_calm_note() -> None:
    events = {"notice_received": date(2026, 10, 19)}  # 6 weeks: Monday 30 November, in 7 days
    lines = read("tenant", events)
    assert lines[0] == "Note: the deadline is soon."
    assert read("tenant", events, "da")[0] == "Bemærk: Fristen udløber snart."


@pytest.mark.parametrize("lang", ["en", "da"])
def test_no_sentence_says_if_twice(lang: str) -> None:
    word = {"en": "if", "da": "hvis"}[lang]
    tr = translator(lang)
    for side in ("tenant", "landlord", "tenant_board"):
        for r in RULES:
            for addressed in (False, True):
                events = {r.event: date(2026, 11, 1), "decision_notified": date(2026, 11, 1)}
                for ct in ("rent_increase", "utility_accounts", "move_out", "move_in_defects"):
                    for d in deadlines_for(
                        ct,
                        side,
                        events,
                        TODAY,
                        Circumstances(landlord_units="several"),
                        addressed=addressed,
                    ):
                        for line in deadline_lines(d):
                            for sentence in re.split(r"(?<=[.:])\s+", tr.render(line)):
                                said = re.findall(rf"\b{word}\b", sentence.lower())
                                assert len(said) <= 1, sentence


def test_the_cli_keeps_the_third_person() -> None:
    out = io.StringIO()
    events = ["notice_received=2026-10-01", "objection_sent=2026-10-20"]
    run("rent_increase", "tenant", None, events, TODAY, False, "en", out)
    printed = out.getvalue()
    assert "The tenant must object to the landlord in writing." in printed
    assert "After a tenant has objected, the landlord must bring the case" in printed
    assert "You must" not in printed and "Because you" not in printed


def test_a_representative_and_the_filed_case_read_the_side_not_you() -> None:
    answers = {
        "ask_role": "representative",
        "ask_represents": "tenant",
        "ask_housing": "private",
        "ask_case_type": "rent_increase",
        "ask_notice_received": "2026-10-19",
    }
    draft = Draft(state="show_deadlines", lang="en", answers=answers)
    [shown] = case_deadlines(draft, TODAY)
    assert shown.who_acts.startswith("The tenant must object to the landlord in writing.")
    tenant = Draft(state="show_deadlines", lang="en", answers={**answers, "ask_role": "tenant"})
    [own] = case_deadlines(tenant, TODAY)
    assert own.who_acts.startswith("You must object")
    [filed] = case_deadlines(tenant, TODAY, for_staff=True)
    assert filed.who_acts.startswith("The tenant must object")
