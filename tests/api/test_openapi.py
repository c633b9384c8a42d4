"""The OpenAPI description is valid and every real answer matches it."""

from datetime import date

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from tests.factories import make_comparator, make_figure, make_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def description(client):
    return client.get("/api/v1/openapi.json").json()


def _check(description, path, status, body):
    operation = description["paths"][path]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    validator = Draft202012Validator(
        {**schema, "components": description["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = sorted(validator.iter_errors(body), key=str)
    assert not errors, f"{path}: {errors[0]}"


def test_the_description_is_valid_openapi(description):
    validate(description)
    assert description["servers"] == [{"url": "http://testserver/api/v1"}]


def test_every_documented_path_answers_as_described_with_the_demo(client, demo, description):
    measure = "ehcp-20-weeks"
    checked = 0
    for path in description["paths"]:
        response = client.get("/api/v1" + path.format(code=measure))
        assert response.status_code == 200, path
        _check(description, path, 200, response.json())
        checked += 1
    assert checked == len(description["paths"]) == 9


def test_comparator_symbols_and_small_counts_match_the_description(client, description):
    measure = make_measure(code="m")
    make_figure(measure=measure, period=date(2023, 1, 1), value=60, numerator=3, denominator=5)
    make_comparator(measure=measure, values=[(date(2022, 1, 1), "2022", "c")])
    detail = client.get("/api/v1/measures/m/").json()
    _check(description, "/measures/{code}/", 200, detail)
    assert detail["comparators"][0]["values"][0]["symbol"] == "c"
    figures = client.get("/api/v1/measures/m/figures/").json()
    _check(description, "/measures/{code}/figures/", 200, figures)


def test_errors_match_the_description(client, description):
    response = client.get("/api/v1/measures/nothing-here/")
    _check(description, "/measures/{code}/", 404, response.json())
    response = client.get(reverse("api:measures"), {"page": "-1"})
    assert response.status_code == 400
    _check(description, "/measures/", 400, response.json())
