"""The staff slice's one call that mounts it on the service's app (``naevn/web/app.py``)."""

from __future__ import annotations

from aiohttp import web

from console.api import routes
from console.public import routes as public


def setup(app: web.Application) -> None:
    """Mount the staff HTTP API (``/api/v1/staff``) and the public registers (``/registre``,
    ``/api/v1/public``) on ``app``."""
    routes.setup(app)
    public.setup(app)
