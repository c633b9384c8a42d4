import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_home_page_has_no_axe_violations(page, live_demo):
    page.goto(live_demo.url + "/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_home_page_works_without_javascript(js_disabled_page, live_demo):
    js_disabled_page.goto(live_demo.url + "/")
    findings = js_disabled_page.locator(".app-area-list__item h3")
    assert findings.count() == 6
