"""A reply's multipart post: its text and its files, each streamed into the blob store and
checked as the chat's uploads are (:mod:`assistant.web.multipart`), never held whole in memory.

The CSRF field comes first in the form; it is checked before any file is stored, so a forged
post stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import BodyPartReader, web
from multidict import MultiDict

from assistant.api.keys import CONVERSATION
from assistant.service.mine.cases import REPLY_FILES
from assistant.service.uploads import Accepted
from assistant.web import csrf, multipart
from statemachine.errors import UploadError
from statemachine.text import Text


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
        posted.form = await multipart.fields(request)
        csrf.check(request, posted.form)
        return posted
    checked = False

    async def on_file(part: BodyPartReader, form: MultiDict[str]) -> None:
        nonlocal checked
        if not checked:
            csrf.check(request, form)
            checked = True
        await _file(request, part, posted)

    posted.form = await multipart.read(request, on_file)
    if not checked:
        csrf.check(request, posted.form)
    return posted


async def _file(request: web.Request, part: BodyPartReader, posted: PostedReply) -> None:
    """Stream one file part into the blob store and check it, or note why it was refused."""
    if not part.filename:
        await part.release()  # no file chosen in this input
        return
    if posted.error is not None or len(posted.files) >= REPLY_FILES:
        await part.release()
        return
    try:
        posted.files.append(await multipart.stream(request.app[CONVERSATION], part))
    except UploadError as err:
        posted.error = err.message
        await part.release()
