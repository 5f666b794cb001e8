"""Behind a reverse proxy: a trusted proxy's X-Forwarded-For gives each citizen their own
limits, and X-Forwarded-Proto their Secure cookies; from anyone else the headers are ignored,
so a client cannot dodge a limit by claiming another address."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from naevn.settings import Settings
from naevn.web.app import create_app
from naevn.web.forwarded import client_address, networks
from statemachine.errors import NaevnError
from tests.assistant.mine.site import csrf_of
from tests.assistant.web.site import TODAY, Site, site

__all__ = ["site"]  # the fixture

PROXIES = networks(["127.0.0.1", "10.0.0.0/8"])


def test_the_client_is_the_right_most_hop_that_is_not_a_trusted_proxy() -> None:
    # A client behind two proxies of ours; what it wrote itself on the left is not believed.
    forwarded = ["6.6.6.6, 203.0.113.9", "10.1.2.3"]
    assert client_address("127.0.0.1", forwarded, PROXIES) == "203.0.113.9"
    assert client_address("127.0.0.1", ["203.0.113.9"], PROXIES) == "203.0.113.9"
    assert client_address("127.0.0.1", [], PROXIES) == "127.0.0.1", "no header: the proxy"
    assert client_address("127.0.0.1", ["nonsense, 10.0.0.7"], PROXIES) == "10.0.0.7"
    assert client_address("198.51.100.1", ["203.0.113.9"], PROXIES) == "198.51.100.1", (
        "not from a proxy of ours: the header is anyone's claim"
    )


def test_a_trusted_proxy_that_is_not_an_address_stops_the_service_from_starting() -> None:
    with pytest.raises(NaevnError, match=r"NAEVN_TRUSTED_PROXIES: 'proxy\.local'"):
        create_app(Settings(trusted_proxies=("proxy.local",)))


@pytest.fixture(params=["behind a proxy", "no proxy"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """The pages' site, with the test's client as a trusted proxy or not; no rate limits but
    Mine sager's own."""
    return Settings(
        db=f"sqlite:///{tmp_path / 'var' / 'naevn.db'}",
        data_dir=tmp_path / "data",
        today=TODAY,
        rate_limit=0,
        trusted_proxies=("127.0.0.1",) if request.param == "behind a proxy" else (),
    )


def ask_for_codes(site: Site, client_ip: str, times: int) -> list[int]:
    """Ask Mine sager for a sign-in code ``times`` times, through the proxy for
    ``client_ip``; the answers' statuses."""
    statuses = []
    with httpx.Client(base_url=site.url, timeout=30) as client:
        client.headers["X-Forwarded-For"] = client_ip
        for n in range(times):
            data = {"csrf": csrf_of(client), "email": f"person{n}@{client_ip}.example.dk"}
            statuses.append(client.post("/mine/email", data=data).status_code)
    return statuses


def test_each_citizen_behind_the_proxy_has_their_own_sign_in_limit(
    site: Site, settings: Settings
) -> None:
    first = ask_for_codes(site, "203.0.113.5", 6)
    second = ask_for_codes(site, "203.0.113.6", 1)
    assert first == [200] * 5 + [429], "five codes a client, then wait"
    if settings.trusted_proxies:
        assert second == [200], "another citizen is not held back by the first"
    else:
        assert second == [429], "a claimed address does not dodge the limit"


def test_https_at_the_proxy_gives_secure_cookies(site: Site, settings: Settings) -> None:
    with httpx.Client(base_url=site.url, timeout=30) as client:
        page = client.get("/mine", headers={"X-Forwarded-Proto": "https"})
    cookie = page.headers["set-cookie"]
    assert ("Secure" in cookie) == bool(settings.trusted_proxies), cookie
