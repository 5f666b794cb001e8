"""The review reads back in a few sections with short labels, and changes one answer or a
whole section, coming back to the review afterwards."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from locales import translator
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.flows.intake import engine
from statemachine.flows.intake.dialogue import INTAKE

TODAY = date(2026, 11, 23)
ENGINE = engine()

RENT_INCREASE: dict[str, Any] = {
    "ask_consent": True,
    "ask_role": "tenant",
    "ask_housing": "private",
    "ask_address": "Vestergade 12",
    "ask_municipality": "8000",
    "ask_case_type": "rent_increase",
    "ask_more_topics": [],
    "ask_notice_received": "1/10/2026",
    "ask_objected": True,
    "ask_objection_date": "5/10/2026",
    "ask_current_rent": "7500",
    "ask_new_rent": "8200",
    "ask_counterparty_kind": "company",
    "ask_counterparty_name": "Bolig A/S",
    "ask_has_co_parties": False,
    "ask_claim": "The increase is not valid.",
    "ask_settlement_tried": True,
    "ask_attachment": "missing",
    "ask_attachment_reason": "Lost it",
    "ask_name": "Anna Jensen",
    "ask_email": "anna@example.dk",
}
"""A tenant's rent-increase case, by question; a question not named here gets a plain
answer of its kind (:func:`plain`), so the walk follows the dialogue as it grows."""


def plain(draft: Draft) -> Any:
    """A sensible answer to a question the case above does not name."""
    spec = ENGINE.states[draft.state]
    kind = spec["input"]["kind"] if "input" in spec else "none"
    options = [o.id for o in ENGINE.present(draft, TODAY).input.options]
    by_kind: dict[str, Any] = {
        "choice": options[0] if options else None,
        "multi_choice": [],
        "confirm": False,
        "date": "1/9/2026",
        "money": "100",
        "number": "10",
        "email": "anna@example.dk",
        "phone": "",
        "file": "missing",
        "none": None,
    }
    return by_kind.get(kind, "Some words")


def to_review(lang: str) -> Draft:
    """The rent-increase case, answered up to the review, in ``lang``."""
    draft = ENGINE.start(lang)
    for _ in range(80):
        if draft.state == "review":
            return draft
        if draft.state == "ask_language":
            value: Any = lang
        else:
            value = RENT_INCREASE.get(draft.state, plain(draft))
        outcome = ENGINE.step(draft, Answer(value=value), TODAY)
        assert not outcome.errors, (draft.key, value, outcome.errors)
    raise AssertionError(f"no review, stuck at {draft.key}")


def shown(draft: Draft, lang: str) -> tuple[list[str], list[tuple[str, str]], str]:
    """What the filer reads: the messages, the (id, label) options and the question."""
    tr = translator(lang)
    turn = ENGINE.present(draft, TODAY)
    options = [(o.id, tr.render(o.label)) for o in turn.input.options]
    return [tr.render(m) for m in turn.messages], options, tr.render(turn.prompt)


def choose(draft: Draft, value: Any) -> None:
    outcome = ENGINE.step(draft, Answer(value=value), TODAY)
    assert not outcome.errors, (draft.key, value, outcome.errors)


HEADINGS = {
    "en": ["About you:", "The home:", "The case:", "Dates:", "Documents:"],
    "da": ["Om dig:", "Boligen:", "Sagen:", "Datoer:", "Dokumenter:"],
}


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_review_reads_in_sections_with_few_choices(lang: str) -> None:
    messages, options, _ = shown(to_review(lang), lang)
    assert [m for m in messages if m in HEADINGS[lang]] == HEADINGS[lang]
    assert len(options) <= 6
    assert [i for i, _ in options] == [
        "continue",
        "section:you",
        "section:home",
        "section:case",
        "section:dates",
        "section:documents",
    ]
    change = {"en": "Change: The home", "da": "Ret: Boligen"}[lang]
    assert options[2][1] == change


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Notice received: 1 October 2026"),
        ("da", "Varsling modtaget: 1. oktober 2026"),
        ("en", "Objection sent on: 5 October 2026"),
        ("da", "Indsigelse sendt den: 5. oktober 2026"),
    ],
)
def test_a_date_is_read_back_under_dates_with_a_short_label(lang: str, line: str) -> None:
    messages = shown(to_review(lang), lang)[0]
    dates, documents = HEADINGS[lang][3], HEADINGS[lang][4]
    assert line in messages[messages.index(dates) : messages.index(documents)]


def test_a_missing_document_is_read_back_with_its_reason() -> None:
    messages = shown(to_review("en"), "en")[0]
    documents = messages[messages.index("Documents:") + 1 :]
    assert documents and all(": Not provided" in m for m in documents)
    assert any(m.endswith("Not provided. Reason: Lost it") for m in documents)
    assert not any(m.startswith("Why missing") for m in messages)


def test_the_answer_lines_have_short_labels() -> None:
    messages = shown(to_review("en"), "en")[0]
    start = messages.index("About you:")
    for line in messages[start:]:
        if line.endswith(":") and line in HEADINGS["en"]:
            continue
        name = line.split(": ")[0]
        assert "?" not in name and "…" not in name, line


# Parts 6 and 9 (the parties, contact details) and documents name their own labels.
OWN_PARTS = {1, 2, 3, 4, 5, 7, 10, 11}


@pytest.mark.parametrize(
    "state",
    [s for s in INTAKE["states"] if s["section"] in OWN_PARTS and "input" in s],
    ids=lambda s: s["name"],
)
def test_every_reviewed_answer_has_a_label_of_at_most_four_words(state: Any) -> None:
    if not state.get("review", True):
        return
    assert "label" in state, f"{state['name']} would be read back by its whole question"
    assert len(state["label"].split()) <= 4 and "?" not in state["label"]


def test_a_section_lists_its_answers_then_the_whole_section_and_back() -> None:
    draft = to_review("en")
    choose(draft, "section:home")
    _, options, prompt = shown(draft, "en")
    assert draft.state == "review_section" and prompt == "The home: what do you want to change?"
    assert [label for _, label in options][-2:] == [
        "Go through the whole section again",
        "Back to the review",
    ]
    assert [i for i, _ in options][:2] == ["edit:ask_housing", "edit:ask_address"]
    assert ENGINE.present(draft, TODAY).input.current is None


def test_changing_one_answer_of_a_section_returns_to_the_review_with_it() -> None:
    draft = to_review("en")
    history = list(draft.history)
    choose(draft, "section:home")
    choose(draft, "edit:ask_address")
    assert draft.state == "ask_address"
    choose(draft, "Vestergade 14")
    assert (draft.state, draft.history) == ("review", history)
    messages = shown(draft, "en")[0]
    assert "Address: Vestergade 14" in messages
    assert ENGINE.present(draft, TODAY).input.current is None, "the review asks afresh"


def test_back_to_the_review_changes_nothing() -> None:
    draft = to_review("da")
    history, answers = list(draft.history), dict(draft.answers)
    choose(draft, "section:case")
    choose(draft, "review")
    assert (draft.state, draft.history) == ("review", history)
    assert {k: v for k, v in draft.answers.items() if k != "review"} == {
        k: v for k, v in answers.items() if k != "review"
    }


@pytest.mark.parametrize(
    ("section", "asked"),
    [
        ("home", ["ask_housing", "ask_address", "ask_municipality"]),
        ("dates", ["ask_notice_received", "ask_objection_date"]),
    ],
)
def test_the_whole_section_asks_each_of_its_questions_in_turn(
    section: str, asked: list[str]
) -> None:
    draft = to_review("en")
    choose(draft, f"section:{section}")
    choose(draft, f"edit:section:{section}")
    seen = []
    while draft.state != "review":
        seen.append(draft.state)
        assert ENGINE.present(draft, TODAY).input.current is not None, "Enter keeps it"
        choose(draft, None)
    assert seen == asked


def test_the_whole_section_takes_a_new_answer_on_the_way() -> None:
    draft = to_review("en")
    choose(draft, "section:dates")
    choose(draft, "edit:section:dates")
    choose(draft, "2/10/2026")
    assert draft.state == "ask_objection_date"
    choose(draft, None)
    assert draft.state == "review"
    assert "Notice received: 2 October 2026" in shown(draft, "en")[0]


def test_an_edit_of_one_answer_from_an_older_client_still_works() -> None:
    draft = to_review("en")
    choose(draft, "edit:ask_notice_received")
    assert (draft.state, draft.editing) == ("ask_notice_received", True)
    choose(draft, None)
    assert draft.state == "review"
    outcome = ENGINE.step(draft, Answer(action="edit", target="ask_address"), TODAY)
    assert not outcome.errors and draft.state == "ask_address"


def test_a_section_the_review_does_not_show_is_refused() -> None:
    draft = to_review("en")
    outcome = ENGINE.step(draft, Answer(value="section:nowhere"), TODAY)
    assert outcome.errors and draft.state == "review"
    outcome = ENGINE.step(draft, Answer(value="edit:section:nowhere"), TODAY)
    assert [e.msgid for e in outcome.errors] == ["There is no such answer to change."]


def test_a_typo_at_the_review_is_told_what_to_type_not_every_answer_again() -> None:
    draft = to_review("en")
    outcome = ENGINE.step(draft, Answer(value="77"), TODAY)
    assert outcome.errors and draft.state == "review"
    turn = ENGINE.present(draft, TODAY, errors=outcome.errors)
    assert turn.messages == [], "the summary is not read out again before the error"
    assert len(turn.input.options) <= 6
    assert ENGINE.present(draft, TODAY).messages, "asked afresh, the review shows the answers"
