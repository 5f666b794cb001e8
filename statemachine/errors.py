"""The one error base of naevn, and its family.

Every error naevn raises on purpose derives from :class:`NaevnError`::

    NaevnError                  message + title, shown to a person as is
    ├── UnknownIdError          an id that is not in the catalog (case type, role, event, state)
    ├── InvalidInputError       an answer that does not fit the question (carries a Text)
    ├── FlowError               a flow definition that does not hold together
    ├── StoreError              the store could not do what was asked        (raised by casestore)
    │   ├── NotFoundError       no such draft, case or attachment
    │   └── ConflictError       a stale draft version, or a duplicate
    │       └── StepRefusedError a lifecycle step that does not apply now (case unchanged)
    ├── AccessError             a caller without the right to what they asked for
    │   └── AuthenticationError no credentials at all
    ├── UploadError             a file that cannot be accepted               (raised by assistant)
    │   ├── FileTypeError       content of a type naevn does not accept
    │   └── LimitError          a file, or a case's files together, over a limit
    ├── RequestError            an HTTP request the service cannot read
    └── RateLimitError          too many requests from one client

Each class names its HTTP status and the ``error.code`` the API reports it under, one of
:data:`ERROR_CODES`, the one list both APIs' documents give.

Boundaries catch ``NaevnError``: the HTTP layer turns it into a JSON error body, the terminal
prints one plain sentence and goes on, the console calls ``notify(severity="error")``.
"""

from __future__ import annotations

from typing import Any, Final

from statemachine.text import Text

ERROR_CODES: Final = (
    "bad_request",
    "unauthorized",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "conflict",
    "too_large",
    "unsupported_media_type",
    "invalid",
    "too_many_requests",
    "unavailable",
    "internal",
)
"""Every ``error.code`` the service's APIs answer with: the errors' own and the HTTP layer's
(``method_not_allowed`` for a route that does not take the method)."""


class NaevnError(Exception):
    """Base of every deliberate naevn error.

    Attributes:
        message: a plain sentence for the person who caused it, untranslated (a ``Text``) or
            already plain (a ``str``, for operators and scripts).
        title: a short heading for UIs that show one.
        code: the machine-readable kind, as the HTTP API names it in ``error.code``.
        status: the HTTP status the API answers with.
        details: extra top-level fields for the API's error body (e.g. the current turn).
    """

    title = "Error"
    code = "internal"
    status = 500
    details: dict[str, Any] | None = None
    lang: str | None = None
    """The language of the person it is for, when the one who raised it knows (the filer's
    choice in the dialogue); None: the request's own language."""

    def __init__(self, message: Text | str, title: str | None = None) -> None:
        super().__init__(message.msgid if isinstance(message, Text) else message)
        self.message = message
        if title is not None:
            self.title = title


class UnknownIdError(NaevnError):
    """An id that the catalog does not know: a case type, role, event or state."""

    title = "Unknown id"
    code = "not_found"
    status = 404


class InvalidInputError(NaevnError):
    """An answer that does not fit the question. The dialogue shows ``message`` and asks again."""

    title = "Please check your answer"
    code = "invalid"
    status = 422


class FlowError(NaevnError):
    """A flow definition that names something unregistered or cannot reach its end."""

    title = "Broken flow"
    code = "internal"
    status = 500


class StoreError(NaevnError):
    """The store could not do what was asked."""

    title = "Store error"
    code = "unavailable"
    status = 503


class NotFoundError(StoreError):
    """No draft, case or attachment with that id or number."""

    title = "Not found"
    code = "not_found"
    status = 404


class ConflictError(StoreError):
    """A stale draft version was saved, or something that must be unique already exists."""

    title = "Conflict"
    code = "conflict"
    status = 409


class StepRefusedError(ConflictError):
    """A lifecycle step that does not apply to the case now: not from its status, or a rule
    (a guard) does not hold. The message says which rule, in plain words; the case is unchanged."""

    title = "Step not possible"
    code = "conflict"
    status = 409


class UploadError(NaevnError):
    """A file that cannot be accepted: missing, empty, too large or of a refused type."""

    title = "File not accepted"
    code = "invalid"
    status = 422


class FileTypeError(UploadError):
    """A file whose content is of a type naevn does not accept (archives, programs, …)."""

    title = "File type not accepted"
    code = "unsupported_media_type"
    status = 415


class LimitError(UploadError):
    """A file that is too large, or one file too many or too much for one case."""

    title = "Over the limit"
    code = "too_large"
    status = 413


class AccessError(NaevnError):
    """A caller who may not do what they asked: a missing, wrong or another filer's token."""

    title = "Not allowed"
    code = "forbidden"
    status = 403


class RequestError(NaevnError):
    """A request the service cannot read: not JSON, the wrong shape, or missing a part."""

    title = "Bad request"
    code = "bad_request"
    status = 400


class AuthenticationError(AccessError):
    """A request without a bearer token where one is needed."""

    title = "Sign-in needed"
    code = "unauthorized"
    status = 401


class RateLimitError(NaevnError):
    """Too many requests from one client in a short time."""

    title = "Too many requests"
    code = "too_many_requests"
    status = 429

    def __init__(self, message: Text | str, retry_after: int) -> None:
        """Args:
        message: what to tell the client.
        retry_after: whole seconds until a new request will be accepted.
        """
        super().__init__(message)
        self.retry_after = retry_after
