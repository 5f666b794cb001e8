"""Benchmark: an answer through the web chat's no-JavaScript form path, against the JSON API.

Both paths run against one ``naevn serve`` in the same run. The API side files whole cases with
``bench.httpfiler``'s scripted filer; the web side replays each of those filings' answers as
the HTML forms a browser without JavaScript posts (the POST, its 303, and the GET of the next
page), checking that every page asks the question the API asked. One filing at a time: this
measures what one filer waits for, not throughput. It also weighs the first page.

    .venv/bin/python -m bench.web [--filings 20] [--rounds 3]

See bench/README.md for what is measured and the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import aiohttp

from bench.http_turns import TODAY
from bench.http_turns import _profile as profile_report
from bench.httpfiler import Api, Filing, Tally
from bench.service import Service

TARGET_RATIO: Final = 1.5
"""The web path's median answer may cost at most this many times the API's."""
TARGET_FIRST_PAGE_KB: Final = 60.0
"""The first page, with everything it loads, weighs less than this over the wire."""


class FormReader(HTMLParser):
    """The answer form of a chat page: its hidden fields, and the question it asks."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.state: str | None = None
        self.assets: list[str] = []
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "section" and a.get("id") == "turn":
            self.state = a.get("data-state")
        elif tag == "form" and a.get("id") == "answer":
            self._in_form = True
        elif tag == "input" and self._in_form and a.get("type") == "hidden":
            self.hidden[a.get("name", "")] = a.get("value", "")
        elif tag == "link" and a.get("rel") == "stylesheet":
            self.assets.append(a.get("href", ""))
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False


def read_form(html: str) -> FormReader:
    """The answer form of ``html``."""
    reader = FormReader()
    reader.feed(html)
    return reader


def form_fields(hidden: dict[str, str], answer: dict[str, Any]) -> list[tuple[str, str]]:
    """What a browser posts for ``answer`` (the protocol's shape) on a page with ``hidden``."""
    fields = [(name, value) for name, value in hidden.items()]
    if "action" in answer:
        target = answer.get("target")
        fields.append(("do", f"edit:{target}" if target else str(answer["action"])))
        return fields
    fields.append(("do", "answer"))
    value = answer.get("value")
    values = value if isinstance(value, list) else [value]
    for one in values:
        if one is None:
            continue
        if isinstance(one, bool):
            fields.append(("value", "yes" if one else "no"))
        else:
            fields.append(("value", str(one)))
    return fields


@dataclass
class Timings:
    """Answer round trips, in nanoseconds."""

    api: list[int] = field(default_factory=list)
    web: list[int] = field(default_factory=list)
    """Each form answer's whole round trip: the POST, its 303, and the GET of the next page."""
    web_post: list[int] = field(default_factory=list)
    """Of which the POST and its 303."""
    web_get: list[int] = field(default_factory=list)
    """And the GET."""
    api_cpu: float = 0.0
    """The service's CPU seconds while the API side ran."""
    web_cpu: float = 0.0
    """And while the web side ran."""


async def api_filing(api: Api, number: int) -> list[tuple[str, dict[str, Any]]]:
    """File one case over the API; returns each answered state and its answer, in order."""
    filing = Filing(api, number, uploads=0)
    await filing.step()
    script: list[tuple[str, dict[str, Any]]] = []
    while not filing.done:
        assert filing.turn is not None
        state = filing.turn["state"]
        before = len(api.tally.acks)
        await filing.step()
        script.append((state, dict(api.tally.acks[before].answer)))
    return script


async def web_filing(base: str, script: list[tuple[str, dict[str, Any]]]) -> list[tuple[int, int]]:
    """Replay ``script`` through the HTML forms, as a new browser (its own cookies; a jar
    that keeps them for 127.0.0.1); returns each answer's POST and GET round trips (ns)."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        return await _replay(http, base, script)


async def _replay(
    http: aiohttp.ClientSession, base: str, script: list[tuple[str, dict[str, Any]]]
) -> list[tuple[int, int]]:
    home = await _text(http, "GET", base + "/lang/en?next=/")  # the API side files in English
    csrf = read_form_any(home, "csrf")
    page = await _text(http, "POST", base + "/start", data=[("csrf", csrf)])
    took: list[tuple[int, int]] = []
    for state, answer in script:
        form = read_form(page)
        if form.state != state:
            raise RuntimeError(f"the page asks {form.state}, the API asked {state}")
        answer = {k: v for k, v in answer.items() if k != "version"}
        began = time.perf_counter_ns()
        async with http.post(
            base + "/chat", data=form_fields(form.hidden, answer), allow_redirects=False
        ) as resp:
            await resp.read()
            location = resp.headers.get("Location", "")
            if resp.status != 303:
                raise RuntimeError(f"POST /chat at {state}: {resp.status}, not a redirect")
        posted = time.perf_counter_ns()
        page = await _text(http, "GET", base + location)
        took.append((posted - began, time.perf_counter_ns() - posted))
    if 'id="case-number"' not in page:
        title = page.partition("<title>")[2].partition("</title>")[0]
        raise RuntimeError(f"the web filing did not end on its receipt, but on: {title}")
    return took


def read_form_any(html: str, name: str) -> str:
    """The value of the first hidden input called ``name`` anywhere on the page."""

    class Finder(HTMLParser):
        found = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "input" and a.get("name") == name and not self.found:
                self.found = a.get("value") or ""

    finder = Finder()
    finder.feed(html)
    return finder.found


async def _text(http: aiohttp.ClientSession, method: str, url: str, *, data: Any = None) -> str:
    async with http.request(method, url, data=data) as resp:
        body = await resp.text()
        if resp.status >= 400:
            raise RuntimeError(f"{method} {url}: {resp.status}\n{body[:500]}")
        return body


async def first_page_weight(base: str) -> dict[str, Any]:
    """The bytes over the wire of ``/`` and what it loads, compressed as the server sends them
    to a browser that accepts gzip; and whether anything comes from another host."""
    headers = {"Accept-Encoding": "gzip, br, deflate"}
    sizes: dict[str, int] = {}
    async with aiohttp.ClientSession(auto_decompress=False) as http:
        async with http.get(base + "/", headers=headers) as resp:
            raw = await resp.read()
            encoding = resp.headers.get("Content-Encoding", "")
        sizes["/"] = len(raw)
        html = gzip.decompress(raw).decode() if encoding == "gzip" else raw.decode()
        assets = read_form(html).assets
        foreign = [a for a in assets if urlsplit(a).netloc not in ("", urlsplit(base).netloc)]
        for asset in assets:
            if asset in foreign:
                continue
            async with http.get(base + asset, headers=headers) as resp:
                sizes[asset] = len(await resp.read())
    return {
        "first_page_kb": round(sum(sizes.values()) / 1024, 1),
        "first_page_parts": sizes,
        "first_page_compressed": encoding or "no",
        "other_hosts": foreign,
    }


async def measure(
    base: str, filings: int, rounds: int, cpu: Callable[[], float]
) -> tuple[Timings, dict[str, Any]]:
    """Each round: ``filings`` filings, each first over the API and then, at once, with the
    same answers through the forms, so that whatever else the machine does falls on both
    alike; ``cpu`` reads the service's CPU seconds, charged to the side that ran meanwhile."""
    timings = Timings()
    tally = Tally()
    tally.keep_acks = True
    connector = aiohttp.TCPConnector(limit=4)
    async with aiohttp.ClientSession(connector=connector) as http:
        api = Api(http, base, tally)
        # Warm-up: one of each, untimed.
        tally.timing = False
        script = await api_filing(api, 0)
        await web_filing(base, script)
        for _ in range(rounds):
            for number in range(1, filings + 1):
                began = cpu()
                tally.timing, before = True, len(tally.turn_ns)
                script = await api_filing(api, number)
                tally.timing = False
                timings.api += tally.turn_ns[before:]
                middle = cpu()
                for post, get in await web_filing(base, script):
                    timings.web.append(post + get)
                    timings.web_post.append(post)
                    timings.web_get.append(get)
                timings.api_cpu += middle - began
                timings.web_cpu += cpu() - middle
    return timings, await first_page_weight(base)


def _ms(ns: list[int], q: float) -> float:
    ordered = sorted(ns)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1e6, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filings", type=int, default=20, help="filings a round, each way")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of filings")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N",
        help="run the service under cProfile and print its top N functions",
    )  # fmt: skip
    args = parser.parse_args(argv)
    env = dict(
        os.environ,
        NAEVN_RATE_LIMIT="0",
        NAEVN_CONNECTIONS_PER_ADDRESS="0",
        NAEVN_TODAY=TODAY,
        PYTHONUNBUFFERED="1",
    )
    with tempfile.TemporaryDirectory(prefix="naevn-bench-web-") as tmp:
        folder = Path(tmp)
        serve = ["serve", "--port", "0", "--db", f"sqlite:///{folder / 'naevn.db'}",
                 "--data-dir", str(folder / "data")]  # fmt: skip
        stats = folder / "serve.prof"
        argv = (
            [sys.executable, "-m", "bench.http_turns", "--profiled-serve", str(stats), *serve]
            if args.profile
            else [sys.executable, "-m", "naevn.cli", *serve]
        )
        service = Service(argv, env, folder / "serve.log")
        load_before = os.getloadavg()[0]
        try:
            base = service.wait()
            timings, weight = asyncio.run(
                measure(base, args.filings, args.rounds, service.cpu_seconds)
            )
        finally:
            service.stop()
        if args.profile:
            print(profile_report(stats, args.profile))
    api50, web50 = _ms(timings.api, 0.5), _ms(timings.web, 0.5)
    result = {
        "answers": len(timings.web),
        "api_p50_ms": api50,
        "api_p95_ms": _ms(timings.api, 0.95),
        "web_p50_ms": web50,
        "web_p95_ms": _ms(timings.web, 0.95),
        "web_post_p50_ms": _ms(timings.web_post, 0.5),
        "web_get_p50_ms": _ms(timings.web_get, 0.5),
        "ratio": round(web50 / api50, 2),
        "ratio_mean": round(statistics.fmean(timings.web) / statistics.fmean(timings.api), 2),
        "api_cpu_ms": round(1000 * timings.api_cpu / len(timings.api), 2),
        "web_cpu_ms": round(1000 * timings.web_cpu / len(timings.web), 2),
        "cpu_ratio": round(
            (timings.web_cpu / len(timings.web)) / (timings.api_cpu / len(timings.api)), 2
        ),
        **weight,
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    print(f"answers: {result['answers']} each way, one filing at a time")
    print(f"  JSON API     p50 {api50:7.2f} ms   p95 {result['api_p95_ms']:7.2f} ms")
    print(f"  HTML forms   p50 {web50:7.2f} ms   p95 {result['web_p95_ms']:7.2f} ms"
          "   (POST, 303, GET of the next page)")  # fmt: skip
    print(f"    of which   POST+303 p50 {result['web_post_p50_ms']:.2f} ms,"
          f" GET p50 {result['web_get_p50_ms']:.2f} ms")  # fmt: skip
    met = "met" if result["ratio"] <= TARGET_RATIO else "MISSED"
    print(f"  ratio (p50)  {result['ratio']:.2f}  target <= {TARGET_RATIO}: {met}")
    cpu_met = "met" if result["cpu_ratio"] <= TARGET_RATIO else "MISSED"
    print(
        f"  service CPU per answer: API {result['api_cpu_ms']} ms, forms {result['web_cpu_ms']} ms,"
        f" ratio {result['cpu_ratio']}  target <= {TARGET_RATIO}: {cpu_met}"
    )
    weight_met = "met" if weight["first_page_kb"] < TARGET_FIRST_PAGE_KB else "MISSED"
    hosts = weight["other_hosts"] or "none"
    print(f"first page: {weight['first_page_kb']} KB over the wire"
          f" (< {TARGET_FIRST_PAGE_KB:.0f} KB: {weight_met}); other hosts: {hosts}")  # fmt: skip
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
