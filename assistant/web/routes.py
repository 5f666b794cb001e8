"""The chat pages' route table, and the one call that mounts it on the service's app."""

from __future__ import annotations

from typing import Final

from aiohttp import web

from assistant.web import pages
from assistant.web.keys import PAGE_ERROR

ROUTES: Final = (
    web.get("/", pages.index, name="web_index"),
    web.post("/start", pages.start, name="web_start"),
    web.post("/resume", pages.resume, name="web_resume"),
    web.get("/chat", pages.chat, name="web_chat"),
    web.post("/chat", pages.answer, name="web_answer"),
    web.get("/chat/saved", pages.saved, name="web_saved"),
    web.post("/chat/stay", pages.stay, name="web_stay"),
    web.get("/receipt", pages.receipt, name="web_receipt"),
    web.get("/lang/{lang}", pages.language, name="web_lang"),
    web.get("/static/{name}", pages.static, name="web_static"),
)
"""The citizen's pages (the page contract of issue 11)."""


def setup(app: web.Application) -> None:
    """Mount the chat pages on ``app``.

    The views expect the conversation and the offloader of :mod:`assistant.api.keys`, and
    :data:`assistant.web.keys.DRAFT_DAYS`, on the app by the time it serves.
    """
    app.router.add_routes(ROUTES)
    app[PAGE_ERROR] = pages.error_page
