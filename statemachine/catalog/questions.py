"""The questions a case type may need, in the one order the dialogue asks them."""

from __future__ import annotations

from typing import Final

from statemachine.catalog.ids import SIDES
from statemachine.catalog.shapes import Question
from statemachine.errors import UnknownIdError
from statemachine.text import N_, t

# Prompts name "the tenant" or "the landlord", as a representative is asked; ``you`` words a
# question for the very person it is about ("Did you send …?"). Each prompt must make sense
# when a screen reader reads it alone.
QUESTIONS: Final[tuple[Question, ...]] = (
    Question(
        state="ask_notice_received",
        label=N_("Notice received"),
        kind="date",
        event="notice_received",
        past=True,
        prompt=N_("On what date was the written notice of the rent increase received?"),
        help=N_(
            "This is the day the letter or email reached the tenant, which is not always the "
            "date printed on it. For a letter, it is usually the day it came in the letterbox. "
            "The 6 weeks to object run from this date."
        ),
        you=(
            (
                "tenant",
                N_("On what date did you receive the written notice of the rent increase?"),
                N_(
                    "This is the day the letter or email reached you, which is not always the "
                    "date printed on it. For a letter, it is usually the day it came in the "
                    "letterbox. The 6 weeks to object run from this date."
                ),
            ),
        ),
    ),
    Question(
        state="ask_account_received",
        label=N_("Account received"),
        kind="date",
        event="account_received",
        past=True,
        prompt=N_("On what date was the heating, water or electricity account received?"),
        help=N_(
            "This is the day the consumption account reached the tenant, which is not always "
            "the date printed on it. If it came by Digital Post, use the day it arrived there. "
            "The 6 weeks to object run from this date."
        ),
        you=(
            (
                "tenant",
                N_("On what date did you receive the heating, water or electricity account?"),
                N_(
                    "This is the day the consumption account reached you, which is not always "
                    "the date printed on it. If it came by Digital Post, use the day it arrived "
                    "there. The 6 weeks to object run from this date."
                ),
            ),
        ),
    ),
    Question(
        state="ask_objected",
        label=N_("Objection sent"),
        kind="confirm",
        prompt=N_("Did the tenant, or the tenants' board, send the landlord a written objection?"),
        help=N_(
            "An objection is a letter or email to the landlord saying that the tenant does not "
            "accept the increase or the account, and why. A phone call does not count."
        ),
        you=(
            (
                "tenant",
                N_("Did you send the landlord a written objection?"),
                N_(
                    "An objection is a letter or email to the landlord saying that you do not "
                    "accept the increase or the account, and why. A phone call does not count."
                ),
            ),
            (
                "tenant_board",
                N_(
                    "Did the tenants' board, or the tenants, send the landlord a written objection?"
                ),
                None,
            ),
            (
                "landlord",
                N_("Did the tenant, or the tenants' board, send you a written objection?"),
                N_(
                    "An objection is a letter or email to you saying that the tenant does not "
                    "accept the increase or the account, and why. A phone call does not count."
                ),
            ),
        ),
    ),
    Question(
        state="ask_objection_date",
        label=N_("Objection sent on"),
        kind="date",
        event="objection_sent",
        past=True,
        ask_if="ask_objected",
        prompt=N_("On what date was the written objection sent to the landlord?"),
        help=N_(
            "Use the date on which the letter was posted or the email was sent. If you are not "
            "sure, give your best estimate and say so when you describe the case."
        ),
        you=(
            (
                "tenant",
                N_("On what date did you send the written objection to the landlord?"),
                None,
            ),
            ("landlord", N_("On what date was the written objection sent to you?"), None),
        ),
    ),
    Question(
        state="ask_rent_first_payable",
        label=N_("Current rent payable from"),
        kind="date",
        event="rent_first_payable",
        past=True,
        prompt=N_("On what date was the current rent first payable?"),
        help=N_(
            "For a new tenancy, this is the due date of the first rent. After an increase, it "
            "is the date the new rent took effect. You find it in the lease or in the notice "
            "of the increase. The one year for a refund runs from this date."
        ),
    ),
    Question(
        state="ask_move_in",
        label=N_("Tenancy started"),
        kind="date",
        event="move_in",
        past=True,
        prompt=N_("On what date did the tenancy start?"),
        help=N_(
            "Use the start date in the lease, which is usually when the keys were handed over. "
            "The 14 days for the list of defects run from this date."
        ),
    ),
    Question(
        state="ask_moved_out",
        label=N_("Moved out"),
        kind="date",
        event="moved_out",
        past=True,
        prompt=N_("On what date did the tenant move out and hand back the keys?"),
        help=N_(
            "Use the day the keys were handed back, which may differ from the day the lease "
            "ended. For a landlord who lets only one home, the 2 weeks to claim repairs run "
            "from this day. If the lease ended on another day, say so when you describe the "
            "case."
        ),
        you=(("tenant", N_("On what date did you move out and hand back the keys?"), None),),
    ),
    # The move-out facts of LL § 187 apply to private rentals; almenlejeloven has its own.
    Question(
        state="ask_landlord_several",
        label=N_("Landlord lets several homes"),
        kind="confirm",
        asked_for={"private": frozenset(SIDES)},
        prompt=N_("Does the landlord let out more than one home?"),
        help=N_(
            "A landlord who lets more than one home must hold a move-out inspection "
            "(flyttesyn) and follow its deadlines. A private person who lets only their own "
            "flat usually lets one home. If you do not know, answer no."
        ),
        you=(
            (
                "landlord",
                N_("Do you let out more than one home?"),
                N_(
                    "A landlord who lets more than one home must hold a move-out inspection "
                    "(flyttesyn) and follow its deadlines. If you let only your own flat, you "
                    "let one home."
                ),
            ),
        ),
    ),
    Question(
        state="ask_move_out_known",
        label=N_("Landlord told of move-out"),
        kind="date",
        event="move_out_known",
        past=True,
        ask_if="ask_landlord_several",
        asked_for={"private": frozenset(SIDES)},
        prompt=N_("On what date did the landlord learn that the tenancy would end?"),
        help=N_(
            "Usually the day the landlord received the notice to quit, or the day an "
            "agreement to end the tenancy was made. The landlord must hold the move-out "
            "inspection within 2 weeks of this day."
        ),
        you=(
            (
                "landlord",
                N_("On what date did you learn that the tenancy would end?"),
                N_(
                    "Usually the day you received the notice to quit, or the day an agreement "
                    "to end the tenancy was made. If you let more than one home, you must hold "
                    "the move-out inspection within 2 weeks of this day."
                ),
            ),
        ),
    ),
    Question(
        state="ask_inspection_held",
        label=N_("Move-out inspection held"),
        kind="confirm",
        ask_if="ask_landlord_several",
        asked_for={"private": frozenset(SIDES)},
        prompt=N_("Was a move-out inspection (flyttesyn) of the home held?"),
        help=N_(
            "At a move-out inspection the landlord goes through the home, usually with the "
            "tenant, and writes a move-out report."
        ),
    ),
    Question(
        state="ask_inspection_date",
        label=N_("Move-out inspection"),
        kind="date",
        event="inspection_held",
        past=True,
        ask_if="ask_inspection_held",
        asked_for={"private": frozenset(SIDES)},
        prompt=N_("On what date was the move-out inspection held?"),
        help=N_(
            "The date of the inspection, as written in the move-out report or in the "
            "invitation to it. The landlord's 2 weeks to claim repairs run from this day."
        ),
    ),
    Question(
        state="ask_swap_notified",
        label=N_("Landlord told of swap"),
        kind="date",
        event="swap_notified",
        past=True,
        prompt=N_("On what date was the landlord told about the home swap?"),
        help=N_(
            "This is the day the landlord received the tenant's notice of the planned swap "
            "(boligbytte). The landlord's one month to apply runs from this date."
        ),
        you=(("landlord", N_("On what date were you told about the home swap?"), None),),
    ),
    Question(
        state="ask_current_rent",
        label=N_("Rent today"),
        kind="money",
        prompt=N_("What is the monthly rent today, in kroner?"),
        help=N_(
            "Give the rent alone, without payments on account for heating, water or "
            "electricity. You find it in the lease or in the latest notice of a rent change."
        ),
    ),
    Question(
        state="ask_new_rent",
        label=N_("New rent"),
        kind="money",
        prompt=N_("What is the new or proposed monthly rent, in kroner?"),
        help=N_(
            "For a rent increase, give the monthly rent after the increase, as stated in the "
            "notice. For an approval, give the rent the landlord proposes. Leave out payments "
            "on account for heating, water or electricity."
        ),
    ),
    Question(
        state="ask_deposit",
        label=N_("Deposit and prepaid rent"),
        kind="money",
        prompt=N_("How much was paid as deposit and prepaid rent, in kroner?"),
        help=N_(
            "Add the deposit (depositum) and any prepaid rent (forudbetalt leje) together. You "
            "find the amounts in the lease or on the payment receipt."
        ),
    ),
    Question(
        state="ask_area",
        label=N_("Floor area"),
        kind="number",
        unit=N_("m²"),
        prompt=N_("What is the floor area of the home, in square metres?"),
        help=N_(
            "Give the gross floor area stated in the lease or in the building register (BBR). "
            "A careful estimate is fine if you do not know it exactly."
        ),
    ),
    Question(
        state="ask_units",
        label=N_("Tenancies in the case"),
        kind="number",
        prompt=N_("How many tenancies does the case cover?"),
        help=N_(
            "Count the homes that the works or the application concern. For an inspection "
            "before improvements, the fee is charged per tenancy."
        ),
    ),
    Question(
        state="ask_warning_given",
        label=N_("Written warning given"),
        kind="confirm",
        asked_for={"private": frozenset({"landlord"}), "social": frozenset({"landlord"})},
        prompt=N_("Was the resident warned in writing before the case was filed?"),
        help=N_(
            "A written reminder or warning to the resident about the behaviour. In social "
            "housing one is required, except in cases of violence or threats. Attach a copy "
            "if there is one."
        ),
        you=(("landlord", N_("Have you warned the resident in writing?"), None),),
    ),
    # The beboerklagenævn neighbour rule (domain.md §1.2): a resident may bring a neighbour
    # only once the housing organisation has refused the complaint or left it for 4 weeks.
    Question(
        state="ask_complained_to_org",
        label=N_("Complained to housing organisation"),
        kind="confirm",
        asked_for={"social": frozenset({"tenant"})},
        prompt=N_(
            "Have you first complained about your neighbour to the housing organisation "
            "(boligorganisationen)?"
        ),
        help=N_(
            "In social housing, a complaint about a neighbour goes to the housing "
            "organisation first, in writing. The beboerklagenævn takes the case only if the "
            "housing organisation refuses it or does nothing within 4 weeks."
        ),
    ),
    Question(
        state="ask_complaint_to_org",
        label=N_("Housing organisation refused"),
        kind="confirm",
        ask_if="ask_complained_to_org",
        asked_for={"social": frozenset({"tenant"})},
        prompt=N_(
            "Has the housing organisation refused your complaint about your neighbour, or "
            "done nothing about it for 4 weeks?"
        ),
        help=N_(
            "Answer yes if the housing organisation has said no to your complaint, or if 4 "
            "weeks have passed since it received the complaint without it acting on it. "
            "Then you can take the case to the beboerklagenævn yourself."
        ),
    ),
)
"""Every case-type question, in the global order the dialogue asks them."""

_BY_STATE: Final[dict[str, Question]] = {q.state: q for q in QUESTIONS}


def question(state: str) -> Question:
    """Look up a question by the dialogue state that asks it.

    Args:
        state: the state id, e.g. ``ask_notice_received``.

    Returns:
        The question.

    Raises:
        UnknownIdError: if no question has that state.
    """
    try:
        return _BY_STATE[state]
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no question called {value}. Use one of: {valid}.",
                value=state,
                valid=", ".join(_BY_STATE),
            )
        ) from None
