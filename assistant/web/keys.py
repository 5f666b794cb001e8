"""The web pages' typed app keys."""

from __future__ import annotations

from typing import Final

from aiohttp import web

DRAFT_DAYS: Final = web.AppKey("web_draft_days", int)
"""How many days an untouched draft is kept (the service's draft retention), said on the page
that gives the resume code."""
