"""What a filed case's receipt says besides its turn's messages: the deadlines that still
matter (said as the review says them), and the fee to pay and how."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.service.answering import draft_of
from assistant.service.conversation import Conversation
from statemachine.flows.intake.summaries import case_deadlines, fee_to_pay
from statemachine.text import Text, t


@dataclass(frozen=True, slots=True)
class Receipt:
    """The receipt's own parts."""

    deadlines: list[Text]
    """The deadlines that are neither met nor passed, soonest first."""
    fee: list[Text]
    """The fee: its amount, whether to pay at once, and how to pay."""


def receipt_of(conversation: Conversation, session: str, token: str, today: date) -> Receipt:
    """The receipt's parts for the session's filed case.

    Raises:
        NotFoundError: no such session.
        AccessError: ``token`` is not this session's.
    """
    draft = draft_of(conversation.authorize(session, token))
    lines = []
    for d in case_deadlines(draft, today):
        if d.status in ("met", "late", "expired"):
            continue
        who = t(d.who_acts)
        if d.own:
            lines.append(t("{who} Do it by {act_by} at the latest.", who=who, act_by=d.act_by))
        else:
            lines.append(t("{who} By {ends} at the latest.", who=who, ends=d.ends))
    return Receipt(lines, fee_to_pay(draft, today))
