"""The 500 and 503 pages, as a browser shows them: accessible, in the site's look."""

import pytest
from django.template.loader import render_to_string

from .conftest import assert_accessible


@pytest.mark.browser
@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_error_pages_have_no_axe_violations(page, live_server, template):
    html = render_to_string(template, {"request_id": "c0ffee00c0ffee00c0ffee00c0ffee00"})
    # Served at the live server's address so the site's stylesheet loads as usual.
    url = f"{live_server.url}/an-error-page/"
    page.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(url)
    assert page.locator("h1").count() == 1
    assert page.get_by_text("c0ffee00c0ffee00c0ffee00c0ffee00").is_visible()
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"  # site.css loaded
    assert_accessible(page)
