"""The app keys naevn itself owns: what the factory opens and builds for every slice.

A slice's own keys live in the slice (``assistant/api/keys.py``), because the slices must not
import ``naevn``; the factory fills those in too.
"""

from __future__ import annotations

from typing import Final

from aiohttp import web

from casestore import Store
from naevn.settings import Settings
from naevn.web.limits import RateLimiter

SETTINGS: Final = web.AppKey("settings", Settings)
"""The settings the app was built with."""
STORE: Final = web.AppKey("store", Store)
"""The case store the app opened on start-up and closes on shutdown."""
LIMITER: Final = web.AppKey("limiter", RateLimiter)
"""The per-client rate limits the rate-limit middleware enforces."""
