"""Benchmark: whole filings over HTTP against ``naevn serve``, against a bare aiohttp endpoint.

Run it from the project folder as a module (it imports ``bench.httpfiler``)::

    .venv/bin/python -m bench.http_turns [--pg] [--db URL] [--profile N]

See bench/README.md for what is measured, the baseline, and the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import aiohttp
from aiohttp import web

from assistant.protocol import Turn
from bench.httpfiler import Api, Crowd, Filing, Tally, client, post_json
from bench.service import Service
from bench.turns import sqlite_settings

TODAY: Final = "2026-11-23"
"""The frozen "today" of the service, so every run files the same dialogues."""

TARGETS: Final = {"ratio": 0.12, "p99_ms": 50.0}
"""The targets on SQLite: the ratio at least, the p99 at most."""

ECHO: Final = "/echo"
"""The baseline's one endpoint."""


# --- the baseline server, run as ``python -m bench.http_turns --serve-baseline`` ---------------


def serve_baseline() -> int:
    """A bare aiohttp app with one JSON endpoint that echoes what it is sent, until SIGTERM."""

    async def echo(request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        return web.json_response(body, dumps=_dumps)

    async def serve() -> None:
        app = web.Application()
        app.router.add_post(ECHO, echo)
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        stop = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            asyncio.get_running_loop().add_signal_handler(sig, stop.set)
        port = runner.addresses[0][1]
        listening = {"event": "listening", "url": f"http://127.0.0.1:{port}", "pid": os.getpid()}
        print(json.dumps(listening), file=sys.stderr, flush=True)
        await stop.wait()
        await runner.cleanup()

    asyncio.run(serve())
    return 0


def _dumps(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def profiled_serve(out: str, argv: list[str]) -> int:
    """Run ``naevn ARGV`` under cProfile and write the stats to ``out`` when it stops."""
    from naevn.cli import main

    profiler = cProfile.Profile()
    try:
        status: int = profiler.runcall(main, argv)
    finally:
        profiler.dump_stats(out)
    return status


# --- measuring ----------------------------------------------------------------------------------


@dataclass
class Side:
    """The timed part of one side of the benchmark (the service or the baseline)."""

    requests: int = 0
    """Timed requests (answers only, for the service)."""
    seconds: float = 0.0
    """Wall-clock time of the timed rounds."""
    server_cpu: float = 0.0
    """CPU seconds the server process used in them."""
    client_cpu: float = 0.0
    """CPU seconds this (client) process used in them."""
    ns: list[int] = field(default_factory=list)
    """Latency of each timed request."""

    def per_s(self) -> float:
        """Requests per second of wall-clock time."""
        return self.requests / self.seconds if self.seconds else 0.0

    def ms(self, quantile: float) -> float:
        """The latency at ``quantile`` (nearest rank), in milliseconds."""
        ranked = sorted(self.ns)
        return ranked[min(len(ranked) - 1, int(quantile * len(ranked)))] / 1e6 if ranked else 0.0


class Echoes:
    """The baseline's load: concurrent clients POSTing a turn-sized body and reading it back."""

    def __init__(self, http: aiohttp.ClientSession, url: str, body: Any, clients: int) -> None:
        """Args:
        http: the same client session the filers use.
        url: the echo endpoint.
        body: what each request sends (a real turn).
        clients: how many requests at once.
        """
        self.http, self.url, self.body, self.clients = http, url, body, clients
        self.ns: list[int] = []
        self.errors = 0

    async def run(self, going: Callable[[], bool]) -> None:
        """Keep every client POSTing while ``going()`` holds."""

        async def one() -> None:
            while going():
                began = time.perf_counter_ns()
                status, _ = await post_json(self.http, self.url, self.body)
                self.ns.append(time.perf_counter_ns() - began)
                self.errors += status != 200

        await asyncio.gather(*(one() for _ in range(self.clients)))


Runner = Callable[[Callable[[], bool]], Awaitable[None]]
"""Runs one side's load while the predicate it is given holds."""


async def timed(
    side: Side, server: Service, latencies: list[int], seconds: float, run: Runner
) -> None:
    """Run one timed round of ``seconds``, adding what it did to ``side``."""
    before, cpu, server_cpu = len(latencies), time.process_time(), server.cpu_seconds()
    began = time.perf_counter()
    await run(_until(began + seconds))
    side.seconds += time.perf_counter() - began
    side.client_cpu += time.process_time() - cpu
    side.server_cpu += server.cpu_seconds() - server_cpu
    side.ns += latencies[before:]
    side.requests += len(latencies) - before


def _until(end: float) -> Callable[[], bool]:
    return lambda: time.perf_counter() < end


async def sample_turn(api: Api) -> Turn:
    """A real turn of median size, from one filing played to the end (the echo's body)."""
    filing, turns = Filing(api, 0), []
    while not filing.done:
        await filing.step()
        assert filing.turn is not None
        turns.append(filing.turn)
    turns.sort(key=lambda turn: len(_dumps(turn)))
    return turns[len(turns) // 2]


@dataclass
class Measured:
    """Everything one store's run measured."""

    turns: Side
    """The service's side: answer POSTs."""
    bare: Side
    """The baseline's side: echo POSTs."""
    tally: Tally
    """What the filers saw, warm-up included (latencies only from the timed rounds)."""
    filed: int
    """Filings completed in the timed rounds."""
    body_bytes: int
    """The size of the echo body, a real turn."""


async def measure(args: argparse.Namespace, service: Service, baseline: Service) -> Measured:
    """Warm up, then alternate timed rounds of filings and of echoes."""
    tally = Tally(keep_acks=False)
    async with client(args.filers) as http:
        api = Api(http, service.url, tally)
        tally.timing = False
        body = await sample_turn(api)
        crowd = Crowd(api, args.filers, uploads=args.uploads)
        echoes = Echoes(http, baseline.url + ECHO, body, args.filers)
        await crowd.run(_until(time.perf_counter() + args.warmup))
        await echoes.run(_until(time.perf_counter() + args.warmup))
        tally.timing, echoes.ns, filed_before = True, [], len(tally.filed)
        turns, bare = Side(), Side()
        step = args.seconds / args.rounds
        for _ in range(args.rounds):
            # Alternating rounds give both the same share of whatever else the box is doing.
            await timed(turns, service, tally.turn_ns, step, crowd.run)
            await timed(bare, baseline, echoes.ns, step, echoes.run)
        tally.errors["baseline"] += echoes.errors
    return Measured(turns, bare, tally, len(tally.filed) - filed_before, len(_dumps(body)))


def run_backend(args: argparse.Namespace, db: str | None, folder: Path) -> dict[str, Any]:
    """Start both servers, measure, stop them; returns the figures for one store."""
    # Every simulated filer shares one address: no per-address rate or connection cap.
    env = dict(
        os.environ,
        NAEVN_RATE_LIMIT="0",
        NAEVN_CONNECTIONS_PER_ADDRESS="0",
        NAEVN_TODAY=TODAY,
        PYTHONUNBUFFERED="1",
    )
    store = db or f"sqlite:///{folder / 'naevn.db'}"
    serve = ["serve", "--port", "0", "--db", store, "--data-dir", str(folder / "data")]
    python = [sys.executable, "-m"]
    stats = folder / "serve.prof"
    argv = (
        [*python, "bench.http_turns", "--profiled-serve", str(stats), *serve]
        if args.profile
        else [*python, "naevn.cli", *serve]
    )
    load_before = os.getloadavg()[0]
    service = Service(argv, env, folder / "serve.log")
    baseline = Service([*python, "bench.http_turns", "--serve-baseline"], env, folder / "base.log")
    try:
        service.wait()
        baseline.wait()
        measured = asyncio.run(measure(args, service, baseline))
    finally:
        status = service.stop()
        baseline.stop()
    if args.profile:
        print(_profile(stats, args.profile))
    turns, bare, tally = measured.turns, measured.bare, measured.tally
    errors = {kind: n for kind, n in tally.errors.items() if n}
    if status != 0 or errors:
        print(f"WARNING: service exit status {status}, errors {errors}", *tally.refusals[:3])
    result: dict[str, Any] = {
        "turns_per_s": round(turns.per_s()),
        "baseline_per_s": round(bare.per_s()),
        "ratio": round(turns.per_s() / bare.per_s(), 3),
        "cpu_ratio": round(
            (bare.server_cpu / max(bare.requests, 1)) / (turns.server_cpu / max(turns.requests, 1)),
            3,
        ),
        "p50_ms": round(turns.ms(0.50), 2),
        "p90_ms": round(turns.ms(0.90), 2),
        "p99_ms": round(turns.ms(0.99), 2),
        "max_ms": round(turns.ms(1.0), 2),
        "baseline_p50_ms": round(bare.ms(0.50), 2),
        "baseline_p99_ms": round(bare.ms(0.99), 2),
        "upload_p50_ms": round(Side(ns=tally.upload_ns).ms(0.50), 2),
        "upload_p99_ms": round(Side(ns=tally.upload_ns).ms(0.99), 2),
        "turns": turns.requests,
        "uploads": len(tally.upload_ns),
        "sessions_started": len(tally.start_ns),
        "requests_per_s": round(
            (turns.requests + len(tally.upload_ns) + len(tally.start_ns)) / turns.seconds
        ),
        "filings_completed": measured.filed,
        "errors": errors,
        "server_cpu_ms_per_turn": round(turns.server_cpu * 1000 / max(turns.requests, 1), 3),
        "baseline_server_cpu_ms": round(bare.server_cpu * 1000 / max(bare.requests, 1), 3),
        "server_cpu_share": round(turns.server_cpu / turns.seconds, 2),
        "client_cpu_share": round(turns.client_cpu / turns.seconds, 2),
        "baseline_server_cpu_share": round(bare.server_cpu / bare.seconds, 2),
        "baseline_client_cpu_share": round(bare.client_cpu / bare.seconds, 2),
        "echo_body_bytes": measured.body_bytes,
        "filers": args.filers,
        "seconds": round(turns.seconds + bare.seconds, 1),
        "load_avg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if db is None:
        mode, sync = sqlite_settings(folder / "naevn.db")
        result.update(store="sqlite", journal_mode=mode, sqlite_synchronous=sync)
    else:
        result.update(store="postgresql")
    return result


def _profile(path: Path, top: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A private PostgreSQL cluster and an empty database, as the tests start one
    (``tests/pgserver.py``); yields the database URL and removes the cluster afterwards."""
    from tests.pgserver import start_server

    server, cluster = start_server()
    try:
        yield server.url(server.create_database())
    finally:
        server.close()
        try:
            cluster.stop()
        finally:
            shutil.rmtree(cluster.root, ignore_errors=True)


def report(name: str, r: dict[str, Any], *, targets: bool) -> None:
    """Print one store's figures in plain lines, and whether the targets are met."""
    setting = f", synchronous={r['sqlite_synchronous']}" if "sqlite_synchronous" in r else ""
    print(
        f"{name}{setting}: {r['turns_per_s']} turns/s, p50 {r['p50_ms']} ms, "
        f"p99 {r['p99_ms']} ms ({r['turns']} turns, {r['uploads']} uploads, "
        f"{r['filings_completed']} filings completed, {r['filers']} filers)"
    )
    print(
        f"  baseline {r['baseline_per_s']}/s (p50 {r['baseline_p50_ms']} ms); "
        f"ratio {r['ratio']} (by server CPU {r['cpu_ratio']}); "
        f"server CPU {r['server_cpu_ms_per_turn']} ms a turn "
        f"(baseline {r['baseline_server_cpu_ms']} ms a request); CPU share server/client "
        f"{r['server_cpu_share']}/{r['client_cpu_share']} "
        f"(baseline {r['baseline_server_cpu_share']}/{r['baseline_client_cpu_share']}); "
        f"load average {r['load_avg']}"
    )
    if targets:
        for key, bound in TARGETS.items():
            met = r[key] >= bound if key == "ratio" else r[key] <= bound
            sign = "≥" if key == "ratio" else "≤"
            print(f"  target {key} {sign} {bound}: {'met' if met else 'MISSED'} ({r[key]})")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; the last line printed is one JSON object."""
    raw = sys.argv[1:] if argv is None else argv
    if raw[:1] == ["--serve-baseline"]:
        return serve_baseline()
    if raw[:1] == ["--profiled-serve"]:
        return profiled_serve(raw[1], raw[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--filers", type=int, default=50, help="concurrent simulated filers (50)")
    add("--seconds", type=float, default=20.0, help="timed seconds of each side (20)")
    add("--rounds", type=int, default=4, help="alternations of the two sides (4)")
    add("--warmup", type=float, default=3.0, help="untimed seconds of each side first (3)")
    add("--uploads", type=int, default=2, help="documents uploaded per filing (2)")
    add("--db", metavar="URL", help="also measure on this PostgreSQL database (empty or naevn's)")
    add("--pg", action="store_true", help="also measure on a throwaway PostgreSQL cluster")
    add("--profile", type=int, default=0, metavar="N", help="cProfile the service; print top N")
    args = parser.parse_args(raw)
    if min(args.filers, args.rounds) < 1 or args.seconds <= 0:
        parser.error("--filers and --rounds must be at least 1, --seconds above 0")
    with tempfile.TemporaryDirectory(prefix="naevn-bench-http-") as tmp:
        (Path(tmp) / "sqlite").mkdir()
        result = run_backend(args, None, Path(tmp) / "sqlite")
        report("SQLite", result, targets=True)
        if args.db or args.pg:
            (Path(tmp) / "pg").mkdir()
            if args.db:
                pg = run_backend(args, args.db, Path(tmp) / "pg")
            else:
                with throwaway_postgres() as url:
                    pg = run_backend(args, url, Path(tmp) / "pg")
            report("PostgreSQL", pg, targets=False)
            result["postgresql"] = pg
    result["targets_met"] = result["ratio"] >= TARGETS["ratio"] and (
        result["p99_ms"] <= TARGETS["p99_ms"]
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
