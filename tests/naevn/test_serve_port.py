"""A second ``naevn serve`` on a port that is taken says so in one line, and how to choose
another port, instead of a traceback."""

from __future__ import annotations

import socket

from tests.conftest import Naevn

NAEVN = ".venv/bin/naevn"
"""The naevn of the repository's environment, as typed from the repository (where the test
runs it), since ``make run`` puts nothing on the PATH."""


def test_a_taken_port_is_one_line_that_names_another(naevn: Naevn) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = naevn("serve", "--port", str(port))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if not line.startswith("{")]
    assert errors == [
        f"naevn: Port {port} is already in use, perhaps by another naevn. Stop that one, "
        f"or choose another port: {NAEVN} serve --port {port + 1} "
        f"(with make: make run PORT={port + 1})."
    ]
    assert "Traceback" not in result.stderr


def test_make_run_asks_first_and_a_free_port_is_free(naevn: Naevn) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    free = naevn("serve", "--check-port", "--port", str(port))
    assert (free.returncode, free.stdout, free.stderr) == (0, "", "")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = naevn("serve", "--check-port", "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.startswith(f"naevn: Port {port} is already in use")
    assert result.stderr.count("\n") == 1
