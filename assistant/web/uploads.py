"""A question page's multipart post: its fields, and its file streamed into the blob store.

The file goes through the same conversation calls as the JSON API's upload
(:func:`assistant.api.views.attach`): room_for_files, upload, accept_file, record_file. It is
never held whole in memory (:mod:`assistant.web.multipart` reads the post). The CSRF check runs
on the fields before the file, which the page's form sends first, so a forged post stores
nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from aiohttp import BodyPartReader, web
from multidict import MultiDict

from assistant.api.keys import CONVERSATION, OFFLOAD
from assistant.api.views import FILE_TOO_LARGE, MULTIPART_OVERHEAD
from assistant.filetypes import MAX_FILE_BYTES
from assistant.protocol import Attachment
from assistant.web import csrf, multipart
from assistant.web.cookies import Draft
from statemachine.errors import LimitError, UploadError
from statemachine.text import Text, t


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
    posted.form = await multipart.read(request, functools.partial(_file, request, draft, posted))
    return posted


async def _file(
    request: web.Request,
    draft: Draft,
    posted: Posted,
    part: BodyPartReader,
    form: MultiDict[str],
) -> None:
    """Stream the file part into the blob store and record it, or note why it was refused."""
    if not part.filename:
        await part.release()  # no file chosen
        return
    csrf.check(request, form)
    conversation = request.app[CONVERSATION]
    offload = request.app[OFFLOAD]
    length = request.content_length or 0
    incoming = max(length - MULTIPART_OVERHEAD, 1)
    try:
        await offload(lambda: conversation.room_for_files(draft.session, draft.token, incoming))
        if length > MAX_FILE_BYTES + MULTIPART_OVERHEAD:
            raise LimitError(t(FILE_TOO_LARGE))
        accepted = await multipart.stream(conversation, part)
        token = draft.token
        posted.attachment = await offload(
            lambda: conversation.record_file(draft.session, accepted, token)
        )
    except UploadError as err:
        posted.error = err.message
        await part.release()  # the rest of the file is read and dropped
