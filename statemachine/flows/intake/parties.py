"""The people in a case, named as the filer would name them: the other party, the filer's side.

Every prompt and help text that names the other party takes the name from here (the
``other_party`` parameter), so a tenant hears "the landlord", a social-housing tenant "the
housing organisation", and a resident complaining about a neighbour "the neighbour you
complain about", never "the other party, the landlord".
"""

from __future__ import annotations

from typing import Final, Literal

from statemachine.engine.draft import Draft
from statemachine.engine.option import Option
from statemachine.flows.intake import facts
from statemachine.text import N_, Param, t

Counterparty = Literal["landlord", "housing_organisation", "neighbour", "tenant", "board"]
"""Who the other party is: a private landlord, a housing organisation (almen bolig), the
resident a neighbour complaint is about, the tenant (for a landlord), or the department's
board or the housing organisation (resident democracy)."""

OTHER_PARTY: Final[dict[Counterparty, str]] = {
    "landlord": N_("the landlord"),
    "housing_organisation": N_("the housing organisation"),
    "neighbour": N_("the neighbour you complain about"),
    "tenant": N_("the tenant"),
    "board": N_("the housing organisation or the department's board"),
}
"""How the other party is named in a sentence, by who they are."""

IMPLIED_KIND: Final[dict[Counterparty, str]] = {
    "housing_organisation": "company",
    "neighbour": "person",
    "tenant": "person",
    "board": "company",
}
"""Whether the other party is a ``person`` or a ``company`` where that follows from who they
are, so the filer is not asked; only a private landlord may be either."""

CLIENT: Final[dict[str, str]] = {
    "tenant": N_("the tenant you represent"),
    "landlord": N_("the landlord you represent"),
    "tenant_board": N_("the tenant board you represent"),
}
"""How a representative's client is named, by the side they act for."""

LANDLORD_KIND_LABELS: Final[dict[str, str]] = {
    "person": N_("A private person"),
    "organisation": N_("A company or organisation, for example a housing organisation"),
}
"""Labels of the ways a landlord files (``ask_landlord_kind``)."""

REPRESENTATIVE_KIND_LABELS: Final[dict[str, str]] = {
    "lawyer": N_("A lawyer or law firm"),
    "organisation": N_("An organisation, for example a tenant organisation or an administrator"),
    "person": N_("A private person with a power of attorney"),
}
"""Labels of the kinds of representative (``ask_representative_kind``)."""


def counterparty(draft: Draft) -> Counterparty:
    """Who the other party is, from the filer's side, the housing and the case type.

    A landlord's other party is the tenant. On the tenant side, a private landlord; in
    social housing the housing organisation, except in a neighbour complaint (house rules),
    where it is the resident complained about, and in a case about resident democracy, where
    it is the department's board or the housing organisation.
    """
    if facts.side(draft) == "landlord":
        return "tenant"
    if facts.housing(draft) != "social":
        return "landlord"
    main = facts.main_case_type(draft)
    if main == "house_rules":
        return "neighbour"
    if main == "resident_democracy":
        return "board"
    return "housing_organisation"


def asks_counterparty_kind(draft: Draft) -> bool:
    """Whether to ask if the other party is a person or a company: only of a private landlord."""
    return counterparty(draft) not in IMPLIED_KIND


def counterparty_kind(draft: Draft) -> str:
    """``person`` or ``company``: the answer where it was asked, else what follows."""
    party = counterparty(draft)
    if party in IMPLIED_KIND:
        return IMPLIED_KIND[party]
    kind = draft.answers.get("ask_counterparty_kind")
    return kind if kind in ("person", "company") else "person"


def other_party_params(draft: Draft, item: str | None) -> dict[str, Param]:
    """The ``other_party`` prompt parameter: the other party as named in a sentence."""
    return {"other_party": t(OTHER_PARTY[counterparty(draft)])}


def client_params(draft: Draft, item: str | None) -> dict[str, Param]:
    """The ``client`` prompt parameter: whom a representative acts for."""
    return {"client": t(CLIENT[facts.side(draft)])}


def filer_params(draft: Draft, item: str | None) -> dict[str, Param]:
    """The ``with_filer`` parameter: "with you", or "with your client" for a representative."""
    if facts.represented(draft):
        return {"with_filer": t(N_("with your client"))}
    return {"with_filer": t(N_("with you"))}


def home_params(draft: Draft, item: str | None) -> dict[str, Param]:
    """The ``address`` parameter: the address of the home, as the filer wrote it."""
    return {"address": str(draft.answers.get("ask_address") or "")}


def _labelled(labels: dict[str, str]) -> list[Option]:
    return [Option(k, t(v)) for k, v in labels.items()]


PARTY_OPTIONS: Final = {
    "landlord_kinds": lambda d: _labelled(LANDLORD_KIND_LABELS),
    "representative_kinds": lambda d: _labelled(REPRESENTATIVE_KIND_LABELS),
}
"""The option sources of the questions about the filer's own kind."""
