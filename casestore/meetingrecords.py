"""The board's meetings as the store gives them: frozen rows, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

SEATS: Final = ("chair", "tenant_member", "landlord_member")
"""The three seats of a meeting: the chair (formand) and the two members."""
ITEM_KINDS: Final = ("case", "inspection")
"""What an agenda item is: a case, or an inspection (besigtigelse) of its home."""


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One seat at a meeting."""

    seat: str
    """One of :data:`SEATS`."""
    name: str
    staff_id: int | None
    """Their ``board_member`` staff account, if any."""


@dataclass(frozen=True, slots=True)
class AgendaItemRow:
    """One item of an agenda, with what the agenda shows of its case."""

    id: int
    position: int
    kind: str
    """One of :data:`ITEM_KINDS`."""
    case_id: int
    number: str
    case_type: str
    address: str
    parties_label: str
    """The filers, then the other side (``Anna Jensen / Boligselskabet Nord``)."""
    status: str
    lang: str
    inspection_at: datetime | None
    place: str | None
    summoned_at: datetime | None


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """A meeting with its members and its agenda in order."""

    id: int
    tribunal: str
    starts_at: datetime
    place: str
    created_at: datetime
    created_by: str
    members: tuple[MemberRow, ...]
    items: tuple[AgendaItemRow, ...]
