"""Feedback, search and "You said, we did" in a real browser: every state of
the feedback form is accessible, and everything works by keyboard, with and
without JavaScript."""

from datetime import date

import pytest
from playwright.sync_api import expect

from sendprogress.engagement.models import Feedback
from tests.engagement.factories import make_entry, make_feedback
from tests.factories import make_finding

from .conftest import assert_accessible
from .test_staff_journey import sign_in, staff_demo  # noqa: F401 (staff_demo: a fixture)

pytestmark = pytest.mark.browser

FORM = ".app-feedback__form"


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.FEEDBACK_MIN_SECONDS = 0


@pytest.fixture
def page_without_htmx(page):
    """A page whose forms are sent the plain way, as without JavaScript, but
    where axe-core (which needs JavaScript) can still run."""
    page.route("**/htmx.min.*js", lambda route: route.abort())
    return page


def test_the_open_feedback_form_is_accessible(page, live_demo):
    page.goto(live_demo.url + "/measures/")
    assert page.locator(FORM).is_visible()
    assert not page.locator("#feedback-thanks").is_visible()
    assert_accessible(page)


def test_without_javascript_a_visitor_is_thanked_on_the_same_page(js_disabled_page, live_demo):
    page = js_disabled_page
    page.goto(live_demo.url + "/journey/")
    page.get_by_role("radio", name="No").check()
    page.get_by_label("What was missing or wrong? (optional)").fill("No dates for next year")
    page.get_by_role("button", name="Send feedback").click()
    assert page.url == live_demo.url + "/journey/#feedback-thanks"
    assert page.get_by_text("Thank you for your feedback.").is_visible()
    assert not page.locator(FORM).is_visible()
    assert Feedback.objects.get().comment == "No dates for next year"


def test_the_plain_thank_you_is_accessible(page_without_htmx, live_demo):
    page = page_without_htmx
    page.goto(live_demo.url + "/journey/")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/journey/#feedback-thanks")
    assert page.get_by_text("Thank you for your feedback.").is_visible()
    assert_accessible(page)


def test_without_javascript_a_mistake_is_shown_with_what_was_typed(page_without_htmx, live_demo):
    page = page_without_htmx
    page.goto(live_demo.url + "/glossary/")
    page.get_by_label("What was missing or wrong? (optional)").fill("A word is missing")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/")
    assert page.title().startswith("Error: ")
    assert page.get_by_text("Select yes if this page is useful").first.is_visible()
    assert page.get_by_label("What was missing or wrong? (optional)").input_value() == (
        "A word is missing"
    )
    assert_accessible(page)
    assert not Feedback.objects.exists()


def test_with_javascript_the_form_answers_in_place(page, live_demo):
    page.goto(live_demo.url + "/")
    page.get_by_role("button", name="Send feedback").click()
    error = page.locator(".app-feedback .govuk-error-summary")
    error.wait_for()
    assert page.url == live_demo.url + "/"
    assert_accessible(page)
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Send feedback").click()
    page.locator(".app-feedback__done[role=status]").last.wait_for()
    assert page.url == live_demo.url + "/"
    assert_accessible(page)
    assert Feedback.objects.get().useful is True


def test_with_javascript_focus_moves_to_the_thank_you(page, live_demo):
    page.goto(live_demo.url + "/updates/")
    page.get_by_role("radio", name="No").check()
    page.get_by_role("button", name="Send feedback").click()
    thanks = page.locator(".app-feedback__done[role=status]").last
    thanks.wait_for()
    # A keyboard or screen reader user is taken to the answer, not left on a
    # button that has gone.
    expect(thanks).to_be_focused()
    assert "Thank you for your feedback." in thanks.inner_text()


def test_without_styles_the_thank_you_and_the_bot_trap_stay_hidden(page, live_demo):
    page.route("**/*.css", lambda route: route.abort())
    page.goto(live_demo.url + "/journey/")
    assert page.evaluate("getComputedStyle(document.body).margin") == "8px"  # no site.css
    assert page.get_by_role("button", name="Send feedback").is_visible()
    assert not page.get_by_text("Thank you for your feedback.").is_visible()
    assert not page.locator("#feedback-website").is_visible()


def test_feedback_can_be_sent_by_keyboard_alone(page, live_demo):
    page.goto(live_demo.url + "/documents/")
    page.get_by_role("radio", name="Yes").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # past the "No" radio: arrows move within a group
    page.keyboard.type("Clear, thank you")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator(".app-feedback__done[role=status]").last.wait_for()
    stored = Feedback.objects.get()
    assert (stored.useful, stored.comment) == (True, "Clear, thank you")
    assert stored.page == "/documents/"


def test_the_search_box_in_the_header_works_without_javascript(page_without_htmx, live_demo):
    page = page_without_htmx
    page.goto(live_demo.url + "/journey/")
    page.get_by_role("searchbox", name="Search this site").fill("letters")
    page.get_by_role("button", name="Search", exact=True).click()
    assert page.url.startswith(live_demo.url + "/search/?q=letters")
    # PostgreSQL's stemming also finds the inspection letter, and may rank it first.
    assert "You said, we did" in page.locator(".app-search-result__kind").all_text_contents()
    assert page.locator(".app-search-results mark").count() >= 1
    assert_accessible(page)


def test_the_search_page_updates_its_results_in_place(page, live_demo):
    page.goto(live_demo.url + "/search/")
    page.get_by_label("Search this site", exact=True).last.fill("20 weeks")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.locator("#search-count").wait_for()
    assert "20" in page.locator("#search-count").inner_text()
    # htmx put the search in the address, so it can be shared or bookmarked.
    assert page.url.endswith(("/search/?q=20+weeks", "/search/?q=20%20weeks"))
    assert_accessible(page)


def test_a_client_over_the_search_limit_is_told_so_accessibly_with_htmx(page, live_demo, settings):
    settings.SEARCH_LIMIT_PER_CLIENT = 1
    page.goto(live_demo.url + "/search/?q=letters")
    page.get_by_label("Search this site", exact=True).last.fill("20 weeks")
    page.get_by_role("button", name="Search", exact=True).last.click()
    # htmx shows nothing for a 429, so the whole page saying so is loaded instead.
    page.get_by_text("You have searched this site a lot in the last hour").wait_for()
    assert page.title().startswith("Search not available")
    assert_accessible(page)


def test_you_said_we_did_is_accessible_and_filters_without_javascript(
    page_without_htmx, live_demo
):
    page = page_without_htmx
    page.goto(live_demo.url + "/you-said-we-did/")
    assert page.locator(".app-you-said").count() == 2
    assert_accessible(page)
    page.select_option("#finding-filter", "ehcp-needs")
    page.get_by_role("button", name="Show", exact=True).click()
    assert page.locator(".app-you-said").count() == 1
    assert_accessible(page)


def test_a_long_list_pages_by_number_keeping_its_filter(page_without_htmx, live_demo):
    page = page_without_htmx
    finding = make_finding(slug="paged-area", title="Paged area")
    for n in range(21):
        make_entry(
            you_said=f"Said number {n:02}", findings=[finding], done_on=date(2024, 1, n + 1)
        )
    page.goto(live_demo.url + "/you-said-we-did/?finding=paged-area")
    pages = page.get_by_role("navigation", name="Pages of entries")
    assert pages.get_by_role("link", name="Page 1").get_attribute("aria-current") == "page"
    assert_accessible(page)
    pages.get_by_role("link", name="Page 2").click()
    page.wait_for_url("**/you-said-we-did/?finding=paged-area&page=2")
    assert page.get_by_text("Said number 00").is_visible()
    assert page.locator(".app-you-said").count() == 1
    assert_accessible(page)


@pytest.mark.usefixtures("staff_demo")
def test_the_feedback_triage_page_filters_and_shows_a_mistake_accessibly(page, live_server):
    base = live_server.url
    make_feedback(page="/glossary/", comment="Too many hard words")
    make_feedback(page="/journey/", comment="No dates for next year")
    sign_in(page, base, "data.officer", "demo-data-officer-pass")
    page.goto(base + "/staff/feedback/")
    assert_accessible(page)
    page.get_by_label("Page", exact=True).select_option("/glossary/")
    page.get_by_role("button", name="Show feedback").click()
    page.wait_for_url("**/staff/feedback/?page_address=%2Fglossary%2F*")
    assert page.get_by_text("Too many hard words").is_visible()
    assert page.get_by_text("No dates for next year").count() == 0
    assert_accessible(page)
    item = page.locator(".app-queue__item").first
    item.get_by_label("Mark as").select_option("responded")
    item.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Choose the entry that answers this feedback" in summary.inner_text()
    assert_accessible(page)
