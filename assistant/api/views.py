"""The filer API's handlers (design.md, "Service API"): thin views over the conversation.

Each view reads the request, checks its shape, hands the work to the conversation service
(:data:`assistant.api.keys.CONVERSATION`) and writes JSON. Nothing about a dialogue is kept in
this process between requests, and no view touches the store. Errors are raised as
:class:`statemachine.errors.NaevnError`; the service's middleware turns them into
``{"error": {"code", "message"}}`` with the error's status, in the filer's language.
"""

from __future__ import annotations

import asyncio
import json
import re
import zlib
from typing import Any, Final

from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from assistant.api.keys import CONVERSATION, LANG, OFFLOAD, OPENAPI
from assistant.api.openapi import document
from assistant.filetypes import MAX_FILE_BYTES, clean_filename
from assistant.protocol import Turn
from assistant.service.conversation import Started
from assistant.service.uploads import NOT_IN_CASE
from casestore.failures import NO_DRAFT
from locales import LANGUAGES
from statemachine.errors import (
    AuthenticationError,
    ConflictError,
    FileTypeError,
    InvalidInputError,
    LimitError,
    NotFoundError,
    RequestError,
)
from statemachine.text import N_, t

UPLOAD_CHUNK: Final = 64 * 1024
"""Bytes read from an upload at a time; an upload is never held whole in memory."""
MULTIPART_OVERHEAD: Final = 64 * 1024
"""Room for multipart headers and boundaries on top of the largest file."""

MAX_JSON_BODY: Final = 256 * 1024
"""The largest JSON request body, also once inflated (the app's ``client_max_size``)."""
PART_HEADER: Final = 128 * 1024
"""The longest header line of a multipart part (a file name of thousands of characters)."""

_INFLATE: Final = {
    "gzip": 16 + zlib.MAX_WBITS,
    "x-gzip": 16 + zlib.MAX_WBITS,
    "deflate": zlib.MAX_WBITS,
}
"""The window-bits that tell zlib each content encoding a JSON body may come in."""

_ATTACHMENT = re.compile(r"a_[A-Za-z0-9_-]{1,64}")
"""An attachment id as we make them."""
_KEY = re.compile(r"[\x21-\x7e]{1,200}")
"""An Idempotency-Key: 1 to 200 visible ASCII characters."""
_TOKEN = re.compile(r"[\x21-\x7e]{1,200}")
"""A bearer token as a client may send it: visible ASCII (ours are url-safe base64)."""
_SESSION = re.compile(r"s_[A-Za-z0-9_-]{1,64}")
"""A session id as we make them (see ``assistant/service/codes.py``)."""

NOT_JSON = N_("The request body must be a JSON object, for example {example}.")
NO_TOKEN = N_(
    "This request needs the session's token, sent as 'Authorization: Bearer <token>'. "
    "If you lost it, continue with your resume code."
)
BAD_KEY = N_("The Idempotency-Key header must be 1 to 200 visible ASCII characters.")
BAD_LANG = N_("Choose the language da (Danish) or en (English).")
NO_CODE = N_("Send the resume code you were given, for example {example}.")
NO_FILE_PART = N_("Send the file as a multipart form field named 'file'.")
BROKEN_UPLOAD = N_(
    "The upload could not be read: the form data is broken. Please try sending the file again."
)
NO_LENGTH = N_("Send the file with a Content-Length header, as browsers do.")
ENCODED_UPLOAD = N_(
    "Send the file as it is, without compressing the request (no Content-Encoding)."
)
UNKNOWN_ENCODING = N_(
    "Send the request uncompressed, or compressed with gzip or deflate (Content-Encoding)."
)
TOO_LARGE_INFLATED = N_("The request is too large once unpacked. Send less at a time.")
FILE_TOO_LARGE = N_(
    "The file is larger than 20 MB, the limit per file. Split it or make it smaller, for "
    "example by scanning at a lower resolution."
)


async def start(request: web.Request) -> web.Response:
    """``POST /api/v1/sessions``: start a dialogue in the language asked for."""
    body = await _json_body(request, optional=True)
    lang = body.get("lang", "da")
    if lang not in LANGUAGES:
        raise InvalidInputError(t(BAD_LANG))
    request[LANG] = lang
    conversation = request.app[CONVERSATION]
    started: Started = await request.app[OFFLOAD](lambda: conversation.start(lang))
    payload = {
        "session": started.session,
        "token": started.token,
        "resume_code": started.resume_code,
        "turn": started.turn,
    }
    return _json(payload, status=201)


async def resume(request: web.Request) -> web.Response:
    """``POST /api/v1/sessions/resume``: continue a saved draft by its resume code."""
    body = await _json_body(request)
    code = body.get("resume_code")
    if not isinstance(code, str) or not 0 < len(code) <= 100:
        raise InvalidInputError(t(NO_CODE, example="7KQ2-M9XD-4TFA-JW3B"))
    conversation = request.app[CONVERSATION]
    resumed: Started = await request.app[OFFLOAD](lambda: conversation.resume(code))
    request[LANG] = resumed.turn["lang"]
    return _json({"session": resumed.session, "token": resumed.token, "turn": resumed.turn})


async def current(request: web.Request) -> web.Response:
    """``GET /api/v1/sessions/{id}``: the session's current turn."""
    session, token = _session(request), _token(request)
    conversation = request.app[CONVERSATION]
    turn: Turn = await request.app[OFFLOAD](lambda: conversation.current(session, token=token))
    return _json(turn)


async def answer(request: web.Request) -> web.Response:
    """``POST /api/v1/sessions/{id}/answers``: apply one answer, return the next turn."""
    session, token = _session(request), _token(request)
    key = request.headers.get("Idempotency-Key")
    if key is not None and not _KEY.fullmatch(key):
        raise RequestError(t(BAD_KEY))
    body = await _json_body(request)
    conversation = request.app[CONVERSATION]
    try:
        turn: Turn = await request.app[OFFLOAD](
            lambda: conversation.answer(session, body, token=token, idempotency_key=key)
        )
    except ConflictError as err:
        # The conflict carries the turn the filing is at now, shown to the stale tab so it
        # can go on from there; the error is in that turn's (the session's) language.
        now = (err.details or {}).get("turn")
        if now is not None:
            request[LANG] = now["lang"]
        raise
    return _json(turn)


async def attach(request: web.Request) -> web.Response:
    """``POST /api/v1/sessions/{id}/attachments``: stream one file to disk, check and keep it.

    The file is written to a temporary blob as it arrives and never held in memory. Its type
    is read from its content; the name the filer gave is kept for display only.
    """
    session, token = _session(request), _token(request)
    conversation = request.app[CONVERSATION]
    offload = request.app[OFFLOAD]
    length = request.content_length
    if length is None:
        raise RequestError(t(NO_LENGTH))
    # Nothing of the body is read before the draft is known to be open with room for it.
    incoming = max(length - MULTIPART_OVERHEAD, 1)
    request[LANG] = await offload(lambda: conversation.room_for_files(session, token, incoming))
    if length > MAX_FILE_BYTES + MULTIPART_OVERHEAD:
        raise LimitError(t(FILE_TOO_LARGE))
    if _encoded(request):
        raise FileTypeError(t(ENCODED_UPLOAD))
    try:
        # Part headers may hold a long file name (10,000 characters percent-encoded); it is
        # shortened for display, not refused as broken form data.
        reader = MultipartReader(request.headers, request.content, max_field_size=PART_HEADER)
    except (AssertionError, ValueError, KeyError) as exc:
        # aiohttp asserts the content type and boundary; both are the client's to fix.
        raise RequestError(t(NO_FILE_PART)) from exc
    with conversation.upload() as upload:
        try:
            part = await _file_part(reader)
            filename = clean_filename(part.filename or "file")
            while chunk := await part.read_chunk(UPLOAD_CHUNK):
                if upload.size + len(chunk) > MAX_FILE_BYTES:
                    raise LimitError(t(FILE_TOO_LARGE))
                upload.write(chunk)
            # Read to the closing boundary: a body cut off before it (ValueError) is a
            # truncated upload, not a whole file.
            while (rest := await reader.next()) is not None:
                await rest.release()
        except (HttpProcessingError, ValueError) as exc:
            # A broken multipart body: bad part headers, a missing boundary, bad encoding.
            raise RequestError(t(BROKEN_UPLOAD)) from exc
        accepted = await asyncio.to_thread(conversation.accept_file, upload, filename)
    meta = await offload(lambda: conversation.record_file(session, accepted, token))
    return _json({"attachment": meta}, status=201)


async def files(request: web.Request) -> web.Response:
    """``GET /api/v1/sessions/{id}/attachments``: the files uploaded to the draft."""
    session, token = _session(request), _token(request)
    conversation = request.app[CONVERSATION]
    listed = await request.app[OFFLOAD](lambda: conversation.files(session, token))
    return _json(listed)


async def remove_file(request: web.Request) -> web.Response:
    """``DELETE /api/v1/sessions/{id}/attachments/{attachment}``: remove an unused file."""
    session, token = _session(request), _token(request)
    attachment = request.match_info["attachment"]
    if not _ATTACHMENT.fullmatch(attachment):
        raise NotFoundError(t(NOT_IN_CASE))
    conversation = request.app[CONVERSATION]
    removed = await request.app[OFFLOAD](
        lambda: conversation.remove_file(session, attachment, token)
    )
    return _json({"attachment": removed})


async def openapi(request: web.Request) -> web.Response:
    """``GET /api/v1/openapi.json``: the OpenAPI 3 description of the service's API."""
    return _json(request.app.get(OPENAPI) or document())


# --- helpers ----------------------------------------------------------------------------------


def _token(request: web.Request) -> str:
    """The bearer token of the request.

    Raises:
        AuthenticationError: none was sent.
    """
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not _TOKEN.fullmatch(token):
        raise AuthenticationError(t(NO_TOKEN))
    return token


def _session(request: web.Request) -> str:
    """The session id in the path.

    Raises:
        NotFoundError: it is not shaped like one, so no session has it.
    """
    session = request.match_info["id"]
    if not _SESSION.fullmatch(session):
        raise NotFoundError(t(NO_DRAFT))
    return session


async def _json_body(request: web.Request, *, optional: bool = False) -> dict[str, Any]:
    """The request's JSON object body.

    Raises:
        RequestError: the body is not a JSON object (an empty body is ``{}`` if ``optional``).
    """
    raw = await request.read()
    if _encoded(request):
        raw = await _decoded(request, raw)
    if optional and not raw.strip():
        return {}
    try:
        body = json.loads(raw)
        if b"\\u" in raw:
            # Only a \u escape can make a lone surrogate ("\\ud800"), which is no text and could
            # not be stored or shown; UTF-8 bytes never decode to one.
            json.dumps(body, ensure_ascii=False).encode()
    except (ValueError, RecursionError):
        # ValueError: not UTF-8, not JSON, or an integer of thousands of digits;
        # RecursionError: JSON nested thousands deep. No answer is either.
        body = None
    if not isinstance(body, dict):
        raise RequestError(t(NOT_JSON, example='{"value": "tenant"}'))
    return body


def _encoded(request: web.Request) -> bool:
    """Whether the body is compressed (the service reads bodies as sent, not inflated)."""
    return request.headers.get("Content-Encoding", "identity").strip().lower() != "identity"


async def _decoded(request: web.Request, raw: bytes) -> bytes:
    """A gzip or deflate JSON body, inflated to at most :data:`MAX_JSON_BODY` bytes.

    A large one is inflated in a worker thread, so the event loop serves others meanwhile.

    Raises:
        FileTypeError: another encoding.
        LimitError: it inflates to more than the limit.
        RequestError: it is not valid in its encoding.
    """
    encoding = request.headers["Content-Encoding"].strip().lower()
    if encoding not in _INFLATE:
        raise FileTypeError(t(UNKNOWN_ENCODING))
    inflater = zlib.decompressobj(_INFLATE[encoding])

    def inflate() -> bytes:
        out = inflater.decompress(raw, MAX_JSON_BODY + 1)
        if len(out) > MAX_JSON_BODY:
            raise LimitError(t(TOO_LARGE_INFLATED))
        if not inflater.eof:
            raise RequestError(t(NOT_JSON, example='{"value": "tenant"}'))
        return out

    try:
        return await asyncio.to_thread(inflate) if len(raw) > 64 * 1024 else inflate()
    except zlib.error as exc:
        raise RequestError(t(NOT_JSON, example='{"value": "tenant"}')) from exc


async def _file_part(reader: Any) -> BodyPartReader:
    """The multipart part named ``file``; other parts are skipped.

    Raises:
        RequestError: there is no such part.
    """
    while True:
        part = await reader.next()
        if part is None:
            raise InvalidInputError(t(NO_FILE_PART))
        if isinstance(part, BodyPartReader) and part.name == "file":
            return part
        await part.release()


def _json(payload: Any, *, status: int = 200) -> web.Response:
    return web.json_response(payload, status=status, dumps=dumps)


def dumps(payload: Any) -> str:
    """JSON as the API writes it: UTF-8 text, no padding."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
