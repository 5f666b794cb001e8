"""Mine sager's route table, and the one call that mounts it on the service's app."""

from __future__ import annotations

from typing import Final

from aiohttp import web

from assistant.web.mine import session, views

ROUTES: Final = (
    web.get("/mine", views.index, name="mine_index"),
    web.post("/mine/email", views.email, name="mine_email"),
    web.post("/mine/code", views.code, name="mine_code"),
    web.post("/mine/access", views.access, name="mine_access"),
    web.post("/mine/stay", views.stay, name="mine_stay"),
    web.post("/mine/signout", views.sign_out, name="mine_signout"),
    web.post("/mine/drafts/{draft}", views.continue_draft, name="mine_draft"),
    web.get("/mine/cases/{number}", views.case, name="mine_case"),
    web.get("/mine/cases/{number}/files/{attachment}", views.download, name="mine_file"),
    web.post("/mine/cases/{number}/reply", views.reply, name="mine_reply"),
)
"""A party's own pages (issue 11, part 2)."""


def setup(app: web.Application) -> None:
    """Mount Mine sager on ``app``; its service is made at startup over the conversation
    (:data:`assistant.api.keys.CONVERSATION`), which must be on the app by then."""
    app.router.add_routes(ROUTES)
    app.on_startup.append(session.start)
