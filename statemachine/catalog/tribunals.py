"""The tribunals: a huslejenævn and a beboerklagenævn for each municipality, or one shared by
several (domain.md §1.1), each with the code staff are scoped by: ``hln-101``, ``bkn-161``.

A shared tribunal takes the code of its host, the first municipality named in
``SHARED_TRIBUNALS`` (Glostrup hosts Glostrup and Albertslund).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from statemachine.catalog.ids import Housing
from statemachine.catalog.municipalities import MUNICIPALITIES, SHARED_TRIBUNALS, municipality
from statemachine.errors import UnknownIdError
from statemachine.text import Text, t

Board = Literal["hln", "bkn"]
"""The kind of tribunal: huslejenævn (private rentals) or beboerklagenævn (social housing)."""

BOARDS: Final[dict[Housing, Board]] = {"private": "hln", "social": "bkn"}
"""Which kind of tribunal takes a case, by the housing it is about."""


@dataclass(frozen=True)
class Tribunal:
    """One tribunal, of one municipality or shared by several."""

    code: str
    """``hln-<kommunekode>`` or ``bkn-<kommunekode>``, with the host's code if shared."""
    board: Board
    """Whether it is a huslejenævn or a beboerklagenævn."""
    members: tuple[int, ...]
    """The municipalities it serves, host first."""

    @property
    def name(self) -> Text:
        """Its name as a phrase: "the rent tribunal (huslejenævnet) for Glostrup and
        Albertslund"."""
        names = [municipality(code).name for code in self.members]
        area: Text | str = names[0]
        if len(names) > 1:
            area = t("{first} and {second}", first=", ".join(names[:-1]), second=names[-1])
        if self.board == "bkn":
            return t("the residents' complaints board (beboerklagenævnet) for {area}", area=area)
        return t("the rent tribunal (huslejenævnet) for {area}", area=area)


def _served_by() -> dict[int, tuple[int, ...]]:
    """Each municipality's tribunal members, host first."""
    served: dict[int, tuple[int, ...]] = {m.code: (m.code,) for m in MUNICIPALITIES}
    for shared in SHARED_TRIBUNALS:
        for code in shared:
            served[code] = shared
    return served


_SERVED_BY: Final = _served_by()

TRIBUNALS: Final[tuple[Tribunal, ...]] = tuple(
    Tribunal(f"{board}-{members[0]}", board, members)
    for board in ("hln", "bkn")
    for members in sorted(set(_SERVED_BY.values()))
)
"""Every tribunal: the huslejenævn first, then the beboerklagenævn, each by host code."""

_BY_CODE: Final[dict[str, Tribunal]] = {tr.code: tr for tr in TRIBUNALS}


def tribunal(code: str) -> Tribunal:
    """Look a tribunal up by its code, such as ``hln-101``.

    Raises:
        UnknownIdError: if no tribunal has that code.
    """
    try:
        return _BY_CODE[code.strip().lower()]
    except KeyError:
        raise UnknownIdError(
            t(
                "There is no tribunal with the code {value}. Codes look like hln-101 or bkn-751; "
                "naevn staff tribunals lists them.",
                value=code,
            )
        ) from None


def tribunal_for(housing: Housing, municipality_code: int) -> Tribunal:
    """The tribunal that takes a case about a home of ``housing`` in a municipality.

    Raises:
        UnknownIdError: if no municipality has that code, or the housing has no tribunal
            (commercial leases).
    """
    municipality(municipality_code)
    board = BOARDS.get(housing)
    if board is None:
        raise UnknownIdError(t("The tribunals do not take cases about commercial leases."))
    return _BY_CODE[f"{board}-{_SERVED_BY[municipality_code][0]}"]
