"""The staff API against its OpenAPI document: the service serves the merged document, and
schemathesis-generated requests (valid and invalid) get no 5xx and only documented answers.

Requests carry a real staff token (a lead's or a caseworker's of the cases' tribunal), one of
another tribunal's staff, a revoked one, or none; a case number in the path is now and then
that of a real case, and a document id that of its real document. The run is bounded and
derandomized: the same requests every time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from console.api.openapi import document as staff_document
from naevn.web.openapi import document
from tests.console.api.office import Office, open_office, settings_for
from tests.pgserver import PgServer

EXAMPLES = int(os.environ.get("NAEVN_FUZZ_EXAMPLES", "30"))
"""Requests per operation and generation mode."""

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
"""What every response must pass: no 5xx, and status, content type, headers and body as
documented."""

LONGEST_QUERY = 6000
"""The longest query string sent (the server reads request lines of up to 8 KB)."""

CREDENTIALS = ("lead", "caseworker", "stranger", "revoked", "none")
"""Whose token a request carries (``none``: no Authorization header)."""


def _operations() -> dict[str, APIOperation[Any, Any, Any, Any]]:
    found = {}
    for result in schemathesis.openapi.from_dict(staff_document()).get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        operation = result.ok()
        found[operation.label] = operation
    return found


OPERATIONS = _operations()


@pytest.fixture(scope="module", params=["sqlite", "pg"])
def office(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Office]:
    """One office per backend, fuzzed by every test of the module."""
    tmp = tmp_path_factory.mktemp("staff-fuzz")
    if request.param == "sqlite":
        with open_office(settings_for(f"sqlite:///{tmp / 'naevn.db'}", tmp)) as opened:
            yield opened
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create_database(template=request.getfixturevalue("pg_template"))
    try:
        with open_office(settings_for(server.url(name), tmp)) as opened:
            yield opened
    finally:
        server.drop_database(name)


def test_the_document_is_valid_and_names_every_staff_route() -> None:
    validate(document())
    staff_paths = {p for p in document()["paths"] if p.startswith("/api/v1/staff/")}
    assert staff_paths == set(staff_document()["paths"])
    assert "/api/v1/sessions" in document()["paths"]


def test_the_service_serves_the_merged_document(office: Office) -> None:
    response = office.client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == document()


RUNS = [
    pytest.param(label, mode, id=f"{label} {mode.value}")
    for label, operation in OPERATIONS.items()
    for mode in GenerationMode
    if mode is GenerationMode.POSITIVE
    or operation.method != "get"
    or "{" in operation.path
    or operation.path.endswith(("/cases", "/outbox"))
]


@pytest.mark.parametrize(("label", "mode"), RUNS)
def test_fuzzed_requests_get_documented_answers(
    office: Office, label: str, mode: GenerationMode
) -> None:
    operation = OPERATIONS[label]

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(
        case=operation.as_strategy(generation_mode=mode),
        who=st.sampled_from(CREDENTIALS),
        real=st.booleans(),
    )
    def call(case: schemathesis.Case[Any], who: str, real: bool) -> None:
        # aiohttp's parser refuses a request line over 8 KB before any view sees it, in
        # plain text: a limit of the HTTP server, not of this API.
        assume(len(urlencode(case.query or {}, doseq=True)) < LONGEST_QUERY)
        params = case.path_parameters or {}
        if real and "number" in params:
            params["number"] = office.case
            if "attachment" in params:
                params["attachment"] = office.documents[office.case]
        if who == "none":
            case.headers.pop("Authorization", None)
        else:
            case.headers["Authorization"] = office.as_(who)["Authorization"]
        response = case.call(base_url=str(office.client.base_url), timeout=30)
        case.validate_response(response, checks=CHECKS)

    call()


def test_a_fuzzed_store_still_reads(office: Office) -> None:
    """Whatever the fuzzing did, the cases still read whole (no state the desk cannot show)."""
    for number in (office.case, office.other):
        response = httpx.get(
            f"{office.client.base_url}/api/v1/staff/cases/{number}",
            headers=office.as_("lead"),
            timeout=30,
        )
        assert response.status_code == 200, response.text
