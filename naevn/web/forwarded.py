"""Behind a reverse proxy: the client's own address and scheme, from the proxy's headers.

Every connection through a proxy comes from the proxy's address, so per-client limits (the
service's rate limits, Mine sager's sign-in limits) would count every citizen as one, and
``Secure`` cookies would not be set behind a TLS-terminating proxy. Only proxies named in the
settings are believed: from anyone else, ``X-Forwarded-For`` is a claim anyone can make, and is
ignored.

The client is the right-most address in ``X-Forwarded-For`` that is not a trusted proxy
(each proxy appends the address it was connected from); an entry that is not an address ends
the walk at the last good hop.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from typing import Final

from aiohttp import web

from statemachine.errors import NaevnError

Network = IPv4Network | IPv6Network
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

PROXIES: Final = web.AppKey("trusted_proxies", frozenset)
"""The networks of the reverse proxies whose forwarding headers are believed."""


def networks(entries: Iterable[str]) -> frozenset[Network]:
    """Addresses or networks (``10.0.0.0/8``, ``::1``) as networks.

    Raises:
        NaevnError: an entry is neither (the setting is checked before the app starts).
    """
    found = set()
    for entry in (e.strip() for e in entries):
        try:
            found.add(ip_network(entry, strict=False))
        except ValueError:
            raise NaevnError(
                f"NAEVN_TRUSTED_PROXIES: {entry!r} is not an address or a network, such as "
                "127.0.0.1 or 10.0.0.0/8."
            ) from None
    return frozenset(found)


def client_address(remote: str | None, forwarded: list[str], proxies: frozenset[Network]) -> str:
    """The client's address: ``remote`` unless it is a trusted proxy, else the right-most
    hop of ``forwarded`` (the ``X-Forwarded-For`` values) that is not one."""
    client = remote or "unknown"
    if not _trusted(client, proxies):
        return client
    hops = [hop.strip() for value in forwarded for hop in value.split(",")]
    for hop in reversed(hops):
        if not _is_address(hop):
            break
        client = hop
        if not _trusted(hop, proxies):
            break
    return client


@web.middleware
async def real_client(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Handle a request from a trusted proxy as coming from its client (its address, and
    ``https`` if the proxy says so); any other request as it is."""
    proxies: frozenset[Network] = request.config_dict[PROXIES]
    if not proxies or not _trusted(request.remote or "", proxies):
        return await handler(request)
    remote = client_address(request.remote, request.headers.getall("X-Forwarded-For", []), proxies)
    proto = request.headers.get("X-Forwarded-Proto", "").split(",")[-1].strip().lower()
    scheme = proto if proto in ("http", "https") else request.scheme
    return await handler(request.clone(remote=remote, scheme=scheme))


def _is_address(text: str) -> bool:
    try:
        ip_address(text)
    except ValueError:
        return False
    return True


def _trusted(address: str, proxies: frozenset[Network]) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in proxies)
