"""Hostile input at the open data API: any address and query string gets a JSON
answer (200, 304, 400 or 404), never a 500, and nothing saved changes."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from .conftest import WALK, assert_never_500, assert_nothing_changed, snapshot
from .strategies import hostile_number, hostile_text

pytestmark = pytest.mark.usefixtures("demo")

COLLECTIONS = [
    "/api/v1/",
    "/api/v1/openapi.json",
    "/api/v1/local-area/",
    "/api/v1/inspections/",
    "/api/v1/findings/",
    "/api/v1/plans/",
    "/api/v1/measures/",
    "/api/v1/updates/",
    "/api/v1/measures/ehcp-20-weeks/",
    "/api/v1/measures/ehcp-20-weeks/figures/",
]


@WALK
@given(
    page=st.one_of(hostile_number, hostile_text),
    query=st.dictionaries(hostile_text, hostile_text, max_size=3),
    etag=hostile_text,
)
@example(page="99999999999999999999", query={}, etag="")
@example(page="0", query={}, etag='W/"x"')
def test_every_api_address_takes_any_query_string(client, page, query, etag):
    before = snapshot()
    for url in COLLECTIONS:
        response = client.get(url, {**query, "page": page}, headers={"If-None-Match": etag})
        assert_never_500(response, url)
        assert response.status_code in {200, 304, 400, 404}, url
        if response.status_code != 304:
            assert response["Content-Type"] == "application/json"
            assert response.json()
    assert_nothing_changed(before, snapshot(), "API")


@WALK
@given(
    segment=st.one_of(hostile_text, st.integers(min_value=-(10**30), max_value=10**30).map(str))
)
def test_api_addresses_with_any_code_never_fail(client, segment):
    before = snapshot()
    quoted = quote(segment, safe="")
    for url in (f"/api/v1/measures/{quoted}/", f"/api/v1/measures/{quoted}/figures/"):
        response = client.get(url)
        assert_never_500(response, url)
        assert response.status_code in {200, 404}, url
    assert_nothing_changed(before, snapshot(), "API codes")
