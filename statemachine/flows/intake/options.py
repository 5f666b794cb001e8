"""Option sources: the choices a question offers, computed from the answers so far."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from statemachine.catalog.casetypes import case_type, case_types_for
from statemachine.catalog.ids import CASE_TYPES, Housing, Side
from statemachine.catalog.municipalities import municipality
from statemachine.catalog.outofscope import OUT_OF_SCOPE_TOPICS, excluded_case_type
from statemachine.engine.draft import Draft
from statemachine.engine.option import Option
from statemachine.flows.intake import facts
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


def _case_types(draft: Draft) -> list[Option]:
    return list(_case_type_options(facts.housing(draft) or "private", facts.side(draft)))


@cache
def _case_type_options(home: Housing, side: Side) -> tuple[Option, ...]:
    # The list depends only on the tribunal and the side, and is shown on every such turn.
    offered = case_types_for(home, side)
    options = [Option(ct.id, _t(ct.label)) for ct in offered]
    offered_ids = {ct.id for ct in offered}
    for ct_id in CASE_TYPES:
        if ct_id not in offered_ids and excluded_case_type(ct_id, home) is not None:
            options.append(Option(ct_id, _t(case_type(ct_id).label)))
    options.extend(Option(topic.id, _t(topic.label)) for topic in OUT_OF_SCOPE_TOPICS)
    return tuple(options)


def _extra_topics(draft: Draft) -> list[Option]:
    return list(
        _extra_topic_options(
            facts.housing(draft) or "private", facts.side(draft), facts.main_case_type(draft)
        )
    )


@cache
def _extra_topic_options(home: Housing, side: Side, main: str | None) -> tuple[Option, ...]:
    return tuple(Option(ct.id, _t(ct.label)) for ct in case_types_for(home, side) if ct.id != main)


def _municipality_matches(draft: Draft) -> list[Option]:
    found = draft.answers.get("ask_municipality") or {}
    return [Option(str(code), municipality(code).name) for code in found.get("matches", [])]


def _attachment_missing(draft: Draft) -> list[Option]:
    if facts.attachment_required(draft, draft.item):
        return [Option("missing", _t(N_("I don't have it")))]
    return [Option("missing", _t(N_("Skip this one, I don't have it")))]


OPTION_SOURCES: dict[str, Callable[[Draft], list[Option]]] = {
    "languages": _languages,
    "roles": lambda d: _labelled(ROLE_LABELS),
    "sides": lambda d: _labelled(SIDE_LABELS),
    "housing": lambda d: _labelled(HOUSING_LABELS),
    "housing_known": lambda d: _labelled(HOUSING_LABELS, ["private", "social", "commercial"]),
    "party_kinds": lambda d: _labelled(PARTY_KIND_LABELS),
    "case_types": _case_types,
    "extra_topics": _extra_topics,
    "municipality_matches": _municipality_matches,
    "attachment_missing": _attachment_missing,
}
"""Every option source the intake flow may name, except the review's (``hooks.OPTIONS``)."""
