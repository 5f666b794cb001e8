"""The public registers' typed app key, set when the app starts (see `routes.setup`)."""

from __future__ import annotations

from typing import Final

from aiohttp import web

from console.public.service import Registers

REGISTERS: Final = web.AppKey("public_registers", Registers)
"""The registers over the store the app opened."""
