"""From an empty database to a published local area, through the staff screens alone.

The only write that is not through a screen is the first administrator, made
as `manage.py start_local_area --no-input` makes it. Everything else is typed
into the Django admin at /admin/ and the /staff/ pages by a real browser.
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import DESKTOP, assert_accessible, sign_in

pytestmark = pytest.mark.browser

ADMIN, PASSWORD = "first.admin", "a-long-test-password-9"
TODAY = date.today()
PUBLICATION = TODAY + timedelta(days=7)  # the report comes to the area under embargo
# A monthly figure is due for last month, the latest that has finished.
DUE = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)
STAFF = {"data.officer": "Data officer", "approver": "Approver"}
STAFF_PASSWORD = "another-long-test-password-7"
PRIORITY_SUMMARY = "Children wait too long for their education, health and care plans."
AREA_SUMMARY = "Families find it hard to learn what help the local offer gives."


@pytest.fixture
def empty_site(transactional_db, live_server, settings, monkeypatch, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command(
        "start_local_area",
        "--no-input",
        username=ADMIN,
        email="first.admin@example.org",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    return live_server


def admin_add(page, base, model, query=""):
    page.goto(f"{base}/admin/{model}/add/{query}")
    expect(page.locator("h1")).to_contain_text("Add")


def save(page):
    page.locator("input[name=_save]").click()
    page.wait_for_load_state("load")
    errors = page.locator(".errornote, .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")


def choose(page, field, text):
    """Move one option to the chosen side of an admin filter_horizontal widget."""
    value = page.locator(f"#id_{field}_from option", has_text=text).get_attribute("value")
    page.select_option(f"#id_{field}_from", value)
    page.click(f"#id_{field}_add")
    expect(page.locator(f"#id_{field}_to option")).to_contain_text([text])


def add_staff_user(page, base, username, role):
    """A member of staff, added on the admin's user form and given a role."""
    admin_add(page, base, "accounts/user")
    page.fill("#id_username", username)
    page.fill("#id_password1", STAFF_PASSWORD)
    page.fill("#id_password2", STAFF_PASSWORD)
    save(page)
    page.fill("#id_email", f"{username}@example.org")
    page.check("#id_is_staff")
    choose(page, "groups", role)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")


def sign_out(page, base):
    page.goto(base + "/staff/")
    page.get_by_role("button", name="Sign out").click()


def added_pk(page) -> int:
    """The primary key of what was just added, from its link in the success message."""
    href = page.locator(".messagelist .success a").first.get_attribute("href")
    return int(href.rstrip("/").split("/")[-2])


def add_finding(page, base, inspection_pk, *, kind, title, short, slug, summary, order):
    admin_add(page, base, "plan/finding", f"?inspection={inspection_pk}")
    page.select_option("#id_inspection", str(inspection_pk))
    page.select_option("#id_kind", kind)
    page.fill("#id_title", title)
    page.fill("#id_short_title", short)
    page.dispatch_event("#id_short_title", "change")
    # The address is made from the short title as it is typed.
    expect(page.locator("#id_slug")).to_have_value(slug)
    page.fill("#id_summary", summary)
    page.click("#id_owners_add_all")  # both partners own it
    page.fill("#id_order", str(order))
    save(page)


def add_judgement(page, base, inspection_pk, finding_title, words):
    admin_add(page, base, "plan/judgement", f"?inspection={inspection_pk}")
    page.select_option("#id_inspection", str(inspection_pk))
    page.locator("#id_finding option", has_text=finding_title).first.wait_for(state="attached")
    finding = page.locator("#id_finding option", has_text=finding_title).first
    page.select_option("#id_finding", finding.get_attribute("value"))
    page.select_option("#id_outcome", label="Named by inspectors")
    page.fill("#id_what_inspectors_found", words)
    save(page)


def test_a_local_area_is_built_from_empty_kept_under_embargo_then_published(browser, empty_site):
    base = empty_site.url
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()

    # 1. The first administrator signs in (tests do not ask for a second factor).
    sign_in(page, base, ADMIN, PASSWORD)
    page.goto(base + "/staff/set-up/")
    assert_accessible(page)

    # 2. The local area, two partners and the inspection, published on a later day.
    admin_add(page, base, "plan/localarea")
    page.fill("#id_name", "Fernshire")
    page.fill("#id_site_name", "Fernshire SEND progress")
    page.fill("#id_partners", "Fernshire Council and Fern Valley Integrated Care Board")
    page.fill("#id_forum_name", "Fernshire Parent Carer Forum")
    page.fill("#id_contact_email", "send.progress@fernshire.example.org")
    page.fill("#id_about", "Inspectors visited in the autumn. They found serious problems.")
    assert_accessible(page)
    save(page)

    for name in ("Fernshire Council", "Fern Valley Integrated Care Board"):
        admin_add(page, base, "plan/partner")
        page.fill("#id_name", name)
        save(page)

    admin_add(page, base, "plan/inspection", "?framework=2023")
    page.select_option("#id_framework", "2023")
    page.fill("#id_title", "Area SEND inspection of Fernshire")
    page.select_option("#id_kind", "inspection")
    page.fill("#id_date", (TODAY - timedelta(days=40)).isoformat())
    page.fill("#id_end_date", (TODAY - timedelta(days=35)).isoformat())
    page.select_option("#id_publication", "published")
    page.fill("#id_published_on", PUBLICATION.isoformat())
    page.fill("#id_bodies", "Ofsted and the CQC")
    page.select_option("#id_outcome", "widespread-failings")
    assert_accessible(page)
    save(page)
    inspection = added_pk(page)

    # 3. Two findings, each judged, a priority action plan answering them, a measure.
    add_finding(
        page,
        base,
        inspection,
        kind="priority-action",
        title="Plans for children's education, health and care are late",
        short="Late plans",
        slug="late-plans",
        summary=PRIORITY_SUMMARY,
        order=1,
    )
    add_finding(
        page,
        base,
        inspection,
        kind="area-for-improvement",
        title="The local offer is hard to use",
        short="Local offer",
        slug="local-offer",
        summary=AREA_SUMMARY,
        order=2,
    )
    add_judgement(page, base, inspection, "Late plans", "Most plans took longer than 20 weeks.")
    add_judgement(page, base, inspection, "Local offer", "Parents could not find what exists.")

    admin_add(page, base, "plan/plan", f"?inspection={inspection}")
    page.select_option("#id_inspection", str(inspection))
    page.select_option("#id_kind", "priority-action-plan")
    page.fill("#id_title", "Priority action plan")
    page.dispatch_event("#id_title", "change")
    expect(page.locator("#id_slug")).to_have_value("priority-action-plan")
    page.fill("#id_summary", "What we will do about the late plans and the local offer.")
    page.select_option("#id_status", "current")
    page.fill("#id_submitted_on", (TODAY - timedelta(days=20)).isoformat())
    page.fill("#id_approved_on", (TODAY - timedelta(days=10)).isoformat())
    page.fill("#id_approved_by", "The Department for Education (DfE) and NHS England")
    page.click("#id_findings_add_all")
    save(page)
    plan = added_pk(page)

    admin_add(page, base, "plan/measure")
    page.select_option("#id_plan", str(plan))
    choose(page, "findings", "Late plans")
    page.fill("#id_title", "Plans finished within 20 weeks")
    page.dispatch_event("#id_title", "change")
    expect(page.locator("#id_code")).to_have_value("plans-finished-within-20-weeks")
    page.fill("#id_why_it_matters", "A plan on time means help starts sooner.")
    page.fill("#id_definition", "New plans finished within 20 weeks, as a share of all.")
    page.fill("#id_source", "The council's case records")
    page.select_option("#id_frequency", "monthly")
    page.fill("#id_baseline_value", "30")
    page.fill("#id_baseline_date", (TODAY - timedelta(days=60)).isoformat())
    page.fill("#id_baseline_label", "The year before the inspection")
    page.fill("#id_target_value", "60")
    page.fill("#id_target_date", (TODAY + timedelta(days=365)).isoformat())
    save(page)

    # The figure for last month: a data officer enters it, an approver approves it,
    # both on the /staff/ pages, both added by the administrator on the user form.
    for username, role in STAFF.items():
        add_staff_user(page, base, username, role)
    sign_out(page, base)
    sign_in(page, base, "data.officer", STAFF_PASSWORD)
    page.goto(f"{base}/staff/measures/plans-finished-within-20-weeks/figure/?period={DUE}")
    assert_accessible(page)
    page.get_by_label("Figure", exact=True).fill("42")
    page.get_by_label("Numerator").fill("21")
    page.get_by_label("Denominator").fill("50")
    page.get_by_label("Commentary").fill("More plans were finished on time this month.")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("#staff-messages")).to_contain_text("submitted for approval")
    sign_out(page, base)
    sign_in(page, base, "approver", STAFF_PASSWORD)
    page.get_by_role("link", name="waiting for you to approve or return").click()
    item = page.locator(".app-queue__item", has_text=f"{DUE:%B %Y}")
    item.get_by_role("button", name="Approve").click()
    # Under embargo the figure is approved but not yet public, and the page says so.
    page.get_by_text("It will be public when its measure is").first.wait_for()
    assert_accessible(page)
    sign_out(page, base)
    sign_in(page, base, ADMIN, PASSWORD)

    # 4. Under embargo: the public sees nothing of it; staff see a preview with a banner.
    page.goto(base + "/findings/late-plans/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Not yet public")
    expect(page.locator("main")).to_contain_text(PRIORITY_SUMMARY)
    assert_accessible(page)

    public = browser.new_context(viewport=DESKTOP)
    visitor = public.new_page()
    for slug in ("late-plans", "local-offer"):
        assert visitor.goto(f"{base}/findings/{slug}/").status == 404
    assert visitor.goto(base + "/plans/priority-action-plan/").status == 404
    measure = visitor.goto(base + "/measures/plans-finished-within-20-weeks/")
    assert measure.status == 404
    assert visitor.goto(base + "/").status == 200
    home = visitor.locator("main")
    expect(home.locator("a[href='/findings/late-plans/']")).to_have_count(0)
    expect(home.locator("a[href='/findings/local-offer/']")).to_have_count(0)
    expect(home).to_contain_text("We have not added the inspection to this site yet.")
    expect(home).not_to_contain_text("Widespread or systemic failings")

    # 5. On the publication date it is public, with no one pressing anything.
    with time_machine.travel(PUBLICATION.isoformat() + " 09:00", tick=True):
        response = visitor.goto(base + "/findings/late-plans/")
        assert response.status == 200
        expect(visitor.locator("main")).to_contain_text(PRIORITY_SUMMARY)
        expect(visitor.get_by_text("Not yet public")).to_have_count(0)
        expect(visitor.locator("main")).to_contain_text("Most plans took longer than 20 weeks.")
        visitor.goto(base + "/measures/plans-finished-within-20-weeks/")
        expect(visitor.locator("tr", has_text=f"{DUE:%B %Y}")).to_contain_text("42")
        visitor.goto(base + "/findings/late-plans/")
        assert_accessible(visitor)
        visitor.goto(base + "/")
        home = visitor.locator("main")
        expect(home.locator("a[href='/findings/late-plans/']").first).to_be_visible()
        expect(home.locator("a[href='/findings/local-offer/']").first).to_be_visible()
        expect(home).to_contain_text("named one priority action and one area for improvement")
        assert_accessible(visitor)

        # 6. A progress report for yesterday (a day that has ended) is published.
        # A week on, the administrator's session has ended for idleness: sign in again.
        sign_in(page, base, ADMIN, PASSWORD)
        page.goto(base + "/staff/reports/")
        assert_accessible(page)
        as_at = PUBLICATION - timedelta(days=1)
        page.get_by_label("The date the report describes").fill(as_at.isoformat())
        page.get_by_role("button", name="Start the report").click()
        page.get_by_role("button", name="Publish this report").click()
        expect(page.locator("main")).to_contain_text("is published")
        assert_accessible(page)
        pdf = visitor.request.get(f"{base}/reports/{as_at.isoformat()}.pdf")
        assert pdf.status == 200
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF")
        visitor.goto(f"{base}/reports/{as_at.isoformat()}/")
        expect(visitor.locator("main")).to_contain_text("Plans finished within 20 weeks")
        assert_accessible(visitor)

    public.close()
    context.close()
