"""Schemathesis, a tool other people point at APIs, sends generated requests
to every operation in the OpenAPI document, against the running test server
with the demo loaded, and checks each answer against the document: never a
server error, only the documented status codes and content types, and bodies
that match their schemas."""

import pytest
import requests
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sendprogress.api.openapi import description

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# The document as the API serves it (its server address aside), built here
# because pytest needs the operations before the test server starts.
# (schemathesis.pytest.from_fixture, which would read it from the server,
# does not work with pytest 9.)
DOCUMENT = description("http://localhost/api/v1")
schema = schemathesis.openapi.from_dict(DOCUMENT)


@pytest.fixture
def api(transactional_db, live_server) -> str:
    """The running test server's API address, with the demo loaded."""
    call_command("loaddata", "fixtures/demo.json", verbosity=0)
    served = requests.get(f"{live_server.url}/api/v1/openapi.json", timeout=30).json()
    assert served["paths"] == DOCUMENT["paths"]
    return f"{live_server.url}/api/v1"


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_description_says(case, api):
    case.call_and_validate(base_url=api, checks=CHECKS)
