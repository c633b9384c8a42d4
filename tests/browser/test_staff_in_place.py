"""Deciding on a figure in the approvals queue keeps the whole page true: with JavaScript
everything the decision changes updates in place and focus goes where GOV.UK puts it;
without JavaScript the same buttons post and land on the full page showing the same."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from sendprogress.plan.models import Figure

from .conftest import assert_accessible, sign_in
from .test_staff_journey import DUE, MEASURE_CODE, staff_demo  # noqa: F401

pytestmark = pytest.mark.browser
Status = Figure.Status


@pytest.fixture
def waiting(staff_demo):  # noqa: F811
    """Two of the officer's figures waiting for approval: last month's and a year before."""
    from sendprogress.accounts.models import User

    officer = User.objects.get(username="data.officer")
    measure = Figure.objects.filter(measure__code=MEASURE_CODE).first().measure
    return [
        Figure.objects.update_or_create(
            measure=measure,
            period=period,
            defaults={
                "value": Decimal(value),
                "commentary": "Checked.",
                "status": Status.SUBMITTED,
                "entered_by": officer,
                "submitted_by": officer,
            },
        )[0]
        for period, value in [(DUE, "61"), (DUE.replace(year=DUE.year - 1), "58")]
    ]


def plural(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"


def test_approving_in_the_queue_updates_the_page_in_place(page, staff_demo, waiting):  # noqa: F811
    base = staff_demo.url
    submitted = Figure.objects.filter(status=Status.SUBMITTED).count()
    sign_in(page, base, "approver", "demo-approver-pass")
    waiting_sentence = (
        f"{plural(submitted, 'figure')} {'is' if submitted == 1 else 'are'} waiting "
        "for you to approve or return"
    )
    page.get_by_role("link", name=waiting_sentence).click()
    page.wait_for_url(base + "/staff/data-due/#approvals")
    expect(page.locator("#waiting-count")).to_have_text(waiting_sentence + ".")
    expect(page.locator("#due-counts")).to_contain_text(f"{submitted} submitted")
    section = page.locator(f"#due-{MEASURE_CODE}")
    expect(section.locator(".govuk-summary-list").first).to_contain_text("Submitted for approval")
    page.evaluate("window.sameDocument = true")
    banner = page.locator("#staff-messages .govuk-notification-banner")
    later, earlier = waiting

    # Approving last year's figure makes it the previous figure beside this year's.
    page.locator(f"#queue-{earlier.pk}").get_by_role("button", name="Approve").click()
    expect(banner).to_contain_text(f"{earlier.period:%B %Y} was approved and is now public.")
    expect(banner).to_have_attribute("role", "alert")
    expect(banner).to_be_focused()
    previous = page.locator(f"#queue-{later.pk}").locator(
        ".govuk-summary-list__row", has_text="Previous approved figure"
    )
    expect(previous).to_contain_text(f"58% for {earlier.period:%B %Y}")
    left = submitted - 1
    expect(page.locator("#waiting-count")).to_have_text(
        f"{plural(left, 'figure')} {'is' if left == 1 else 'are'} waiting "
        "for you to approve or return."
    )
    expect(page.locator("#due-counts")).to_contain_text(f"{left} submitted")

    # Approving this year's changes the measure's status.
    item = page.locator(f"#queue-{later.pk}")
    item.get_by_role("button", name="Approve").click()
    expect(banner).to_contain_text(f"{DUE:%B %Y} was approved and is now public.")
    expect(banner).to_be_focused()
    expect(item).to_contain_text("was approved and is now public")
    left -= 1
    expect(page.locator("#waiting-count")).to_have_text(
        f"{plural(left, 'figure')} {'is' if left == 1 else 'are'} waiting "
        "for you to approve or return."
        if left
        else "Nothing is waiting for your approval."
    )
    expect(page.locator("#due-counts")).to_contain_text(f"{left} submitted")
    expect(section.locator(".govuk-summary-list").first).to_contain_text("Approved")
    assert page.evaluate("window.sameDocument") is True  # no page load
    assert_accessible(page)


def test_a_return_without_a_reason_moves_focus_to_the_error_summary(page, staff_demo, waiting):  # noqa: F811
    base = staff_demo.url
    sign_in(page, base, "approver", "demo-approver-pass")
    page.goto(base + "/staff/data-due/")
    item = page.locator(f"#queue-{waiting[1].pk}")
    item.get_by_role("button", name="Return").click()

    summary = item.locator("[data-module=govuk-error-summary]")
    expect(summary).to_contain_text("Say why the figure is being returned.")
    expect(summary).to_be_focused()
    reason = item.get_by_label("Reason for returning it")
    expect(reason).to_have_class("govuk-textarea govuk-textarea--error")
    assert_accessible(page)

    # The error's link takes the approver to the box, where the reason goes.
    summary.get_by_role("link", name="Say why the figure is being returned.").click()
    expect(reason).to_be_focused()
    reason.fill("The year before looks too high: please check the denominator.")
    returned_before = Figure.objects.filter(status=Status.RETURNED).count()
    item.get_by_role("button", name="Return").click()
    expect(page.locator("#staff-messages .govuk-notification-banner")).to_be_focused()
    # The returned period is older than the six the measure's section lists; the counts
    # at the top, which cover every period, take it in at once.
    expect(page.locator("#due-counts")).to_contain_text(f"{returned_before + 1} returned")
    assert Figure.objects.get(pk=waiting[1].pk).status == Status.RETURNED


def test_approving_without_javascript_lands_on_the_full_page_with_the_result(
    js_disabled_page,
    staff_demo,  # noqa: F811
    waiting,
):
    page, base = js_disabled_page, staff_demo.url
    submitted = Figure.objects.filter(status=Status.SUBMITTED).count()
    sign_in(page, base, "approver", "demo-approver-pass")
    page.goto(base + "/staff/data-due/")
    page.locator(f"#queue-{waiting[0].pk}").get_by_role("button", name="Approve").click()
    page.wait_for_url(base + "/staff/data-due/")
    banner = page.locator("#staff-messages .govuk-notification-banner")
    expect(banner).to_contain_text(f"{DUE:%B %Y} was approved and is now public.")
    left = submitted - 1
    expect(page.locator("#waiting-count")).to_contain_text(plural(left, "figure"))
    expect(page.locator("#due-counts")).to_contain_text(f"{left} submitted")
    assert page.locator(f"#queue-{waiting[0].pk}").count() == 0
    assert Figure.objects.get(pk=waiting[0].pk).status == Status.APPROVED
    # (axe-core needs JavaScript: the same page is checked with it above.)


def test_a_comment_is_added_in_place_and_an_empty_one_focuses_the_error(
    page,
    staff_demo,  # noqa: F811
    waiting,
):
    base = staff_demo.url
    sign_in(page, base, "data.officer", "demo-data-officer-pass")
    page.goto(base + f"/staff/figures/{waiting[0].pk}/")
    page.evaluate("window.sameDocument = true")
    comments = page.locator("#comments-section")

    comments.get_by_role("button", name="Add the comment").click()
    summary = comments.locator("[data-module=govuk-error-summary]")
    expect(summary).to_contain_text("Write your comment.")
    expect(summary).to_be_focused()
    assert_accessible(page)

    comments.get_by_label("Add an internal comment").fill("Is this month's count final?")
    comments.get_by_role("button", name="Add the comment").click()
    banner = page.locator("#staff-messages .govuk-notification-banner")
    expect(banner).to_contain_text("Your comment was added. Only staff can see it.")
    expect(banner).to_be_focused()
    expect(comments).to_contain_text("Is this month's count final?")
    expect(comments.get_by_label("Add an internal comment")).to_have_value("")
    expect(comments.locator("[data-module=govuk-error-summary]")).to_have_count(0)
    assert page.evaluate("window.sameDocument") is True
    assert_accessible(page)


def test_the_emails_page_saves_a_choice_and_says_so(page, staff_demo):  # noqa: F811
    base = staff_demo.url
    sign_in(page, base, "data.officer", "demo-data-officer-pass")
    page.get_by_role("link", name="Emails", exact=True).click()
    assert_accessible(page)
    box = page.get_by_label("Email me about figures")
    expect(box).to_be_checked()
    box.uncheck()
    page.get_by_role("button", name="Save", exact=True).click()
    banner = page.locator("#staff-messages .govuk-notification-banner")
    expect(banner).to_contain_text("You will not get emails about figures.")
    expect(banner).to_be_focused()
    expect(page.get_by_label("Email me about figures")).not_to_be_checked()
    assert_accessible(page)
