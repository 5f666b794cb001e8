"""The labels the staff side shows for ids: parties' roles, audit events, deadline states.

Statuses, steps, reasons and staff roles have their labels in the lifecycle
(:mod:`statemachine.flows.lifecycle`), case types and documents in the catalog; this module
names the rest, and looks a deadline rule's label up wherever the rule is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from statemachine.catalog import secretariat
from statemachine.catalog.deadlines import rule
from statemachine.text import N_, Text, t

PARTY_ROLES: Final[Mapping[str, str]] = {
    "filer": N_("Filer"),
    "representative": N_("Representative"),
    "co_party": N_("Co-party"),
    "counterparty": N_("Counterparty"),
}
"""What a party is to the case (a msgid each)."""

EVENTS: Final[Mapping[str, str]] = {
    "draft.started": N_("Filing started"),
    "draft.resumed": N_("Filing continued with the resume code"),
    "draft.file_uploaded": N_("Document uploaded"),
    "draft.file_removed": N_("Document removed"),
    "case.submitted": N_("Case filed"),
    "case.step": N_("Status changed"),
    "case.assigned": N_("Assigned"),
    "case.note": N_("Note added"),
    "case.message": N_("Message sent"),
    "case.hearing": N_("Hearing started"),
    "case.reply": N_("Reply received"),
    "case.reply_received": N_("Reply or message from a party received"),
    "case.agenda_added": N_("Put on the agenda of a board meeting"),
    "case.agenda_moved": N_("Moved on the agenda of a board meeting"),
    "case.agenda_removed": N_("Taken off the agenda of a board meeting"),
    "case.summoned": N_("Parties summoned to the board meeting"),
    "case.decision": N_("Decision registered"),
    "case.decision_corrected": N_("Decision corrected"),
    "case.anonymisation_saved": N_("Anonymisation saved"),
    "case.anonymised": N_("Anonymisation accepted for publication"),
    "case.republished": N_("Corrected decision published again"),
    "case.exported": N_("Exported for the records system (ESDH)"),
    "demo.case": N_("Made as a demo case"),
}
"""Each audit event's label (a msgid); an event of another kind shows its kind."""

DEADLINE_STATES: Final[Mapping[str, str]] = {
    "met": N_("Done in time"),
    "late": N_("Done too late"),
    "expired": N_("Passed"),
    "due_soon": N_("Due soon"),
    "open": N_("Open"),
}
"""What a deadline's status means (a msgid each)."""

FILER = N_("The filer")
"""Who an audit event of the filer's dialogue was by."""
SYSTEM = N_("The system")
"""Who an audit event nobody in particular caused was by."""


def party_role(role: str) -> Text:
    """The label of a party's role; its id if the store has another."""
    return t(PARTY_ROLES[role]) if role in PARTY_ROLES else Text(role)


def event(kind: str) -> Text:
    """The label of an audit event's kind."""
    return t(EVENTS[kind]) if kind in EVENTS else Text(kind)


def deadline_state(status: str) -> Text:
    """The label of a deadline's status."""
    return t(DEADLINE_STATES[status]) if status in DEADLINE_STATES else Text(status)


def rule_label(rule_id: str) -> Text:
    """A deadline rule's label: the secretariat's short one ("Decide the case"), or for the
    filer's rules who must do what.

    Raises:
        UnknownIdError: no rule has that id.
    """
    if rule_id in secretariat.LABELS:
        return secretariat.secretariat_label(rule_id)
    return Text(rule(rule_id).who_acts)
