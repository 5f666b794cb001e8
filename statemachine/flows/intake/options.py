"""Option sources: the choices a question offers, computed from the answers so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from statemachine.catalog.casetypes import case_type, case_types_by_need
from statemachine.catalog.ids import OUT_OF_SCOPE, Housing, Side
from statemachine.catalog.municipalities import municipality
from statemachine.catalog.outofscope import (
    offered_out_of_scope,
    often_asked_elsewhere,
    out_of_scope,
)
from statemachine.engine.draft import Draft
from statemachine.engine.option import Option
from statemachine.flows.intake import facts
from statemachine.flows.intake.parties import PARTY_OPTIONS
from statemachine.text import N_, Text, t


def _t(msgid: str) -> Text:
    return t(msgid)


ROLE_LABELS: dict[str, str] = {
    "tenant": N_("Tenant, or former tenant"),
    "landlord": N_("Landlord or housing association"),
    "tenant_board": N_("Tenant board or tenants' spokesperson"),
    "representative": N_(
        "Representative: a lawyer, an organisation, or someone with a power of attorney"
    ),
}
"""Labels of the filer roles."""

SIDE_LABELS: dict[str, str] = {
    "tenant": N_("The tenant"),
    "landlord": N_("The landlord or housing association"),
    "tenant_board": N_("The tenant board"),
}
"""Labels of the sides a representative may act for."""

HOUSING_LABELS: dict[str, str] = {
    "private": N_("A private rental home"),
    "social": N_("Social housing, rented from a housing association (almen bolig)"),
    "commercial": N_("Business premises, not a home"),
    "unknown": N_("I don't know"),
}
"""Labels of the housing kinds."""

PARTY_KIND_LABELS: dict[str, str] = {
    "person": N_("A person"),
    "company": N_("A company or association"),
}
"""Labels of the kinds of party."""


def _languages(draft: Draft) -> list[Option]:
    # Each language is named in itself, so a filer finds theirs whatever is shown now.
    return [Option("da", "Dansk"), Option("en", "English")]


def _labelled(labels: dict[str, str], ids: list[str] | None = None) -> list[Option]:
    return [Option(k, _t(labels[k])) for k in (ids or list(labels))]


OTHER_TOPIC = "other"
"""The last option of the first list of topics ("Something else"), which opens the second."""

FIRST_TOPICS = 8
"""How many case types the first list offers, before "Something else"."""

MOST_EXTRA_TOPICS = 10
"""How many case types the question about more topics offers at most."""


@dataclass(frozen=True)
class Topics:
    """The topics offered to one kind of filer: a short first list, and the rest behind it."""

    first: tuple[str, ...]
    """The case types most filers of this tribunal and side need, most needed first."""
    more: tuple[str, ...]
    """The other case types this tribunal decides for this side."""
    elsewhere: tuple[str, ...]
    """Case types and out-of-scope topics this tribunal cannot decide; choosing one explains
    where such a case goes."""

    @property
    def second(self) -> tuple[str, ...]:
        """The ids of the second list, in the order shown."""
        return self.more + self.elsewhere


@cache
def topics(home: Housing, side: Side) -> Topics:
    """The topics offered to ``side`` in the tribunal for ``home``.

    Only what that tribunal decides and that side may bring is offered as a case; the things
    it cannot decide come last in the second list, so that the filer learns where they go.

    Args:
        home: the kind of home (private or social).
        side: the side filing; a representative passes the side they act for.
    """
    decided = [ct.id for ct in case_types_by_need(home, side)]
    asked = [
        ct_id
        for ct_id in often_asked_elsewhere(home)
        if any(side in sides for sides in case_type(ct_id).filers.values())
    ]
    return Topics(
        first=tuple(decided[:FIRST_TOPICS]),
        more=tuple(decided[FIRST_TOPICS:]),
        elsewhere=(*asked, *(topic.id for topic in offered_out_of_scope())),
    )


# A case type's label in the words of a side that sees it differently: a resident brings a
# house-rules case about a neighbour (only possible in social housing).
_SIDE_LABELS: dict[tuple[str, Side], str] = {
    ("house_rules", "tenant"): N_("A neighbour who breaks the house rules"),
}


def _topic_label(topic_id: str, side: Side) -> Text:
    if topic_id in OUT_OF_SCOPE:
        return _t(out_of_scope(topic_id).label)
    return _t(_SIDE_LABELS.get((topic_id, side), case_type(topic_id).label))


def _topics_of(draft: Draft) -> Topics:
    return topics(facts.housing(draft) or "private", facts.side(draft))


def case_type_choices(draft: Draft) -> list[str]:
    """Every topic id the question about the main topic accepts: both lists."""
    offered = _topics_of(draft)
    return [*offered.first, *offered.second]


def _case_types(draft: Draft) -> list[Option]:
    offered = _topics_of(draft)
    ids = list(offered.first)
    # A topic chosen earlier from the second list stays on the first, to be kept or reviewed.
    chosen = draft.answers.get("ask_case_type")
    if chosen in offered.second:
        ids.append(chosen)
    side = facts.side(draft)
    return [
        *(Option(i, _topic_label(i, side)) for i in ids),
        Option(OTHER_TOPIC, _t(N_("Something else"))),
    ]


def _other_topics(draft: Draft) -> list[Option]:
    side = facts.side(draft)
    return [Option(i, _topic_label(i, side)) for i in _topics_of(draft).second]


def _extra_topics(draft: Draft) -> list[Option]:
    return list(
        _extra_topic_options(
            facts.housing(draft) or "private", facts.side(draft), facts.main_case_type(draft)
        )
    )


@cache
def _extra_topic_options(home: Housing, side: Side, main: str | None) -> tuple[Option, ...]:
    # The most needed first, so a long list cut short keeps what most filers add.
    others = [ct.id for ct in case_types_by_need(home, side) if ct.id != main]
    return tuple(Option(i, _topic_label(i, side)) for i in others[:MOST_EXTRA_TOPICS])


def _municipality_matches(draft: Draft) -> list[Option]:
    found = draft.answers.get("ask_municipality") or {}
    return [Option(str(code), municipality(code).name) for code in found.get("matches", [])]


def _attachment_missing(draft: Draft) -> list[Option]:
    if facts.attachment_required(draft, draft.item):
        return [Option("missing", _t(N_("I don't have the document")))]
    return [Option("missing", _t(N_("Skip this one, I don't have the document")))]


OPTION_SOURCES: dict[str, Callable[[Draft], list[Option]]] = {
    "languages": _languages,
    "roles": lambda d: _labelled(ROLE_LABELS),
    "sides": lambda d: _labelled(SIDE_LABELS),
    "housing": lambda d: _labelled(HOUSING_LABELS),
    "housing_known": lambda d: _labelled(HOUSING_LABELS, ["private", "social", "commercial"]),
    "party_kinds": lambda d: _labelled(PARTY_KIND_LABELS),
    "case_types": _case_types,
    "other_topics": _other_topics,
    "extra_topics": _extra_topics,
    "municipality_matches": _municipality_matches,
    "attachment_missing": _attachment_missing,
    **PARTY_OPTIONS,
}
"""Every option source the intake flow may name, except the review's (``hooks.OPTIONS``)."""
