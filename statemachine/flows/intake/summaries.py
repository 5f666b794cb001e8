"""The messages shown with a question: privacy notice, deadline summary, fee, receipt.

Each function takes the draft (and today) and returns untranslated :class:`Text` lines, in
the order they are read. They are named in the flow data by their key in ``INTROS``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from statemachine.catalog.appeal import appeal_route
from statemachine.catalog.casetypes import case_type
from statemachine.catalog.deadlines import Circumstances, Deadline, deadlines_for, left_out
from statemachine.catalog.fees import fee_facts, filing_fee, paying
from statemachine.catalog.ids import OUT_OF_SCOPE, Housing
from statemachine.catalog.outofscope import excluded_case_type, out_of_scope
from statemachine.catalog.tribunals import tribunal_for
from statemachine.engine.draft import Draft
from statemachine.flows.intake import facts, privacy
from statemachine.flows.intake.options import topics
from statemachine.text import Money, Text, t, tn


def _privacy(draft: Draft, today: date) -> list[Text]:
    return privacy.notice()


def _housing_help(draft: Draft, today: date) -> list[Text]:
    return [
        t(
            "Here is how to tell. Social housing (almen bolig) is let by a housing "
            "association, and the building has a residents' board. The lease usually says "
            "'almen bolig' or names the association."
        ),
        t("A private rental home is let by a private owner, a company or a pension fund."),
        t(
            "Business premises are shops, offices and workshops. Disputes about them go to "
            "the housing court, not to a tribunal."
        ),
    ]


def tribunal(home: Housing | None, code: int | None) -> Text:
    """The name of the tribunal that handles the case, as a phrase (the catalog's, once the
    municipality is known)."""
    if code is not None:
        return tribunal_for("social" if home == "social" else "private", code).name
    if home == "social":
        return t("the residents' complaints board (beboerklagenævnet) for {area}", area="")
    return t("the rent tribunal (huslejenævnet) for {area}", area="")


def _case_type_intro(draft: Draft, today: date) -> list[Text]:
    home = facts.housing(draft)
    return [
        t("Your case goes to {tribunal}.", tribunal=tribunal(home, facts.municipality_code(draft)))
    ]


def _case_type_notes(draft: Draft, today: date) -> list[Text]:
    main = facts.main_case_type(draft)
    home = facts.housing(draft)
    if main is None:
        return []
    ct = case_type(main)
    lines = [t(ct.description)]
    if home is not None and home in ct.notes:
        lines.append(t(ct.notes[home]))
    return lines


def deadline_lines(d: Deadline) -> list[Text]:
    """One deadline in plain sentences: who acts, by when, and what missing it means.

    Each line is one or two whole sentences: the consequence is a sentence of its own
    ("If no one objects in time, ..."), never put after a second "if". Whether the filer is
    told "you must" or "the tenant must" is in the deadline's texts (``deadlines_for``'s
    ``addressed``), not here.
    """
    lines: list[Text]
    if d.status == "met" and d.done_on is not None:
        lines = [
            t(
                "{who} This was done in time, on {done}. The deadline was {ends}.",
                who=t(d.who_acts),
                done=d.done_on,
                ends=d.ends,
            )
        ]
    elif d.status == "late" and d.done_on is not None:
        lines = [
            tn(
                "{who} This was done on {done}, {count} day after the deadline of {ends}.",
                "{who} This was done on {done}, {count} days after the deadline of {ends}.",
                (d.done_on - d.ends).days,
                who=t(d.who_acts),
                done=d.done_on,
                ends=d.ends,
            ),
            t(d.consequence),
            t(
                "You can still file. The tribunal decides what the missed deadline means for "
                "your case."
            ),
        ]
    elif d.status == "expired":
        lines = [
            tn(
                "{who} The deadline was {ends}, {count} day ago.",
                "{who} The deadline was {ends}, {count} days ago.",
                -d.days_left,
                who=t(d.who_acts),
                ends=d.ends,
            ),
            t(d.consequence),
        ]
        if d.own:
            lines.append(
                t(
                    "You can still file. The tribunal decides what the missed deadline means "
                    "for your case."
                )
            )
    else:
        lines = [
            tn(
                "{who} The deadline is {ends}, in {count} day.",
                "{who} The deadline is {ends}, in {count} days.",
                d.days_left,
                who=t(d.who_acts),
                ends=d.ends,
            ),
        ]
        if d.own:
            lines.append(
                t(
                    "To be safe, act no later than {act_by}, the last working day before "
                    "the deadline.",
                    act_by=d.act_by,
                )
                if d.act_by < d.ends
                else t("Act no later than {act_by}.", act_by=d.act_by)
            )
        lines.append(t(d.consequence))
        if d.status == "due_soon" and d.own:
            lines.insert(0, t("Note: the deadline is soon."))
    lines.append(t("Legal basis: {basis}", basis=t(d.legal_basis)))
    return lines


def case_deadlines(draft: Draft, today: date, *, for_staff: bool = False) -> list[Deadline]:
    """The deadlines that apply to the case as answered so far.

    The filer reads them said to them ("you must object"); a representative reads them about
    the side they act for, and staff (``for_staff``, as filed) in the third person.
    """
    main = facts.main_case_type(draft)
    if main is None:
        return []
    found: dict[str, Deadline] = {}
    known = Circumstances(
        housing=facts.housing(draft),
        municipality=facts.municipality_code(draft),
        landlord_units=facts.landlord_units(draft),
    )
    addressed = not (for_staff or facts.represented(draft))
    for ct in [main, *facts.extra_topics(draft)]:
        for d in deadlines_for(
            ct, facts.side(draft), facts.events(draft), today, known, addressed=addressed
        ):
            found.setdefault(d.rule, d)
    return sorted(found.values(), key=lambda d: (d.ends, d.rule))


def _left_out(draft: Draft) -> list[Text]:
    """Why some deadlines are not worked out for this housing, in plain words."""
    main = facts.main_case_type(draft)
    if main is None:
        return []
    known = Circumstances(housing=facts.housing(draft))
    reasons: list[str] = []
    for ct in [main, *facts.extra_topics(draft)]:
        reasons.extend(r for r in left_out(ct, known) if r not in reasons)
    return [t(r) for r in reasons]


def _deadline_summary(draft: Draft, today: date) -> list[Text]:
    return [*_found_deadlines(draft, today), *_left_out(draft)]


def _found_deadlines(draft: Draft, today: date) -> list[Text]:
    found = case_deadlines(draft, today)
    if not found:
        return [
            t("No special filing deadline applies to this kind of case."),
            t(
                "Claims usually expire after 3 years, and the tribunal can judge things "
                "better while they are fresh, so do not wait long."
            ),
        ]
    lines = [
        tn(
            "One deadline applies to your case:",
            "{count} deadlines apply to your case:",
            len(found),
        )
    ]
    for d in found:
        lines.extend(deadline_lines(d))
    return lines


def _attachment_intro(draft: Draft, today: date) -> list[Text]:
    items = facts.attachment_items(draft)
    if not items or draft.item != items[0][0].id:
        return []
    return [
        tn(
            "Now the documents. We ask for {count} document, one at a time.",
            "Now the documents. We ask for {count} documents, one at a time.",
            len(items),
        ),
        t(
            "Some tribunals prefer everything as PDF. Photos should be dated and say which "
            "room they show."
        ),
    ]


def _fee_summary(draft: Draft, today: date) -> list[Text]:
    home = facts.housing(draft) or "private"
    lines = [*_fee_amount(draft, today), *_pay_soon(draft, today)]
    lines.extend(
        fee_facts(
            today.year, housing=home, side=facts.side(draft), represented=facts.represented(draft)
        )
    )
    lines.extend(paying())
    return lines


def fee_to_pay(draft: Draft, today: date) -> list[Text]:
    """What the filer pays and how, as a filed case's receipt says it under its own heading:
    the amount, the warning to pay at once if a deadline is close, and how to pay."""
    return [*_fee_amount(draft, today), *_pay_soon(draft, today), *paying()]


def _fee_amount(draft: Draft, today: date) -> list[Text]:
    """The fee for the draft's case, and the year of the amount if it is not this year's."""
    home = facts.housing(draft) or "private"
    main = facts.main_case_type(draft) or "rent_level"
    quote = filing_fee(today.year, housing=home, case_type=main)
    lines = [
        t("The fee for this case is {amount} for each tenancy.", amount=Money(quote.amount))
        if quote.per_unit
        else t("The fee for filing this case is {amount}.", amount=Money(quote.amount))
    ]
    if quote.year != quote.requested_year:
        lines.append(
            t(
                "This is the latest amount we know, from {year}. The tribunal will "
                "tell you the exact amount for {requested}.",
                year=str(quote.year),
                requested=str(quote.requested_year),
            )
        )
    return lines


def _pay_soon(draft: Draft, today: date) -> list[Text]:
    """The plain warning to pay at once, when one of the filer's own deadlines is close."""
    if any(d.own and d.status == "due_soon" for d in case_deadlines(draft, today)):
        return [t("Pay as soon as you get the payment details: your deadline is close.")]
    return []


def _receipt(draft: Draft, today: date) -> list[Text]:
    home = facts.housing(draft)
    main = facts.main_case_type(draft) or "rent_level"
    return [
        t(
            "Your case number is {number}. Keep it: you need it when you contact the tribunal.",
            number=draft.case_number or "",
        ),
        t(
            "Your case has been sent to {tribunal}.",
            tribunal=tribunal(home, facts.municipality_code(draft)),
        ),
        t(
            "What happens next: the tribunal sends your case to the other party, usually "
            "within a week. The other party normally has 2 weeks to reply."
        ),
        t("The tribunal may ask you for more information, and may come to see the home."),
        t("Most cases take from 2 months to a year, depending on the tribunal."),
        *_pay_soon(draft, today),
        *paying(),
        appeal_route(home, facts.municipality_code(draft), main).sentence,
    ]


def _other_topics_intro(draft: Draft, today: date) -> list[Text]:
    offered = topics(facts.housing(draft) or "private", facts.side(draft))
    if not offered.more:
        return [
            t(
                "The tribunal cannot decide these topics. Choose one, and we tell you where "
                "to go instead."
            )
        ]
    return [
        t(
            "Here are the other topics. The tribunal cannot decide numbers {first} to {last}. "
            "Choose one of those, and we tell you where to go instead.",
            first=len(offered.more) + 1,
            last=len(offered.second),
        )
    ]


def _neighbour_rule(draft: Draft, today: date) -> list[Text]:
    # Shown to a resident of social housing before a neighbour complaint (domain.md §1.2).
    lines = [
        t(
            "Note: The beboerklagenævn will usually turn the case away. It takes a resident's "
            "complaint about a neighbour only when the housing organisation has refused the "
            "complaint, or has done nothing about it for 4 weeks."
        )
    ]
    if draft.answers.get("ask_complained_to_org") is True:
        lines.append(
            t(
                "What to do first: wait for the housing organisation's answer, and keep a copy "
                "of your complaint. If it refuses, or does nothing within 4 weeks of receiving "
                "the complaint, you can file the case."
            )
        )
    else:
        lines.append(
            t(
                "What to do first: complain in writing to the housing organisation, and keep "
                "a copy. If it refuses, or does nothing within 4 weeks, you can file the case."
            )
        )
    return lines


def _out_of_scope(draft: Draft, today: date) -> list[Text]:
    home = facts.housing(draft)
    if home == "commercial":
        return [t(out_of_scope("commercial_lease").explanation)]
    topic = draft.answers.get("ask_case_type")
    if topic in OUT_OF_SCOPE:
        return [t(out_of_scope(topic).explanation)]
    if isinstance(topic, str) and home is not None:
        excluded = excluded_case_type(topic, home)
        if excluded is not None:
            return [t(excluded.explanation)]
    return []


INTROS: dict[str, Callable[[Draft, date], list[Text]]] = {
    "privacy_notice": _privacy,
    "housing_help": _housing_help,
    "case_type_intro": _case_type_intro,
    "case_type_notes": _case_type_notes,
    "other_topics_intro": _other_topics_intro,
    "neighbour_rule": _neighbour_rule,
    "deadline_summary": _deadline_summary,
    "attachment_intro": _attachment_intro,
    "fee_summary": _fee_summary,
    "receipt": _receipt,
    "out_of_scope": _out_of_scope,
}
"""Every intro a flow may name, except ``review_summary`` (see ``review.py``)."""
