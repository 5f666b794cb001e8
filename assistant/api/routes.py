"""The filer slice's route table, and the one call that mounts it on the service's app."""

from __future__ import annotations

from typing import Final

from aiohttp import web

from assistant.api import views

ROUTES: Final = (
    web.post("/api/v1/sessions", views.start, name="start"),
    web.post("/api/v1/sessions/resume", views.resume, name="resume"),
    web.get("/api/v1/sessions/{id}", views.current, name="current"),
    web.post("/api/v1/sessions/{id}/answers", views.answer, name="answer"),
    web.post("/api/v1/sessions/{id}/attachments", views.attach, name="attach"),
    web.get("/api/v1/sessions/{id}/attachments", views.files, name="files"),
    web.delete(
        "/api/v1/sessions/{id}/attachments/{attachment}", views.remove_file, name="remove_file"
    ),
    web.get("/api/v1/openapi.json", views.openapi, name="openapi"),
)
"""The filer API (design.md, "Service API"). Routes are named: the rate limiter holds
``start`` and ``resume`` to their own rates."""


def setup(app: web.Application) -> None:
    """Mount the filer API on ``app``.

    The views expect :data:`assistant.api.keys.CONVERSATION` and :data:`assistant.api.keys.OFFLOAD`
    on the app by the time it serves (the factory puts them there on start-up).
    """
    app.router.add_routes(ROUTES)
