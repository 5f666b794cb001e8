"""The web pages' typed app keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from aiohttp import web

from statemachine.text import Text

DRAFT_DAYS: Final = web.AppKey("web_draft_days", int)
"""How many days an untouched draft is kept (the service's draft retention), said on the page
that gives the resume code."""

PageError = Callable[[web.Request, int, Text], web.Response]
"""Renders a refusal the service made before any view ran (aiohttp's 404, 405, 413) as a page."""

PAGE_ERROR: Final[web.AppKey[PageError]] = web.AppKey("web_page_error")
"""The error page for requests a browser makes to the pages (not the API): the service's
error middleware asks it instead of answering JSON."""
