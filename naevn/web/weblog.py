"""The service's logs: one JSON object per line on stderr, each tagged with its request id."""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Final

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

REQUEST_ID: Final[ContextVar[str | None]] = ContextVar("naevn_request_id", default=None)
"""The id of the request being handled, for every log line written while handling it."""

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message"}
"""Attributes every log record has; anything else was passed in ``extra=`` and is logged."""


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line: time, level, logger, event, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON object on one line."""
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        request_id = REQUEST_ID.get()
        if request_id is not None:
            line["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def setup(level: int = logging.INFO) -> None:
    """Send every log record to stderr as JSON lines (once per process)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # transitions logs every callback at INFO: thousands of lines per filing, and slow.
    for chatty in ("transitions", "alembic"):
        logging.getLogger(chatty).setLevel(logging.WARNING)


class AccessLogger(AbstractAccessLogger):
    """One JSON line per request; off unless ``naevn serve --access-log`` asks for it."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        """Log the request's method, path, status and duration."""
        self.logger.info(
            "request",
            extra={
                "request_id": response.headers.get("X-Request-Id"),
                "method": request.method,
                "path": request.path,
                "status": response.status,
                "ms": round(time * 1000, 2),
            },
        )
