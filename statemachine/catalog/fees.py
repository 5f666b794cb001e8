"""The tribunal fees by year (domain.md §5), and the plain facts about paying them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from statemachine.catalog import casetypes
from statemachine.catalog.ids import Housing, Side
from statemachine.errors import NaevnError
from statemachine.text import N_, Money, Text, t

FeeKind = Literal[
    "huslejenaevn_filing",
    "beboerklagenaevn_filing",
    "advance_approval",
    "inspection",
    "landlord_fee",
]
"""Which fee a figure is: filing at either tribunal, the special fees, or the landlord fee."""

# Kroner by kind and year, as found (domain.md §5). A year missing here was not found; the
# look-ups fall back to the latest earlier year and say so. Fees are indexed each 1 January.
FEES: Final[dict[FeeKind, dict[int, Decimal]]] = {
    "huslejenaevn_filing": {
        # 2014 is the pre-reform fee at 2014 prices (nominally 100 kr).
        2014: Decimal(140),
        2015: Decimal(300),
        2019: Decimal(312),
        2020: Decimal(314),
        2021: Decimal(315),
        2023: Decimal(345),
        2024: Decimal(357),
    },
    "landlord_fee": {
        2015: Decimal(2080),
        2019: Decimal(2165),
        # The 2020 figure held for cases filed before 1 July 2020, when the fee was raised.
        2020: Decimal(2180),
        2021: Decimal(6024),
        2023: Decimal(6597),
        2024: Decimal(6827),
    },
    # Advance approval of the rent, LL § 132, stk. 2.
    "advance_approval": {
        2014: Decimal(3500),
        2015: Decimal(500),
        2021: Decimal(526),
        2023: Decimal(576),
        2024: Decimal(596),
    },
    # Inspection before a thorough improvement, LL § 19, stk. 3, per tenancy. The 2023 figure
    # (Middelfart) is above the 2024 one (Nyborg, Svendborg); one of them may be a typo.
    "inspection": {
        2021: Decimal(4016),
        2023: Decimal(4597),
        2024: Decimal(4552),
    },
    "beboerklagenaevn_filing": {
        2002: Decimal(110),
        2014: Decimal(140),
        2015: Decimal(141),
        2019: Decimal(146),
        2021: Decimal(147),
        2023: Decimal(161),
        2024: Decimal(167),
    },
}
"""Every known fee in kroner, by kind and year."""

# The special fees of lov om boligforhold § 82, stk. 1: advance approval of the rent (LL § 132,
# stk. 2) and the inspection before a thorough improvement (LL § 19, stk. 3). Every other case,
# a swap with improvements too, pays the ordinary filing fee.
_SPECIAL: Final[dict[str, FeeKind]] = {
    "advance_rent_approval": "advance_approval",
    "pre_improvement_inspection": "inspection",
}
_PER_UNIT: Final[frozenset[FeeKind]] = frozenset({"inspection"})


class NoFeeError(NaevnError):
    """No fee is known for that year, or no tribunal takes that kind of case."""

    title = "No fee known"


@dataclass(frozen=True)
class FeeQuote:
    """A fee, with the year the figure is from."""

    amount: Decimal
    """The fee in kroner."""
    year: int
    """The year the figure is from; earlier than ``requested_year`` when that is unknown."""
    requested_year: int
    """The year asked about."""
    per_unit: bool
    """Whether the fee is charged per tenancy rather than per case."""
    kind: FeeKind
    """Which fee this is."""

    @property
    def fallback(self) -> bool:
        """Whether the figure is the latest known one from an earlier year."""
        return self.year != self.requested_year


def _quote(kind: FeeKind, year: int) -> FeeQuote:
    known = [y for y in FEES[kind] if y <= year]
    if not known:
        raise NoFeeError(t("No fee is known for {year} or any earlier year.", year=str(year)))
    found = max(known)
    return FeeQuote(FEES[kind][found], found, year, kind in _PER_UNIT, kind)


def filing_fee(year: int, *, housing: Housing, case_type: str) -> FeeQuote:
    """The fee for filing a case in ``year``.

    Args:
        year: the year of filing.
        housing: the kind of home, which decides the tribunal.
        case_type: the case type; advance approvals and inspections have special fees.

    Returns:
        The fee. For a year with no known figure, the latest earlier figure, with its year.

    Raises:
        UnknownIdError: if the case type is unknown.
        NoFeeError: for a commercial lease, or a year before any known figure.
    """
    picked = casetypes.case_type(case_type).id
    if housing == "commercial":
        raise NoFeeError(t("The tribunals do not take cases about commercial leases."))
    if housing == "social":
        return _quote("beboerklagenaevn_filing", year)
    return _quote(_SPECIAL.get(picked, "huslejenaevn_filing"), year)


def landlord_fee(year: int) -> FeeQuote:
    """The fee a private landlord pays when the tenant wins fully, for a case decided in ``year``.

    Raises:
        NoFeeError: for a year before any known figure.
    """
    return _quote("landlord_fee", year)


def fee_sentence(quote: FeeQuote) -> Text:
    """One plain sentence stating a fee, and its year when it is an earlier figure."""
    amount = Money(quote.amount)
    if quote.per_unit and quote.fallback:
        return t(
            "The fee is {amount} for each tenancy. This is the latest known figure, from {year}.",
            amount=amount,
            year=str(quote.year),
        )
    if quote.per_unit:
        return t("The fee is {amount} for each tenancy.", amount=amount)
    if quote.fallback:
        return t(
            "The fee is {amount}. This is the latest known figure, from {year}.",
            amount=amount,
            year=str(quote.year),
        )
    return t("The fee is {amount}.", amount=amount)


_LANDLORD_FEE: Final[dict[bool, tuple[str, str]]] = {
    # For a landlord who files: the sentence with this year's amount, and with an earlier one.
    False: (
        N_(
            "If the tenant wins the case fully, the tribunal may charge you a further fee "
            "of {amount}."
        ),
        N_(
            "If the tenant wins the case fully, the tribunal may charge you a further fee. "
            "In {year} it was {amount}."
        ),
    ),
    # For a representative of a landlord.
    True: (
        N_(
            "If the tenant wins the case fully, the tribunal may charge the landlord a further "
            "fee of {amount}."
        ),
        N_(
            "If the tenant wins the case fully, the tribunal may charge the landlord a further "
            "fee. In {year} it was {amount}."
        ),
    ),
}


def fee_facts(year: int, *, housing: Housing, side: Side, represented: bool = False) -> list[Text]:
    """Who pays what, from the filer's side, for the fee step of the dialogue.

    The filer pays the filing fee, which is never refunded. In private housing the tribunal
    may charge the landlord a further fee when the tenant wins fully, whoever filed, but not
    on a partial win or a settlement (domain.md §5). That fee is left out for the
    beboerklagenævn, where no such fee was found.

    Args:
        year: the year of filing, for the landlord fee's amount.
        housing: the kind of home, which decides the tribunal.
        side: the side the filer is on (a representative's is the side they act for).
        represented: whether a representative files for someone else; the lines then name
            the side ("the landlord") rather than "you".

    Raises:
        NoFeeError: for a year before any known landlord fee (private housing only).
    """
    lines = [
        t("The one who files the case pays the fee. It is not refunded, whatever the outcome.")
    ]
    if housing != "private":
        return lines
    if side == "landlord":
        quote = landlord_fee(year)
        current, older = _LANDLORD_FEE[represented]
        lines.append(
            t(older, amount=Money(quote.amount), year=str(quote.year))
            if quote.fallback
            else t(current, amount=Money(quote.amount))
        )
        lines.append(t("It does not matter who filed the case."))
        lines.append(
            t("There is no further fee if the tenant wins only in part, or if the parties settle.")
        )
        return lines
    lines.append(
        t("If the tenant loses, it costs the tenant nothing more.")
        if represented
        else t("If you lose, it costs you nothing more.")
    )
    lines.append(
        t("If you win the case fully, the landlord may have to pay a fee to the tribunal.")
        if side == "tenant" and not represented
        else t(
            "If the tenant wins the case fully, the landlord may have to pay a fee to the tribunal."
        )
    )
    return lines


def paying() -> list[Text]:
    """How and when to pay the fee: the same at the fee step and on the receipt."""
    return [
        t(
            "The tribunal sends you the payment details in its first letter about your case. "
            "Pay by bank transfer, write the address of the home with the payment, and keep "
            "the receipt."
        ),
        t(
            "Some tribunals count a case as filed only once the fee is paid. If a deadline "
            "is close, pay at once."
        ),
    ]
