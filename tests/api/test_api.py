"""The open data API: public data only, paginated, cacheable by ETag, open to other sites."""

from datetime import date

import pytest
from django.test import Client

from sendprogress.plan.models import Figure
from tests.factories import (
    make_comparator,
    make_figure,
    make_finding,
    make_inspection,
    make_judgement,
    make_measure,
    make_plan,
    make_post,
)

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, (response.json() if response.content else None)


@pytest.fixture
def measure(db):
    measure = make_measure(code="plans-on-time", title="Plans on time")
    make_figure(measure=measure, period=date(2023, 1, 1), value=40, numerator=4, denominator=10)
    make_figure(measure=measure, period=date(2023, 2, 1), value=60, numerator=3, denominator=5)
    make_figure(measure=measure, period=date(2023, 3, 1), value=99, status=Figure.Status.DRAFT)
    make_figure(measure=measure, period=date(2023, 4, 1), value=98, status=Figure.Status.SUBMITTED)
    make_comparator(measure=measure, values=[(date(2023, 1, 1), "2023", 50.3)])
    return measure


def test_the_index_links_to_every_collection_and_the_description(client, measure):
    response, data = get(client, "/api/v1/")
    assert response.status_code == 200
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    for name in ("local_area", "inspections", "findings", "plans", "measures", "updates"):
        assert data[name].startswith("http://testserver/api/v1/")


def test_only_approved_figures_are_listed(client, measure):
    _, data = get(client, "/api/v1/measures/plans-on-time/figures/")
    # The second counts too few children (3 of 5): its figure is left out too.
    assert [(f["period"], f["value"]) for f in data["results"]] == [
        ("2023-01-01", 40.0),
        ("2023-02-01", None),
    ]
    assert data["count"] == 2


def test_a_small_count_is_left_out(client, measure):
    _, data = get(client, "/api/v1/measures/plans-on-time/figures/")
    first, second = data["results"]
    assert (first["numerator"], first["denominator"], first["count_suppressed"]) == (4, 10, False)
    assert (second["numerator"], second["denominator"], second["count_suppressed"]) == (
        None,
        None,
        True,
    )
    assert second["value"] is None
    assert second["count_note"] == "Not shown: fewer than 10 children, to protect privacy"


def test_a_measure_comes_with_milestones_latest_figure_and_comparators(client, measure):
    _, data = get(client, "/api/v1/measures/plans-on-time/")
    # 3 of 5: the latest figure is left out, and says why.
    assert data["latest"] == {
        "period": "2023-02-01",
        "value": None,
        "suppressed": True,
        "count_note": "Not shown: fewer than 10 children, to protect privacy",
    }
    assert data["comparators"][0]["label"] == "England"
    assert data["comparators"][0]["values"][0]["value"] == 50.3


def test_a_hidden_measure_is_nowhere_in_the_api(client, measure):
    measure.is_public = False
    measure.save()
    _, data = get(client, "/api/v1/measures/")
    assert data["results"] == []
    for url in ("/api/v1/measures/plans-on-time/", "/api/v1/measures/plans-on-time/figures/"):
        response, data = get(client, url)
        assert response.status_code == 404
        assert data == {"error": "There is nothing public at this address."}


def test_a_findings_judgement_keeps_its_v1_field_for_what_inspectors_found(client, db):
    """The model's field was renamed (`what_inspectors_found`); the API v1 only gains fields."""
    finding = make_finding(slug="late-plans", title="Late plans")
    make_judgement(
        finding=finding,
        inspection=make_inspection(title="Area SEND inspection"),
        what_inspectors_found="Most plans took longer than 20 weeks.",
    )
    _, data = get(client, "/api/v1/findings/")
    (judgement,) = next(f for f in data["results"] if f["slug"] == "late-plans")["judgements"]
    assert judgement["inspection"] == "Area SEND inspection"
    assert judgement["findings"] == "Most plans took longer than 20 weeks."
    assert "what_inspectors_found" not in judgement


def test_only_published_updates_are_listed(client, db):
    make_post(title="Out now", slug="out-now")
    make_post(title="Not yet", slug="not-yet", status="draft")
    _, data = get(client, "/api/v1/updates/")
    assert [u["slug"] for u in data["results"]] == ["out-now"]


def test_pages_link_to_each_other_and_a_bad_page_says_why(client, db):
    for n in range(51):
        make_post(title=f"Post {n}", slug=f"post-{n}")
    _, first = get(client, "/api/v1/updates/")
    assert (first["count"], first["pages"], len(first["results"])) == (51, 2, 50)
    assert first["next"] == "http://testserver/api/v1/updates/?page=2"
    _, second = get(client, first["next"])
    assert len(second["results"]) == 1
    assert second["previous"] == "http://testserver/api/v1/updates/?page=1"
    response, data = get(client, "/api/v1/updates/?page=3")
    assert (response.status_code, data["error"]) == (404, "There are only 2 pages.")
    response, data = get(client, "/api/v1/updates/?page=two")
    assert (response.status_code, data["error"]) == (
        400,
        "page must be a whole number from 1 to 999,999.",
    )


def links(response) -> dict[str, str]:
    """The Link header as {rel: address}, read the way RFC 8288 writes it."""
    found = {}
    for part in response["Link"].split(", "):
        address, rel = part.split("; ")
        assert address.startswith("<"), part
        assert address.endswith(">"), part
        found[rel.removeprefix('rel="').removesuffix('"')] = address[1:-1]
    return found


@pytest.fixture
def three_pages_of_one_plan(db):
    """101 measures of one plan (three pages of 50) and one of another."""
    chosen, other = make_plan(slug="chosen"), make_plan(slug="other")
    finding = make_finding()
    for n in range(101):
        make_measure(code=f"m-{n:03}", title=f"M {n:03}", order=n, plan=chosen, finding=finding)
    make_measure(code="elsewhere", plan=other, finding=finding)


def test_link_headers_page_through_a_filtered_list(client, three_pages_of_one_plan):
    address = "http://testserver/api/v1/measures/?plan=chosen&page="
    first = client.get("/api/v1/measures/", {"plan": "chosen"})
    assert links(first) == {"first": address + "1", "next": address + "2", "last": address + "3"}
    middle = client.get(links(first)["next"])
    assert links(middle) == {
        "first": address + "1",
        "prev": address + "1",
        "next": address + "3",
        "last": address + "3",
    }
    last = client.get(links(middle)["last"])
    assert links(last) == {"first": address + "1", "prev": address + "2", "last": address + "3"}
    assert [len(r.json()["results"]) for r in (first, middle, last)] == [50, 50, 1]
    assert last.json()["count"] == 101
    # The body's own links are the same addresses.
    assert middle.json()["next"] == address + "3"
    assert middle.json()["previous"] == address + "1"


def test_a_list_on_one_page_links_to_itself_as_first_and_last(client, measure):
    response = client.get("/api/v1/measures/")
    page = "http://testserver/api/v1/measures/?page=1"
    assert links(response) == {"first": page, "last": page}


def test_a_script_on_another_site_may_read_the_link_and_etag_headers(client, measure):
    response = client.get("/api/v1/measures/", headers={"Origin": "https://localoffer.example"})
    exposed = [name.strip() for name in response["Access-Control-Expose-Headers"].split(",")]
    assert set(exposed) == {"ETag", "Link"}
    assert response["Link"]
    assert response["ETag"]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"page": "1000000"}, 400, "page must be a whole number from 1 to 999,999."),
        ({"page": "0"}, 400, "page must be a whole number from 1 to 999,999."),
        ({"page": "999999"}, 404, "There is only 1 page."),
        ({"plan": "no-such-plan"}, 400, None),
    ],
)
def test_an_out_of_range_page_or_unknown_plan_is_a_json_error(
    client, measure, query, status, message
):
    response = client.get("/api/v1/measures/", query)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    if message:
        assert response.json() == {"error": message}
    else:
        assert "/api/v1/plans/" in response.json()["error"]


def test_a_plan_filter_lists_only_that_plans_measures(client, db):
    one, two = make_plan(slug="one"), make_plan(slug="two")
    make_measure(code="of-one", plan=one)
    make_measure(code="of-two", plan=two)
    data = client.get("/api/v1/measures/", {"plan": "two"}).json()
    assert [m["code"] for m in data["results"]] == ["of-two"]


def test_an_unchanged_answer_is_a_304_by_etag(client, measure):
    response = client.get("/api/v1/measures/")
    etag = response["ETag"]
    assert etag
    again = client.get("/api/v1/measures/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_answers_are_cacheable_and_open_to_other_sites(client, measure):
    response = client.get("/api/v1/measures/", headers={"Origin": "https://localoffer.example"})
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options("/api/v1/measures/", headers={"Origin": "https://x.example"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_the_api_only_reads(client, measure):
    client.handler.enforce_csrf_checks = False
    response = client.put("/api/v1/measures/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Link",
    "Access-Control-Max-Age": "86400",
}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_gets_a_json_405_even_with_csrf_checks_on(db, method):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)("/api/v1/measures/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json() == {"error": "This API only reads: use GET."}


@pytest.mark.parametrize("address", ["/api/v1/nope/", "/api/v1/measures/a.b/"])
def test_an_unknown_address_is_a_json_404(db, address):
    response = Client(enforce_csrf_checks=True).get(address)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "There is nothing public at this address."}
    assert {name: response[name] for name in CORS_HEADERS} == CORS_HEADERS


def test_posting_to_an_unknown_address_is_a_json_404_not_a_csrf_page(db):
    response = Client(enforce_csrf_checks=True).post("/api/v1/nope/")
    assert response.status_code == 404
    assert response.json() == {"error": "There is nothing public at this address."}


def test_a_304_keeps_the_cors_headers(client, measure):
    etag = client.get("/api/v1/measures/")["ETag"]
    again = client.get("/api/v1/measures/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert {name: again[name] for name in CORS_HEADERS} == CORS_HEADERS


def test_the_missing_slash_redirect_carries_cors_headers(client, db):
    response = client.get("/api/v1/measures")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/measures/"
    assert {name: response[name] for name in CORS_HEADERS} == CORS_HEADERS


def test_a_bad_page_and_a_405_carry_cors_headers(client, db):
    for response in (client.get("/api/v1/measures/?page=x"), client.delete("/api/v1/plans/")):
        assert {name: response[name] for name in CORS_HEADERS} == CORS_HEADERS


def test_other_pages_are_not_opened_to_other_sites(client, db):
    assert "Access-Control-Allow-Origin" not in client.get("/accessibility/")
