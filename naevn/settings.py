"""Settings: where the store and files are, what "today" is, client rates, and how mail is sent."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from naevn.web.limits import Rate
from statemachine.flows.intake.privacy import DRAFT_DAYS

DEFAULT_DB = "sqlite:///var/naevn.db"
"""The embedded store, relative to the working directory."""
DEFAULT_RATE = 20.0
"""Requests a second per client: far above a person typing, well below a flood."""
DEFAULT_DRAFT_RETENTION_DAYS = DRAFT_DAYS
"""Days an open draft is kept after it was last touched: the figure the intake's privacy
notice states, so that the two cannot drift apart."""
DEFAULT_HOUSEKEEPING_SECONDS = 3600.0
"""Seconds between two housekeeping runs of the service."""
DEFAULT_ORPHAN_GRACE_SECONDS = 3600.0
"""Seconds a partial upload, or a file no row names, is left alone (an upload may be in flight)."""
DEFAULT_HEADER_TIMEOUT = 5.0
"""Seconds a connection may take to send a request's headers, or sit idle between requests."""
DEFAULT_BODY_MIN_RATE = 2048
"""Bytes a second a request body must arrive at, at least, averaged over a window: an eighth
of the slowest mobile upload (2G, about 16 KiB/s), where a 20 MB file still takes 20 minutes."""
DEFAULT_BODY_WINDOW = 10.0
"""Seconds over which a body's rate is measured; the first window is the grace period."""
DEFAULT_CONNECTIONS_PER_ADDRESS = 64
"""Open connections one client address may hold: a browser opens 6, a busy office behind one
address a few dozen."""
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8080"
"""Where parties reach the service, as ``naevn serve`` prints it with its default flags."""
DEFAULT_SMTP_FROM = "Nævnenes sekretariat <sekretariat@naevn.invalid>"
"""The From header of mail to parties until an operator names the real address."""
DEFAULT_DELIVERY_SECONDS = 5.0
"""Seconds between two looks at the outbox when it has nothing due."""
DEFAULT_DELIVERY_ATTEMPTS = 10
"""Attempts to deliver one message before it is a dead letter: about four hours of trying."""
DEFAULT_DELIVERY_BACKOFF_SECONDS = 60.0
"""Seconds before the first retry; each later wait doubles."""
DEFAULT_DELIVERY_BACKOFF_MAX_SECONDS = 3600.0
"""The longest wait between two attempts."""
DEFAULT_DELIVERY_LEASE_SECONDS = 900.0
"""Seconds a worker holds the mail it took: a batch of ten to a slow server (30 seconds each)
fits three times over."""


@dataclass(frozen=True)
class Settings:
    """How a naevn process is set up. Built from flags and the environment."""

    db: str = DEFAULT_DB
    """The store URL (``--db`` / ``NAEVN_DB``). SQLite by default."""
    data_dir: Path = Path("var")
    """Where attachment content (``blobs/``) is kept (``--data-dir`` / ``NAEVN_DATA_DIR``)."""
    today: date | None = None
    """A fixed "today" (``NAEVN_TODAY``, ISO) for demos and reproducible transcripts; None
    means the real date."""
    rate_limit: float = DEFAULT_RATE
    """Requests a second one client may make to the service (``NAEVN_RATE_LIMIT``); 0 means
    no limit (load tests, where every simulated filer shares one address)."""
    rates: Mapping[str, Rate] | None = None
    """The per-client rates by kind of request (``api``, ``start``, ``resume``; see
    :mod:`naevn.web.limits`), replacing those derived from :attr:`rate_limit`. None (the default,
    and all the environment can say) means ``default_rates(rate_limit)``; tests set their own."""
    # --- retention ---
    draft_retention_days: int = DEFAULT_DRAFT_RETENTION_DAYS
    """An open draft nobody touched for this many days is deleted with its files
    (``NAEVN_DRAFT_RETENTION_DAYS``); the filer is told so when they save."""
    housekeeping_seconds: float = DEFAULT_HOUSEKEEPING_SECONDS
    """How often the service deletes stale drafts and replies and sweeps the blob folder
    (``NAEVN_HOUSEKEEPING_SECONDS``); it also does so when it starts."""
    orphan_grace_seconds: float = DEFAULT_ORPHAN_GRACE_SECONDS
    """How old a partial upload, or a file no row names, must be before it is removed
    (``NAEVN_ORPHAN_GRACE_SECONDS``): younger ones may belong to an upload in flight."""
    # --- connections ---
    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    """Seconds a connection may take from opening (or from its last answer) to the end of
    its next request's headers before it is closed (``NAEVN_HEADER_TIMEOUT``)."""
    body_min_rate: int = DEFAULT_BODY_MIN_RATE
    """Bytes a second a request body must arrive at, averaged over each
    :attr:`body_window`, or the connection is closed (``NAEVN_BODY_MIN_RATE``); 0: no floor."""
    body_window: float = DEFAULT_BODY_WINDOW
    """Seconds over which :attr:`body_min_rate` is measured (``NAEVN_BODY_WINDOW``)."""
    connections_per_address: int = DEFAULT_CONNECTIONS_PER_ADDRESS
    """Connections one client address may have open; more are closed at once, unread
    (``NAEVN_CONNECTIONS_PER_ADDRESS``). 0: no cap, for a service behind a reverse proxy,
    where every connection comes from the proxy's address."""
    trusted_proxies: tuple[str, ...] = ()
    """The reverse proxies in front of the service, as addresses or networks
    (``NAEVN_TRUSTED_PROXIES``, comma-separated, e.g. ``127.0.0.1,10.0.0.0/8``): from these,
    ``X-Forwarded-For`` and ``X-Forwarded-Proto`` give the client's address and scheme, so each
    citizen has their own rate limits. None by default: the headers are then ignored."""
    # --- mail to parties (the outbox, naevn.delivery) ---
    public_url: str = DEFAULT_PUBLIC_URL
    """The address parties open the service at, without a trailing slash
    (``NAEVN_PUBLIC_URL``): the letters and notices to parties say to read and answer at
    ``<public_url>/mine``. Set it to the public address behind a reverse proxy."""
    smtp_host: str | None = None
    """The SMTP server mail to parties is sent through (``NAEVN_SMTP_HOST``). None: no mail
    is sent; each message is written as an ``.eml`` file under :attr:`outbox_dir` instead."""
    smtp_port: int | None = None
    """Its port (``NAEVN_SMTP_PORT``); None: the usual one for :attr:`smtp_security` (587 for
    STARTTLS, 465 for TLS, 25 for a plain connection)."""
    smtp_security: str = "starttls"
    """How the connection is protected (``NAEVN_SMTP_SECURITY``): ``starttls`` (required),
    ``tls`` (from the start) or ``none`` (a relay on the same host)."""
    smtp_user: str | None = None
    """The login at the SMTP server, if it wants one (``NAEVN_SMTP_USER``)."""
    smtp_password: str | None = None
    """The password for :attr:`smtp_user` (``NAEVN_SMTP_PASSWORD``)."""
    smtp_from: str = DEFAULT_SMTP_FROM
    """The From header of every message (``NAEVN_SMTP_FROM``), e.g. ``Huslejenævnet
    <post@example.dk>``; its domain also ends each Message-ID."""
    delivery_seconds: float = DEFAULT_DELIVERY_SECONDS
    """How often the service looks for mail due in the outbox (``NAEVN_DELIVERY_SECONDS``):
    mail its own requests queue is sent at once, so the poll finds what other processes
    queued, and retries that fell due."""
    delivery_attempts: int = DEFAULT_DELIVERY_ATTEMPTS
    """Attempts to deliver a message before it becomes a dead letter, shown in the console
    (``NAEVN_DELIVERY_ATTEMPTS``)."""
    delivery_backoff_seconds: float = DEFAULT_DELIVERY_BACKOFF_SECONDS
    """Seconds from a failed attempt to the next (``NAEVN_DELIVERY_BACKOFF_SECONDS``); the wait
    doubles after each failure."""
    delivery_backoff_max_seconds: float = DEFAULT_DELIVERY_BACKOFF_MAX_SECONDS
    """The longest wait between two attempts (``NAEVN_DELIVERY_BACKOFF_MAX_SECONDS``)."""
    delivery_lease_seconds: float = DEFAULT_DELIVERY_LEASE_SECONDS
    """How long mail a worker took is its alone (``NAEVN_DELIVERY_LEASE_SECONDS``): if its
    process dies, another sends the mail once this has passed."""

    @property
    def blob_dir(self) -> Path:
        """The folder of attachment content."""
        return self.data_dir / "blobs"

    @property
    def outbox_dir(self) -> Path:
        """Where mail is written as ``.eml`` files without SMTP, and letters to post (under
        ``post/``) always."""
        return self.data_dir / "outbox"

    def clock(self) -> date:
        """Today, or the fixed day."""
        return self.today or date.today()


def from_env(db: str | None = None, data_dir: str | None = None) -> Settings:
    """Settings from explicit flags, then the environment, then the defaults."""
    fixed = os.environ.get("NAEVN_TODAY")
    return Settings(
        db=db or os.environ.get("NAEVN_DB") or DEFAULT_DB,
        data_dir=Path(data_dir or os.environ.get("NAEVN_DATA_DIR") or "var"),
        today=date.fromisoformat(fixed) if fixed else None,
        rate_limit=float(os.environ.get("NAEVN_RATE_LIMIT") or DEFAULT_RATE),
        draft_retention_days=int(
            os.environ.get("NAEVN_DRAFT_RETENTION_DAYS") or DEFAULT_DRAFT_RETENTION_DAYS
        ),
        housekeeping_seconds=float(
            os.environ.get("NAEVN_HOUSEKEEPING_SECONDS") or DEFAULT_HOUSEKEEPING_SECONDS
        ),
        orphan_grace_seconds=float(
            os.environ.get("NAEVN_ORPHAN_GRACE_SECONDS") or DEFAULT_ORPHAN_GRACE_SECONDS
        ),
        header_timeout=float(os.environ.get("NAEVN_HEADER_TIMEOUT") or DEFAULT_HEADER_TIMEOUT),
        body_min_rate=int(os.environ.get("NAEVN_BODY_MIN_RATE") or DEFAULT_BODY_MIN_RATE),
        body_window=float(os.environ.get("NAEVN_BODY_WINDOW") or DEFAULT_BODY_WINDOW),
        connections_per_address=int(
            os.environ.get("NAEVN_CONNECTIONS_PER_ADDRESS") or DEFAULT_CONNECTIONS_PER_ADDRESS
        ),
        trusted_proxies=tuple(
            p.strip() for p in os.environ.get("NAEVN_TRUSTED_PROXIES", "").split(",") if p.strip()
        ),
        public_url=(os.environ.get("NAEVN_PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/"),
        smtp_host=os.environ.get("NAEVN_SMTP_HOST") or None,
        smtp_port=int(port) if (port := os.environ.get("NAEVN_SMTP_PORT")) else None,
        smtp_security=os.environ.get("NAEVN_SMTP_SECURITY") or "starttls",
        smtp_user=os.environ.get("NAEVN_SMTP_USER") or None,
        smtp_password=os.environ.get("NAEVN_SMTP_PASSWORD") or None,
        smtp_from=os.environ.get("NAEVN_SMTP_FROM") or DEFAULT_SMTP_FROM,
        delivery_seconds=float(
            os.environ.get("NAEVN_DELIVERY_SECONDS") or DEFAULT_DELIVERY_SECONDS
        ),
        delivery_attempts=int(
            os.environ.get("NAEVN_DELIVERY_ATTEMPTS") or DEFAULT_DELIVERY_ATTEMPTS
        ),
        delivery_backoff_seconds=float(
            os.environ.get("NAEVN_DELIVERY_BACKOFF_SECONDS") or DEFAULT_DELIVERY_BACKOFF_SECONDS
        ),
        delivery_backoff_max_seconds=float(
            os.environ.get("NAEVN_DELIVERY_BACKOFF_MAX_SECONDS")
            or DEFAULT_DELIVERY_BACKOFF_MAX_SECONDS
        ),
        delivery_lease_seconds=float(
            os.environ.get("NAEVN_DELIVERY_LEASE_SECONDS") or DEFAULT_DELIVERY_LEASE_SECONDS
        ),
    )
