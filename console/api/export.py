"""``GET /api/v1/staff/cases/{number}/export``: one case as a ZIP, for the ESDH.

The desk checks the caller and notes the export (:mod:`console.desk.export`); the response
then streams the ZIP as it is written, a chunk at a time, so a case with large documents is
never held in memory. Like a file download, the response is sent once the service's
middlewares have added their headers (the request id, the security headers). A failure after
the first byte (a document's content gone from the blob store) cuts the response short: the
client sees a broken transfer, never a ZIP missing a file.
"""

from __future__ import annotations

from collections.abc import Generator

from aiohttp import hdrs, web
from aiohttp.abc import AbstractStreamWriter

from console.api.keys import STAFF_OFFLOAD, Offload
from console.api.views import _caller, _run, view


class ZipResponse(web.StreamResponse):
    """A ZIP sent from its chunks: the first already read, the rest read as they are sent."""

    def __init__(
        self, first: bytes, rest: Generator[bytes, None, None], offload: Offload, name: str
    ) -> None:
        super().__init__(
            headers={
                "Content-Type": "application/zip",
                "Content-Disposition": f'attachment; filename="{name}"',
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, no-store",
            }
        )
        self._first: bytes | None = first
        self._rest = rest
        self._offload = offload

    async def prepare(self, request: web.BaseRequest) -> AbstractStreamWriter | None:
        """Send the headers, then every chunk (none for ``HEAD``)."""
        writer = await super().prepare(request)
        chunk, self._first = self._first, None
        try:
            if request.method != hdrs.METH_HEAD:
                while chunk is not None:
                    await self.write(chunk)
                    chunk = await self._offload(lambda: next(self._rest, None))
        finally:
            self._rest.close()
        return writer


@view
async def export(request: web.Request) -> web.StreamResponse:
    """``GET /api/v1/staff/cases/{number}/export``: the case's ZIP."""
    desk, staff, _ = await _caller(request)
    number = request.match_info["number"]
    found = await _run(request, lambda: desk.export(staff, number))
    chunks = desk.export_chunks(found)
    # case.json is written before the response starts: a failure to write it is still an
    # error answer.
    first = await _run(request, lambda: next(chunks, b""))
    return ZipResponse(first, chunks, request.app[STAFF_OFFLOAD], found.filename)
