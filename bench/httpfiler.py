"""Scripted filers over HTTP: whole filings through the filer API, many at a time.

Each simulated filer starts a session and answers turn after turn until the receipt. It picks
its answers the way ``bench/turns.py``'s :class:`Filer` does (the same profiles, fallbacks and
one ``back``). At the documents it uploads small real PDF and PNG files through the attachments
endpoint, up to a number per filing, and answers ``"missing"`` at the rest. Every answer carries
the turn's ``version`` and its own ``Idempotency-Key``. Every answer the service acknowledges is
written down as an :class:`Ack`, for checking the store afterwards.

The client is aiohttp's, not httpx's: on this 2-core box, one client process POSTing a
1.5 KB JSON body to a bare aiohttp echo endpoint made 5.7k requests/s with aiohttp's
``ClientSession`` against 0.76k/s with httpx's ``AsyncClient`` at 10 requests at once, and 6.4k/s
against 0.13k/s at 50 (httpx's pool slows down as requests queue on it). Each time the client
used a whole core. The client shares the machine with the server, so a slow client would cap the
baseline and flatter the ratio.

With ``retry_for`` set, a request that meets a connection error (the service was killed) is
sent again, with the same body and Idempotency-Key, until the service is back. The HTTP crash
test uses this to show that such replays are safe.

Run it on its own against a running service to file a few cases::

    .venv/bin/python -m bench.httpfiler http://127.0.0.1:8080 --filers 4 --filings 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Final

import aiohttp

from assistant.protocol import Turn
from bench.documents import pdf_bytes, png_bytes
from bench.turns import FALLBACK, PROFILES, Filer

API: Final = "/api/v1/sessions"
"""Where sessions start; a session's calls live under ``API/<id>``."""

BY_STATE: Final[dict[str, Any]] = {
    "ask_name": "Anna Jensen",
    "ask_cvr": "24256790",
    "review": "continue",
    "ask_declaration": True,
}
"""Answers for the questions after the documents, which ``bench/turns.py`` never reaches."""

BY_KIND: Final[dict[str, Any]] = {"email": "anna@example.com", "phone": "12 34 56 78"}
"""Answers by input kind that ``bench.turns.FALLBACK`` lacks (it never gets that far)."""

UPLOADS: Final = 2
"""Documents per filing answered with a real upload, by default; the rest are "missing"."""

RETRYABLE: Final = frozenset({502, 503, 504})
"""Statuses sent again when retrying (the service is starting, or its store is busy)."""


class Refused(Exception):
    """The service did not take a request the script expected it to take."""


@dataclass(frozen=True, slots=True)
class Ack:
    """One answer the service acknowledged with a turn: what a client can check later."""

    session: str
    """The session answered."""
    token: str
    """The session's bearer token."""
    key: str
    """The answer key of the turn answered: its state, or ``state:item`` at a document."""
    answer: dict[str, Any]
    """The answer as sent (``value`` or ``action``, and ``version``)."""
    idempotency_key: str
    """The Idempotency-Key it was sent under (sending both again must replay :attr:`turn`)."""
    turn: Turn
    """The turn the service returned."""
    tries: int
    """How many times it was sent (more than one: the service died meanwhile)."""

    @property
    def stored(self) -> bool:
        """Whether the answer leaves a value under :attr:`key` (actions do not)."""
        return "value" in self.answer

    @property
    def version(self) -> int:
        """The version of the returned turn."""
        return int(self.turn["version"])

    @property
    def case_number(self) -> str | None:
        """The case number, once the filing is done."""
        number: str | None = self.turn["case_number"]
        return number


@dataclass(frozen=True, slots=True)
class Upload:
    """One file the service took."""

    session: str
    """The session it was uploaded to."""
    meta: dict[str, Any]
    """The service's metadata: id, filename, size, sha256 and media_type."""


@dataclass
class Tally:
    """What every filer of a run saw: latencies, acknowledgements and failures."""

    timing: bool = True
    """Whether latencies are kept now (off during a warm-up)."""
    turn_ns: list[int] = field(default_factory=list)
    """Latency of each answer POST (a turn), retries included."""
    upload_ns: list[int] = field(default_factory=list)
    """Latency of each upload."""
    start_ns: list[int] = field(default_factory=list)
    """Latency of each session start."""
    acks: list[Ack] = field(default_factory=list)
    """Every acknowledged answer, in the order acknowledged."""
    uploads: list[Upload] = field(default_factory=list)
    """Every file the service took."""
    filed: dict[str, str] = field(default_factory=dict)
    """Case numbers by session, for the filings that are done."""
    errors: Counter[str] = field(default_factory=Counter)
    """Failures by kind, e.g. ``status_500``, ``refused`` or ``ServerDisconnectedError``."""
    refusals: list[str] = field(default_factory=list)
    """What each refused request was, and what the service said."""
    retried: int = 0
    """Requests sent again after a connection error or a retryable status."""
    broken: int = 0
    """Of those, requests whose connection broke after they were sent (killed mid-request)."""
    in_flight: int = 0
    """Requests sent and not yet answered, right now."""
    keep_acks: bool = True
    """Whether :attr:`acks` and :attr:`uploads` are kept (a long benchmark may not need them)."""


async def post_json(
    http: aiohttp.ClientSession, url: str, payload: Any, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    """POST ``payload`` as JSON; returns the status and the decoded JSON reply."""
    async with http.post(url, data=json.dumps(payload), headers=_json_headers(headers)) as resp:
        return resp.status, json.loads(await resp.read())


def _json_headers(extra: dict[str, str] | None) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if extra:
        headers.update(extra)
    return headers


class Api:
    """The filer API as the simulated filers use it, over one shared aiohttp session."""

    def __init__(
        self, http: aiohttp.ClientSession, base_url: str, tally: Tally, *, retry_for: float = 0.0
    ) -> None:
        """Args:
        http: the client session every filer shares (one connection per filer in use).
        base_url: the service, e.g. ``http://127.0.0.1:8080``.
        tally: where to write down what happens.
        retry_for: seconds to keep sending a request again after a connection error; 0 never.
        """
        self.http = http
        self.base = base_url.rstrip("/")
        self.tally = tally
        self.retry_for = retry_for

    async def start(self, lang: str) -> tuple[str, str, Turn]:
        """Start a session; returns its id, its token and the first turn."""
        status, body, _ = await self._send(
            self.tally.start_ns, lambda: post_json(self.http, self.base + API, {"lang": lang})
        )
        if status != 201:
            raise Refused(f"starting a session: {status} {body}")
        return body["session"], body["token"], body["turn"]

    async def answer(
        self, session: str, token: str, answer: dict[str, Any], key: str
    ) -> tuple[Turn, int]:
        """Send one answer under an Idempotency-Key; returns the next turn and the tries."""
        url = f"{self.base}{API}/{session}/answers"
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
        status, body, tries = await self._send(
            self.tally.turn_ns, lambda: post_json(self.http, url, answer, headers)
        )
        if status != 200:
            raise Refused(f"answer {answer} at {session}: {status} {body}")
        return body, tries

    async def upload(self, session: str, token: str, filename: str, content: bytes) -> Upload:
        """Upload one file as the multipart field ``file``; returns what the service took."""
        url = f"{self.base}{API}/{session}/attachments"
        headers = {"Authorization": f"Bearer {token}"}

        async def send() -> tuple[int, Any]:
            form = aiohttp.FormData()  # built afresh for each try: a form is sent only once
            form.add_field("file", content, filename=filename)
            async with self.http.post(url, data=form, headers=headers) as resp:
                return resp.status, json.loads(await resp.read())

        status, body, _ = await self._send(self.tally.upload_ns, send)
        if status != 201:
            raise Refused(f"upload to {session}: {status} {body}")
        return Upload(session, body["attachment"])

    async def _send(
        self, latencies: list[int], request: Callable[[], Awaitable[tuple[int, Any]]]
    ) -> tuple[int, Any, int]:
        """Make a request, trying again while ``retry_for`` allows; records its latency.

        Returns:
            The status, the JSON body, and how many times the request was sent.
        """
        tally, began, tries = self.tally, time.perf_counter_ns(), 0
        give_up, pause = time.monotonic() + self.retry_for, 0.01
        while True:
            tries += 1
            tally.in_flight += 1
            try:
                status, body = await request()
            except (TimeoutError, aiohttp.ClientError) as exc:
                tally.errors[type(exc).__name__] += 1
                if not self.retry_for or time.monotonic() > give_up:
                    raise
                # Refused: the request never left. Anything else broke after it was sent.
                tally.broken += not isinstance(exc, aiohttp.ClientConnectorError)
            else:
                if status not in RETRYABLE or not self.retry_for or time.monotonic() > give_up:
                    break
                tally.errors[f"status_{status}"] += 1
            finally:
                tally.in_flight -= 1
            tally.retried += 1
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.2)
        if status >= 400:
            tally.errors[f"status_{status}"] += 1
        if tally.timing:
            latencies.append(time.perf_counter_ns() - began)
        return status, body, tries


class ScriptedFiler(Filer):
    """``bench/turns.py``'s filer, taken on to the receipt instead of restarting."""

    def answer(self, turn: Turn) -> dict[str, Any]:
        """The answer to ``turn`` (files are :class:`Filing`'s to choose)."""
        state, kind = turn["state"], turn["input"]["kind"]
        if turn["errors"]:
            raise Refused(f"the script was refused at {state}: {turn['errors']}")
        if state in BY_STATE and state not in self.profile:
            return {"value": BY_STATE[state]}
        if kind in BY_KIND and kind not in FALLBACK:
            return {"value": BY_KIND[kind]}
        return super().answer(turn)


class Filing:
    """One filer's filing in progress: the session, its token and the turn to answer next."""

    def __init__(self, api: Api, number: int, *, uploads: int = UPLOADS) -> None:
        """Args:
        api: the service.
        number: which filing of the run this is; it picks the profile and names the files.
        uploads: documents to answer with a real upload; the rest are answered "missing".
        """
        self.api = api
        self.number = number
        self.filer = ScriptedFiler(PROFILES[number % len(PROFILES)])
        self.uploads_left = uploads
        self.token = ""
        self.turn: Turn | None = None

    @property
    def done(self) -> bool:
        """Whether the filing has its case number."""
        return self.turn is not None and bool(self.turn["done"])

    async def step(self) -> None:
        """Start the session, or answer the current turn (uploading a file first if asked)."""
        if self.turn is None:
            session, self.token, self.turn = await self.api.start("en")
            self.filer.session = session
            return
        turn, session = self.turn, self.filer.session
        if turn["input"]["kind"] == "file" and not turn["errors"]:
            answer = {"value": await self._document(turn)}
        else:
            answer = self.filer.answer(turn)
        answer["version"] = turn["version"]
        idempotency_key = uuid.uuid4().hex
        self.turn, tries = await self.api.answer(session, self.token, answer, idempotency_key)
        tally = self.api.tally
        if tally.keep_acks:
            key = turn["state"] if turn.get("item") is None else f"{turn['state']}:{turn['item']}"
            tally.acks.append(
                Ack(session, self.token, key, answer, idempotency_key, self.turn, tries)
            )
        if self.turn["done"] and self.turn["case_number"] is not None:
            tally.filed[session] = self.turn["case_number"]

    async def _document(self, turn: Turn) -> Any:
        offered = {option["id"] for option in turn["input"]["options"]}
        if self.uploads_left <= 0 and "missing" in offered:
            return "missing"
        if self.uploads_left <= 0 and not turn["input"]["required"]:
            return None
        self.uploads_left -= 1
        tag = f"{self.filer.session} {turn.get('item')} {self.uploads_left}"
        name, content = (
            ("scan.png", png_bytes(tag))
            if self.uploads_left % 2
            else ("letter.pdf", pdf_bytes(tag))
        )
        uploaded = await self.api.upload(self.filer.session, self.token, name, content)
        if self.api.tally.keep_acks:
            self.api.tally.uploads.append(uploaded)
        return {"attachment": uploaded.meta["id"]}


class Crowd:
    """Filers answering concurrently; each starts a new filing when its last one is done.

    A filing interrupted by the end of :meth:`run` goes on where it was at the next run. A
    filing that fails (an error status, a connection error without retries, a refused answer)
    is counted in the tally and dropped.
    """

    def __init__(self, api: Api, filers: int, *, uploads: int = UPLOADS) -> None:
        """Args:
        api: the service.
        filers: how many filers answer at once.
        uploads: documents per filing answered with a real upload.
        """
        self.api = api
        self.uploads = uploads
        self.slots: list[Filing | None] = [None] * filers
        self.started = 0

    async def run(self, going: Callable[[], bool], *, filings: int | None = None) -> None:
        """Let every filer go on while ``going()`` holds (and, if given, until ``filings``
        filings were started in all and each filer's current one is done)."""

        async def filer(slot: int) -> None:
            while going():
                filing = self.slots[slot]
                if filing is None or filing.done:
                    if filings is not None and self.started >= filings:
                        return
                    filing = self.slots[slot] = Filing(self.api, self.started, uploads=self.uploads)
                    self.started += 1
                try:
                    await filing.step()
                except (TimeoutError, Refused, aiohttp.ClientError) as exc:
                    if isinstance(exc, Refused):
                        self.api.tally.errors["refused"] += 1
                        self.api.tally.refusals.append(str(exc))
                    self.slots[slot] = None

        await asyncio.gather(*(filer(slot) for slot in range(len(self.slots))))


def client(filers: int) -> aiohttp.ClientSession:
    """The client session for ``filers`` concurrent filers: one kept-alive connection each."""
    connector = aiohttp.TCPConnector(limit=filers, limit_per_host=filers, force_close=False)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60))


async def _file(url: str, filers: int, filings: int, uploads: int) -> Tally:
    tally = Tally()
    async with client(filers) as http:
        crowd = Crowd(Api(http, url, tally), filers, uploads=uploads)
        await crowd.run(lambda: True, filings=filings)
    return tally


def main(argv: list[str] | None = None) -> int:
    """File cases against a running service; prints one JSON summary line."""
    parser = argparse.ArgumentParser(description="File cases through a running naevn service.")
    parser.add_argument("url", help="the service, e.g. http://127.0.0.1:8080")
    parser.add_argument("--filers", type=int, default=4, help="filers at once (4)")
    parser.add_argument("--filings", type=int, default=8, help="filings in all (8)")
    parser.add_argument("--uploads", type=int, default=UPLOADS, help="uploads per filing (2)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    tally = asyncio.run(_file(args.url, args.filers, args.filings, args.uploads))
    summary = {
        "filed": len(tally.filed),
        "turns": len(tally.turn_ns),
        "uploads": len(tally.upload_ns),
        "errors": dict(tally.errors),
        "seconds": round(time.perf_counter() - began, 2),
        "cases": sorted(tally.filed.values()),
    }
    print(json.dumps(summary))
    return 0 if len(tally.filed) == args.filings and not tally.errors else 1


if __name__ == "__main__":
    sys.exit(main())
