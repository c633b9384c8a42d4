"""The framework-aware pages in a real browser, on both demos and on an empty site:
axe-core (WCAG 2.2 AA tags) with zero violations on a desktop and on a phone,
fitting a 320px screen, and working without JavaScript."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import assert_accessible, narrowest_screen_problems

pytestmark = pytest.mark.browser

PAGES_2023 = {
    "home": "/",
    "priority action": "/findings/assessments-on-time/",
    "area for improvement": "/findings/local-offer/",
    "current plan": "/plans/priority-action-plan/",
    "strategic plan": "/plans/send-strategy/",
    "measure": "/measures/neurodevelopmental-wait/",
    "measure with a rate": "/measures/suspensions-sen-support/",
    "all measures": "/measures/",
    "all measures filtered": "/measures/?finding=children-missing-school&progress=",
    "journey": "/journey/",
    "documents": "/documents/",
}

PAGES_2016_PLANS = {
    "current plan": "/plans/accelerated-progress-plan/",
    "replaced plan": "/plans/written-statement-of-action/",
}


@pytest.mark.parametrize("path", PAGES_2023.values(), ids=PAGES_2023.keys())
def test_the_2023_demo_pages_are_accessible(page, live_demo_2023, path):
    page.goto(live_demo_2023.url + path)
    assert page.locator("h1").count() == 1
    assert page.title().strip()
    assert_accessible(page)


def test_the_2023_demo_pages_fit_a_320_pixel_screen(browser, live_demo_2023):
    problems = narrowest_screen_problems(browser, live_demo_2023.url, PAGES_2023.values())
    assert not problems, "At 320px wide:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", PAGES_2016_PLANS.values(), ids=PAGES_2016_PLANS.keys())
def test_the_2016_demo_plan_pages_are_accessible(page, live_demo, path):
    page.goto(live_demo.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_the_2023_home_page_tells_the_story_without_javascript(js_disabled_page, live_demo_2023):
    js_disabled_page.goto(live_demo_2023.url + "/")
    main = js_disabled_page.locator("main")
    assert "They named three priority actions and five areas for improvement" in (
        main.inner_text()
    )
    framework_words = main.locator(".govuk-inset-text").filter(
        has_text="In the inspection framework's own words"
    )
    assert framework_words.count() == 1
    assert framework_words.inner_text().startswith("In the inspection framework's own words")
    js_disabled_page.get_by_role("link", name="Priority action plan").first.click()
    expect(js_disabled_page.locator("h1")).to_have_text("Priority action plan")


def test_an_empty_site_home_page_is_accessible(page, transactional_db, live_server):
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)
    page.goto(live_server.url + "/")
    assert "We have not added the inspection to this site yet." in page.inner_text("main")
    assert_accessible(page)


def test_the_set_up_checklist_is_accessible(page, live_demo_2023):
    from tests.factories import make_user

    make_user("Data officer", username="checker", password="a-long-test-password")
    page.goto(live_demo_2023.url + "/admin/login/?next=/staff/set-up/")
    page.fill("#id_username", "checker")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url(live_demo_2023.url + "/staff/set-up/")
    expect(page.locator("h1")).to_have_text("Set-up checklist")
    assert_accessible(page)
