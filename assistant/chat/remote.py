"""A chat channel over HTTP: the filer API of a running naevn service, spoken through httpx.

:class:`HttpChannel` gives the terminal chat the same turns as the embedded store does, so
``naevn chat --server URL`` looks exactly like ``naevn chat``. What only the client can do, it
does here: it keeps the bearer tokens, uploads the files a filer names by path, and retries an
answer whose response was lost under the same ``Idempotency-Key``, so it is applied once.
"""

from __future__ import annotations

import stat
import time
import uuid
from pathlib import Path
from types import TracebackType
from typing import Any, Final, cast

import httpx

from assistant.filetypes import MAX_FILE_BYTES, check_file, clean_filename
from assistant.protocol import NOT_YOURS, RESUME_QUIET_SECONDS, Attachment, Files, Turn
from locales import translator
from statemachine.errors import (
    AccessError,
    AuthenticationError,
    ConflictError,
    FileTypeError,
    InvalidInputError,
    LimitError,
    NaevnError,
    NotFoundError,
    RateLimitError,
    RequestError,
    StoreError,
    UploadError,
)
from statemachine.text import N_, Text, t

API: Final = "/api/v1"
"""Where the filer API lives under the service's address."""

UNREACHABLE = N_(
    "The naevn service at {url} cannot be reached. Check the address, or try again later."
)
UNEXPECTED = N_(
    "The naevn service at {url} gave an answer this chat does not understand "
    "(HTTP status {status}). Try again later."
)
UNREADABLE = N_("We could not read {name}. Check that you are allowed to open it, then try again.")

ERRORS: Final[dict[int, type[NaevnError]]] = {
    400: RequestError,
    401: AuthenticationError,
    403: AccessError,
    404: NotFoundError,
    409: ConflictError,
    413: LimitError,
    415: FileTypeError,
    422: InvalidInputError,
}
"""The error each HTTP status stands for; 429 is a :class:`RateLimitError`, and any other
status a :class:`StoreError`."""

REFUSED_FILE: Final[dict[int, type[UploadError]]] = {
    413: LimitError,
    415: FileTypeError,
    422: UploadError,
}
"""Statuses with which the service refuses an uploaded file, and the error each means."""

_TURN_KEYS: Final = frozenset({"state", "messages", "prompt", "input", "errors", "done"})


class HttpChannel:
    """A :class:`~assistant.chat.channel.Channel` onto a naevn service's filer API.

    Answers and uploads that fail on the way (no connection, a timeout, 503) are tried again a
    few times with growing pauses. Each answer carries a fresh ``Idempotency-Key`` that its
    retries repeat, so an answer whose response was lost is still applied only once. A retried
    upload may leave an unused copy of the file with the draft; it never becomes part of an
    answer.
    """

    def __init__(
        self,
        base_url: str,
        client: httpx.Client | None = None,
        *,
        lang: str = "da",
        attempts: int = 4,
        backoff: float = 0.25,
    ) -> None:
        """Args:
        base_url: the service's address, such as ``http://127.0.0.1:8080``.
        client: the httpx client to send with; by default one of our own, closed by
            :meth:`close`. Its ``base_url`` is not used.
        lang: the language the service should answer in before a session's own is known
            (a resume code that matches nothing, say).
        attempts: how many times to try a request before giving up.
        backoff: the pause before the first retry, in seconds; it doubles for each next one.
        """
        self.base_url = base_url.rstrip("/")
        self._own_client = client is None
        self.client = client or httpx.Client(timeout=httpx.Timeout(30.0, connect=5.0))
        self.lang = lang
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self._tokens: dict[str, str] = {}
        self._turns: dict[str, Turn] = {}

    def __enter__(self) -> HttpChannel:
        """Use the channel in a ``with`` block that closes it."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Close the channel."""
        self.close()

    def close(self) -> None:
        """Close the HTTP client, if this channel made it."""
        if self._own_client:
            self.client.close()

    def start(self, lang: str) -> tuple[str, str, Turn]:
        """Start a session on the service: (session id, resume code, first turn)."""
        self.lang = lang
        body = self._expect(self._send("POST", "/sessions", json={"lang": lang}))
        session, token = _string(body, "session"), _string(body, "token")
        code = body.get("resume_code")
        if session is None or token is None or not isinstance(code, str):
            raise self._unexpected(201)
        self._tokens[session] = token
        return session, code, self._keep(session, body.get("turn"))

    def resume(self, code: str) -> tuple[str, Turn]:
        """Continue a saved session by its resume code: (session id, current turn)."""
        response = self._send("POST", "/sessions/resume", json={"resume_code": code})
        if response.status_code == 409:
            # Resumed a moment ago: by this filer's chat that just stopped, most likely. Once
            # the quiet time is over, the code works again; another device would lose it.
            time.sleep(RESUME_QUIET_SECONDS)
            response = self._send("POST", "/sessions/resume", json={"resume_code": code})
        body = self._expect(response)
        session, token = _string(body, "session"), _string(body, "token")
        if session is None or token is None:
            raise self._unexpected(200)
        self._tokens[session] = token
        return session, self._keep(session, body.get("turn"))

    def current(self, session: str) -> Turn:
        """The session's current turn, as the service has it now."""
        response = self._send("GET", f"/sessions/{session}", session=session)
        return self._keep(session, self._expect(response))

    def answer(self, session: str, answer: Any, resume_code: str | None) -> Turn:
        """Send one answer and return the next turn.

        Files named by path are uploaded first and sent as attachment ids; a file that is
        refused, here or by the service, comes back as the same turn with the reason in
        ``errors``. An answer without a ``version`` gets the one of the last turn seen, so an
        answer meant for an older question is refused (409); the service's current turn then
        comes back with the reason in ``errors``.

        Raises:
            NaevnError: the service refused the answer (by status, see :data:`ERRORS`), or could
                not be reached.
        """
        last = self._turns.get(session) or self.current(session)
        try:
            sent = self._with_files(session, last, answer)
        except UploadError as err:
            # As the embedded chat does: the question again, as it stands, with the reason.
            return _with_error(self.current(session), _words(err, str(last.get("lang", "da"))))
        if isinstance(sent, dict) and "version" not in sent and "version" in last:
            sent = {**sent, "version": last["version"]}
        key = str(uuid.uuid4())
        response = self._send(
            "POST", f"/sessions/{session}/answers", session=session, json=sent, key=key
        )
        if response.status_code == 409:
            body = self._object(response)
            if isinstance(body.get("turn"), dict):
                current = self._keep(session, body["turn"])
                return _with_error(current, self._message(response, body))
        turn = self._keep(session, self._expect(response))
        return _with_code(turn, resume_code)

    def files(self, session: str) -> Files:
        """The files uploaded to the session's draft, as the service lists them."""
        response = self._send("GET", f"/sessions/{session}/attachments", session=session)
        body = self._expect(response)
        listed, in_use = body.get("attachments"), body.get("in_use")
        if not isinstance(listed, list) or not all(_is_attachment(a) for a in listed):
            raise self._unexpected(response.status_code)
        if not isinstance(in_use, list) or not all(isinstance(i, str) for i in in_use):
            raise self._unexpected(response.status_code)
        return {"attachments": cast(list[Attachment], listed), "in_use": in_use}

    def remove_file(self, session: str, attachment_id: str) -> Attachment:
        """Remove an unused file on the service; returns what it was.

        Raises:
            NaevnError: the service refused (an answer names it: 409; no such file: 404).
        """
        response = self._send(
            "DELETE", f"/sessions/{session}/attachments/{attachment_id}", session=session
        )
        removed = self._expect(response).get("attachment")
        if not _is_attachment(removed):
            raise self._unexpected(response.status_code)
        return cast(Attachment, removed)

    def _with_files(self, session: str, last: Turn, answer: Any) -> Any:
        """The answer with each ``{"path": FILE}`` uploaded and replaced by its attachment."""
        if (
            not isinstance(answer, dict)
            or answer.get("action") is not None
            or last["input"].get("kind") != "file"
        ):
            return answer
        value = answer.get("value")
        refs: list[Any] = value if isinstance(value, list) else [value]
        paths = [_path(ref) for ref in refs]
        if not any(paths):
            return answer
        sent = [
            ref if path is None else self._upload(session, path)
            for ref, path in zip(refs, paths, strict=True)
        ]
        return {**answer, "value": sent if isinstance(value, list) else sent[0]}

    def _upload(self, session: str, path: Path) -> dict[str, str]:
        """Upload one file; returns the reference to send in its place.

        Raises:
            UploadError: the file is missing or unfit (said as the embedded chat says it), or
                the service refused it.
        """
        path = path.expanduser()
        _check_locally(path)
        response = self._send(
            "POST", f"/sessions/{session}/attachments", session=session, file=path
        )
        if response.status_code in REFUSED_FILE:
            refused = REFUSED_FILE[response.status_code]
            raise refused(self._message(response, self._object(response)))
        attachment = self._expect(response).get("attachment")
        found = _string(attachment, "id") if isinstance(attachment, dict) else None
        if found is None:
            raise self._unexpected(response.status_code)
        return {"attachment": found}

    def _send(
        self,
        method: str,
        path: str,
        *,
        session: str | None = None,
        json: Any = None,
        key: str | None = None,
        file: Path | None = None,
    ) -> httpx.Response:
        """One request, tried again on a lost connection, a timeout or a 503."""
        turn = self._turns.get(session) if session is not None else None
        headers = {"Accept-Language": str(turn.get("lang", self.lang)) if turn else self.lang}
        if session is not None:
            token = self._tokens.get(session)
            if token is None:
                raise AccessError(t(NOT_YOURS))
            headers["Authorization"] = f"Bearer {token}"
        if key is not None:
            headers["Idempotency-Key"] = key
        url = f"{self.base_url}{API}{path}"
        for attempt in range(1, self.attempts + 1):
            last_try = attempt == self.attempts
            try:
                if file is None:
                    response = self.client.request(method, url, headers=headers, json=json)
                else:
                    response = self._post_file(url, headers, file)
            except httpx.UnsupportedProtocol:
                raise StoreError(t(UNREACHABLE, url=self.base_url)) from None
            except httpx.TransportError:
                if last_try:
                    raise StoreError(t(UNREACHABLE, url=self.base_url)) from None
                self._pause(attempt, None)
                continue
            if response.status_code == 503 and not last_try:
                self._pause(attempt, response.headers.get("Retry-After"))
                continue
            return response
        raise AssertionError("unreachable: the last attempt always returns or raises")

    def _post_file(self, url: str, headers: dict[str, str], path: Path) -> httpx.Response:
        """Stream one file as the multipart field ``file`` (httpx reads it in chunks)."""
        try:
            handle = path.open("rb")
        except OSError:
            raise UploadError(t(UNREADABLE, name=clean_filename(path.name))) from None
        with handle:
            # The service judges the type by content; the part's type claims nothing.
            part = (path.name, handle, "application/octet-stream")
            return self.client.post(url, headers=headers, files={"file": part})

    def _pause(self, attempt: int, retry_after: str | None) -> None:
        wait = self.backoff * 2 ** (attempt - 1)
        if retry_after is not None and retry_after.isdigit():
            wait = max(wait, min(float(retry_after), 5.0))
        if wait > 0:
            time.sleep(wait)

    def _keep(self, session: str, turn: Any) -> Turn:
        """Check that ``turn`` looks like a turn, and remember it as the session's latest."""
        if not isinstance(turn, dict) or not _TURN_KEYS.issubset(turn):
            raise self._unexpected(200)
        if not isinstance(turn["input"], dict):
            raise self._unexpected(200)
        # The service speaks the protocol (its OpenAPI document says so field by field); the
        # chat reads only the fields checked here, and renders the rest as given.
        kept = cast(Turn, turn)
        self._turns[session] = kept
        return kept

    def _expect(self, response: httpx.Response) -> dict[str, Any]:
        """The JSON object of a successful response.

        Raises:
            NaevnError: the response is an error (by its status), or not a JSON object.
        """
        body = self._object(response)
        if response.is_success:
            return body
        message = self._message(response, body)
        if response.status_code == 429:
            wait = response.headers.get("Retry-After", "")
            raise RateLimitError(message, int(wait) if wait.isdigit() else 1)
        raise ERRORS.get(response.status_code, StoreError)(message)

    def _object(self, response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise self._unexpected(response.status_code)
        return body

    def _message(self, response: httpx.Response, body: dict[str, Any]) -> str:
        """The service's own words for an error, already in the filer's language."""
        error = body.get("error")
        message = error.get("message") if isinstance(error, dict) else None
        if isinstance(message, str) and message.strip():
            return message
        raise self._unexpected(response.status_code)

    def _unexpected(self, status: int) -> StoreError:
        return StoreError(t(UNEXPECTED, url=self.base_url, status=status))


def _check_locally(path: Path) -> None:
    """Refuse, in the embedded chat's words, a file that is not there or cannot be sent.

    Only what the service cannot see is judged here: whether the path is a readable, ordinary
    file of a size the service takes. Its content is for the service to judge.
    """
    try:
        info = path.stat()
        sendable = stat.S_ISREG(info.st_mode) and 0 < info.st_size <= MAX_FILE_BYTES
    except OSError:
        sendable = False
    if not sendable:
        # check_file raises with the wording of the embedded chat for each of these cases.
        check_file(path)


def _path(ref: Any) -> Path | None:
    """The file a ``{"path": FILE}`` reference names, or None for any other value."""
    named = ref.get("path") if isinstance(ref, dict) else None
    return Path(named) if isinstance(named, str) else None


def _is_attachment(value: Any) -> bool:
    """Whether the service's answer is an attachment's metadata."""
    return isinstance(value, dict) and all(
        isinstance(value.get(k), str) for k in ("id", "filename", "media_type")
    )


def _string(body: Any, key: str) -> str | None:
    value = body.get(key) if isinstance(body, dict) else None
    return value if isinstance(value, str) and value else None


def _words(err: NaevnError, lang: str) -> str:
    """An error's message in ``lang``; a service's message is already in the filer's language."""
    return translator(lang).render(err.message) if isinstance(err.message, Text) else err.message


def _with_error(turn: Turn, error: str) -> Turn:
    """The turn, showing ``error`` and nothing said before it: how bad input comes back in
    every chat (the engine leaves a state's intro out of a turn with errors, too)."""
    shown = turn.copy()
    shown["errors"] = [error]
    shown["messages"] = []
    return shown


def _with_code(turn: Turn, code: str | None) -> Turn:
    """The turn, with the resume code in the note that the answers were saved.

    The service keeps only a hash of the code, so it can only say "use your resume code"; the
    filer's own chat knows the code and says it, as the embedded chat does.
    """
    if not code or not turn["messages"]:
        return turn
    tr = translator(str(turn.get("lang", "da")))
    plain = tr.render(t("Your answers are saved. Use your resume code to continue later."))
    if plain not in turn["messages"]:
        return turn
    with_code = tr.render(
        t("Your answers are saved. To continue later, use this code: {code}", code=code)
    )
    shown = turn.copy()
    shown["messages"] = [with_code if m == plain else m for m in turn["messages"]]
    return shown
