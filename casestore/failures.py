"""What the store says when it fails, and driver errors turned into naevn errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError

from statemachine.errors import ConflictError, StoreError
from statemachine.text import N_, t

CONFLICT = N_("That was already saved by someone else.")
UNAVAILABLE = N_("The case store is busy or unavailable. Please try again.")
NO_DRAFT = N_("That filing could not be found. It may have expired.")
STALE = N_("This filing was changed somewhere else. Please reload it and try again.")
SUBMITTED = N_("This filing has already been sent.")
NO_FILE = N_("That file could not be found.")
FOREIGN_FILE = N_("That file belongs to another filing.")
LOST_FILE = N_("The file {filename} is no longer stored. Please upload it again.")
NO_CASE = N_("There is no case with the number {number}.")


@contextmanager
def translated() -> Iterator[None]:
    """Re-raise a broken uniqueness rule as ConflictError, other driver errors as StoreError."""
    try:
        yield
    except IntegrityError as exc:
        raise ConflictError(t(CONFLICT)) from exc
    except DBAPIError as exc:
        raise StoreError(t(UNAVAILABLE)) from exc
    except StatementError as exc:
        # A value the column cannot take (e.g. not JSON-serialisable, a naive datetime) is the
        # caller's bug: surface the plain TypeError/ValueError, not SQLAlchemy's wrapper.
        if isinstance(exc.orig, Exception):
            raise exc.orig from exc
        raise
