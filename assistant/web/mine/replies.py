"""A reply's multipart post: its text and its files, each streamed into the blob store and
checked as the chat's uploads are (:mod:`assistant.filetypes`), never held whole in memory.

The CSRF field comes first in the form; it is checked before any file is stored, so a forged
post stores nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp.http_exceptions import HttpProcessingError
from multidict import MultiDict

from assistant.api.keys import CONVERSATION
from assistant.api.views import BROKEN_UPLOAD, FILE_TOO_LARGE, PART_HEADER, UPLOAD_CHUNK
from assistant.filetypes import MAX_FILE_BYTES, clean_filename
from assistant.service.mine.cases import REPLY_FILES
from assistant.service.uploads import Accepted
from assistant.web import csrf
from assistant.web.uploads import MAX_FIELD
from statemachine.errors import LimitError, RequestError, UploadError
from statemachine.text import Text, t


@dataclass
class PostedReply:
    """What a reply form posted."""

    form: MultiDict[str] = field(default_factory=MultiDict)
    """The text fields."""
    files: list[Accepted] = field(default_factory=list)
    """The files, checked and kept in the blob store (not yet on the case)."""
    error: Text | str | None = None
    """Why a file was refused."""


async def read(request: web.Request) -> PostedReply:
    """Read a reply form (multipart or not).

    Raises:
        AccessError: the CSRF field is missing or wrong (before any file is stored).
        RequestError: the form data is broken.
    """
    posted = PostedReply()
    if not request.content_type.startswith("multipart/"):
        form = await request.post()
        posted.form.extend((k, v) for k, v in form.items() if isinstance(v, str))
        csrf.check(request, posted.form)
        return posted
    try:
        reader = MultipartReader(request.headers, request.content, max_field_size=PART_HEADER)
    except (AssertionError, ValueError, KeyError) as exc:
        raise RequestError(t(BROKEN_UPLOAD)) from exc
    checked = False
    try:
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                await part.release()
                continue
            if part.name == "file":
                if not checked:
                    csrf.check(request, posted.form)
                    checked = True
                await _file(request, part, posted)
                continue
            posted.form.add(part.name or "", await _text(part))
    except (HttpProcessingError, ValueError) as exc:
        raise RequestError(t(BROKEN_UPLOAD)) from exc
    if not checked:
        csrf.check(request, posted.form)
    return posted


async def _text(part: BodyPartReader) -> str:
    chunks: list[bytes] = []
    size = 0
    while chunk := await part.read_chunk(UPLOAD_CHUNK):
        size += len(chunk)
        if size > MAX_FIELD:
            raise RequestError(t(BROKEN_UPLOAD))
        chunks.append(chunk)
    return b"".join(chunks).decode(part.get_charset("utf-8"), errors="replace")


async def _file(request: web.Request, part: BodyPartReader, posted: PostedReply) -> None:
    """Stream one file part into the blob store and check it, or note why it was refused."""
    if not part.filename:
        await part.release()  # no file chosen in this input
        return
    if posted.error is not None or len(posted.files) >= REPLY_FILES:
        await part.release()
        return
    conversation = request.app[CONVERSATION]
    try:
        with conversation.upload() as upload:
            filename = clean_filename(part.filename)
            while chunk := await part.read_chunk(UPLOAD_CHUNK):
                if upload.size + len(chunk) > MAX_FILE_BYTES:
                    raise LimitError(t(FILE_TOO_LARGE))
                upload.write(chunk)
            accepted = await asyncio.to_thread(conversation.accept_file, upload, filename)
        posted.files.append(accepted)
    except UploadError as err:
        posted.error = err.message
        await part.release()
