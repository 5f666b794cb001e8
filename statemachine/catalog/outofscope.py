"""What neither tribunal decides, and where the filer should go instead (domain.md §1.3)."""

from __future__ import annotations

from typing import Final

from statemachine.catalog.casetypes import case_type
from statemachine.catalog.ids import Housing
from statemachine.catalog.shapes import OutOfScope
from statemachine.errors import UnknownIdError
from statemachine.text import N_, t

OUT_OF_SCOPE_TOPICS: Final[tuple[OutOfScope, ...]] = (
    OutOfScope(
        "termination",
        N_("A notice to quit or the ending of a tenancy"),
        N_(
            "The tribunals cannot decide whether a tenancy was lawfully ended. Such disputes go "
            "to boligretten, the housing court. The deadlines to object to a notice to quit "
            "are short, so act quickly. A tenant organisation or a lawyer can advise you. Some "
            "disputes about ending the letting of a room are an exception."
        ),
    ),
    OutOfScope(
        "damages",
        N_("Compensation for damage or loss"),
        N_(
            "The tribunals cannot award damages or compensation. Such claims go to the courts. "
            "A lawyer or a tenant organisation can advise you."
        ),
    ),
    OutOfScope(
        "landlord_access",
        N_("The landlord's access to the home"),
        N_(
            "The tribunals cannot decide whether the landlord may enter the home. Such "
            "disputes go to boligretten, the housing court. A tenant organisation or a lawyer "
            "can advise you."
        ),
    ),
    OutOfScope(
        "money_claim",
        N_("Collecting a debt or getting an outlay repaid"),
        N_(
            "The tribunals cannot collect debts or make the other party repay money you spent. "
            "Money claims go to the courts, which you can reach at minretssag.dk. The tribunals "
            "cannot enforce their own decisions either."
        ),
    ),
    OutOfScope(
        "commercial_lease",
        N_("A shop, office or other commercial lease"),
        N_(
            "The tribunals only handle homes. A commercial lease, including a garage or a "
            "basement rented on a separate contract, goes to boligretten, the housing court. "
            "A lawyer can advise you."
        ),
    ),
    OutOfScope(
        "rent_reduction_for_defects",
        N_("A lower rent because of defects"),
        N_(
            "The tribunals cannot reduce the rent because of defects. They can, however, order "
            "the landlord to repair defects by a deadline, and some tribunals allow a reduction "
            "if the landlord then misses it. To ask for repairs, go back and choose Maintenance "
            "or repairs. Otherwise a rent reduction is for the courts, and a tenant "
            "organisation or a lawyer can advise you."
        ),
    ),
)
"""Every out-of-scope topic, in the order of ``ids.OUT_OF_SCOPE``."""

_BY_ID: Final[dict[str, OutOfScope]] = {o.id: o for o in OUT_OF_SCOPE_TOPICS}

_SOCIAL_ONLY: Final = N_(
    "This concerns social housing only, so the huslejenævn cannot decide it. If the home is "
    "social housing, go back and choose that kind of home."
)
# Specific explanations where a case type is handled by one tribunal but not the other.
_EXCLUDED: Final[dict[tuple[Housing, str], str]] = {
    ("social", "rent_level"): N_(
        "The beboerklagenævn cannot decide the size of the rent in social housing. There the "
        "rent follows the estate's budget, which is presented at the residents' meeting. Ask "
        "the housing organisation about it first. A dispute about the rent goes to "
        "boligretten, the housing court, and a tenant organisation can advise you."
    ),
    ("private", "sublet_swap_continuation"): N_(
        "The huslejenævn cannot decide whether a tenant in private housing may sublet, swap "
        "homes or continue a tenancy. Such disputes go to boligretten, the housing court. A "
        "tenant organisation or a lawyer can advise you."
    ),
    ("private", "resident_democracy"): _SOCIAL_ONLY,
    ("private", "allocation"): _SOCIAL_ONLY,
}
_GENERIC: Final[dict[Housing, str]] = {
    "private": N_(
        "The huslejenævn does not decide this kind of case. A tenant organisation or a lawyer "
        "can tell you where to go instead; often it is boligretten, the housing court."
    ),
    "social": N_(
        "The beboerklagenævn does not decide this kind of case for social housing. Ask the "
        "housing organisation first. A tenant organisation or a lawyer can tell you where to "
        "go instead; often it is boligretten, the housing court."
    ),
}


# Case types a tribunal cannot decide although its filers often ask it to, because the other
# tribunal decides them: offered beside the out-of-scope topics, so the filer learns where
# such a case goes. Each has its own explanation in _EXCLUDED.
_OFTEN_ASKED: Final[dict[Housing, tuple[str, ...]]] = {
    "private": ("sublet_swap_continuation",),
    "social": ("rent_level",),
}


def often_asked_elsewhere(housing: Housing) -> tuple[str, ...]:
    """The case types the tribunal for ``housing`` cannot decide but is often asked about.

    The other tribunal decides them, so they are worth offering with an explanation of where
    they go (see :func:`excluded_case_type`).
    """
    return _OFTEN_ASKED.get(housing, ())


def offered_out_of_scope() -> tuple[OutOfScope, ...]:
    """The out-of-scope topics a filer may pick from the list of topics, in canonical order.

    A commercial lease is left out: the question about the kind of home already explains it.
    """
    return tuple(o for o in OUT_OF_SCOPE_TOPICS if o.id != "commercial_lease")


def out_of_scope(topic_id: str) -> OutOfScope:
    """Look up an out-of-scope topic by id.

    Raises:
        UnknownIdError: if there is no such topic.
    """
    try:
        return _BY_ID[topic_id]
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no out-of-scope topic called {value}. Use one of: {valid}.",
                value=topic_id,
                valid=", ".join(_BY_ID),
            )
        ) from None


def excluded_case_type(case_type_id: str, housing: Housing) -> OutOfScope | None:
    """Explain politely why the tribunal for ``housing`` cannot take this case type.

    Args:
        case_type_id: the case type the filer picked.
        housing: the kind of home.

    Returns:
        ``None`` if that tribunal handles the case type. Otherwise an explanation of where to
        go instead: the ``commercial_lease`` topic for a commercial lease, else an
        :class:`OutOfScope` whose id and label are the case type's own.

    Raises:
        UnknownIdError: if the case type is unknown.
    """
    picked = case_type(case_type_id)
    if housing == "commercial":
        return out_of_scope("commercial_lease")
    if housing in picked.filers:
        return None
    explanation = _EXCLUDED.get((housing, picked.id), _GENERIC[housing])
    return OutOfScope(picked.id, picked.label, explanation)
