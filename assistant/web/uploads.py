"""A question page's multipart post: its fields, and its file streamed into the blob store.

The file goes through the same conversation calls as the JSON API's upload
(:func:`assistant.api.views.attach`): room_for_files, upload, accept_file, record_file. It is
never held whole in memory. The CSRF check runs on the fields before the file, which the page's
form sends first, so a forged post stores nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Final

from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.http_exceptions import HttpProcessingError
from multidict import MultiDict

from assistant.api.keys import CONVERSATION, OFFLOAD
from assistant.api.views import (
    BROKEN_UPLOAD,
    FILE_TOO_LARGE,
    MULTIPART_OVERHEAD,
    PART_HEADER,
    UPLOAD_CHUNK,
)
from assistant.filetypes import MAX_FILE_BYTES, clean_filename
from assistant.protocol import Attachment
from assistant.web import csrf
from assistant.web.cookies import Draft
from statemachine.errors import LimitError, RequestError, UploadError
from statemachine.text import Text, t

MAX_FIELD: Final = 256 * 1024
"""The longest text field of a form (a long answer is far shorter)."""


@dataclass
class Posted:
    """What a question page posted."""

    form: MultiDict[str] = field(default_factory=MultiDict)
    """The text fields."""
    attachment: Attachment | None = None
    """The file uploaded with it, recorded on the draft."""
    error: Text | str | None = None
    """Why the file was refused, as a field error."""


async def read(request: web.Request, draft: Draft) -> Posted:
    """Read a multipart post; store its file, if it has one, against the draft.

    Raises:
        AccessError: the CSRF field is missing or wrong (before any file is stored).
        RequestError: the form data is broken.
    """
    posted = Posted()
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
                await _file(request, draft, part, posted)
                continue
            posted.form.add(part.name or "", await _text(part))
    except (HttpProcessingError, ValueError) as exc:
        raise RequestError(t(BROKEN_UPLOAD)) from exc
    return posted


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


async def _file(request: web.Request, draft: Draft, part: BodyPartReader, posted: Posted) -> None:
    """Stream the file part into the blob store and record it, or note why it was refused."""
    if not part.filename:
        await part.release()  # no file chosen
        return
    csrf.check(request, posted.form)
    conversation = request.app[CONVERSATION]
    offload = request.app[OFFLOAD]
    length = request.content_length or 0
    incoming = max(length - MULTIPART_OVERHEAD, 1)
    try:
        await offload(lambda: conversation.room_for_files(draft.session, draft.token, incoming))
        if length > MAX_FILE_BYTES + MULTIPART_OVERHEAD:
            raise LimitError(t(FILE_TOO_LARGE))
        with conversation.upload() as upload:
            filename = clean_filename(part.filename)
            while chunk := await part.read_chunk(UPLOAD_CHUNK):
                if upload.size + len(chunk) > MAX_FILE_BYTES:
                    raise LimitError(t(FILE_TOO_LARGE))
                upload.write(chunk)
            accepted = await asyncio.to_thread(conversation.accept_file, upload, filename)
        token = draft.token
        posted.attachment = await offload(
            lambda: conversation.record_file(draft.session, accepted, token)
        )
    except UploadError as err:
        posted.error = err.message
        await part.release()  # the rest of the file is read and dropped
