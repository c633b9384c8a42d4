"""The updates pages and email forms in a real browser: accessible, and a post
full of hostile markup runs nothing and breaks no part of the CSP."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from sendprogress.accounts.models import User
from sendprogress.accounts.roles import APPROVER
from sendprogress.updates.models import Post, Subscriber
from tests.factories import make_post
from tests.updates.hostile import CORPUS

from .conftest import assert_accessible

pytestmark = pytest.mark.browser

# Injected by Playwright before any page script (not an inline script in the
# page, so the CSP does not apply to it): it records CSP violations.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def _watch(page):
    page.add_init_script(WATCH_CSP)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def _csp_violations(page):
    return page.evaluate("window.__cspViolations")


def test_the_updates_list_is_accessible(page, live_demo):
    dialogs = _watch(page)
    page.goto(live_demo.url + "/updates/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert _csp_violations(page) == []
    assert dialogs == []


def test_the_finding_filter_works_without_javascript(js_disabled_page, live_demo):
    page = js_disabled_page
    page.goto(live_demo.url + "/updates/")
    page.select_option("#finding-filter", index=1)
    page.get_by_role("button", name="Show updates").click()
    assert "finding=" in page.url
    assert page.locator("h1").inner_text().startswith("Updates about")


def test_a_post_page_is_accessible(page, live_demo):
    post = Post.objects.published().first()
    _watch(page)
    page.goto(live_demo.url + post.get_absolute_url())
    assert page.locator("h1").inner_text() == post.title
    assert_accessible(page)
    assert _csp_violations(page) == []


def test_a_post_holding_hostile_markup_runs_nothing(page, live_server, transactional_db):
    post = make_post(title="Hostile corpus", body=CORPUS)
    dialogs = _watch(page)
    page.goto(live_server.url + post.get_absolute_url())
    page.wait_for_load_state("load")
    # Hover and click through everything that could carry a handler.
    for link in page.locator("article a").all():
        link.hover()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert _csp_violations(page) == []
    assert page.locator("article script, article iframe, article svg, article form").count() == 0


def test_the_subscription_pages_are_accessible(page, live_demo):
    page.goto(live_demo.url + "/email-updates/")
    assert page.locator("h1").count() == 1
    # "All areas" is one choice: nothing to untick for someone who wants them all.
    assert page.get_by_label("All areas").is_checked()
    assert page.locator("input[name=findings]:checked").count() == 0
    assert_accessible(page)

    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Sign up").click()
    # The click only starts the form's submission: wait for the answer to arrive.
    page.locator(".govuk-error-summary").wait_for(state="visible")
    assert_accessible(page)

    page.get_by_label("Email address").fill("parent@example.org")
    page.get_by_role("button", name="Sign up").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    assert_accessible(page)

    subscriber = Subscriber.objects.get()
    page.goto(live_demo.url + subscriber.get_confirm_url())
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("h1")).to_have_text("You will get updates by email")
    assert_accessible(page)

    # Every email links to a page that changes the areas.
    page.goto(live_demo.url + subscriber.get_choices_url())
    assert_accessible(page)
    page.get_by_label("Only the areas I choose").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("All areas").check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_text("Your choices are saved").wait_for()
    assert_accessible(page)

    page.goto(live_demo.url + subscriber.get_unsubscribe_url())
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.locator("h1")).to_have_text("You have unsubscribed")
    assert_accessible(page)
    assert not Subscriber.objects.exists()


def _sign_in_as_approver(page, url):
    role = Group.objects.get(name=APPROVER)
    user = User.objects.create_user("approver-b", password="a-long-test-password", is_staff=True)
    user.groups.add(role)
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "approver-b")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")


def test_the_editor_previews_as_you_type_without_breaking_the_csp(page, live_demo):
    _watch(page)
    _sign_in_as_approver(page, live_demo.url)
    page.goto(live_demo.url + "/admin/updates/post/add/")
    page.fill("#id_body", "## Plans on time\n\nWe **did** it.")
    preview = page.locator("#post-preview")
    preview.locator("strong", has_text="did").wait_for()
    assert preview.locator("h3", has_text="Plans on time").count() == 1
    assert _csp_violations(page) == []


def test_without_javascript_the_preview_button_opens_the_preview(browser, live_demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _sign_in_as_approver(page, live_demo.url)
    page.goto(live_demo.url + "/admin/updates/post/add/")
    page.fill("#id_body", "Some *emphasis* here.")
    with context.expect_page() as new_tab:
        page.get_by_role("button", name="Preview (opens in a new tab)").click()
    preview = new_tab.value
    preview.wait_for_load_state()
    assert preview.locator("em", has_text="emphasis").count() == 1
    assert page.locator("#id_body").input_value() == "Some *emphasis* here."
    context.close()
