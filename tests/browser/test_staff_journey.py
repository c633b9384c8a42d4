"""The staff journey end to end in a real browser, with axe-core on every staff page."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.management import call_command

from sendprogress.accounts.roles import sync_roles
from sendprogress.plan.models import Figure

from .conftest import assert_accessible

pytestmark = pytest.mark.browser
MEASURE_CODE = "ehcp-20-weeks"
# A monthly figure is due for last month, the latest that has finished.
DUE = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)


@pytest.fixture
def staff_demo(live_demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # A transactional test empties every table afterwards, so the groups the
    # roles migration made may be gone: make them again.
    sync_roles(apps)
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    return live_demo


def sign_in(page, base, username, password):
    page.goto(base + "/admin/login/?next=/staff/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/staff/")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_figure_goes_from_entry_to_the_public_page(page, staff_demo, tmp_path):
    base = staff_demo.url
    evidence = tmp_path / "audit-summary.pdf"
    evidence.write_bytes(b"%PDF-1.7\n% an audit summary\n%%EOF\n")

    # A data officer enters this month's figure with evidence, and submits it.
    sign_in(page, base, "data.officer", "demo-data-officer-pass")
    assert page.locator("h1").inner_text() == "Staff home"
    assert_accessible(page)
    page.get_by_role("link", name="Everything that is due").click()
    page.wait_for_url(base + "/staff/data-due/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    section = page.locator(f"#due-{MEASURE_CODE}")
    section.get_by_text("Enter the figure").click()
    assert_accessible(page)
    section.get_by_label("Figure", exact=True).fill("63.5")
    section.get_by_label("Commentary").fill("More plans were finished on time this month.")
    section.get_by_label("Evidence file (optional)").set_input_files(str(evidence))
    section.get_by_label("Evidence title").fill("Audit summary")
    section.get_by_label("I confirm the file holds no personal data about any child").check()
    section.get_by_role("button", name="Submit for approval").click()
    page.locator(f"#due-{MEASURE_CODE}").get_by_text("Submitted for approval").first.wait_for()
    assert page.url == base + "/staff/data-due/"  # swapped in place by htmx, no page load
    assert_accessible(page)

    # It is not public yet.
    page.goto(base + f"/measures/{MEASURE_CODE}/")
    assert f"{DUE:%B %Y}" not in page.locator("main").inner_text()
    page.goto(base + "/staff/")
    sign_out(page)

    # The approver approves it in the queue.
    sign_in(page, base, "approver", "demo-approver-pass")
    assert_accessible(page)
    page.get_by_role("link", name="waiting for you to approve or return").click()
    assert_accessible(page)
    item = page.locator(".app-queue__item", has_text=f"{DUE:%B %Y}")
    item.get_by_role("link", name="Audit summary").wait_for()
    item.get_by_role("button", name="Approve").click()
    page.get_by_text("approved and is now public").wait_for()
    assert_accessible(page)

    figure = Figure.objects.get(measure__code=MEASURE_CODE, period=DUE)
    assert figure.status == Figure.Status.APPROVED
    assert figure.entered_by.username == "data.officer"
    assert figure.approved_by.username == "approver"

    # The review page and the import page are accessible too.
    page.goto(base + f"/staff/figures/{figure.pk}/")
    assert_accessible(page)
    page.goto(base + f"/staff/figures/{figure.pk}/correct/")
    assert_accessible(page)
    page.goto(base + "/staff/import/")
    assert_accessible(page)

    # It now appears on the public measure page.
    sign_out(page)
    page.goto(base + f"/measures/{MEASURE_CODE}/")
    row = page.locator("tr", has_text=f"{DUE:%B %Y}")
    assert "63.5" in row.inner_text()


def test_quick_entry_works_without_javascript(js_disabled_page, staff_demo):
    page, base = js_disabled_page, staff_demo.url
    sign_in(page, base, "data.officer", "demo-data-officer-pass")
    page.goto(base + "/staff/data-due/")
    section = page.locator(f"#due-{MEASURE_CODE}")
    section.get_by_text("Enter the figure").click()
    section.get_by_label("Figure", exact=True).fill("150")
    section.get_by_role("button", name="Save as draft").click()
    # The full form page shows the error on the field.
    page.get_by_text("A percentage must be between 0 and 100.").first.wait_for()
    page.get_by_label("Figure", exact=True).fill("64")
    page.get_by_label("Commentary").fill("Steady.")
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_text(f"The figure for {DUE:%B %Y} was saved as a draft.").wait_for()
    assert Figure.objects.get(measure__code=MEASURE_CODE, period=DUE).status == "draft"


def test_the_import_preview_is_accessible(page, staff_demo, tmp_path):
    base = staff_demo.url
    csv = tmp_path / "figures.csv"
    csv.write_text(
        "measure_code,period,value,numerator,denominator,commentary\n"
        f"{MEASURE_CODE},{DUE.isoformat()},64,,,Steady\n"
        "nope,2024-13-01,x,,,\n"
    )
    sign_in(page, base, "data.officer", "demo-data-officer-pass")
    page.goto(base + "/staff/import/")
    page.get_by_label("CSV file").set_input_files(str(csv))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("Nothing can be imported until every row is right").wait_for()
    assert_accessible(page)


def test_the_refusal_page_is_accessible_and_says_what_the_role_can_do(page, staff_demo):
    base = staff_demo.url
    sign_in(page, base, "partner", "demo-partner-pass")
    assert page.get_by_role("link", name="Import figures").count() == 0
    response = page.goto(base + "/staff/import/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot do this"
    assert page.get_by_text(
        "See the staff pages, figures, evidence and their history"
    ).is_visible()
    assert_accessible(page)


def test_the_approver_approves_in_bulk_after_a_confirmation_and_corrects_a_figure(
    page, staff_demo
):
    from decimal import Decimal

    from sendprogress.accounts.models import User

    base = staff_demo.url
    officer = User.objects.get(username="data.officer")
    waiting = [
        Figure.objects.update_or_create(
            measure=Figure.objects.filter(measure__code=MEASURE_CODE).first().measure,
            period=period,
            defaults={
                "value": Decimal(value),
                "commentary": "Checked.",
                "status": Figure.Status.SUBMITTED,
                "entered_by": officer,
                "submitted_by": officer,
            },
        )[0]
        for period, value in [(DUE, "61"), (DUE.replace(year=DUE.year - 1), "58")]
    ]
    sign_in(page, base, "approver", "demo-approver-pass")
    page.goto(base + "/staff/data-due/")
    for figure in waiting:
        page.locator(f"#tick-{figure.pk}").check()
    page.get_by_role("button", name="Approve the ticked figures").click()
    page.get_by_text("These 2 figures will become public").wait_for()
    assert_accessible(page)
    assert Figure.objects.filter(pk__in=[f.pk for f in waiting], status="approved").count() == 0
    page.get_by_role("button", name="Approve and publish 2 figures").click()
    page.get_by_text("2 figures approved and now public.").wait_for()
    assert Figure.objects.filter(pk__in=[f.pk for f in waiting], status="approved").count() == 2

    page.goto(base + f"/staff/figures/{waiting[0].pk}/correct/")
    page.get_by_label("Figure", exact=True).fill("60")
    page.get_by_label("Why is the approved figure changing?").fill("One plan was counted twice.")
    page.get_by_role("button", name="Save the correction").click()
    page.get_by_text("Read the commentary").first.wait_for()
    assert_accessible(page)
    page.get_by_label("I have read the commentary and it fits the corrected figure").check()
    page.get_by_role("button", name="Save the correction").click()
    page.get_by_text("was corrected").wait_for()

    sign_out(page)
    page.goto(base + f"/measures/{MEASURE_CODE}/")
    row = page.locator("tr", has_text=f"{DUE:%B %Y}")
    assert "it was 61%" in row.inner_text()
    assert "One plan was counted twice." in row.inner_text()
    assert_accessible(page)


def test_the_assistant_director_writes_previews_and_schedules_an_update(page, staff_demo):
    from sendprogress.updates.models import Post

    base = staff_demo.url
    sign_in(page, base, "approver", "demo-approver-pass")
    page.get_by_role("link", name="Write updates").click()
    assert_accessible(page)
    page.get_by_role("link", name="Write a new update").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Autumn progress")
    page.get_by_label("Web address").fill("autumn-progress")
    page.get_by_label("Summary").fill("What changed this autumn.")
    page.get_by_label("The update", exact=True).fill("We met the families. The SALT team grew.")
    # The live preview (htmx) shows the words and the writing advice as they are typed.
    page.locator("#post-preview").get_by_text("We met the families.").wait_for()
    page.locator("#post-preview").get_by_text("“SALT” is not spelt out").wait_for()
    page.get_by_label("Author's name, as the public sees it").fill("Alex Morgan")
    page.get_by_label("Author's role, as the public sees it").fill("Assistant Director of SEND")
    page.get_by_label("Publish it at a date and time").check()
    later = date.today() + timedelta(days=7)
    page.get_by_label("Date", exact=True).fill(f"{later:%Y-%m-%d}")
    page.get_by_label("Time", exact=True).fill("09:30")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("will be emailed").wait_for()
    assert_accessible(page)
    assert not Post.objects.filter(slug="autumn-progress").exists()
    page.get_by_role("button", name="Schedule it").click()
    page.get_by_text("was saved").wait_for()
    post = Post.objects.get(slug="autumn-progress")
    assert post.status == Post.Status.PUBLISHED
    assert not post.is_public


def test_data_due_at_scale_pages_measures_and_lists_one_measure_in_full(page, staff_demo):
    call_command("generate_large_data", "--small", verbosity=0)
    base = staff_demo.url
    sign_in(page, base, "data.officer", "demo-data-officer-pass")
    assert_accessible(page)
    page.goto(base + "/staff/data-due/")
    assert "Measures 1 to 10 of 15." in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("navigation", name="Pages of results").get_by_role(
        "link", name="Next"
    ).click()
    page.wait_for_url(base + "/staff/data-due/?page=2")
    assert "Measures 11 to 15 of 15." in page.locator("main").inner_text()
    assert_accessible(page)
    # A measure with more periods than the page lists links to all of them.
    page.goto(base + "/staff/data-due/")
    section = page.locator(f"#due-{MEASURE_CODE}")
    section.get_by_role("link", name="See all").click()
    page.wait_for_url(base + f"/staff/data-due/?measure={MEASURE_CODE}")
    assert "Every period without an approved figure for" in page.locator("main").inner_text()
    assert_accessible(page)
