"""The HTTP client: the staff routes, and refusals as one error with the server's words."""

from __future__ import annotations

import httpx
import pytest
import respx

from console.clients.http import HttpStaffClient, StaffApiError
from locales import translator

pytestmark = pytest.mark.anyio

BASE = "http://naevn.test/api/v1/staff"


async def test_the_queue_is_asked_with_its_filters_and_the_token() -> None:
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(f"{BASE}/cases").respond(json={"cases": [], "after": None})
        client = HttpStaffClient("http://naevn.test/", "secret", lang="en")
        page = await client.queue({"status": "hearing", "assignee": "me", "limit": 100})
        await client.aclose()
    assert page == {"cases": [], "after": None}
    request = route.calls.last.request
    assert request.headers["authorization"] == "Bearer secret"
    assert request.headers["accept-language"] == "en"
    assert dict(request.url.params) == {"status": "hearing", "assignee": "me", "limit": "100"}


async def test_a_refusal_carries_the_servers_plain_message() -> None:
    message = "Case 101-10001 was changed by someone else; open it again."
    with respx.mock(assert_all_called=True) as mock:
        mock.post(f"{BASE}/cases/101-10001/steps").respond(
            409, json={"error": {"code": "conflict", "message": message}}
        )
        client = HttpStaffClient("http://naevn.test", "secret")
        with pytest.raises(StaffApiError) as refused:
            await client.step("101-10001", "dismiss", version=1, reason="other", text="x")
        await client.aclose()
    assert (refused.value.message, refused.value.code, refused.value.status) == (
        message,
        "conflict",
        409,
    )


async def test_a_service_that_cannot_be_reached_is_said_plainly() -> None:
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/me").mock(side_effect=httpx.ConnectError("connection refused"))
        client = HttpStaffClient("http://naevn.test", "secret")
        with pytest.raises(StaffApiError) as refused:
            await client.me()
        await client.aclose()
    assert refused.value.status == 503
    said = translator("en").render(refused.value.message)
    assert said == "The service at http://naevn.test cannot be reached: connection refused"


async def test_the_dead_letters_are_listed_and_one_is_sent_again() -> None:
    letter = {
        "id": 7,
        "case": "101-10001",
        "kind": "message",
        "recipient": "nobody@example.invalid",
        "recipient_name": "Lone Lejer",
        "subject": "Your case",
        "state": "dead",
        "attempts": 5,
        "last_error": "550 mailbox unavailable",
        "created_at": "2026-11-23T09:00:00+00:00",
        "sent_at": None,
    }
    with respx.mock(assert_all_called=True) as mock:
        listed = mock.get(f"{BASE}/outbox").respond(json={"mail": [letter]})
        retried = mock.post(f"{BASE}/outbox/7/retry").respond(
            json={**letter, "state": "pending", "attempts": 0}
        )
        client = HttpStaffClient("http://naevn.test", "secret")
        dead = await client.outbox("dead")
        again = await client.resend(7)
        await client.aclose()
    assert [m["case"] for m in dead] == ["101-10001"]
    assert dict(listed.calls.last.request.url.params) == {"state": "dead"}
    assert retried.calls.last.request.content == b""
    assert (again["state"], again["attempts"]) == ("pending", 0)
