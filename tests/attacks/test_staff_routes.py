"""Every staff route, tried by those who may not: no token, a broken or unknown one, a revoked
one, a filer's, staff of another tribunal, and a role that may not. Each is refused, and the
store is as it was (cases, their audit trails, notes, messages, hearings, the outbox, saved
filters), on SQLite and on PostgreSQL.

The check is made on the server in one place (``console/access.py``); these tests go through
the real service over HTTP, as an attacker would.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.console.api.office import Office, open_office, settings_for, snapshot
from tests.pgserver import PgServer


@dataclass(frozen=True)
class Route:
    """One staff route, with a body that would be accepted from the right caller."""

    method: str
    path: str
    """With ``{case}``, ``{document}`` and ``{colleague}`` filled in from the office."""
    body: Any = None
    refused_roles: tuple[str, ...] = ()
    """The office's staff (by name) whose role may not do this."""
    on_case: bool = True
    """Whether it is about one case of the office's tribunal (``hln-101``)."""

    def call(self, office: Office, headers: dict[str, str]) -> httpx.Response:
        path = self.path.format(case=office.case, document=office.documents[office.case])
        body = self.body
        if isinstance(body, dict):
            body = {
                k: office.ids["colleague"]
                if v == "{colleague}"
                else [office.case]
                if v == "{cases}"
                else v
                for k, v in body.items()
            }
        return office.client.request(self.method, path, headers=headers, json=body)


CASE = "/api/v1/staff/cases/{case}"
ROUTES = {
    "me": Route("GET", "/api/v1/staff/me", on_case=False),
    "colleagues": Route("GET", "/api/v1/staff/staff", on_case=False),
    "queue": Route("GET", "/api/v1/staff/cases", on_case=False),
    "case": Route("GET", CASE),
    "document": Route("GET", CASE + "/attachments/{document}"),
    "export": Route("GET", CASE + "/export", None, ("board",)),
    "step": Route(
        "POST", CASE + "/steps", {"step": "request_fee", "version": 1}, ("board", "admin")
    ),
    "lead's step": Route(
        "POST",
        CASE + "/steps",
        {"step": "reopen", "version": 1, "text": "Why not."},
        ("caseworker", "board", "admin"),
    ),
    "assign to me": Route(
        "POST", CASE + "/assign", {"staff": "me", "version": 1}, ("board", "admin")
    ),
    "assign a colleague": Route(
        "POST", CASE + "/assign", {"staff": "{colleague}"}, ("caseworker", "board", "admin")
    ),
    "unassign": Route("POST", CASE + "/assign", {"staff": None}, ("caseworker", "board", "admin")),
    "bulk assign": Route(
        "POST",
        "/api/v1/staff/assign",
        {"cases": "{cases}", "staff": "{colleague}"},
        ("caseworker", "board", "admin"),
        on_case=False,
    ),
    "note": Route("POST", CASE + "/notes", {"text": "A note."}, ("admin",)),
    "message": Route(
        "POST",
        CASE + "/messages",
        {"to": "all", "subject": "Hello", "body": "A message."},
        ("board", "admin"),
    ),
    "hearing": Route("POST", CASE + "/hearing", {"material": [], "version": 1}, ("board", "admin")),
    "filters": Route("GET", "/api/v1/staff/filters", on_case=False),
    "save filter": Route(
        "PUT", "/api/v1/staff/filters/Mine", {"query": {"assignee": "me"}}, on_case=False
    ),
    "delete filter": Route("DELETE", "/api/v1/staff/filters/Mine", on_case=False),
    "outbox": Route("GET", "/api/v1/staff/outbox", None, ("caseworker", "board"), on_case=False),
    "retry": Route(
        "POST", "/api/v1/staff/outbox/1/retry", None, ("caseworker", "board"), on_case=False
    ),
    "decision": Route("GET", CASE + "/decision"),
    "save decision": Route("PUT", CASE + "/decision", {"fields": {}}, ("board", "admin")),
    "register decision": Route(
        "POST",
        CASE + "/decision/register",
        {"version": 1, "case_version": 1},
        ("caseworker", "board", "admin"),
    ),
    "decision document": Route("GET", CASE + "/decision/document"),
    "anonymisation": Route("GET", CASE + "/anonymisation", None, ("board", "admin")),
    "save anonymisation": Route(
        "PUT", CASE + "/anonymisation", {"version": 0, "spans": []}, ("board", "admin")
    ),
    "accept anonymisation": Route(
        "POST", CASE + "/anonymisation/accept", {"version": 0}, ("board", "admin")
    ),
    "anonymise": Route("POST", CASE + "/anonymise", {"text": "Hans Hansen"}, ("board", "admin")),
}
"""Every route of the staff API (``console/api/routes.py``) about cases and the service; the
board's meetings' routes are tried in ``tests/console/meetings/``."""

NOT_STAFF = {
    "no token": {},
    "not a bearer token": {"Authorization": "Basic bWV0dGU6aGVtbWVsaWc="},
    "a bearer scheme without a token": {"Authorization": "Bearer"},
    "a token of nobody": {"Authorization": "Bearer " + "x" * 43},
}
"""Headers that name no staff member at all."""


@pytest.fixture(scope="module", params=["sqlite", "pg"])
def office(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Office]:
    """One office per backend for the module: every request here is refused, so none
    changes what the next one finds (each test checks so)."""
    tmp = tmp_path_factory.mktemp("staff-attacks")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'naevn.db'}"
        with open_office(settings_for(url, tmp)) as opened:
            yield opened
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create_database(template=request.getfixturevalue("pg_template"))
    try:
        with open_office(settings_for(server.url(name), tmp)) as opened:
            yield opened
    finally:
        server.drop_database(name)


def _state(office: Office) -> dict[str, Any]:
    return snapshot(
        office.store, (office.case, office.other, office.away), list(office.ids.values())
    )


def _refused(office: Office, route: Route, headers: dict[str, str]) -> httpx.Response:
    before = _state(office)
    response = route.call(office, headers)
    assert _state(office) == before, response.text
    assert response.headers["Content-Type"].startswith("application/json"), response.text
    return response


@pytest.mark.parametrize("how", list(NOT_STAFF))
@pytest.mark.parametrize("name", list(ROUTES))
def test_a_request_without_a_staff_token_is_refused(office: Office, name: str, how: str) -> None:
    response = _refused(office, ROUTES[name], NOT_STAFF[how])
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("name", list(ROUTES))
def test_a_filers_token_is_no_staff_token(office: Office, name: str) -> None:
    response = _refused(office, ROUTES[name], office.as_("filer"))
    assert response.status_code == 401, response.text


@pytest.mark.parametrize("name", list(ROUTES))
def test_a_revoked_token_is_refused(office: Office, name: str) -> None:
    response = _refused(office, ROUTES[name], office.as_("revoked"))
    assert response.status_code == 403, response.text
    assert "revoked" in response.json()["error"]["message"]


@pytest.mark.parametrize("who", ["stranger", "away_lead"])
@pytest.mark.parametrize("name", [n for n, r in ROUTES.items() if r.on_case])
def test_staff_of_another_tribunal_find_no_such_case(office: Office, name: str, who: str) -> None:
    response = _refused(office, ROUTES[name], office.as_(who))
    assert response.status_code == 404, response.text
    unknown = office.get(who, "/api/v1/staff/cases/101-99999", lang="en")
    assert (
        response.json()["error"]["message"].replace(office.case, "101-99999")
        == (unknown.json()["error"]["message"])
    )


def test_staff_of_another_tribunal_assign_none_of_its_cases_in_bulk(office: Office) -> None:
    body = {"cases": [office.case, office.other], "staff": "me"}
    before = _state(office)
    response = office.post("away_lead", "/api/v1/staff/assign", body)
    assert _state(office) == before
    assert response.status_code == 200, response.text
    assert response.json()["assigned"] == []
    assert [r["number"] for r in response.json()["refused"]] == [office.case, office.other]


def test_staff_of_another_tribunal_see_none_of_its_cases_in_the_queue(office: Office) -> None:
    for query in ({}, {"tribunal": "hln-101"}, {"q": "Karen"}, {"status": "submitted"}):
        cases = office.get("stranger", "/api/v1/staff/cases", **query).json()["cases"]
        assert office.case not in {c["number"] for c in cases}, query


ROLE_REFUSALS = [
    pytest.param(name, who, id=f"{name}-{who}")
    for name, route in ROUTES.items()
    for who in route.refused_roles
]


@pytest.mark.parametrize(("name", "who"), ROLE_REFUSALS)
def test_a_role_that_may_not_is_refused(office: Office, name: str, who: str) -> None:
    response = _refused(office, ROUTES[name], office.as_(who))
    assert response.status_code == 403, response.text
    assert response.json()["error"]["code"] == "forbidden"
