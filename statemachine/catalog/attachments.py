"""The documents a filer may be asked to upload, and which ones a case needs, in asking order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from statemachine.catalog.casetypes import case_type
from statemachine.catalog.shapes import Attachment
from statemachine.errors import UnknownIdError
from statemachine.text import N_, t

GENERAL: Final[tuple[str, ...]] = (
    "lease",
    "correspondence",
    "power_of_attorney",
    "co_tenant_power_of_attorney",
    "fee_receipt",
)
"""The set every case asks for (domain.md §2), whatever its type."""

ATTACHMENTS: Final[tuple[Attachment, ...]] = (
    # The general set.
    Attachment(
        "lease",
        N_("The whole lease, with any addenda"),
        N_("The full lease with every addendum and annex shows the tribunal what was agreed."),
    ),
    Attachment(
        "correspondence",
        N_("Letters and emails with the other party"),
        N_("They show what the disagreement is about and that an agreement was tried first."),
    ),
    Attachment(
        "power_of_attorney",
        N_("Power of attorney"),
        N_("A signed letter that lets the representative act for the person or company filing."),
    ),
    Attachment(
        "co_tenant_power_of_attorney",
        N_("Power of attorney from the others on the lease"),
        N_(
            "A signed letter from each of the others on the lease that lets you bring the case "
            "for them too. The tribunal needs everyone on the lease to agree to the case."
        ),
    ),
    Attachment(
        "fee_receipt",
        N_("Receipt for the fee"),
        N_("If the fee was paid by bank transfer, the receipt lets the tribunal find the payment."),
    ),
    # The case-type documents of domain.md §2, roughly in the order of its table.
    Attachment(
        "rent_regulation",
        N_("The latest notice that changed the rent"),
        N_("Needed if the rent paid today differs from the rent in the lease."),
    ),
    Attachment(
        "rent_notice",
        N_("The notice of the rent increase"),
        N_("The landlord's letter announcing the increase (varsling), with all its enclosures."),
    ),
    Attachment(
        "objection_letter",
        N_("The written objection"),
        N_("The letter or email in which the tenant, or the tenants' board, objected."),
    ),
    Attachment(
        "rent_calculation",
        N_("The calculation or budget behind the rent"),
        N_("How the new rent was worked out; for cost-based rent, the old and the new budget."),
    ),
    Attachment(
        "consumption_account",
        N_("The heating, water or electricity account"),
        N_("The consumption account (forbrugsregnskab) that is disputed, with its enclosures."),
    ),
    Attachment(
        "photos",
        N_("Dated photos"),
        N_("Write the date and the room on each photo. Sound and video may not be considered."),
    ),
    Attachment(
        "move_in_report",
        N_("The move-in report"),
        N_("The report on the state of the home when the tenancy started (indflytningsrapport)."),
    ),
    Attachment(
        "defect_list",
        N_("The list of defects found at move-in"),
        N_("The tenant's list of faults and defects given to the landlord after moving in."),
    ),
    Attachment(
        "move_out_report",
        N_("The move-out report"),
        N_("The report from the inspection when the tenant moved out (fraflytningsrapport)."),
    ),
    Attachment(
        "move_out_inspection_notice",
        N_("The notice of the move-out inspection"),
        N_("The letter that called the tenant to the move-out inspection (flyttesyn)."),
    ),
    Attachment(
        "final_settlement",
        N_("The final settlement"),
        N_("The landlord's statement of what the tenant owes and gets back (flytteopgørelse)."),
    ),
    Attachment(
        "payment_proof",
        N_("Proof of payment"),
        N_("Receipts or bank statements showing what was paid as deposit and prepaid rent."),
    ),
    Attachment(
        "improvement_documents",
        N_("Documents on the improvements"),
        N_("Invoices, budgets and calculations for the improvements and the rent they lead to."),
    ),
    Attachment(
        "unit_description",
        N_("A description of the home"),
        N_("The address, size, rooms, condition and fittings of the home to be let out."),
    ),
    Attachment(
        "improvement_plans",
        N_("Plans for the works"),
        N_("A description of the planned works, with drawings and a budget if there are any."),
    ),
    Attachment(
        "swap_application",
        N_("The application, with proof that the tenant got a copy"),
        N_("The landlord's application and proof that a copy went to the current tenant."),
    ),
    Attachment(
        "warning_letter",
        N_("The written warning"),
        N_("The reminder or warning the resident was given in writing before the case."),
    ),
    Attachment(
        "breach_evidence",
        N_("Evidence of the breaches"),
        N_("For example dated, written statements from other residents about what happened."),
    ),
    Attachment(
        "charges",
        N_("The antenna, TV or internet charges"),
        N_("Bills or statements showing what is charged for the shared antenna, TV or internet."),
    ),
    Attachment(
        "plans",
        N_("Plans for the change"),
        N_("A description or drawing of the change or installation, such as a disability aid."),
    ),
    Attachment(
        "request_and_refusal",
        N_("The request and the refusal"),
        N_("The request to sublet, swap or continue the tenancy, and the written answer to it."),
    ),
    Attachment(
        "minutes",
        N_("The minutes or the decision"),
        N_("The minutes of the meeting, or the written decision, that is disputed."),
    ),
    Attachment(
        "refusal",
        N_("The refusal"),
        N_("The housing organisation's letter refusing the application or the waiting list."),
    ),
    Attachment(
        "maintenance_accounts",
        N_("The maintenance fund accounts"),
        N_("The accounts of the maintenance fund (vedligeholdelseskonto) that are disputed."),
    ),
)
"""Every attachment the catalog knows."""

_BY_ID: Final[dict[str, Attachment]] = {a.id: a for a in ATTACHMENTS}


def attachment(attachment_id: str) -> Attachment:
    """Look up an attachment by id.

    Raises:
        UnknownIdError: if there is no such attachment.
    """
    try:
        return _BY_ID[attachment_id]
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no attachment called {value}. Use one of: {valid}.",
                value=attachment_id,
                valid=", ".join(_BY_ID),
            )
        ) from None


def attachments_for(
    case_type_id: str,
    extra_topics: Sequence[str] = (),
    *,
    represented: bool,
    co_tenants: bool = False,
) -> list[tuple[Attachment, bool]]:
    """The attachments to ask for, in asking order, each with whether it is required.

    The order is: the case type's required documents; the general set (the lease and the
    correspondence required, a power of attorney required when a representative files and
    otherwise not asked for, a power of attorney from the others on the lease required when
    the filer named any, the fee receipt optional); the case type's optional documents;
    then the documents of any extra topics, all optional. Nothing is asked for twice.

    Args:
        case_type_id: the main case type.
        extra_topics: further case types the case is also about.
        represented: whether a representative files for someone else.
        co_tenants: whether others are on the lease with the tenant, who must each give a
            power of attorney (domain.md §1.2: Odense and Aarhus want one from all).

    Returns:
        ``(attachment, required)`` pairs.

    Raises:
        UnknownIdError: if a case type is unknown.
    """
    main = case_type(case_type_id)
    extras = [case_type(topic) for topic in extra_topics]
    general = [("lease", True), ("correspondence", True)]
    if represented:
        general.append(("power_of_attorney", True))
    if co_tenants:
        general.append(("co_tenant_power_of_attorney", True))
    general.append(("fee_receipt", False))
    wanted = [
        *((a, True) for a in main.required),
        *general,
        *((a, False) for a in main.optional),
        *((a, False) for extra in extras for a in (*extra.required, *extra.optional)),
    ]
    picked: dict[str, bool] = {}
    for attachment_id, required in wanted:
        picked.setdefault(attachment_id, required)
    return [(attachment(a), required) for a, required in picked.items()]
