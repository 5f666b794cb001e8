"""The service's logs: one JSON object per line on stderr, each tagged with its request id.

What a flood can repeat thousands of times a second (refused accepts, refused connections,
unreadable requests) is logged through a :class:`Tally`: one line per interval, with a count.
"""

from __future__ import annotations

import asyncio
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

TALLY_SECONDS: Final = 10.0
"""The shortest time between two lines of one :class:`Tally`."""

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


class Tally:
    """Counts a recurring event and logs it at most once per interval, with how many there were.

    The first occurrence after a quiet interval is logged at once (``count`` 1); those after it
    are counted, and logged as one line when the interval ends. Every call happens on the event
    loop, which also ends the intervals.
    """

    def __init__(
        self,
        logger: logging.Logger,
        event: str,
        *,
        level: int = logging.WARNING,
        interval: float = TALLY_SECONDS,
    ) -> None:
        """Tally ``event`` on ``logger`` at ``level``, one line per ``interval`` seconds."""
        self._logger = logger
        self._event = event
        self._level = level
        self._interval = interval
        self._counted = 0
        self._facts: dict[str, Any] = {}
        self._timer: asyncio.TimerHandle | None = None

    def count(self, **facts: Any) -> None:
        """One more occurrence; ``facts`` (of the latest one) go on the next line."""
        self._counted += 1
        self._facts = facts
        if self._timer is None:
            self.end_interval()

    def end_interval(self) -> None:
        """Log what was counted since the last line, if anything, and start a new interval."""
        self._timer = None
        if not self._counted:
            return
        self._logger.log(self._level, self._event, extra={**self._facts, "count": self._counted})
        self._counted = 0
        self._timer = asyncio.get_running_loop().call_later(self._interval, self.end_interval)

    def close(self) -> None:
        """Log what is still counted, and stop the interval (when the service stops)."""
        if self._timer is not None:
            self._timer.cancel()
        self.end_interval()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
