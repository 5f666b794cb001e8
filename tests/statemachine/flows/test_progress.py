"""The progress counter names the part of the dialogue, and moves on by one part at a time."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from locales import translator
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Answer
from statemachine.flows.intake.dialogue import INTAKE, SECTIONS, TITLES
from tests.statemachine.flows.test_engine_stateful import ENGINE, TODAY, forward_answers
from tests.statemachine.flows.test_review import RENT_INCREASE, plain
from tests.statemachine.flows.test_review import TODAY as IN_NOVEMBER


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(data=st.data(), lang=st.sampled_from(["da", "en"]))
def test_forward_answers_move_one_part_at_a_time_and_file_through_every_part(
    data: st.DataObject, lang: str
) -> None:
    draft = ENGINE.start(lang)
    parts = [ENGINE.present(draft, TODAY).step]
    for _ in range(120):
        if draft.state in ENGINE.finals:
            break
        value = lang if draft.state == "ask_language" else data.draw(forward_answers(draft))
        outcome = ENGINE.step(draft, Answer(value=value), TODAY)
        assert not outcome.errors, f"{value!r} refused at {draft.key}: {outcome.errors}"
        draft = Draft.from_data(json.loads(json.dumps(draft.to_data())))
        part = ENGINE.present(draft, TODAY).step
        assert parts[-1] <= part <= parts[-1] + 1, f"from part {parts[-1]} to {part}"
        parts.append(part)
    assert draft.state in ENGINE.finals, f"stuck at {draft.key}"
    if draft.state == "receipt":
        assert sorted(set(parts)) == list(range(1, SECTIONS + 1)), "a part was skipped"


def test_every_part_has_a_title_in_both_languages() -> None:
    assert len(TITLES) == SECTIONS == INTAKE["sections"]
    for lang, case, documents in [("da", "Sagen", "Dokumenter"), ("en", "The case", "Documents")]:
        tr = translator(lang)
        titles = [tr.render(ENGINE.present(_at(title), TODAY).title) for title in TITLES]
        assert (titles[3], titles[7]) == (case, documents)
        assert len(set(titles)) == SECTIONS


def _at(title: str) -> Draft:
    """A draft at the first state of the part titled ``title``."""
    part = TITLES.index(title) + 1
    state = next(s["name"] for s in INTAKE["states"] if s["section"] == part)
    return Draft(state=state, lang="da")


def test_the_tenant_with_a_rent_increase_passes_every_part_in_order() -> None:
    draft = ENGINE.start("en")
    parts = [ENGINE.present(draft, IN_NOVEMBER).step]
    while draft.state not in ENGINE.finals:
        value = {"ask_language": "en", "review": "continue", "ask_declaration": True}.get(
            draft.state, RENT_INCREASE.get(draft.state, plain(draft))
        )
        assert not ENGINE.step(draft, Answer(value=value), IN_NOVEMBER).errors, draft.key
        parts.append(ENGINE.present(draft, IN_NOVEMBER).step)
    assert draft.state == "receipt"
    assert sorted(set(parts)) == list(range(1, SECTIONS + 1)) and parts == sorted(parts)
