"""A page's multipart/form-data post, read part by part: its text fields, and its files
streamed into the blob store and checked (:mod:`assistant.filetypes`), never held whole in memory.

The chat's question page (:mod:`assistant.web.uploads`) and Mine sager's reply form
(:mod:`assistant.web.mine.replies`) read their posts with it. Each decides what becomes of a
file part: when the CSRF field is checked, which call records the file, how a refusal is shown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Final

from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.http_exceptions import HttpProcessingError
from multidict import MultiDict, MultiDictProxy

from assistant.api.views import BROKEN_UPLOAD, FILE_TOO_LARGE, PART_HEADER, UPLOAD_CHUNK
from assistant.filetypes import MAX_FILE_BYTES, clean_filename
from assistant.service.conversation import Conversation
from assistant.service.uploads import Accepted
from statemachine.errors import LimitError, RequestError
from statemachine.text import t

MAX_FIELD: Final = 256 * 1024
"""The longest text field of a form (a long answer is far shorter)."""

OnFile = Callable[[BodyPartReader, MultiDict[str]], Awaitable[None]]
"""What becomes of a part named ``file``, given the text fields read before it. It reads the
part to its end or releases it."""


async def read(request: web.Request, on_file: OnFile) -> MultiDict[str]:
    """Read a multipart post: collect its text fields, and hand each file part to ``on_file``.

    Returns:
        The text fields, in the order they came.

    Raises:
        RequestError: the form data is broken, or a text field is too long.
    """
    form: MultiDict[str] = MultiDict()
    try:
        # A long file name is shortened for display, not refused as broken form data.
        reader = MultipartReader(request.headers, request.content, max_field_size=PART_HEADER)
    except (AssertionError, ValueError, KeyError) as exc:
        raise RequestError(t(BROKEN_UPLOAD)) from exc
    try:
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                await part.release()
                continue
            if part.name == "file":
                await on_file(part, form)
                continue
            form.add(part.name or "", await _text(part))
    except (HttpProcessingError, ValueError) as exc:
        raise RequestError(t(BROKEN_UPLOAD)) from exc
    return form


async def fields(request: web.Request) -> MultiDict[str]:
    """The text fields of a post that is not multipart (a url-encoded form)."""
    post: MultiDictProxy[Any] = await request.post()
    return MultiDict((k, v) for k, v in post.items() if isinstance(v, str))


async def stream(conversation: Conversation, part: BodyPartReader) -> Accepted:
    """Stream a file part into a temporary blob, then check it and keep it in the blob store.

    Raises:
        LimitError: the file is larger than :data:`~assistant.filetypes.MAX_FILE_BYTES`.
        UploadError: the file is refused by its content (see ``Conversation.accept_file``).
    """
    with conversation.upload() as upload:
        filename = clean_filename(part.filename or "")
        while chunk := await part.read_chunk(UPLOAD_CHUNK):
            if upload.size + len(chunk) > MAX_FILE_BYTES:
                raise LimitError(t(FILE_TOO_LARGE))
            upload.write(chunk)
        return await asyncio.to_thread(conversation.accept_file, upload, filename)


async def _text(part: BodyPartReader) -> str:
    """A text field's value, read line by line.

    Not by ``read_chunk``: for a part of unknown length that may push bytes back into the
    stream with aiohttp's deprecated ``unread_data`` (a DeprecationWarning, an error under
    the tests' warning filter), depending on how the body arrived in packets.
    """
    lines: list[bytes] = []
    size = 0
    while not part.at_eof():
        line = await part.readline()
        size += len(line)
        if size > MAX_FIELD:
            raise RequestError(t(BROKEN_UPLOAD))
        lines.append(line)
    return b"".join(lines).decode(part.get_charset("utf-8"), errors="replace")
