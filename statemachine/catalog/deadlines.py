"""The deadline engine: the legal deadline rules as data, and the deadlines they give a case."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

from statemachine.catalog.calendar import (
    Unit,
    act_by,
    add_days_outside_july,
    add_period,
    next_working_day,
)
from statemachine.catalog.casetypes import case_type as _case_type
from statemachine.catalog.ids import CASE_TYPES, EVENTS, SIDES, Housing, Side
from statemachine.errors import UnknownIdError
from statemachine.text import N_, t

Status = Literal["met", "late", "expired", "due_soon", "open"]
"""Whether the act was done in time, or else how urgent a deadline is on a given day
(domain.md, "Date arithmetic")."""

DUE_SOON_DAYS: Final = 7
"""A deadline with this many calendar days left, or fewer, is ``due_soon``."""

COPENHAGEN: Final = 101
"""Københavns Kommune's kommunekode: its huslejenævn's decisions go to the Ankenævn."""

LandlordUnits = Literal["one", "several"]
"""Whether the landlord lets one home or more than one (LL § 187, stk. 3)."""


@dataclass(frozen=True)
class Circumstances:
    """The facts about a case, besides its dates, that change which rules apply and how."""

    housing: Housing | None = None
    """``private`` or ``social``; None while unknown, which keeps the rules that are safe
    for both."""
    municipality: int | None = None
    """The kommunekode of the tenancy, or None while unknown."""
    landlord_units: LandlordUnits | None = None
    """Whether the landlord lets one home or several, or None while unknown."""


@dataclass(frozen=True)
class Variant:
    """How a rule reads, and is counted, for social housing (the beboerklagenævn)."""

    who_acts: str | None = None
    """Who must do what, where it differs (a msgid)."""
    legal_basis: str | None = None
    """The statute for social housing, usually almenlejeloven (a msgid)."""
    july_not_counted: bool = False
    """True where the period's days in July are not counted (almenlejeloven § 106)."""
    left_out: str | None = None
    """Why the rule is not computed for social housing, in plain words (a msgid); the rule
    is then left out and this reason shown instead."""


@dataclass(frozen=True)
class Wording:
    """How a rule reads to a filer on one side, who is told about it as "you"."""

    who_acts: str
    """Who must do what, said to that side (a msgid)."""
    consequence: str | None = None
    """What missing it means, said to that side (a msgid); None where the rule's own fits."""


@dataclass(frozen=True)
class Rule:
    """One legal deadline rule (domain.md, "Deadline rules" and §3)."""

    id: str
    """The canonical rule id, e.g. ``rent_increase.tenant_objection``."""
    d_number: str
    """The row in domain.md §3, e.g. ``D3``."""
    event: str
    """The event (an id in ``ids.EVENTS``) whose date starts the period."""
    amount: int
    """The length of the period, in ``unit``."""
    unit: Unit
    """What ``amount`` counts: days, weeks, months or years."""
    sides: frozenset[Side]
    """The filer sides this deadline matters to."""
    who_acts: str
    """Who must do what by the deadline (a msgid)."""
    consequence: str
    """What missing the deadline means, in plain words (a msgid)."""
    legal_basis: str
    """The law and the rule in plain words, with the section where it is known (a msgid).
    A filer reads it: doubt about a section goes in :attr:`staff_note`, never here."""
    staff_note: str = ""
    """For staff only, never shown to a filer: what is not confirmed about the legal basis
    (plain English, not translated)."""
    every_case: bool = False
    """True for a rule that applies whatever the case type (the appeal). Every other rule
    applies to the case types whose catalog entry names it (``casetypes.py``), so which case
    has which deadline is said in one place."""
    after_rule: str | None = None
    """For two-step rules: the rule whose end date the period runs from, instead of the event
    date. Both rules share the same event. The second step applies only when the first was
    met (for every side), or when no one has said whether it was (for ``sides`` only); after a
    late first step it does not apply at all (domain.md, "Two-step deadlines")."""
    done_by: str | None = None
    """The event whose date says the act this rule asks for was done (``objection_sent``):
    on or before the end it makes the status ``met``, after it ``late``."""
    to_working_day: bool = False
    """True where the law moves an end on a non-working day to the next working day
    (forældelsesloven § 27, stk. 2). ``ends`` is then moved; ``act_by`` stays the last
    working day on or before the unmoved end, the safe advice."""
    only_if: str | None = None
    """The name of a condition in ``CONDITIONS`` the case must meet for the rule to apply."""
    social: Variant | None = None
    """How the rule differs for social housing, where it does."""
    requires: str | None = None
    """A rule whose act, once dated late, means this rule no longer applies (a syn held late:
    the repair claim has lapsed, so there is no report or claim deadline)."""
    shown_to: frozenset[Side] = frozenset()
    """Sides told of this deadline although they do not act on it (the tenant, of the
    landlord's syn), because missing it matters to them."""
    event_one_home: str | None = None
    """For a landlord who lets one home only: the event the period runs from instead of
    ``event`` (LL § 187: the move-out day rather than the syn)."""
    addressed: Mapping[Side, Wording] = field(default_factory=dict)
    """How the rule reads to a filer on each side, in the second person, where it differs
    from :attr:`who_acts` (which speaks of the tenant and the landlord, for the CLI and
    staff). It takes the place of the social-housing ``who_acts`` too, so a rule with both
    says the housing's difference in its wording here."""

    def event_for(self, units: LandlordUnits | None) -> str:
        """The event the period runs from, given how many homes the landlord lets."""
        return self.event_one_home if units == "one" and self.event_one_home else self.event

    def variant(self, housing: Housing | None) -> Variant:
        """The social-housing variant for social housing, otherwise an empty one."""
        return self.social if housing == "social" and self.social is not None else Variant()


_TENANT_SIDES: Final[frozenset[Side]] = frozenset({"tenant", "tenant_board"})
_AFTER_YOUR_OBJECTION: Final = Wording(
    N_("Because you objected, the landlord must bring the case to the tribunal.")
)
_AFTER_THE_OBJECTION: Final = N_(
    "After the tenant's objection, you must bring the case to the tribunal."
)
_LANDLORD: Final[frozenset[Side]] = frozenset({"landlord"})
_EVERYONE: Final[frozenset[Side]] = frozenset(SIDES)

_RENT_INCREASE_SOCIAL: Final = Variant(
    left_out=N_(
        "For social housing we do not work out a deadline to object to a rent increase."
        " The beboerklagenævn decides only whether the notice followed the formal rules of"
        " almenlejeloven, so ask the housing organisation or the board about the dates."
    )
)
_MOVE_OUT_SOCIAL: Final = Variant(
    left_out=N_(
        "For social housing we do not work out the deadlines for the move-out inspection and"
        " the landlord's claim for repairs: they follow almenlejeloven, not lov om leje, so"
        " ask the housing organisation about the dates."
    )
)
_UTILITY_SOCIAL: Final = Variant(
    legal_basis=N_("Almenlejeloven (consumption accounts in social housing)")
)

# Where domain.md could not confirm a section number of lov om leje 2022, the legal basis says
# so instead of guessing one; only § 77 was checked against the statute text.
RULES: Final[tuple[Rule, ...]] = (
    Rule(
        id="rent_level.refund_window",
        d_number="D1",
        event="rent_first_payable",
        amount=1,
        unit="years",
        sides=_TENANT_SIDES,
        who_acts=N_("The tenant must bring the case about the rent to the tribunal."),
        addressed={
            "tenant": Wording(N_("You must bring the case about the rent to the tribunal.")),
            "tenant_board": Wording(N_("You must bring the case about the rent to the tribunal.")),
        },
        consequence=N_(
            "If the case comes later, the rent can only be lowered from then on."
            " Rent already paid is not paid back."
        ),
        legal_basis=N_("Lov om leje, the rule that a case about the rent is brought within a year"),
        staff_note="Probably LL § 40, stk. 2 (LL-2022 numbering not confirmed; domain.md D1).",
    ),
    Rule(
        id="rent_increase.tenant_objection",
        d_number="D3",
        event="notice_received",
        amount=6,
        unit="weeks",
        sides=_TENANT_SIDES,
        who_acts=N_(
            "The tenant must object to the landlord in writing."
            " A tenant board may object for all tenants."
        ),
        consequence=N_("If no one objects in time, the rent increase becomes binding."),
        addressed={
            "tenant": Wording(
                N_(
                    "You must object to the landlord in writing."
                    " A tenant board may also object for all tenants."
                )
            ),
            "tenant_board": Wording(
                N_("You, or each tenant, must object to the landlord in writing.")
            ),
        },
        done_by="objection_sent",
        social=_RENT_INCREASE_SOCIAL,
        legal_basis=N_("Lov om leje, the rules on notice of a rent increase and objections to it"),
        staff_note="LL-2022 section for notice and objection not confirmed (domain.md, caution).",
    ),
    Rule(
        id="rent_increase.landlord_filing",
        d_number="D4",
        event="notice_received",
        amount=6,
        unit="weeks",
        after_rule="rent_increase.tenant_objection",
        sides=_LANDLORD,
        social=_RENT_INCREASE_SOCIAL,
        who_acts=N_(
            "After a tenant has objected, the landlord must bring the case to the tribunal."
        ),
        consequence=N_(
            "If the landlord does not bring the case in time, the rent increase lapses."
        ),
        addressed={
            "landlord": Wording(
                _AFTER_THE_OBJECTION,
                N_("If you do not bring the case in time, the rent increase lapses."),
            ),
            "tenant": _AFTER_YOUR_OBJECTION,
            "tenant_board": _AFTER_YOUR_OBJECTION,
        },
        legal_basis=N_("Lov om leje, the rules on notice of a rent increase and objections to it"),
        staff_note="LL-2022 section for notice and objection not confirmed (domain.md, caution).",
    ),
    Rule(
        id="utility_accounts.tenant_objection",
        d_number="D7",
        event="account_received",
        amount=6,
        unit="weeks",
        sides=_TENANT_SIDES,
        who_acts=N_(
            "The tenant must object to the landlord in writing and say which points are wrong."
            " A tenant board may object for all tenants."
        ),
        consequence=N_("If no one objects in time, the account stands."),
        addressed={
            "tenant": Wording(
                N_(
                    "You must object to the landlord in writing and say which points are wrong."
                    " A tenant board may also object for all tenants."
                )
            ),
            "tenant_board": Wording(
                N_(
                    "You, or each tenant, must object to the landlord in writing and say which"
                    " points are wrong."
                )
            ),
        },
        done_by="objection_sent",
        social=_UTILITY_SOCIAL,
        legal_basis=N_("Lov om leje § 77 (consumption accounts)"),
    ),
    Rule(
        id="utility_accounts.landlord_filing",
        d_number="D7b",
        event="account_received",
        amount=6,
        unit="weeks",
        after_rule="utility_accounts.tenant_objection",
        sides=_LANDLORD,
        social=_UTILITY_SOCIAL,
        who_acts=N_(
            "After a tenant has objected, the landlord must bring the case to the tribunal."
        ),
        consequence=N_(
            "If the landlord does not bring the case in time, the landlord loses the claim"
            " for back-payment."
        ),
        addressed={
            "landlord": Wording(
                _AFTER_THE_OBJECTION,
                N_("If you do not bring the case in time, you lose the claim for back-payment."),
            ),
            "tenant": _AFTER_YOUR_OBJECTION,
            "tenant_board": _AFTER_YOUR_OBJECTION,
        },
        legal_basis=N_("Lov om leje § 77 (consumption accounts)"),
    ),
    Rule(
        id="swap_improvement.landlord_application",
        d_number="D13",
        event="swap_notified",
        amount=1,
        unit="months",
        sides=_LANDLORD,
        who_acts=N_(
            "The landlord must ask the tribunal to approve the rent before the swap,"
            " and send a copy to the tenant."
        ),
        addressed={
            "landlord": Wording(
                N_(
                    "You must ask the tribunal to approve the rent before the swap,"
                    " and send a copy to the tenant."
                )
            )
        },
        # The source names no consequence for the landlord, so we do not invent one.
        consequence=N_(
            "The rules we know do not say what happens if this is missed."
            " A later application may be too late, so ask the tribunal."
        ),
        legal_basis=N_("Lov om leje, the rules on a swap of homes with improvements"),
        staff_note="LL-2022 section not confirmed (domain.md, caution).",
    ),
    # LL § 187 (domain.md D14). The syn and the report are duties of a landlord who lets more
    # than one home; almenlejeloven has its own move-out rules, which domain.md does not give,
    # so none of these is computed for social housing.
    Rule(
        id="move_out.inspection",
        d_number="D14",
        event="move_out_known",
        amount=2,
        unit="weeks",
        sides=_LANDLORD,
        shown_to=_TENANT_SIDES,
        who_acts=N_(
            "The landlord must hold the move-out inspection (flyttesyn) within 2 weeks of"
            " learning that the tenancy ends, and invite the tenant in writing at least"
            " 1 week before."
        ),
        consequence=N_(
            "If the inspection is not held in time, the landlord can no longer claim that"
            " the tenant pays for repairs."
        ),
        addressed={
            "landlord": Wording(
                N_(
                    "You must hold the move-out inspection (flyttesyn) within 2 weeks of"
                    " learning that the tenancy ends, and invite the tenant in writing at least"
                    " 1 week before."
                ),
                N_(
                    "If the inspection is not held in time, you can no longer claim that the"
                    " tenant pays for repairs."
                ),
            ),
            "tenant": Wording(
                N_(
                    "The landlord must hold the move-out inspection (flyttesyn) within 2 weeks"
                    " of learning that your tenancy ends, and invite you in writing at least"
                    " 1 week before."
                ),
                N_(
                    "If the inspection is not held in time, the landlord can no longer claim"
                    " that you pay for repairs."
                ),
            ),
        },
        legal_basis=N_("Lov om leje § 187 (the move-out inspection)"),
        done_by="inspection_held",
        only_if="several_private_homes",
        social=_MOVE_OUT_SOCIAL,
    ),
    Rule(
        id="move_out.report",
        d_number="D14",
        event="inspection_held",
        amount=2,
        unit="weeks",
        sides=_LANDLORD,
        shown_to=_TENANT_SIDES,
        who_acts=N_(
            "Where the tenant was not at the inspection or did not sign the move-out report,"
            " the landlord must send the report to the tenant within 2 weeks."
        ),
        consequence=N_(
            "If the report is not sent in time, the landlord can no longer claim that the"
            " tenant pays for repairs."
        ),
        addressed={
            "landlord": Wording(
                N_(
                    "Where the tenant was not at the inspection or did not sign the move-out"
                    " report, you must send the report to the tenant within 2 weeks."
                ),
                N_(
                    "If the report is not sent in time, you can no longer claim that the tenant"
                    " pays for repairs."
                ),
            ),
            "tenant": Wording(
                N_(
                    "Where you were not at the inspection or did not sign the move-out report,"
                    " the landlord must send you the report within 2 weeks."
                ),
                N_(
                    "If the report is not sent in time, the landlord can no longer claim that"
                    " you pay for repairs."
                ),
            ),
        },
        legal_basis=N_("Lov om leje § 187 (the move-out report)"),
        requires="move_out.inspection",
        only_if="several_private_homes",
        social=_MOVE_OUT_SOCIAL,
    ),
    Rule(
        id="move_out.landlord_claim",
        d_number="D14",
        event="inspection_held",
        event_one_home="moved_out",
        amount=2,
        unit="weeks",
        sides=_LANDLORD,
        shown_to=_TENANT_SIDES,
        who_acts=N_(
            "The landlord must tell the tenant in writing which repairs the tenant is asked"
            " to pay for: within 2 weeks of the inspection, or, for a landlord who lets only"
            " one home, within 2 weeks of the day the tenant moved out."
        ),
        consequence=N_("If the claim comes later, the landlord can no longer claim repairs."),
        addressed={
            "landlord": Wording(
                N_(
                    "You must tell the tenant in writing which repairs the tenant is asked to"
                    " pay for: within 2 weeks of the inspection, or, if you let only one home,"
                    " within 2 weeks of the day the tenant moved out."
                ),
                N_("If the claim comes later, you can no longer claim repairs."),
            ),
            "tenant": Wording(
                N_(
                    "The landlord must tell you in writing which repairs you are asked to pay"
                    " for: within 2 weeks of the inspection, or, for a landlord who lets only"
                    " one home, within 2 weeks of the day you moved out."
                ),
                N_("If the claim comes later, the landlord can no longer claim repairs from you."),
            ),
        },
        legal_basis=N_("Lov om leje § 187 (the landlord's claim for repairs)"),
        requires="move_out.inspection",
        only_if="private_home_units_known",
        social=_MOVE_OUT_SOCIAL,
    ),
    Rule(
        id="move_in_defects.defect_list",
        d_number="D15",
        event="move_in",
        amount=14,
        unit="days",
        sides=frozenset({"tenant"}),
        who_acts=N_("The tenant must give the landlord a written list of faults and defects."),
        consequence=N_(
            "If the list is late, the tenant may have to answer for defects found later,"
            " unless they were hidden."
        ),
        addressed={
            "tenant": Wording(
                N_("You must give the landlord a written list of faults and defects."),
                N_(
                    "If the list is late, you may have to answer for defects found later,"
                    " unless they were hidden."
                ),
            )
        },
        legal_basis=N_("Lov om leje, the rules on defects found when moving in"),
        staff_note="LL-2022 section not confirmed (domain.md, caution).",
    ),
    # With the housing unknown, the appeal counts July, which can only give an earlier (safer)
    # date than a beboerklagenævn appeal really has.
    Rule(
        id="appeal.boligret",
        d_number="D18",
        event="decision_notified",
        amount=4,
        unit="weeks",
        sides=_EVERYONE,
        who_acts=N_(
            "Either side may appeal the tribunal's decision to the housing court at minretssag.dk."
        ),
        consequence=N_("If no one appeals in time, the tribunal's decision becomes final."),
        legal_basis=N_("Lov om boligforhold, the rules on appeal to the housing court"),
        staff_note="Section of lov om boligforhold for the appeal not confirmed.",
        every_case=True,
        only_if="not_copenhagen_rent_tribunal",
        social=Variant(
            who_acts=N_(
                "Either side may appeal the board's decision to the housing court at"
                " minretssag.dk. July is not counted in the 4 weeks."
            ),
            legal_basis=N_("Almenlejeloven § 106 (appeal to the housing court)"),
            july_not_counted=True,
        ),
    ),
    Rule(
        id="appeal.ankenaevn",
        d_number="D18",
        event="decision_notified",
        amount=4,
        unit="weeks",
        sides=_EVERYONE,
        who_acts=N_(
            "Either side may appeal the rent tribunal's decision to the Ankenævn, the appeals"
            " board of Københavns Kommune."
        ),
        consequence=N_(
            "If no one appeals to the Ankenævn in time, the tribunal's decision becomes final."
        ),
        legal_basis=N_("Lov om boligforhold § 89 (appeal to the Ankenævn in København)"),
        every_case=True,
        only_if="copenhagen_rent_tribunal",
    ),
    Rule(
        id="general.limitation",
        d_number="D19",
        event="moved_out",
        amount=3,
        unit="years",
        sides=_EVERYONE,
        who_acts=N_(
            "The person with a claim must bring it to the tribunal."
            " Acting early lets the tribunal inspect the home."
        ),
        consequence=N_("If the claim comes later, it is time-barred and cannot be claimed."),
        addressed={
            side: Wording(
                N_(
                    "You must bring any claim you have to the tribunal."
                    " Acting early lets the tribunal inspect the home."
                )
            )
            for side in SIDES
        },
        legal_basis=N_("Forældelsesloven (the general limitation period of 3 years)"),
        to_working_day=True,
    ),
)
"""Every deadline rule, in the order of domain.md's "Deadline rules" table."""

_BY_ID: Final[Mapping[str, Rule]] = {r.id: r for r in RULES}


def _copenhagen_rent_tribunal(case_type: str, facts: Circumstances) -> bool:
    # House-rules decisions (LL §§ 153-155) go to the housing court even in København.
    return (
        facts.housing == "private"
        and facts.municipality == COPENHAGEN
        and case_type != "house_rules"
    )


def _not_copenhagen_rent_tribunal(case_type: str, facts: Circumstances) -> bool:
    return not _copenhagen_rent_tribunal(case_type, facts)


def _several_private_homes(case_type: str, facts: Circumstances) -> bool:
    return facts.housing != "social" and facts.landlord_units == "several"


def _private_home_units_known(case_type: str, facts: Circumstances) -> bool:
    return facts.housing != "social" and facts.landlord_units is not None


CONDITIONS: Final[Mapping[str, Callable[[str, Circumstances], bool]]] = {
    "copenhagen_rent_tribunal": _copenhagen_rent_tribunal,
    "not_copenhagen_rent_tribunal": _not_copenhagen_rent_tribunal,
    "several_private_homes": _several_private_homes,
    "private_home_units_known": _private_home_units_known,
}
"""The conditions a rule's ``only_if`` may name, each given the case type and the facts."""


def rule(rule_id: str, among: Mapping[str, Rule] = _BY_ID) -> Rule:
    """Look up a deadline rule by its id.

    Args:
        rule_id: a rule id such as ``rent_increase.tenant_objection``.
        among: the rules by id to look in; the filer's (:data:`RULES`) unless another set
            of rules, such as the secretariat's, is given.

    Returns:
        The rule.

    Raises:
        UnknownIdError: no rule of ``among`` has that id; the message lists the valid ids.
    """
    try:
        return among[rule_id]
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no deadline rule called {value}. Use one of: {valid}.",
                value=rule_id,
                valid=", ".join(among),
            )
        ) from None


@dataclass(frozen=True)
class Deadline:
    """One deadline worked out for a case on a given day."""

    rule: str
    """The id of the rule it comes from."""
    event: str
    """The event id whose date starts it."""
    starts: date
    """The date of the event."""
    ends: date
    """The last day of the period. Acting on it is in time."""
    act_by: date
    """The last Danish working day on or before ``ends``: the safe date to advise."""
    days_left: int
    """Calendar days from today to ``ends``; negative once it has passed."""
    status: Status
    """``expired``, ``due_soon`` or ``open``."""
    consequence: str
    """What missing it means (a msgid)."""
    legal_basis: str
    """The statute behind it (a msgid)."""
    who_acts: str
    """Who must do what (a msgid)."""
    done_on: date | None = None
    """When the act was done, for a ``met`` or ``late`` deadline; None otherwise."""
    own: bool = True
    """True when the filer's side is the one that must act; False for a deadline the filer
    is told about because of what it means for them (the landlord's filing date, for a
    tenant who objected)."""

    def as_json(self) -> dict[str, str | int]:
        """The deadline as in ``naevn deadline --json``: ISO dates and untranslated msgids."""
        return {
            "rule": self.rule,
            "event": self.event,
            "starts": self.starts.isoformat(),
            "ends": self.ends.isoformat(),
            "act_by": self.act_by.isoformat(),
            "days_left": self.days_left,
            "status": self.status,
            "consequence": self.consequence,
            "legal_basis": self.legal_basis,
        }


def status_for(days_left: int) -> Status:
    """The status of a deadline with ``days_left`` calendar days to go.

    Args:
        days_left: the end date minus today, in days.

    Returns:
        ``expired`` once the end date has passed, ``due_soon`` from 7 days before it up to and
        including the day itself, ``open`` before that.
    """
    if days_left < 0:
        return "expired"
    if days_left <= DUE_SOON_DAYS:
        return "due_soon"
    return "open"


def legal_end(r: Rule, start: date, housing: Housing | None = None) -> date:
    """The end date of rule ``r`` for an event on ``start``, before any move to a working day.

    Args:
        r: the rule.
        start: the date of the rule's event.
        housing: the housing kind, where the rule is counted differently for social housing.

    Returns:
        The last day of the period; for a two-step rule, counted from the end of the first step.
    """
    base = end_of(rule(r.after_rule), start, housing) if r.after_rule else start
    if r.variant(housing).july_not_counted:
        if r.unit not in ("days", "weeks"):
            raise ValueError(f"{r.id}: July can be left out of days and weeks only")
        return add_days_outside_july(base, r.amount * (7 if r.unit == "weeks" else 1))
    return add_period(base, r.amount, r.unit)


def end_of(r: Rule, start: date, housing: Housing | None = None) -> date:
    """The legal end date of rule ``r`` for an event on ``start``, following two-step rules.

    Args:
        r: the rule.
        start: the date of the rule's event.
        housing: the housing kind, where the rule is counted differently for social housing.

    Returns:
        The last day of the period, moved to the next working day where the rule says so.
    """
    end = legal_end(r, start, housing)
    return next_working_day(end) if r.to_working_day else end


def deadline(
    r: Rule,
    start: date,
    today: date,
    done_on: date | None = None,
    own: bool = True,
    housing: Housing | None = None,
    event: str | None = None,
    wording: Wording | None = None,
) -> Deadline:
    """Work out one rule's deadline for an event date, as seen on ``today``.

    Args:
        r: the rule.
        start: the date of the rule's event.
        today: the day to count ``days_left`` from.
        done_on: the date the act was done (the rule's ``done_by`` event), if known.
        own: whether the filer's side is the one that must act.
        housing: the housing kind, which may change the count and the texts.
        event: the event ``start`` is the date of, where it is not the rule's own.
        wording: how the rule reads to the filer who is told about it, where it is said to
            them as "you" (see :attr:`Rule.addressed`).

    Returns:
        The deadline; ``met`` or ``late`` when ``done_on`` is given.
    """
    ends = end_of(r, start, housing)
    variant = r.variant(housing)
    days_left = (ends - today).days
    status: Status = status_for(days_left)
    if done_on is not None:
        status = "met" if done_on <= ends else "late"
    return Deadline(
        rule=r.id,
        event=event or r.event,
        starts=start,
        ends=ends,
        act_by=act_by(legal_end(r, start, housing)),
        days_left=days_left,
        status=status,
        consequence=(wording and wording.consequence) or r.consequence,
        legal_basis=variant.legal_basis or r.legal_basis,
        who_acts=wording.who_acts if wording else variant.who_acts or r.who_acts,
        done_on=done_on,
        own=own,
    )


def _first_step(r: Rule, events: Mapping[str, date], housing: Housing | None) -> Status | None:
    """For a two-step rule (or one that ``requires`` another), ``met`` or ``late`` once the
    first rule's act is dated."""
    first_id = r.after_rule or r.requires
    if first_id is None:
        return None
    first = rule(first_id)
    if first.done_by is None or first.done_by not in events or first.event not in events:
        return None
    ends = end_of(first, events[first.event], housing)
    return "met" if events[first.done_by] <= ends else "late"


def _applies(
    r: Rule, case_type: str, side: str, events: Mapping[str, date], facts: Circumstances
) -> bool:
    """Whether rule ``r`` gives a deadline to ``side`` (two-step rules: domain.md)."""
    if r.event_for(facts.landlord_units) not in events:
        return False
    if r.only_if is not None and not CONDITIONS[r.only_if](case_type, facts):
        return False
    if r.variant(facts.housing).left_out is not None:
        return False
    first = _first_step(r, events, facts.housing)
    if first == "late":
        return False
    return side in r.sides or side in r.shown_to or (r.after_rule is not None and first == "met")


def left_out(case_type: str, facts: Circumstances | None = None) -> list[str]:
    """Why rules of a case type are not computed for this housing, as msgids, one per reason.

    Args:
        case_type: a case type id.
        facts: the housing and other facts, where known.

    Returns:
        The plain reasons, without repeats, in table order; empty when nothing is left out.
    """
    housing = (facts or Circumstances()).housing
    named = set(_case_type(case_type).rules)
    reasons: list[str] = []
    for r in RULES:
        reason = r.variant(housing).left_out
        if r.id in named and reason is not None and reason not in reasons:
            reasons.append(reason)
    return reasons


def deadlines_for(
    case_type: str,
    side: str,
    events: Mapping[str, date],
    today: date,
    facts: Circumstances | None = None,
    *,
    addressed: bool = False,
) -> list[Deadline]:
    """The deadlines that matter to one side of a case, earliest end first.

    Args:
        case_type: a case type id, e.g. ``rent_increase``.
        side: ``tenant``, ``landlord`` or ``tenant_board`` (a representative gives the side they
            act for).
        events: the known event dates by event id. A rule whose event is missing is left out;
            ``objection_sent`` makes an objection rule ``met`` or ``late`` and decides whether
            the landlord's filing rule applies.
        today: the day to count ``days_left`` from.
        facts: the housing, municipality and landlord's number of homes, where known; they
            pick the appeal route, count July or not, and name the law that fits the housing.
        addressed: True when the texts are read by the filer on ``side`` themselves, who is
            then told "you must object" rather than "the tenant must object". The CLI, which
            does not know its reader, and the JSON keep the third person.

    Returns:
        One deadline per rule that applies, sorted by end date (ties in table order).

    Raises:
        UnknownIdError: the case type, side or an event name is not a known id.
    """
    if case_type not in CASE_TYPES:
        raise UnknownIdError(
            t(
                "There is no case type called {value}. Use one of: {valid}.",
                value=case_type,
                valid=", ".join(CASE_TYPES),
            )
        )
    if side not in SIDES:
        raise UnknownIdError(
            t(
                "There is no side called {value}. Use one of: {valid}."
                " A representative gives the side they act for.",
                value=side,
                valid=", ".join(SIDES),
            )
        )
    for event in events:
        if event not in EVENTS:
            raise UnknownIdError(
                t(
                    "There is no event called {value}. Use one of: {valid}.",
                    value=event,
                    valid=", ".join(EVENTS),
                )
            )
    known = facts or Circumstances()
    named = set(_case_type(case_type).rules)
    found = [
        deadline(
            r,
            events[r.event_for(known.landlord_units)],
            today,
            done_on=events.get(r.done_by) if r.done_by else None,
            own=side in r.sides,
            housing=known.housing,
            event=r.event_for(known.landlord_units),
            wording=r.addressed.get(side) if addressed else None,
        )
        for r in RULES
        if (r.every_case or r.id in named) and _applies(r, case_type, side, events, known)
    ]
    return sorted(found, key=lambda d: d.ends)
