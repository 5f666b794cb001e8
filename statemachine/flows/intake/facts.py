"""What a draft's answers add up to: the filer's side, the housing, the case type, the dates.

These are derived from the answers each time they are needed, never stored twice, so an
answer changed from the review changes everything that follows from it.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, Literal

from statemachine.catalog.attachments import attachments_for
from statemachine.catalog.casetypes import questions_for
from statemachine.catalog.ids import CASE_TYPES, Housing, Side
from statemachine.catalog.questions import QUESTIONS
from statemachine.catalog.shapes import Attachment, Question
from statemachine.engine.draft import Draft

NEUTRAL_SIDE: Side = "tenant"
"""The side assumed before the filer has said which (for labels only)."""


def side(draft: Draft) -> Side:
    """The side the filer is on; a representative's is the side they act for."""
    role = draft.answers.get("ask_role")
    if role == "representative":
        represented = draft.answers.get("ask_represents")
        return (
            represented if represented in ("tenant", "landlord", "tenant_board") else NEUTRAL_SIDE
        )
    return role if role in ("tenant", "landlord", "tenant_board") else NEUTRAL_SIDE


def represented(draft: Draft) -> bool:
    """Whether a representative files for someone else."""
    return draft.answers.get("ask_role") == "representative"


def files_as_organisation(draft: Draft) -> bool:
    """Whether the filer files for a company or organisation (a landlord company or housing
    organisation, a law firm, a tenant organisation), which gives its name, CVR number and a
    contact person instead of a person's name."""
    role = draft.answers.get("ask_role")
    if role == "landlord":
        return draft.answers.get("ask_landlord_kind") == "organisation"
    if role == "representative":
        return draft.answers.get("ask_representative_kind") in ("lawyer", "organisation")
    return False


def asks_if_still_at_home(draft: Draft) -> bool:
    """Whether the filer is asked if they still live at the home: a tenant, who may have
    moved out. Everyone else gives their postal address straight away."""
    return draft.answers.get("ask_role") == "tenant"


def asks_co_tenants(draft: Draft) -> bool:
    """Whether to ask for others on the lease: a tenant, or a representative of one. A tenant
    board acts for all the tenants already."""
    return side(draft) == "tenant" and draft.answers.get("ask_role") in ("tenant", "representative")


def asks_co_owners(draft: Draft) -> bool:
    """Whether to ask for others who own or let the home: a landlord who is a private person,
    or a representative of a landlord. A company or organisation is one party on its own."""
    role = draft.answers.get("ask_role")
    if role == "landlord":
        return not files_as_organisation(draft)
    return role == "representative" and side(draft) == "landlord"


def co_tenants_named(draft: Draft) -> bool:
    """Whether the filer said others are on the lease, who must then give a power of attorney
    (domain.md §1.2: a fuldmagt from all the tenants on the lease)."""
    return asks_co_tenants(draft) and draft.answers.get("ask_has_co_parties") is True


def housing(draft: Draft) -> Housing | None:
    """The housing kind, taking the answer after "I don't know" into account."""
    value = draft.answers.get("ask_housing")
    if value == "unknown":
        value = draft.answers.get("ask_housing_help")
    return value if value in ("private", "social", "commercial") else None


def municipality_code(draft: Draft) -> int | None:
    """The kommunekode of the tenancy, once the filer has given it."""
    found: dict[str, Any] | None = draft.answers.get("ask_municipality")
    if not found:
        return None
    matches: list[int] = found.get("matches", [])
    if len(matches) == 1:
        return matches[0]
    chosen = draft.answers.get("ask_municipality_choice")
    return int(chosen) if chosen is not None else None


def landlord_units(draft: Draft) -> Literal["one", "several"] | None:
    """Whether the landlord lets one home or several, once the filer has said (LL § 187)."""
    value = draft.answers.get("ask_landlord_several")
    if value is True:
        return "several"
    if value is False:
        return "one"
    return None


def main_case_type(draft: Draft) -> str | None:
    """The main case type id, or None while unknown or out of scope."""
    value = draft.answers.get("ask_case_type")
    return value if value in CASE_TYPES else None


def extra_topics(draft: Draft) -> list[str]:
    """The additional case types the filer added, without the main one."""
    main = main_case_type(draft)
    extra = draft.answers.get("ask_more_topics") or []
    return [c for c in extra if c in CASE_TYPES and c != main]


def needed_questions(draft: Draft) -> list[Question]:
    """The case-specific questions to ask, in the catalog's order, given the answers so far.

    Which sides and housing kinds a question is for is the catalog's rule
    (``casetypes.questions_for``); only the follow-up condition (``ask_if``) needs answers.
    """
    main = main_case_type(draft)
    home = housing(draft)
    if main is None or home is None:
        return []
    wanted: set[str] = set()
    for ct in [main, *extra_topics(draft)]:
        wanted.update(q.state for q in questions_for(ct, home, side(draft)))
    return [
        q
        for q in QUESTIONS
        if q.state in wanted and (q.ask_if is None or draft.answers.get(q.ask_if) is True)
    ]


def next_question(draft: Draft, after: str) -> str:
    """The state that follows ``after`` in the question chain, or ``show_deadlines``."""
    needed = [q.state for q in needed_questions(draft)]
    order = [q.state for q in QUESTIONS]
    position = order.index(after) if after in order else -1
    for state in needed:
        if order.index(state) > position:
            return state
    return "show_deadlines"


def events(draft: Draft) -> dict[str, date]:
    """The deadline events the filer has dated, from the questions still on the path."""
    found: dict[str, date] = {}
    for q in needed_questions(draft):
        value = draft.answers.get(q.state)
        if q.event is not None and isinstance(value, str):
            found[q.event] = date.fromisoformat(value)
    return found


def attachment_items(draft: Draft) -> tuple[tuple[Attachment, bool], ...]:
    """The documents to ask for, each with whether it is required."""
    main = main_case_type(draft)
    if main is None:
        return ()
    return _attachments(
        main, tuple(extra_topics(draft)), represented(draft), co_tenants_named(draft)
    )


@cache
def _attachments(
    main: str, extra: tuple[str, ...], is_represented: bool, co_tenants: bool
) -> tuple[tuple[Attachment, bool], ...]:
    # Pure catalog data, asked for several times a turn (options, prompt, guards).
    return tuple(attachments_for(main, extra, represented=is_represented, co_tenants=co_tenants))


def attachment_required(draft: Draft, item: str | None) -> bool:
    """Whether the document ``item`` is required for this case."""
    return any(a.id == item and req for a, req in attachment_items(draft))


def is_question(state: str) -> bool:
    """Whether ``state`` asks one of the catalog's case-specific questions."""
    return state in _QUESTION_STATES


_QUESTION_STATES = frozenset(q.state for q in QUESTIONS)
