"""The delivery's settings: read from the environment, checked before the service starts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from naevn.delivery import Backoff, backoff_of, delivery
from naevn.settings import Settings, from_env
from statemachine.errors import NaevnError

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_the_environment_names_the_smtp_server_and_the_retries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in {
        "NAEVN_SMTP_HOST": "mail.example.dk",
        "NAEVN_SMTP_PORT": "2525",
        "NAEVN_SMTP_SECURITY": "tls",
        "NAEVN_SMTP_USER": "naevn",
        "NAEVN_SMTP_PASSWORD": "hemmelig",
        "NAEVN_SMTP_FROM": "Huslejenævnet <post@example.dk>",
        "NAEVN_DELIVERY_SECONDS": "2",
        "NAEVN_DELIVERY_ATTEMPTS": "4",
        "NAEVN_DELIVERY_BACKOFF_SECONDS": "30",
        "NAEVN_DELIVERY_BACKOFF_MAX_SECONDS": "600",
    }.items():
        monkeypatch.setenv(name, value)

    settings = from_env()

    assert (settings.smtp_host, settings.smtp_port, settings.smtp_security) == (
        "mail.example.dk",
        2525,
        "tls",
    )
    assert (settings.smtp_user, settings.smtp_password) == ("naevn", "hemmelig")
    assert settings.smtp_from == "Huslejenævnet <post@example.dk>"
    assert settings.delivery_seconds == 2
    assert backoff_of(settings) == Backoff(
        timedelta(seconds=30), timedelta(seconds=600), attempts=4
    )


def test_without_the_environment_mail_is_written_to_files_under_the_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("NAEVN_SMTP_HOST", "NAEVN_DATA_DIR", "NAEVN_SMTP_PORT"):
        monkeypatch.delenv(name, raising=False)
    settings = from_env()
    assert settings.smtp_host is None
    assert str(settings.outbox_dir) == "var/outbox"


def test_the_wait_doubles_up_to_its_cap_and_the_last_attempt_gives_up() -> None:
    policy = Backoff(timedelta(minutes=1), timedelta(minutes=5), attempts=5)
    waits = [policy.retry_at(n, NOW) for n in range(1, 6)]
    assert waits == [NOW + timedelta(minutes=m) for m in (1, 2, 4, 5)] + [None]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"smtp_host": "mail.example.dk", "smtp_security": "ssl"}, "NAEVN_SMTP_SECURITY"),
        ({"delivery_attempts": 0}, "NAEVN_DELIVERY_ATTEMPTS"),
        ({"delivery_backoff_seconds": -1.0}, "NAEVN_DELIVERY_BACKOFF_SECONDS"),
        ({"delivery_seconds": 0.0}, "NAEVN_DELIVERY_SECONDS"),
    ],
)
def test_a_setting_out_of_range_is_refused_before_the_service_starts(
    change: dict[str, object], named: str
) -> None:
    with pytest.raises(NaevnError, match=named):
        delivery(Settings(**change))  # type: ignore[arg-type]
