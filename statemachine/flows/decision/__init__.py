"""The draft decision (domain.md §4.5): its header, the box, the standard sentence and the four
sections, generated from the case and the box values as untranslated text (pure)."""

from __future__ import annotations

from statemachine.flows.decision.draft import (
    HEADINGS,
    CaseFacts,
    DraftDecision,
    DraftSection,
    FreeTexts,
    appeal_text,
    draft_decision,
    standard_texts,
)

__all__ = [
    "HEADINGS",
    "CaseFacts",
    "DraftDecision",
    "DraftSection",
    "FreeTexts",
    "appeal_text",
    "draft_decision",
    "standard_texts",
]
