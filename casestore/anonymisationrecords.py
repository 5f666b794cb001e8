"""An anonymisation as the store keeps it: the replacements of one decision version's text,
as the caseworker left them, and whether they are accepted for publication."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

PROPOSED: Final = "proposed"
"""The replacements are being reviewed: nothing of them may be published yet."""
ACCEPTED: Final = "accepted"
"""The caseworker accepted the preview: its result is what the registers publish."""

SPAN_FIELDS: Final = ("start", "end", "original", "replacement", "kind", "source", "kept")
"""The keys of a stored replacement."""


@dataclass(frozen=True, slots=True)
class AnonymisationRow:
    """The anonymisation of one decision version of a case."""

    id: int
    """The row's id."""
    case_id: int
    """The case."""
    decision_version: int
    """The decision version whose text it anonymises."""
    version: int
    """1 once saved, one more at each save or acceptance (a stale one is refused)."""
    state: str
    """:data:`PROPOSED` or :data:`ACCEPTED`."""
    text: str
    """The decision's text as it was anonymised (in Danish)."""
    spans: tuple[Mapping[str, Any], ...]
    """Every replacement, kept or reverted, in text order (keys :data:`SPAN_FIELDS`)."""
    updated_at: datetime
    """When it was last saved."""
    updated_by: str
    """Who saved it last."""
    accepted_at: datetime | None
    """When the preview was accepted (None while proposed)."""
    accepted_by: str | None
    """Who accepted it."""

    @property
    def accepted(self) -> bool:
        """Whether the preview is accepted for publication."""
        return self.state == ACCEPTED


__all__ = ["ACCEPTED", "PROPOSED", "SPAN_FIELDS", "AnonymisationRow"]
