"""Embedded mode: the store and the dialogue in this process, no service needed."""

from __future__ import annotations

from datetime import timedelta

from assistant.service.conversation import Conversation
from casestore import Store
from naevn.settings import Settings
from statemachine.flows import intake


def open_store(settings: Settings) -> Store:
    """Open (and if needed create and migrate) the store the settings name."""
    return Store.open(settings.db, settings.blob_dir)


def conversation(settings: Settings) -> Conversation:
    """A conversation service on the embedded store, for the one person at this machine: a
    chat restarted at once after it was killed resumes at once (no quiet time after a
    resume, which only the service needs against resumes racing with one code)."""
    return Conversation(
        open_store(settings),
        intake.engine(settings.draft_retention_days),
        settings.clock,
        draft_days=settings.draft_retention_days,
        resume_quiet=timedelta(0),
    )
