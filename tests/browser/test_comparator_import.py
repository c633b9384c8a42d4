"""The staff page that imports the DfE's statistics, in a real browser: the
real 20-week timeliness file from Explore education statistics, unmodified,
checked, previewed and imported onto the demo's 20-week measure, with
axe-core on each screen (form, its error, the preview) at desktop and phone
width. The file and its provenance: tests/plan/data/ees/PROVENANCE.md."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from sendprogress.plan.models import ComparatorValue, Measure

from .conftest import assert_accessible
from .test_staff_journey import MEASURE_CODE, sign_in, staff_demo  # noqa: F401

pytestmark = pytest.mark.browser
TIMELINESS = (
    Path(__file__).parents[1] / "plan" / "data" / "ees" / "ees-timeliness-2026-excerpt.csv"
)


def test_the_real_ees_file_is_checked_previewed_and_imported_through_the_staff_page(
    page,
    staff_demo,  # noqa: F811
):
    base = staff_demo.url
    measure = Measure.objects.get(code=MEASURE_CODE)
    release = "Education, health and care plans, June 2026"
    imported = ComparatorValue.objects.filter(release=release)
    sign_in(page, base, "approver", "demo-approver-pass")
    page.goto(base + "/staff/comparators/import/")
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    # Sent with no file: the message is shown where the file is chosen, and
    # what was typed stays.
    page.get_by_label("Indicator column").fill("pc_plans_issued_20_weeks_ex")
    page.get_by_role("button", name="Check the file").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose the CSV data file to import.")
    expect(page.get_by_label("Indicator column")).to_have_value("pc_plans_issued_20_weeks_ex")
    assert_accessible(page)

    # The file as the DfE publishes it, with its breakdown columns.
    page.get_by_label("Data file (CSV) from Explore education statistics").set_input_files(
        str(TIMELINESS)
    )
    page.get_by_label("Measure", exact=True).select_option(measure.code)
    page.get_by_label("Release (optional)", exact=True).fill(release)
    page.get_by_role("button", name="Check the file").click()

    # The preview: the breakdown chosen for its total, England's 2019 value
    # shown at the measure's one decimal place, nothing saved yet.
    expect(page.get_by_label("breakdown", exact=True)).to_have_value("All EHC plans")
    preview = page.get_by_role("region", name="England")
    expect(preview).to_contain_text("60.4%")
    assert not imported.exists()
    assert_accessible(page)

    page.get_by_role("button", name="Import these comparator figures").click()
    expect(page.locator("#staff-messages, .govuk-notification-banner").first).to_contain_text(
        "1 comparator value imported"
    )
    assert_accessible(page)
    value = imported.get()
    assert (value.period_label, value.published_value) == ("2019", "60.4")

    # The public measure page compares with England, as published.
    page.goto(base + measure.get_absolute_url())
    comparisons = page.locator("#comparisons")
    expect(comparisons).to_contain_text("England")
    expect(comparisons).to_contain_text("60.4%")
