"""A throwaway PostgreSQL server for the tests, and a fresh migrated database for each test.

Registered as a pytest plugin in ``tests/conftest.py``. It gives:

- ``pg_server`` (session): a private cluster on 127.0.0.1 and a free port, started with the
  Debian binaries under ``/usr/lib/postgresql/*/bin`` and removed at the end of the session.
  Its URLs work from other processes too, e.g. ``naevn serve --db <pg_server.url(name)>``.
- ``pg_url``: the URL of a new, empty database at the newest schema (cloned from a template
  migrated once per session), dropped after the test.
- ``pg_empty_url``: the URL of a new database with no schema at all.
- ``db_url``: parametrized over both backends (ids ``sqlite`` and ``pg``): a SQLite file under
  ``tmp_path`` or a ``pg_url``.

A test that only makes sense on one backend narrows ``db_url`` with :data:`SQLITE_ONLY`
(and says why). If PostgreSQL is not installed the PostgreSQL tests fail (they are not
skipped): ``make test`` installs it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import psycopg
import pytest
from psycopg import sql

import casestore

PG_ROOT: Final = Path("/usr/lib/postgresql")
"""Where Debian installs each PostgreSQL version, as ``<version>/bin``."""

USER: Final = "naevn"
"""The cluster's superuser; trust authentication, so no password."""

TEMPLATE: Final = "naevn_template"
"""The database migrated once per session, which each test database is cloned from."""

SHM: Final = Path("/dev/shm")
"""A RAM disk on Linux; CREATE DATABASE there is about 20 times faster than on ext4."""

SHM_NEEDED: Final = 1 << 30
"""Free space /dev/shm must have for the cluster to go there (containers often give 64 MiB)."""

SYSTEM_USER: Final = "postgres"
"""The system user the Debian package creates; the server runs as it when the tests run as root."""

SETTINGS: Final = {
    "listen_addresses": "'127.0.0.1'",
    # A throwaway cluster: durability buys nothing here and costs time on every commit.
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    # Keep the WAL small: the cluster may live in RAM (see _scratch_parent).
    "min_wal_size": "'32MB'",
    "max_wal_size": "'64MB'",
}
"""Appended to the cluster's postgresql.conf (the port and socket folder are given at start)."""

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
"""Narrows a test that uses ``db_url`` (or ``store``) to SQLite; say why where it is used."""

NOT_INSTALLED = (
    "PostgreSQL is not installed (nothing matches {root}/*/bin/initdb), so the PostgreSQL tests "
    "cannot run. Run `make test`, which installs Debian's postgresql package, or install it "
    "yourself with `apt-get install postgresql`."
)


def pg_bin() -> Path | None:
    """The ``bin`` folder of the newest installed PostgreSQL, or None if there is none."""
    found = [p.parent for p in PG_ROOT.glob("*/bin/initdb")]

    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in folder.parent.name.split(".") if part.isdigit())

    return max(found, key=version, default=None)


class PgServer:
    """A running throwaway cluster: where it listens, and how to make and drop databases."""

    def __init__(self, host: str, port: int, user: str = USER) -> None:
        """Describe a running server; use :func:`start_server` to start one."""
        self.host = host
        """The address it listens on (TCP, so other processes can reach it)."""
        self.port = port
        """The TCP port."""
        self.user = user
        """The superuser to connect as (no password)."""
        self._admin: psycopg.Connection[tuple[object, ...]] | None = None

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        """A shared autocommit connection to the ``postgres`` database, for DDL on databases."""
        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(
                host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
            )
        return self._admin

    def create_database(self, template: str = "template0") -> str:
        """Create a database with a new unique name, cloned from ``template``; return its name."""
        name = f"naevn_test_{secrets.token_hex(5)}"
        admin = self.admin()
        # A file copy logs one record instead of the whole template, so the WAL stays small.
        strategy = " STRATEGY FILE_COPY" if admin.info.server_version >= 150000 else ""
        statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}" + strategy)
        admin.execute(statement.format(sql.Identifier(name), sql.Identifier(template)))
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connections still open to it first."""
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self.admin().execute(statement.format(sql.Identifier(name)))

    def close(self) -> None:
        """Close the admin connection."""
        if self._admin is not None:
            self._admin.close()
            self._admin = None


class _Cluster:
    """The files and processes of one throwaway cluster."""

    def __init__(self, bin_dir: Path, root: Path) -> None:
        self.bin = bin_dir
        self.root = root
        self.data = root / "data"
        self.log = root / "server.log"
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            # initdb and postgres refuse to run as root; Debian's package made this user.
            try:
                shutil.chown(root, SYSTEM_USER, SYSTEM_USER)
            except LookupError:
                shutil.rmtree(root, ignore_errors=True)
                pytest.fail(
                    f"The tests run as root, so PostgreSQL must run as the {SYSTEM_USER!r} "
                    "system user, which does not exist. Install Debian's postgresql package "
                    "(`make test` does) or run the tests as an ordinary user.",
                    pytrace=False,
                )
            self.as_owner = ["runuser", "-u", SYSTEM_USER, "--"]

    def run(self, tool: str, *args: str) -> None:
        """Run one server binary as the cluster's owner; fail the session with its output."""
        done = subprocess.run(
            [*self.as_owner, str(self.bin / tool), *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            pytest.fail(
                f"PostgreSQL {tool} failed ({done.returncode}):\n{done.stdout}{done.stderr}{log}",
                pytrace=False,
            )

    def init(self) -> None:
        self.run(
            "initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "--encoding=UTF8",
            "--locale=C", "--no-sync", "--no-instructions",
        )  # fmt: skip
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in SETTINGS.items())

    def start(self, port: int) -> None:
        options = f"-p {port} -k {self.root}"
        self.run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log),
                 "-o", options)  # fmt: skip

    def stop(self) -> None:
        self.run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.data))


def _scratch_parent() -> Path | None:
    """Where to put the cluster: /dev/shm if it has room, else the usual temp folder (None)."""
    try:
        roomy = SHM.is_dir() and shutil.disk_usage(SHM).free >= SHM_NEEDED
    except OSError:
        return None
    return SHM if roomy and os.access(SHM, os.W_OK) else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server() -> tuple[PgServer, _Cluster]:
    """Create and start a throwaway cluster; stop it with ``cluster.stop()``.

    Fails (not skips) the calling test or fixture when PostgreSQL is not installed.
    """
    bin_dir = pg_bin()
    if bin_dir is None:
        pytest.fail(NOT_INSTALLED.format(root=PG_ROOT), pytrace=False)
    cluster = _Cluster(bin_dir, Path(tempfile.mkdtemp(prefix="naevn-pg-", dir=_scratch_parent())))
    try:
        cluster.init()
        cluster.start(port := _free_port())
    except BaseException:
        shutil.rmtree(cluster.root, ignore_errors=True)
        raise
    return PgServer("127.0.0.1", port), cluster


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A throwaway PostgreSQL server for the whole session, removed at its end."""
    server, cluster = start_server()
    try:
        yield server
    finally:
        server.close()
        try:
            cluster.stop()
        finally:
            shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """The name of a database at the newest schema, migrated once, for cloning."""
    pg_server.admin().execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
    casestore.upgrade(pg_server.url(TEMPLATE))
    # No connections allowed, so cloning never finds it busy.
    statement = sql.SQL("ALTER DATABASE {} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")
    pg_server.admin().execute(statement.format(sql.Identifier(TEMPLATE)))
    return TEMPLATE


@pytest.fixture
def pg_url(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    """The URL of a new database at the newest schema and with no rows, dropped afterwards."""
    name = pg_server.create_database(template=pg_template)
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_empty_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a new database without any schema, dropped afterwards."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"], ids=["sqlite", "pg"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store URL on each backend: a SQLite file not yet created, or a migrated PostgreSQL db."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'var' / 'naevn.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url
