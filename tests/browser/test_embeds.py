"""The embed in a real browser: accessible, shown inside a page from an allowed
origin, and refused inside a page from anywhere else."""

import pytest

from .conftest import CHROMIUM_ARGS, _chromium_path, assert_accessible

pytestmark = pytest.mark.browser

EMBED = "/embed/measures/ehcp-20-weeks/"
ALLOWED = "http://localoffer.test"
ELSEWHERE = "http://elsewhere.test"


def test_the_embed_has_no_axe_violations(page, live_demo):
    page.goto(live_demo.url + EMBED)
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert_accessible(page)


def test_the_embed_works_without_javascript(js_disabled_page, live_demo):
    js_disabled_page.goto(live_demo.url + EMBED)
    js_disabled_page.get_by_text("The figures as a table").click()
    assert js_disabled_page.locator("#figures tbody tr").count() == 12


@pytest.fixture
def partner_page(browser):
    """A page in a browser that lets a made-up public site frame the local test server.

    Chromium's Local Network Access checks would otherwise refuse any public
    page framing localhost, allowed or not, hiding what frame-ancestors does.
    """
    other = browser.browser_type.launch(
        executable_path=_chromium_path(),
        headless=True,
        args=[*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"],
    )
    yield other.new_page()
    other.close()


def _host_page(page, origin, live_url):
    """A page at `origin` (answered by the browser itself) that frames the embed."""
    html = (
        '<!DOCTYPE html><html lang="en"><title>Partner</title>'
        f'<iframe src="{live_url}{EMBED}" title="Chart" width="800" height="700"></iframe></html>'
    )
    page.route(f"{origin}/", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(f"{origin}/")
    page.wait_for_timeout(1500)
    return next(f for f in page.frames if f != page.main_frame)


def test_an_allowed_site_shows_the_embed_in_a_frame(partner_page, live_demo, settings):
    settings.EMBED_ALLOWED_ORIGINS = [ALLOWED]
    frame = _host_page(partner_page, ALLOWED, live_demo.url)
    assert "plans issued within 20 weeks" in frame.locator("h1").inner_text()


def test_any_other_site_is_refused_the_frame(partner_page, live_demo, settings):
    settings.EMBED_ALLOWED_ORIGINS = [ALLOWED]
    frame = _host_page(partner_page, ELSEWHERE, live_demo.url)
    # Chromium shows its own error page in the frame instead of the embed.
    assert frame.locator("h1.govuk-heading-m").count() == 0
    assert frame.url.startswith("chrome-error://")
