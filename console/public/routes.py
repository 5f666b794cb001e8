"""The public registers' route table, and the one call that mounts it on the service's app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Final

from aiohttp import web

from console.api.keys import DESK
from console.public import views
from console.public.keys import REGISTERS

API: Final = "/api/v1/public"
"""Where the registers' JSON and CSV live."""

API_ROUTES: Final = (
    web.get(f"{API}/decisions", views.api_decisions, name="public_decisions"),
    web.get(f"{API}/decisions.csv", views.csv_decisions, name="public_decisions_csv"),
    web.get(f"{API}/decisions/{{id}}", views.api_decision, name="public_decision"),
    web.get(f"{API}/decisions/{{id}}/document", views.document, name="public_document"),
    web.get(f"{API}/rents", views.api_rents, name="public_rents"),
    web.get(f"{API}/rents.csv", views.csv_rents, name="public_rents_csv"),
)
"""The registers' API: each route is in the OpenAPI document under its name
(:mod:`console.public.openapi`)."""

PAGES: Final = (
    web.get("/registre", views.index, name="registers_index"),
    web.get("/registre/afgoerelser", views.decisions_page, name="registers_decisions"),
    web.get("/registre/afgoerelser/{id}", views.decision_page, name="registers_decision"),
    web.get("/registre/huslejer", views.rents_page, name="registers_rents"),
    web.get("/registre/static/{name}", views.static, name="registers_static"),
)
"""The registers' pages (HTML, and their stylesheet)."""

ROUTES: Final = (*API_ROUTES, *PAGES)
"""Every route of the registers (issue 12 §4)."""


def setup(app: web.Application) -> None:
    """Mount the public registers on ``app``.

    They read the store the desk was opened on (:data:`console.api.keys.DESK`), through the
    staff slice's offloader, once the app has started.
    """
    app.router.add_routes(ROUTES)
    app.cleanup_ctx.append(_registers)


async def _registers(app: web.Application) -> AsyncIterator[None]:
    app[REGISTERS] = app[DESK].registers()
    yield
