"""What the store says when it fails, and driver errors turned into naevn errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError

from statemachine.errors import ConflictError, InvalidInputError, StoreError
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
NO_STAFF = N_("That member of staff could not be found.")
STALE_CASE = N_("Someone else changed case {number} a moment ago. Please reload it and try again.")
BAD_CURSOR = N_("That page of the list can no longer be found. Please start from the top.")
BAD_LIMIT = N_("A page can hold from 1 to 500 cases.")
NO_TODAY = N_("A deadline filter needs today's date.")
NO_PARTY = N_("That party is not part of case {number}.")
NO_HEARING = N_("That hearing is not part of case {number}.")
FOREIGN_ATTACHMENT = N_("That document is not part of case {number}.")
NO_FILTER = N_("You have no saved filter called {name}.")


class QueryError(StoreError, InvalidInputError):
    """A request the store cannot run as asked: a malformed queue cursor, a page size out of
    range, a party or document of another case. The API answers 422, like other invalid
    input."""

    title = "Please check your request"
    code = "invalid"
    status = 422


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
