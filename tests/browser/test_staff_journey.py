"""The staff journey end to end in a real browser, with axe-core on every staff page."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from sendprogress.plan.models import Figure, Measure

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser
MEASURE_CODE = "ehcp-20-weeks"
# A monthly figure is due for last month, the latest that has finished.
DUE = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)


@pytest.fixture
def staff_demo(live_demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False
    return live_demo


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def run_the_email_tasks():
    """What the dispatcher and the task worker do in production: queue the day's staff
    emails (digest and reminders), then send everything queued (returned figures too)."""
    call_command("run_dispatcher", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def emails_to(username):
    return [m for m in mail.outbox if m.to == [f"{username}@example.org"]]


def test_a_figure_goes_from_entry_to_the_public_page(page, staff_demo, tmp_path, settings):
    base = staff_demo.url
    title = Measure.objects.get(code=MEASURE_CODE).title
    # Last month's figures fell due yesterday: overdue now, and today's reminder says so.
    last_day = DUE.replace(day=28) + timedelta(days=4)
    last_day -= timedelta(days=last_day.day)
    settings.FIGURE_DUE_DAYS = (date.today() - timedelta(days=1) - last_day).days
    evidence = tmp_path / "audit-summary.pdf"
    evidence.write_bytes(b"%PDF-1.7\n% an audit summary\n%%EOF\n")

    # A data officer finds the overdue figure from the staff home.
    sign_in(page, base, "data.officer", "demo-data-officer-pass")
    assert page.locator("h1").inner_text() == "Staff home"
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^\d+ overdue$")).click()
    page.wait_for_url(base + "/staff/data-due/?state=overdue")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    section = page.locator(f"#due-{MEASURE_CODE}")
    row = section.locator("tr", has=page.get_by_role("rowheader", name=f"{DUE:%B %Y}", exact=True))
    expect(row).to_contain_text("Missing")
    expect(row).to_contain_text("Overdue")

    # Quick entry opens in place, with focus on its first field; a numerator and
    # denominator that do not give the figure are refused, in place.
    page.evaluate("window.sameDocument = true")
    section.get_by_text("Enter the figure").click()
    expect(section.get_by_label("Figure", exact=True)).to_be_focused()
    assert page.evaluate("window.sameDocument") is True
    assert_accessible(page)
    section.get_by_label("Figure", exact=True).fill("90")
    section.get_by_label("Numerator").fill("24")
    section.get_by_label("Denominator").fill("60")
    section.get_by_label("Commentary").fill("More plans were finished on time this month.")
    section.get_by_role("button", name="Submit for approval").click()
    summary = section.locator("[data-module=govuk-error-summary]")
    expect(summary).to_contain_text("24 of 60 gives 40%, not 90.")
    expect(summary).to_be_focused()
    assert_accessible(page)
    assert not Figure.objects.filter(measure__code=MEASURE_CODE, period=DUE).exists()

    # Put right, with evidence, it is submitted.
    section.get_by_label("Numerator").fill("127")
    section.get_by_label("Denominator").fill("200")
    section.get_by_label("Figure", exact=True).fill("63.5")
    section.get_by_label("Evidence file (optional)").set_input_files(str(evidence))
    section.get_by_label("Evidence title").fill("Audit summary")
    section.get_by_label("Internal: staff only").check()
    section.get_by_label("I confirm the file holds no personal data about any child").check()
    section.get_by_role("button", name="Submit for approval").click()
    banner = page.locator("#staff-messages .govuk-notification-banner")
    expect(banner).to_contain_text(f"The figure for {DUE:%B %Y} was submitted for approval.")
    expect(banner).to_be_focused()
    expect(section.locator(".govuk-summary-list").first).to_contain_text("Submitted for approval")
    assert page.url == base + "/staff/data-due/?state=overdue"  # in place, no page load
    assert_accessible(page)

    # It is not public yet.
    page.goto(base + f"/measures/{MEASURE_CODE}/")
    assert f"{DUE:%B %Y}" not in page.locator("main").inner_text()

    # The day's emails: approvers hear what waits for them, officers what is overdue.
    run_the_email_tasks()
    (digest,) = [m for m in emails_to("approver") if "waiting for approval" in m.subject]
    assert f"- {title}, {DUE:%B %Y}" in digest.body
    (reminder,) = [m for m in emails_to("data.officer") if m.subject.startswith("Figures due")]
    assert "overdue" in reminder.subject
    assert "/staff/data-due/" in reminder.body
    page.goto(base + "/staff/")
    sign_out(page)

    # The approver returns it, asking for more in the commentary.
    sign_in(page, base, "approver", "demo-approver-pass")
    assert_accessible(page)
    page.get_by_role("link", name="waiting for you to approve or return").click()
    assert_accessible(page)
    item = page.locator(".app-queue__item", has_text=f"{DUE:%B %Y}")
    item.get_by_role("link", name="Audit summary").wait_for()
    item.get_by_label("Reason for returning it").fill("Say which month the audit covered.")
    item.get_by_role("button", name="Return").click()
    expect(page.locator("#staff-messages")).to_contain_text("was returned.")
    run_the_email_tasks()
    (returned,) = [m for m in emails_to("data.officer") if m.subject.startswith("Returned")]
    assert returned.subject == f"Returned: {title}, {DUE:%B %Y}"
    assert "Why: Say which month the audit covered." in returned.body
    sign_out(page)

    # The officer sees it returned on the staff home, puts it right and submits it again.
    sign_in(page, base, "data.officer", "demo-data-officer-pass")
    expect(page.locator("main")).to_contain_text("Say which month the audit covered.")
    page.get_by_role("link", name="Everything that is due").click()
    section = page.locator(f"#due-{MEASURE_CODE}")
    section.get_by_text("Enter the figure").click()
    section.get_by_label("Commentary").fill(
        f"More plans were finished on time in {DUE:%B}; the audit covered {DUE:%B %Y}."
    )
    section.get_by_role("button", name="Submit for approval").click()
    expect(page.locator("#staff-messages")).to_contain_text("was submitted for approval.")
    sign_out(page)

    # The approver approves it in the queue.
    sign_in(page, base, "approver", "demo-approver-pass")
    page.get_by_role("link", name="waiting for you to approve or return").click()
    item = page.locator(".app-queue__item", has_text=f"{DUE:%B %Y}")
    item.get_by_role("button", name="Approve").click()
    page.get_by_text("approved and is now public").first.wait_for()
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
    # Quick entry is a link to the figure's own page, for the period now due.
    section.get_by_text("Enter the figure").click()
    page.wait_for_url(base + f"/staff/measures/{MEASURE_CODE}/figure/?period={DUE.isoformat()}")
    expect(page.get_by_label("Period")).to_have_value(DUE.isoformat())
    page.get_by_label("Figure", exact=True).fill("150")
    page.get_by_role("button", name="Save as draft").click()
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
    page.get_by_role("link", name="waiting for you to approve or return").click()
    for figure in waiting:
        page.locator(f"#tick-{figure.pk}").check()
    page.get_by_role("button", name="Approve the ticked figures").click()
    page.get_by_text("These 2 figures will become public").wait_for()
    assert_accessible(page)
    assert Figure.objects.filter(pk__in=[f.pk for f in waiting], status="approved").count() == 0
    page.get_by_role("button", name="Approve and publish 2 figures").click()
    page.get_by_text("2 figures approved and now public.").wait_for()
    assert Figure.objects.filter(pk__in=[f.pk for f in waiting], status="approved").count() == 2

    # From the measure's section on data due to the figure's page, and on to correct it.
    section = page.locator(f"#due-{MEASURE_CODE}")
    expect(section.locator(".govuk-summary-list").first).to_contain_text("Approved")
    section.get_by_role("link", name="View figure").first.click()
    page.get_by_role("link", name="Correct this approved figure").click()
    page.wait_for_url(base + f"/staff/figures/{waiting[0].pk}/correct/")
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


def _picture(folder, name="hubs.png", kind="PNG"):
    from PIL import Image

    folder.mkdir(exist_ok=True)
    path = folder / name
    Image.new("RGB", (240, 160), (30, 90, 160)).save(path, format=kind)
    return path


def test_the_assistant_director_adds_an_image_to_an_update_and_schedules_it(
    page, staff_demo, tmp_path
):
    from sendprogress.updates.models import Post, PostImage

    base = staff_demo.url
    alt = "A map of the five family hubs"
    sign_in(page, base, "approver", "demo-approver-pass")
    page.get_by_role("link", name="Write updates").click()
    page.get_by_role("link", name="Write a new update").click()
    # A new update is saved as a draft before it takes images.
    page.get_by_text("Save the update as a draft first").wait_for()
    page.get_by_label("Title").fill("Family hubs open")
    page.get_by_label("Web address").fill("family-hubs-open")
    page.get_by_label("Summary").fill("Where the new family hubs are.")
    page.get_by_label("The update", exact=True).fill("Five family hubs are now open.")
    page.locator("#post-preview").get_by_text("Five family hubs are now open.").wait_for()
    page.get_by_label("Author's name, as the public sees it").fill("Alex Morgan")
    page.get_by_label("Author's role, as the public sees it").fill("Assistant Director of SEND")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("was saved").wait_for()
    page.get_by_role("link", name="Family hubs open").click()
    page.get_by_text("This update has no images yet.").wait_for()
    assert_accessible(page)

    # A file that is not a picture is refused beside its field; the typed words stay.
    page.get_by_label("The update", exact=True).fill("Five hubs. Typed, not yet saved.")
    fake = tmp_path / "upload" / "map.png"
    fake.parent.mkdir()
    fake.write_text("<html><script>alert(1)</script></html>")
    page.get_by_label("Image file").set_input_files(fake)
    page.get_by_label("Alt text: what the picture shows").fill(alt)
    page.get_by_role("button", name="Add the image").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert "not a real PNG picture" in page.locator(".govuk-error-message").first.inner_text()
    assert page.get_by_label("The update", exact=True).input_value() == (
        "Five hubs. Typed, not yet saved."
    )
    assert page.get_by_label("Alt text: what the picture shows").input_value() == alt
    assert_accessible(page)

    page.get_by_label("Image file").set_input_files(_picture(tmp_path / "upload"))
    page.get_by_role("button", name="Add the image").click()
    page.get_by_text("The image was added").wait_for()
    image = PostImage.objects.get(post__slug="family-hubs-open")
    assert image.alt_text == alt
    snippet = page.locator(".app-image-markdown").inner_text()
    assert snippet == f"![{alt}](/updates/images/{image.pk}/)"
    assert_accessible(page)

    # Insert it: paste the Markdown given into the update; the live preview shows it.
    body = page.get_by_label("The update", exact=True)
    assert body.input_value() == "Five hubs. Typed, not yet saved."
    body.fill(f"Five hubs. Typed, not yet saved.\n\n{snippet}")
    shown = page.locator(f'#post-preview img[alt="{alt}"]')
    shown.wait_for()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth === 240", arg=shown.element_handle()
    )

    page.get_by_label("Publish it at a date and time").check()
    later = date.today() + timedelta(days=7)
    page.get_by_label("Date", exact=True).fill(f"{later:%Y-%m-%d}")
    page.get_by_label("Time", exact=True).fill("09:30")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("will be emailed").wait_for()
    page.get_by_role("button", name="Schedule it").click()
    page.get_by_text("was saved").wait_for()
    post = Post.objects.get(slug="family-hubs-open")
    assert snippet in post.body
    assert post.status == Post.Status.PUBLISHED
    assert not post.is_public
    # Until it goes public, the picture is the staff's alone.
    anyone = page.context.browser.new_context()
    assert anyone.request.get(f"{base}/updates/images/{image.pk}/").status == 404
    anyone.close()


def test_an_image_is_added_and_removed_without_javascript(js_disabled_page, staff_demo, tmp_path):
    from sendprogress.updates.models import Post, PostImage
    from tests.factories import make_post

    page, base = js_disabled_page, staff_demo.url
    post = make_post(status=Post.Status.DRAFT, title="Hubs draft", body="Saved words.")
    sign_in(page, base, "approver", "demo-approver-pass")
    page.goto(f"{base}/staff/updates/{post.pk}/")
    page.get_by_label("The update", exact=True).fill("Typed without JavaScript.")
    page.get_by_label("Image file").set_input_files(_picture(tmp_path / "upload"))
    page.get_by_label("Alt text: what the picture shows").fill("A map of the hubs")
    page.get_by_role("button", name="Add the image").click()
    page.get_by_text("The image was added").wait_for()
    assert page.get_by_label("The update", exact=True).input_value() == (
        "Typed without JavaScript."
    )
    image = PostImage.objects.get(post=post)
    assert page.locator(".app-image-markdown").inner_text() == (
        f"![A map of the hubs](/updates/images/{image.pk}/)"
    )
    page.get_by_role("button", name="Remove the image “A map of the hubs”").click()
    page.get_by_text("was removed").wait_for()
    assert not PostImage.objects.filter(post=post).exists()
    assert page.get_by_label("The update", exact=True).input_value() == (
        "Typed without JavaScript."
    )
    # What was typed is saved only when the author saves it.
    page.get_by_role("button", name="Save").click()
    page.get_by_text("was saved").wait_for()
    post.refresh_from_db()
    assert post.body == "Typed without JavaScript."


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
