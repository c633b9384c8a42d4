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
    _check_error(description, "/measures/{code}/", 404, response.json())
    response = client.get(reverse("api:measures"), {"page": "-1"})
    assert response.status_code == 400
    _check_error(description, "/measures/", 400, response.json())


def _paged_operations(description):
    for path, item in description["paths"].items():
        parameters = {p["name"]: p for p in item["get"]["parameters"]}
        if "page" in parameters:
            yield path, item["get"], parameters["page"]


def test_the_description_states_the_paging_limits_and_the_link_header(description):
    paged = list(_paged_operations(description))
    assert [path for path, _, _ in paged] == [
        "/inspections/",
        "/findings/",
        "/plans/",
        "/measures/",
        "/measures/{code}/figures/",
        "/updates/",
    ]
    for path, operation, page in paged:
        assert page["schema"] == {
            "type": "integer",
            "minimum": 1,
            "maximum": 999999,
            "default": 1,
        }, path
        assert "50 results" in page["description"]
        assert "Link" in operation["responses"]["200"]["headers"], path
    link = description["paths"]["/measures/"]["get"]["responses"]["200"]["headers"]["Link"]
    for rel in ("first", "prev", "next", "last"):
        assert f'"{rel}"' in link["description"]


def test_every_error_the_description_names_is_json(description):
    responses = description["components"]["responses"]
    for item in description["paths"].values():
        for status in ("400", "404"):
            ref = item["get"]["responses"][status]["$ref"]
            name = ref.removeprefix("#/components/responses/")
            assert "Error" in responses[name]["content"]["application/json"]["schema"]["$ref"]
    not_allowed = responses["MethodNotAllowed"]
    assert not_allowed["headers"]["Allow"]["schema"] == {"const": "GET, HEAD, OPTIONS"}
    assert "405" in description["info"]["description"]


def test_out_of_range_pages_answer_as_described(client, description):
    make_measure(code="m")
    for page, status in (("1000000", 400), ("2", 404)):
        response = client.get("/api/v1/measures/", {"page": page})
        assert response.status_code == status
        _check_error(description, "/measures/", status, response.json())


def _check_error(description, path, status, body):
    ref = description["paths"][path]["get"]["responses"][str(status)]["$ref"]
    response = description["components"]["responses"][ref.rsplit("/", 1)[1]]
    schema = response["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": description["components"]})
    assert not list(validator.iter_errors(body))
