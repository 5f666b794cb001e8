"""Random walks through the intake dialogue: the engine never raises and never loses an answer."""

from __future__ import annotations

import json
import string
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from statemachine.catalog.casetypes import case_type, case_types_for
from statemachine.catalog.ids import CASE_TYPES
from statemachine.engine import values
from statemachine.engine.draft import Draft, split_key
from statemachine.engine.kinds import INPUT_KINDS
from statemachine.engine.machine import Answer, Outcome
from statemachine.errors import InvalidInputError
from statemachine.flows.intake import engine, facts
from statemachine.flows.intake.hooks import ITEMS
from statemachine.flows.intake.review import SECTIONS, reviewed_keys, section_keys, section_of
from statemachine.text import Text

REVIEW_STATES = ("review", "review_section")
"""The review and its section question, whose choices are navigation, not answers kept."""
TODAY = date(2026, 6, 15)
"""A fixed "today", so that past-only dates and deadlines never depend on the clock."""
ENGINE = engine()
FILED = "101-10001"
"""The case number the service would give when it submits."""

MONTHS = [
    ("januar", "January"), ("februar", "February"), ("marts", "March"), ("april", "April"),
    ("maj", "May"), ("juni", "June"), ("juli", "July"), ("august", "August"),
    ("september", "September"), ("oktober", "October"), ("november", "November"),
    ("december", "December"),
]  # fmt: skip
"""Danish and English month names."""
DATE_FORMATS: tuple[str, ...] = (
    "{iso}",
    "{d}/{m}/{y}",
    "{d:02}-{m:02}-{y}",
    "{d}.{m}.{y}",
    "{d}. {dk} {y}",
)
DATE_FORMATS += ("den {d}. {dk:.3} {y}", "{d} {en} {y}", "{en} {d}, {y}")
"""How people write dates: "1. oktober 2026", "den 1. okt 2026", "October 1, 2026", …"""
PLACES = ("2300", "8000", "Aarhus", "4000", "7100", "8600", "København", "4200", "9000")
"""Postcodes and names; several reach more than one municipality, which adds a question."""
IMPOSSIBLE_DATES = ("31/2/2026", "30.02.2025", "2026-13-01", "32. januar 2026", "29/2/2025")
BAD_DATES = ("1/10/26", "1. oktober", "0/0/0000", "1/10/1850", "tomorrow", "2026-06")
UNKNOWN_IDS = ("nope", "edit:nope", "edit:", "edit:show_privacy", "edit:confirm_restart", "99")
ODD_NUMBERS = ("-5", "1e12", "NaN", "inf", "Infinity", "7,5,0", "--1", "kr.", "1 000 000 000 000")
NAMELESS_FILES = ({"files": [{"id": "a_y"}]}, {"files": [{"id": 7, "filename": 7}]})
BAD_FILES: tuple[Any, ...] = (*NAMELESS_FILES, {"files": []}, {"files": "x.pdf"}, [{"id": 1}])
"""File answers of the wrong shape; the service passes a ``files`` value through untouched."""


def _typed(d: date) -> st.SearchStrategy[str]:
    """The ways a person may write a date, in Danish and English."""
    dk, en = MONTHS[d.month - 1]
    parts = {"iso": d.isoformat(), "d": d.day, "m": d.month, "y": d.year, "dk": dk, "en": en}
    return st.sampled_from([f.format(**parts) for f in DATE_FORMATS])


def _amounts(unit: str) -> st.SearchStrategy[Any]:
    def forms(n: int) -> st.SearchStrategy[Any]:
        grouped = f"{n:,}".replace(",", ".")
        return st.sampled_from([n, str(n), grouped, f"{grouped},50", f"{n} {unit}"])

    return st.integers(0, 5_000_000).flatmap(forms)


def _file(name: str) -> dict[str, Any]:
    meta = {"id": f"a_{name}", "filename": f"{name}.pdf", "size": 1, "sha256": "0" * 64}
    return {**meta, "media_type": "application/pdf"}


TEXT = st.text(string.ascii_letters + "æøåÆØÅ .,-0123", min_size=1, max_size=60).filter(str.strip)
FILES = st.lists(st.sampled_from(["x", "lease", "scan"]), min_size=1, max_size=3, unique=True).map(
    lambda names: {"files": [_file(n) for n in names]}
)
KIND_ANSWERS: dict[str, st.SearchStrategy[Any]] = {
    "text": TEXT,
    "long_text": st.lists(TEXT, min_size=1, max_size=5).map("\n".join),
    "email": st.from_regex(r"[a-z][a-z0-9]{0,9}@[a-z]{1,10}\.(dk|com|org)", fullmatch=True),
    "phone": st.from_regex(r"(\+45 )?[1-9][0-9]( ?[0-9]{2}){3}", fullmatch=True),
    "file": st.one_of(FILES, st.just("missing")),
}
"""Valid answers to the kinds that need nothing from the draft."""
FUTURE = st.dates(TODAY + timedelta(days=1), date(2100, 12, 31)).flatmap(_typed)
GARBAGE: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.sampled_from(["", "   ", "\n"]),
    st.text(max_size=40),
    st.text(min_size=1, max_size=3).map(lambda s: s * 2000),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
    st.dictionaries(st.text(max_size=6), st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
    st.sampled_from(IMPOSSIBLE_DATES + BAD_DATES + UNKNOWN_IDS + ODD_NUMBERS + BAD_FILES),
    FUTURE,
)
"""Answers a filer or a broken client might send anywhere."""


def wrong_answers(draft: Draft) -> st.SearchStrategy[Any]:
    """Answers that are wrong for the question asked now, of the kind a filer gets wrong."""
    inp = ENGINE.states[draft.state].get("input")
    kind = inp["kind"] if inp else "none"
    limit = inp.get("limit", values.MAX_TEXT) if inp else values.MAX_TEXT
    by_kind: dict[str, st.SearchStrategy[Any]] = {
        "choice": st.sampled_from((*UNKNOWN_IDS, "", "1", "continue ")),
        "multi_choice": st.sampled_from(["nope", "1, 2", "rent_level,,nope", [1, 2], {"a": 1}]),
        "date": st.one_of(st.sampled_from(IMPOSSIBLE_DATES + BAD_DATES), FUTURE),
        "number": st.sampled_from(ODD_NUMBERS),
        "money": st.sampled_from(ODD_NUMBERS),
        "file": st.sampled_from(BAD_FILES),
        "text": st.just("x" * (limit + 1)),
        "long_text": st.just("x" * (values.MAX_LONG_TEXT + 1)),
        "email": st.sampled_from(["anna", "anna@", "@x.dk", "a b@c.dk", "anna@x.d"]),
        "phone": st.sampled_from(["12", "abc", "+45 12 34 56 78 90 12 34 56", "12-34"]),
        "confirm": st.sampled_from(["maybe", 1, 0, "", "jaa", [True]]),
    }
    return by_kind.get(kind, GARBAGE)


def valid_answers(draft: Draft) -> st.SearchStrategy[Any]:
    """Any answer the current question accepts."""
    spec = ENGINE.states[draft.state]
    inp = spec.get("input")
    ids = [o.id for o in ENGINE.present(draft, TODAY).input.options]
    kind = inp["kind"] if inp else "none"
    if inp and inp.get("parser") == "municipality":
        return st.sampled_from(PLACES)
    if inp and inp.get("parser") == "cvr":
        # Each passes the modulus-11 check, typed as a filer might.
        return st.sampled_from(["24256790", "24 25 67 90", "DK-10150817"])
    if kind == "choice":
        return st.sampled_from(ids)
    if kind == "multi_choice":
        chosen = st.lists(st.sampled_from(ids), max_size=3, unique=True) if ids else st.just([])
        return chosen.flatmap(lambda c: st.sampled_from([c, ", ".join(c)]))
    if kind == "confirm":
        return st.sampled_from([True, False, "ja", "Nej", "yes", "n"])
    if kind == "date":
        latest = TODAY if inp and inp.get("past") else date(2100, 12, 31)
        return st.dates(date(1990, 1, 1), latest).flatmap(_typed)
    if kind in ("number", "money"):
        return _amounts("kr." if kind == "money" else "m2")
    return KIND_ANSWERS.get(kind, st.sampled_from([None, "", " "]))


def forward_answers(draft: Draft) -> st.SearchStrategy[Any]:
    """A valid answer that moves towards the receipt rather than out of the dialogue."""
    pinned: dict[str, Any] = {"review": "continue", "ask_declaration": True}
    if draft.state in pinned:
        return st.just(pinned[draft.state])
    if draft.state in ("ask_housing", "ask_housing_help"):
        return st.sampled_from(["private", "social"])
    if draft.state == "ask_case_type":
        home = facts.housing(draft) or "private"
        offered = [ct.id for ct in case_types_for(home, facts.side(draft))]
        return st.sampled_from(offered)
    if draft.state == "ask_more_topics":
        ids = [o.id for o in ENGINE.present(draft, TODAY).input.options]
        return st.lists(st.sampled_from(ids), max_size=2, unique=True) if ids else st.just([])
    return valid_answers(draft)


def snapshot(draft: Draft) -> str:
    """The draft as the store keeps it, for comparing before and after."""
    return json.dumps(draft.to_data(), sort_keys=True)


def said(value: Any) -> bool | None:
    """What a yes/no answer means, or None when it is not one."""
    try:
        return values.parse_confirm(value)
    except InvalidInputError:
        return None


def unfilled(text: Text | Any) -> list[str]:
    """Placeholders of a message (and of the messages inside it) that have no value."""
    if isinstance(text, tuple):
        return [name for part in text for name in unfilled(part)]
    if not isinstance(text, Text):
        return []
    known = set(text.params) | ({"count"} if text.count is not None else set())
    missing = [
        name
        for msgid in (text.msgid, text.plural or "")
        for _, name, _, _ in string.Formatter().parse(msgid)
        if name and name not in known
    ]
    return missing + [name for p in text.params.values() for name in unfilled(p)]


def check_position(state: str, item: str | None, draft: Draft) -> None:
    """A position names a known state, with an item exactly for repeated steps."""
    assert state in ENGINE.states, f"unknown state {state!r}"
    items = ENGINE.states[state].get("items")
    if items is None:
        assert item is None, f"{state} has no items but item {item!r} is set"
    else:
        assert item in ITEMS[items](draft), f"{state}: {item!r} is not one of its items"


class DialogueWalk(RuleBasedStateMachine):
    """One draft, driven by random answers and actions, stored and reloaded after each."""

    def __init__(self) -> None:
        super().__init__()
        self.draft = ENGINE.start("da")
        self.kept: set[str] = set()
        """Every answer key accepted since the last confirmed restart."""

    def apply(self, answer: Answer) -> Outcome:
        """Send one answer, check what it did, and reload the draft as the store would."""
        draft = self.draft
        before, state, key = snapshot(draft), draft.state, draft.key
        filed, submitted = draft.case_number is not None, draft.submit_requested
        history, answers = list(draft.history), dict(draft.answers)
        edit = answer.target if answer.action == "edit" else None
        at_review = state in ("review", "review_section")
        if at_review and isinstance(answer.value, str) and answer.value[:5] == "edit:":
            edit = answer.value[5:]
        if edit is not None and edit.startswith("section:"):
            whole = [s for s in SECTIONS if f"section:{s.id}" == edit]
            keys = section_keys(draft, ENGINE.states, whole[0]) if whole else []
            edit = keys[0] if keys else edit
        outcome = ENGINE.step(draft, answer, TODAY)
        assert outcome.draft is draft
        if filed:
            assert outcome.errors, f"a filed case accepted {answer!r}"
        if outcome.errors:
            assert snapshot(draft) == before, f"{answer!r} at {key} was refused but changed things"
        elif answer.action in ("help", "save"):
            assert snapshot(draft) == before, f"{answer.action} changed the draft"
            assert outcome.saved == (answer.action == "save")
        elif answer.action == "back":
            assert draft.key == history[-1] and draft.history == history[:-1]
            assert draft.answers == answers, "going back lost or changed an answer"
        elif answer.action == "restart" and not history:
            assert snapshot(draft) == before, "restart at the first question changes nothing"
        elif answer.action == "restart":
            assert draft.state == "confirm_restart" and draft.answers == answers
        elif edit is not None:
            assert draft.key == edit and draft.editing, f"changing {edit} went to {draft.key}"
        elif answer.action is None:
            self.accepted(state, key, answer)
        if draft.submit_requested and not submitted:
            assert (state, draft.state) == ("ask_declaration", "receipt")
        if draft.submit_requested and draft.case_number is None:
            draft.case_number = FILED  # the service submits as soon as it sees the request
        reloaded = Draft.from_data(json.loads(json.dumps(draft.to_data())))
        assert snapshot(reloaded) == snapshot(draft), "the draft does not survive the store"
        self.draft = reloaded
        self.check()
        return outcome

    def accepted(self, state: str, key: str, answer: Answer) -> None:
        """Check an accepted answer: stored under its key, or a no that went back."""
        draft = self.draft
        if ENGINE.states[state].get("no_means_back") and said(answer.value) is False:
            return
        if state == "confirm_restart":
            assert set(draft.answers) <= {"ask_language"}, "a restart kept answers"
            assert draft.state == "show_privacy"
            self.kept = set(draft.answers)
            return
        assert key in draft.answers, f"the accepted answer {answer.value!r} to {key} was not kept"
        self.kept.add(key)
        if state == "ask_declaration":
            assert draft.submit_requested and draft.state == "receipt"

    def check(self) -> None:
        """The invariants that hold between any two turns."""
        draft = self.draft
        check_position(draft.state, draft.item, draft)
        for key in draft.history:
            check_position(*split_key(key), draft)
        lost = self.kept - set(draft.answers)
        assert not lost, f"answers lost: {sorted(lost)}"
        turn = ENGINE.present(draft, TODAY)
        assert turn.state == draft.state and turn.input.kind in INPUT_KINDS
        assert turn.done == (draft.case_number is not None)
        ids = [o.id for o in turn.input.options]
        assert len(ids) == len(set(ids)), f"{draft.state} offers an option twice"
        if turn.input.kind == "choice":
            assert ids, f"{draft.state} is a choice with nothing to choose"
        if draft.state == "review":
            assert len(ids) <= 6, "the review offers more than going on and five sections"
        texts = [*turn.messages, turn.prompt, *([turn.help] if turn.help else [])]
        texts += [o.label for o in turn.input.options if isinstance(o.label, Text)]
        for text in texts:
            assert not unfilled(text), f"{draft.state}: {text.msgid!r} misses {unfilled(text)}"
        # Restart remembers where it was asked, which is not an answer given on the way.
        for key in draft.history[:-1] if draft.state == "confirm_restart" else draft.history:
            spec = ENGINE.states[split_key(key)[0]]
            kind = spec["input"]["kind"] if "input" in spec else "none"
            if kind in ("choice", "multi_choice") and spec["name"] not in REVIEW_STATES:
                offered = {o.id for o in ENGINE.options(spec, draft)}
                value = draft.answers.get(key, [])
                stale = set(value if isinstance(value, list) else [value]) - offered
                assert not stale, f"{key} holds {sorted(stale)}, which it no longer offers"
            if draft.state == "review" and kind != "none" and spec.get("review", True):
                assert key in draft.answers, f"the review is missing the answer to {key}"
                owner = ENGINE.states.get(spec.get("reviewed_with", ""), spec)
                section = f"section:{section_of(owner).id}"
                assert section in ids, f"the review offers no way to change {key}"

    @initialize(data=st.data(), steps=st.integers(0, 45))
    def walk_forward(self, data: st.DataObject, steps: int) -> None:
        """Start somewhere along the way, so the later questions get their share of answers."""
        for _ in range(steps):
            if self.draft.state in ENGINE.finals:
                break
            self.apply(Answer(value=data.draw(forward_answers(self.draft))))

    @rule(data=st.data(), forward=st.booleans())
    def answer(self, data: st.DataObject, forward: bool) -> None:
        """A valid answer to whatever is asked, perhaps one that keeps the filer going."""
        answers = forward_answers if forward else valid_answers
        self.apply(Answer(value=data.draw(answers(self.draft))))

    @rule()
    def keep(self) -> None:
        """Press Enter: keep the answer already given here, if there is one."""
        self.apply(Answer(value=None))

    @rule(data=st.data(), steps=st.integers(1, 6))
    def revise(self, data: st.DataObject, steps: int) -> None:
        """Go back a few questions, change that answer, then press Enter through the rest."""
        for _ in range(steps):
            self.apply(Answer(action="back"))
        self.apply(Answer(value=data.draw(valid_answers(self.draft))))
        for _ in range(steps):
            if self.apply(Answer(value=None)).errors:
                break

    @rule(data=st.data(), anything=st.booleans())
    def answer_wrong(self, data: st.DataObject, anything: bool) -> None:
        """An answer of the wrong shape for this question, or anything at all."""
        self.apply(Answer(value=data.draw(GARBAGE if anything else wrong_answers(self.draft))))

    @rule(action=st.sampled_from(["back", "help", "save", "restart"]))
    def act(self, action: str) -> None:
        """One of the actions allowed at every question."""
        self.apply(Answer(action=action))

    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        """Change an answer: one from the review, any answer key, or nonsense."""
        targets = reviewed_keys(self.draft, ENGINE.states) or ["ask_role"]
        target = data.draw(
            st.one_of(st.sampled_from(targets), st.sampled_from(list(ENGINE.states)), TEXT)
        )
        self.apply(Answer(action="edit", target=target))

    @precondition(lambda self: self.draft.state == "review" and self.draft.case_number is None)
    @rule(data=st.data())
    def change_nothing(self, data: st.DataObject) -> None:
        """Choosing an answer of a section at the review and keeping it, or going through the
        whole section pressing Enter, leads straight back to the review."""
        key = data.draw(st.sampled_from(reviewed_keys(self.draft, ENGINE.states)))
        spec = ENGINE.states[split_key(key)[0]]
        section = section_of(ENGINE.states.get(spec.get("reviewed_with", ""), spec))
        whole = data.draw(st.booleans())
        history = list(self.draft.history)
        asked = section_keys(self.draft, ENGINE.states, section) if whole else [key]
        self.apply(Answer(value=f"section:{section.id}"))
        assert self.draft.state == "review_section"
        self.apply(Answer(value=f"edit:section:{section.id}" if whole else f"edit:{key}"))
        for _ in asked:
            self.apply(Answer(value=None))
        assert self.draft.state == "review", f"keeping {key} stopped at {self.draft.key}"
        assert self.draft.history == history


DialogueWalk.TestCase.settings = settings(
    max_examples=150,
    stateful_step_count=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
    # Shrinking a long walk is slow; one bug at a time keeps a failing run near a minute.
    report_multiple_bugs=False,
)
TestDialogueWalk = DialogueWalk.TestCase


@pytest.mark.parametrize("case_type_id", CASE_TYPES)
@settings(max_examples=8, deadline=None, derandomize=True, database=None)
@given(data=st.data(), represented=st.booleans())
def test_every_case_type_can_be_filed(
    case_type_id: str, data: st.DataObject, represented: bool
) -> None:
    """Answering sensibly reaches the review and the receipt for every case type."""
    housing, sides = next(iter(case_type(case_type_id).filers.items()))
    side = min(sides)  # a tribunal and a side that may file this case type
    pinned = dict(ask_represents=side, ask_housing=housing, ask_case_type=case_type_id)
    pinned["ask_role"] = "representative" if represented else side
    draft, seen = ENGINE.start("da"), []
    for _ in range(80):
        if draft.state == "receipt":
            break
        seen.append(draft.state)
        if draft.state == "review":
            for key in reviewed_keys(draft, ENGINE.states):
                assert key in draft.answers
        pin = draft.state in pinned
        value = pinned[draft.state] if pin else data.draw(forward_answers(draft))
        outcome = ENGINE.step(draft, Answer(value=value), TODAY)
        assert not outcome.errors, f"{value!r} refused at {draft.key}: {outcome.errors}"
        draft = Draft.from_data(json.loads(json.dumps(draft.to_data())))
    assert draft.state == "receipt", f"stuck after {seen[-5:]}"
    assert "review" in seen and draft.submit_requested
    assert draft.answers["ask_case_type"] == case_type_id


BACK = Answer(action="back")
ENTER = Answer(value=None)
TO_ATTACHMENTS = ["en", True, "tenant", "private", "Vestergade 12", "8000", "maintenance", []]
TO_ATTACHMENTS += [None, "person", "Bo Hansen", "", False, "Mend the roof", True]
"""Answers that take a tenant with a maintenance case to the first document."""


def play(draft: Draft, moves: list[Any]) -> Outcome:
    """Send answers (values, or :class:`Answer` for actions) in turn; the last outcome."""
    answers = [m if isinstance(m, Answer) else Answer(value=m) for m in moves]
    return [ENGINE.step(draft, a, TODAY) for a in answers][-1]


@pytest.mark.parametrize("files", NAMELESS_FILES, ids=["no file name", "numbers for names"])
def test_a_file_answer_without_a_file_name_is_refused(files: dict[str, Any]) -> None:
    """A client may send ``{"files": …}`` as is; one without names must not break the review."""
    draft = ENGINE.start("da")
    play(draft, TO_ATTACHMENTS)
    assert draft.state == "ask_attachment"
    assert ENGINE.step(draft, Answer(value=files), TODAY).errors
    ENGINE.present(draft, TODAY)


def test_enter_after_a_new_postcode_asks_for_the_municipality_again() -> None:
    """2300 reaches København and Tårnby; 4000 reaches neither, so Tårnby cannot be kept."""
    draft = ENGINE.start("da")
    play(draft, ["en", True, "tenant", "private", "Vestergade 12", "2300", "185", BACK, BACK])
    play(draft, ["4000"])
    assert draft.state == "ask_municipality_choice"
    assert play(draft, [ENTER]).errors
    assert draft.state == "ask_municipality_choice"


def test_enter_keeps_no_topic_the_new_side_cannot_file() -> None:
    """A tenant's extra topic (rent level) must not stay on a case a landlord files."""
    draft = ENGINE.start("da")
    play(draft, [*TO_ATTACHMENTS[:7], ["rent_level"]])
    while draft.state != "ask_role":
        play(draft, [BACK])
    play(draft, ["landlord", "person", ENTER, ENTER, ENTER, ENTER])
    assert draft.state == "ask_more_topics"
    outcome = play(draft, [ENTER])
    assert outcome.errors or "rent_level" not in facts.extra_topics(draft)
