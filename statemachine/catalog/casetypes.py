"""The case types the tribunals handle (domain.md §2), who may file each, and what each needs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from statemachine.catalog.ids import Housing, Side
from statemachine.catalog.questions import question
from statemachine.catalog.shapes import CaseType, Question
from statemachine.errors import UnknownIdError
from statemachine.text import N_, t

_T: Final[frozenset[Side]] = frozenset({"tenant"})
_L: Final[frozenset[Side]] = frozenset({"landlord"})
_TL: Final[frozenset[Side]] = frozenset({"tenant", "landlord"})
_TB: Final[frozenset[Side]] = frozenset({"tenant", "tenant_board"})
_TLB: Final[frozenset[Side]] = frozenset({"tenant", "landlord", "tenant_board"})
# A tenants' board (beboerrepræsentation) exists only in private housing and may act for all
# tenants on increases, accounts, maintenance, improvements and shared charges (domain.md
# §1.2). In social housing it is "n/a", except that anyone with a legal interest may contest
# a tenant-democracy decision or an allocation, which an elected board plainly may have.

_OBJECTION: Final = ("ask_objected", "ask_objection_date")
_LANDLORD_MUST_FILE: Final = N_(
    "A landlord whose increase the tenant objected to in time must file the case, or the "
    "increase lapses."
)
_LEGAL_INTEREST: Final = N_("Anyone with a legal interest in the decision may file.")
_BACK_PAYMENT: Final = N_(
    "A landlord who wants to keep a claim for back-payment after a timely objection must file "
    "the case."
)


def _case(
    case_id: str,
    number: int,
    label: str,
    description: str,
    filers: Mapping[Housing, frozenset[Side]],
    *,
    questions: tuple[str, ...] = (),
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    rules: tuple[str, ...] = (),
    notes: Mapping[Housing, str] | None = None,
    kind: str = "complaint",
) -> CaseType:
    """A :class:`CaseType`, so that the table below can leave out its many empty fields."""
    return CaseType(
        id=case_id,
        number=number,
        label=label,
        description=description,
        filers=filers,
        questions=questions,
        required=required,
        optional=optional,
        rules=rules,
        notes=notes or {},
        kind=kind,
    )


# Row 20 of domain.md §2, "Udlejers ret til tagetagearealer" (the landlord's use of attic
# areas), has no canonical id in ids.CASE_TYPES, so it is left out on purpose.
# The table is laid out by hand, a few fields a line, so that it reads as a table.
# fmt: off
CASE_TYPES: Final[tuple[CaseType, ...]] = (
    _case(
        "rent_level", 1, N_("The rent is too high"),
        N_("The huslejenævn can decide whether the rent is higher than the law allows, lower "
           "it, and order a refund of rent paid in excess."),
        {"private": _T},
        questions=("ask_rent_first_payable", "ask_current_rent", "ask_area"),
        optional=("rent_regulation", "photos"),
        rules=("rent_level.refund_window",),
        notes={"private": N_(
            "The tribunal usually inspects the home. A refund of rent paid in excess needs "
            "the case to be filed within one year of the rent first being payable.")},
    ),
    _case(
        "rent_increase", 2, N_("A notified rent increase"),
        N_("The tribunal can decide whether a notified rent increase is valid. A tenant may "
           "contest it, and a landlord may ask to have it upheld."),
        {"private": _TLB, "social": _TL},
        questions=("ask_notice_received", *_OBJECTION, "ask_current_rent", "ask_new_rent"),
        required=("rent_notice",), optional=("objection_letter", "rent_calculation"),
        rules=("rent_increase.tenant_objection", "rent_increase.landlord_filing"),
        notes={"private": _LANDLORD_MUST_FILE, "social": N_(
            "In social housing, the beboerklagenævn only checks that the increase was "
            "notified by the formal rules. It cannot decide whether the amount is right.")},
    ),
    _case(
        "utility_accounts", 3, N_("A heating, water or electricity account"),
        N_("The tribunal can decide disputes about consumption accounts and about increases "
           "in payments on account for heating, water or electricity."),
        {"private": _TLB, "social": _TL},
        questions=("ask_account_received", *_OBJECTION),
        required=("consumption_account",), optional=("objection_letter",),
        rules=("utility_accounts.tenant_objection", "utility_accounts.landlord_filing"),
        notes={"private": _BACK_PAYMENT, "social": _BACK_PAYMENT},
    ),
    # The general 3-year limitation applies to maintenance too, but it runs from the claim's
    # own date, which no question asks for, so no rule is computed at intake.
    _case(
        "maintenance", 4, N_("Maintenance or repairs"),
        N_("The tribunal can decide who must maintain, clean or renew what in the home, and "
           "whether the work has been done properly."),
        {"private": _TLB, "social": _TL},
        required=("photos",),
    ),
    _case(
        "move_in_defects", 5, N_("Defects when moving in"),
        N_("The tribunal can decide disputes about defects in the home when the tenancy "
           "started."),
        {"private": _T, "social": _T},
        questions=("ask_move_in",),
        required=("defect_list",), optional=("move_in_report", "photos"),
        rules=("move_in_defects.defect_list",),
    ),
    _case(
        "move_out", 6, N_("Moving out: repairs, the final settlement or the deposit refund"),
        N_("The tribunal can decide disputes about repairs at move-out, the final settlement "
           "and the refund of the deposit."),
        {"private": _TL, "social": _TL},
        questions=(
            "ask_moved_out",
            "ask_landlord_several",
            "ask_move_out_known",
            "ask_inspection_held",
            "ask_inspection_date",
            "ask_deposit",
        ),
        required=("move_out_report",),
        optional=("move_in_report", "move_out_inspection_notice", "final_settlement", "photos"),
        rules=(
            "move_out.inspection",
            "move_out.report",
            "move_out.landlord_claim",
            "general.limitation",
        ),
    ),
    _case(
        "deposit_prepaid_rent", 7, N_("The size of the deposit or prepaid rent"),
        N_("The huslejenævn can decide whether the deposit or prepaid rent asked for is more "
           "than the law allows."),
        {"private": _T},
        questions=("ask_current_rent", "ask_deposit"),
        required=("payment_proof",),
    ),
    # The improvement deadlines (D9-D11) depend on whether there is a tenants' board and
    # have no canonical rule id yet, so none is computed at intake.
    _case(
        "improvements", 8, N_("Improvements and the rent increase they bring"),
        N_("The huslejenævn can decide whether improvements justify a rent increase, and how "
           "large it may be."),
        {"private": _TLB},
        questions=("ask_notice_received", *_OBJECTION, "ask_current_rent", "ask_new_rent",
                   "ask_units"),
        required=("rent_notice", "improvement_documents"),
        optional=("objection_letter", "rent_calculation"),
        notes={"private": _LANDLORD_MUST_FILE},
    ),
    _case(
        "advance_rent_approval", 9,
        N_("Approval of the rent before letting out an owner-occupied home"),
        N_("An owner can ask the huslejenævn to approve the rent in advance, before the home "
           "is let out."),
        {"private": _L}, kind="approval",
        questions=("ask_new_rent", "ask_area"),
        required=("unit_description",), optional=("photos",),
        notes={"private": N_(
            "This is only for the owner of an owner-occupied flat or house, or a member of a "
            "housing co-operative, who lets out no other homes. A special fee applies.")},
    ),
    _case(
        "pre_improvement_inspection", 10, N_("Inspection before a major improvement"),
        N_("A landlord can ask the huslejenævn to inspect the homes and decide before a "
           "thorough improvement starts."),
        {"private": _L}, kind="approval",
        questions=("ask_units",),
        required=("improvement_plans",),
        notes={"private": N_(
            "Apply before the works start. A special fee is charged for each tenancy.")},
    ),
    _case(
        "swap_improvement_approval", 11,
        N_("Approval of the rent when improving a home during a swap"),
        N_("When a tenant announces a home swap, the landlord can ask the huslejenævn to "
           "approve the rent after planned improvements."),
        {"private": _L}, kind="approval",
        questions=("ask_swap_notified", "ask_new_rent"),
        required=("swap_application",), optional=("improvement_plans",),
        rules=("swap_improvement.landlord_application",),
        notes={"private": N_(
            "The landlord must apply within one month of being told about the swap. After "
            "the approval, the tenant has 14 days to say whether the swap goes ahead.")},
    ),
    _case(
        "house_rules", 12, N_("House rules or good order"),
        N_("The tribunal can decide whether a resident has broken the house rules or good "
           "order, and can give a warning or make the tenancy conditional."),
        {"private": _L, "social": _TL},
        questions=("ask_warning_given", "ask_complained_to_org", "ask_complaint_to_org"),
        required=("breach_evidence",), optional=("warning_letter",),
        notes={
            "private": N_("In private housing, only the landlord can bring a house-rules case."),
            "social": N_(
                "The housing organisation normally files, after warning the resident in "
                "writing, unless there was violence or threats. A resident may complain about "
                "another resident only if the housing organisation refused the complaint or "
                "did not pass it on within 4 weeks."),
        },
    ),
    _case(
        "antenna_internet", 13, N_("Charges for a shared antenna, TV or internet"),
        N_("The tribunal can decide disputes about what is charged for a shared antenna, TV "
           "or internet."),
        {"private": _TB, "social": _T},
        required=("charges",),
    ),
    _case(
        "alterations", 14, N_("Changing or installing things in the home"),
        N_("The tribunal can decide disputes about the tenant's right to alter or install "
           "things in the home, including aids for a disability."),
        {"private": _T, "social": _T},
        required=("plans",),
    ),
    _case(
        "sublet_swap_continuation", 15, N_("Subletting, swapping or continuing a tenancy"),
        N_("The beboerklagenævn can decide whether a tenant in social housing may sublet, "
           "swap homes or continue a tenancy."),
        {"social": _T},
        required=("request_and_refusal",),
    ),
    _case(
        "resident_democracy", 16, N_("A decision by a residents' meeting or board"),
        N_("The beboerklagenævn can decide whether a decision of a tenant-democracy body in "
           "social housing is lawful."),
        {"social": _TLB},
        required=("minutes",),
        notes={"social": _LEGAL_INTEREST},
    ),
    _case(
        "allocation", 17, N_("Allocation of a home or the waiting list"),
        N_("The beboerklagenævn can decide disputes about the allocation of social family "
           "homes and about waiting lists."),
        {"social": _TLB},
        required=("refusal",),
        notes={"social": _LEGAL_INTEREST},
    ),
    _case(
        "maintenance_accounts", 18, N_("The accounts of a maintenance fund"),
        N_("The huslejenævn can decide disputes about the accounts of the fund the landlord "
           "keeps for maintaining the home."),
        {"private": _T},
        required=("maintenance_accounts",),
    ),
    _case(
        "room_lets", 19, N_("Renting a room: unfair terms or some terminations"),
        N_("The huslejenævn can decide disputes about unfair terms in the letting of a room, "
           "and some disputes about ending it."),
        {"private": _T},
    ),
)
# fmt: on
"""Every case type, in the order of domain.md §2."""

_BY_ID: Final[Mapping[str, CaseType]] = {c.id: c for c in CASE_TYPES}


def case_type(case_type_id: str) -> CaseType:
    """Look up a case type by its canonical id.

    Args:
        case_type_id: the id, e.g. ``rent_increase``.

    Returns:
        The case type.

    Raises:
        UnknownIdError: if there is no such case type.
    """
    try:
        return _BY_ID[case_type_id]
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no case type called {value}. Use one of: {valid}.",
                value=case_type_id,
                valid=", ".join(_BY_ID),
            )
        ) from None


def case_types_for(housing: Housing, side: Side) -> list[CaseType]:
    """The case types the tribunal for ``housing`` handles and ``side`` may file, in order.

    Args:
        housing: the kind of home; commercial leases have no tribunal and get none.
        side: the side filing (a representative passes the side they act for).

    Returns:
        The matching case types, in catalog order.
    """
    return [c for c in CASE_TYPES if side in c.filers.get(housing, frozenset())]


# The order in which filers of each tribunal most often need the case types (domain.md §2's
# "typical filer" and the tribunals' own lists): the first few of a filer's are offered first.
# Every case type the tribunal decides is listed once.
_BY_NEED: Final[Mapping[Housing, tuple[str, ...]]] = {
    "private": (
        "rent_increase",
        "rent_level",
        "utility_accounts",
        "maintenance",
        "move_out",
        "move_in_defects",
        "deposit_prepaid_rent",
        "house_rules",
        "improvements",
        "advance_rent_approval",
        "pre_improvement_inspection",
        "swap_improvement_approval",
        "antenna_internet",
        "alterations",
        "maintenance_accounts",
        "room_lets",
    ),
    "social": (
        "maintenance",
        "move_out",
        "utility_accounts",
        "rent_increase",
        "house_rules",
        "move_in_defects",
        "sublet_swap_continuation",
        "alterations",
        "resident_democracy",
        "allocation",
        "antenna_internet",
    ),
}


def case_types_by_need(housing: Housing, side: Side) -> list[CaseType]:
    """The case types ``side`` may file with the tribunal for ``housing``, most needed first.

    The same case types as :func:`case_types_for`, in the order filers most often need them,
    so that a list cut short still holds what most filers look for.

    Args:
        housing: the kind of home; commercial leases have no tribunal and get none.
        side: the side filing (a representative passes the side they act for).

    Returns:
        The matching case types.
    """
    allowed = {c.id for c in case_types_for(housing, side)}
    return [case_type(i) for i in _BY_NEED.get(housing, ()) if i in allowed]


def questions_for(case_type_id: str, housing: Housing, side: Side) -> list[Question]:
    """The questions a case type asks of this filer, in the order the dialogue asks them.

    Questions meant only for some sides or housing kinds (``Question.asked_for``) are left
    out for everyone else. ``ask_if`` is left to the dialogue, which knows the answers.

    Raises:
        UnknownIdError: if the case type is unknown.
    """
    picked = [question(state) for state in case_type(case_type_id).questions]
    return [
        q for q in picked if q.asked_for is None or side in q.asked_for.get(housing, frozenset())
    ]
