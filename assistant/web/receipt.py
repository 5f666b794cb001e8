"""The deadlines a filed case still has, said on the receipt as the review says them."""

from __future__ import annotations

from datetime import date

from assistant.service.answering import draft_of
from assistant.service.conversation import Conversation
from statemachine.flows.intake.summaries import case_deadlines
from statemachine.text import Text, t


def still_open(conversation: Conversation, session: str, token: str, today: date) -> list[Text]:
    """The deadlines of the session's case that are neither met nor passed, soonest first.

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
    return lines
