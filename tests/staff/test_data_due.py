"""The data-due page: what is due, quick entry with and without htmx, approvals in place."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sendprogress.plan.measures import periods
from sendprogress.plan.models import Evidence, Figure
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db
Status = Figure.Status
DUE = periods.due_period("monthly", date.today())
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def measure():
    return make_measure(code="plans-on-time", title="Plans on time")


def figure(measure, action="submit", **fields):
    data = {"period": DUE.isoformat(), "value": "60", "commentary": "Better.", "version": "0"}
    return {f"{measure.code}-{k}": v for k, v in (data | fields).items()} | {"action": action}


def enter_url(measure):
    return reverse("staff:enter_figure", args=[measure.code])


def test_it_shows_the_period_due_and_that_it_is_missing(client, data_officer, measure):
    client.force_login(data_officer)
    response = client.get(reverse("staff:data_due"))
    html = response.content.decode()
    assert f"{DUE:%B %Y} (monthly)" in html
    assert "Missing" in html


def test_it_shows_a_returned_figure_with_its_reason(client, data_officer, measure):
    make_figure(
        measure=measure, period=DUE, value=40, status=Status.RETURNED, return_reason="Wrong month."
    )
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due")).content.decode()
    assert "Returned for changes" in html
    assert "Wrong month." in html


def test_it_lists_non_public_measures_for_staff(client, data_officer):
    make_measure(title="Hidden measure", is_public=False)
    client.force_login(data_officer)
    assert "Hidden measure" in client.get(reverse("staff:data_due")).content.decode()


def test_a_partner_sees_no_entry_forms_or_queue(client, partner, measure):
    client.force_login(partner)
    response = client.get(reverse("staff:data_due"))
    assert response.status_code == 200
    html = response.content.decode()
    assert measure.title in html
    assert "Enter the figure" not in html
    assert "Waiting for your approval" not in html


def test_quick_entry_without_javascript_redirects_with_a_message(client, data_officer, measure):
    client.force_login(data_officer)
    response = client.post(enter_url(measure), figure(measure), follow=True)
    assert f"The figure for {DUE:%B %Y} was submitted for approval." in response.content.decode()
    m = Figure.objects.get(measure=measure, period=DUE)
    assert (m.status, m.value, m.entered_by) == (Status.SUBMITTED, Decimal("60"), data_officer)


def test_quick_entry_with_htmx_returns_only_the_measures_section(client, data_officer, measure):
    client.force_login(data_officer)
    response = client.post(enter_url(measure), figure(measure, action="save"), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<section class="app-due" id="due-{measure.code}"')
    assert "<html" not in html
    assert "saved as a draft" in html
    assert "Draft" in html


def test_errors_show_on_the_field_without_javascript(client, data_officer, measure):
    client.force_login(data_officer)
    response = client.post(enter_url(measure), figure(measure, value="140"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "A percentage must be between 0 and 100." in html
    assert "There is a problem" in html
    assert not Figure.objects.exists()


def test_errors_show_on_the_field_with_htmx(client, data_officer, measure):
    client.force_login(data_officer)
    response = client.post(enter_url(measure), figure(measure, value="20", commentary=""), **HTMX)
    html = response.content.decode()
    assert "misses its milestone" in html
    assert '<details class="govuk-details" open>' in html


def test_the_figure_can_be_worked_out_from_numerator_and_denominator(
    client, data_officer, measure
):
    client.force_login(data_officer)
    client.post(enter_url(measure), figure(measure, value="", numerator="30", denominator="40"))
    assert Figure.objects.get().value == Decimal("75.00")


def test_evidence_is_uploaded_with_the_figure(client, data_officer, measure, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(data_officer)
    upload = SimpleUploadedFile("audit.pdf", b"%PDF-1.7\nbody")
    data = figure(measure) | {
        f"{measure.code}-evidence_file": upload,
        f"{measure.code}-evidence_title": "Audit summary",
        f"{measure.code}-evidence_public": "internal",
        f"{measure.code}-no_personal_data": "on",
    }
    client.post(enter_url(measure), data)
    evidence = Evidence.objects.get()
    assert (evidence.title, evidence.is_public, evidence.uploaded_by) == (
        "Audit summary",
        False,
        data_officer,
    )
    assert evidence.figure == Figure.objects.get()
    assert evidence.original_filename == "audit.pdf"
    assert evidence.file.name != "evidence/audit.pdf"


def test_evidence_needs_the_no_personal_data_confirmation(client, data_officer, measure):
    client.force_login(data_officer)
    data = figure(measure) | {
        f"{measure.code}-evidence_file": SimpleUploadedFile("a.pdf", b"%PDF-1"),
        f"{measure.code}-evidence_public": "internal",
    }
    response = client.post(enter_url(measure), data)
    assert "no personal data about a child" in response.content.decode()
    assert not Figure.objects.exists()
    assert not Evidence.objects.exists()


def test_a_disguised_file_is_refused_and_nothing_is_saved(client, data_officer, measure):
    client.force_login(data_officer)
    data = figure(measure) | {
        f"{measure.code}-evidence_file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00program"),
        f"{measure.code}-no_personal_data": "on",
    }
    response = client.post(enter_url(measure), data)
    assert "not a real PDF file" in response.content.decode()
    assert not Figure.objects.exists()


def test_a_second_edit_from_an_old_page_is_refused_showing_the_newer_figure(
    client, data_officer, measure
):
    m = make_figure(measure=measure, period=DUE, value=60, status=Status.DRAFT, commentary="ok")
    seen = m.version
    Figure.objects.filter(pk=m.pk).update(value=Decimal("65"), version=seen + 1)
    client.force_login(data_officer)
    response = client.post(enter_url(measure), figure(measure, value="70", version=str(seen)))
    html = response.content.decode()
    assert "Someone else changed this figure" in html
    assert "it is now 65.00" in html
    m.refresh_from_db()
    assert m.value == Decimal("65")


def test_an_approver_approves_in_place(client, approver, data_officer, measure):
    m = make_figure(
        measure=measure, period=DUE, value=60, status=Status.SUBMITTED, submitted_by=data_officer
    )
    client.force_login(approver)
    response = client.post(
        reverse("staff:review_figure", args=[m.pk]),
        {f"decide-{m.pk}-version": m.version, "action": "approve"},
        **HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="app-queue__item" id="queue-{m.pk}">')
    assert "approved and is now public" in html
    m.refresh_from_db()
    assert (m.status, m.approved_by) == (Status.APPROVED, approver)


def test_approving_a_figure_the_public_cannot_see_yet_does_not_call_it_public(
    client, approver, data_officer
):
    hidden = make_measure(code="not-yet", title="Not yet shown", is_public=False)
    m = make_figure(
        measure=hidden, period=DUE, value=60, status=Status.SUBMITTED, submitted_by=data_officer
    )
    client.force_login(approver)
    response = client.post(
        reverse("staff:review_figure", args=[m.pk]),
        {f"decide-{m.pk}-version": m.version, "action": "approve"},
        follow=True,
    )
    html = response.content.decode()
    assert "was approved. It will be public when its measure is." in html
    assert "is now public" not in html


def test_returning_without_a_reason_shows_an_error_in_place(
    client, approver, data_officer, measure
):
    m = make_figure(
        measure=measure, period=DUE, value=60, status=Status.SUBMITTED, submitted_by=data_officer
    )
    client.force_login(approver)
    response = client.post(
        reverse("staff:review_figure", args=[m.pk]),
        {f"decide-{m.pk}-version": m.version, "action": "return"},
        **HTMX,
    )
    assert "Say why the figure is being returned." in response.content.decode()
    m.refresh_from_db()
    assert m.status == Status.SUBMITTED


def test_the_approvals_queue_lists_submitted_figures(client, approver, data_officer, measure):
    make_figure(
        measure=measure, period=DUE, value=60, status=Status.SUBMITTED, submitted_by=data_officer
    )
    client.force_login(approver)
    html = client.get(reverse("staff:data_due")).content.decode()
    assert f"Plans on time: {DUE:%B %Y}" in html


def test_the_data_due_page_query_count_does_not_grow_with_measures(
    client, data_officer, django_assert_num_queries
):
    for _ in range(5):
        make_measure()
    client.force_login(data_officer)
    # One of them lists the findings, for the filter and each measure's findings.
    # 10: down from 11 when the page's measures were no longer read again in full.
    with django_assert_num_queries(10):
        client.get(reverse("staff:data_due"))
    for _ in range(10):
        make_measure()
    with django_assert_num_queries(10):
        client.get(reverse("staff:data_due"))


def test_the_review_page_shows_the_history(client, approver, data_officer, measure):
    m = make_figure(measure=measure, period=DUE, value=60, status=Status.SUBMITTED)
    client.force_login(approver)
    html = client.get(reverse("staff:review_figure", args=[m.pk])).content.decode()
    assert "History" in html
    assert "Created" in html


def test_a_new_measure_has_nothing_due_before_its_first_period_ends(client, data_officer):
    make_measure(title="Brand new", baseline_date=date.today(), target_date=None)
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due")).content.decode()
    assert "Not due yet" in html


# Every outstanding period since the baseline (issue 14, item 2) ---------------


def test_it_lists_every_period_since_the_baseline_without_an_approved_figure(client, data_officer):
    measure = make_measure(title="Old gaps", baseline_date=date(2024, 1, 1))
    make_figure(measure=measure, period=date(2024, 1, 1), value=20)  # approved: not listed
    make_figure(measure=measure, period=date(2024, 2, 1), value=20, status=Status.DRAFT)
    make_figure(
        measure=measure,
        period=date(2024, 3, 1),
        value=20,
        status=Status.RETURNED,
        return_reason="Check it.",
    )
    client.force_login(data_officer)
    # More than a dozen periods: the page of this measure alone lists them all.
    url = reverse("staff:data_due") + f"?measure={measure.code}"
    html = client.get(url).content.decode()
    section = html[html.index('id="due-' + measure.code) :]
    assert ">January 2024</th>" not in section
    assert ">February 2024</th>" in section
    assert ">March 2024</th>" in section
    assert ">April 2024</th>" in section  # never entered: missing
    assert f">{DUE:%B %Y}</th>" in section


def test_an_old_period_is_overdue_with_its_due_by_date(client, data_officer, settings):
    settings.FIGURE_DUE_DAYS = 20
    measure = make_measure(title="Old gaps", baseline_date=date(2024, 1, 1))
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due") + f"?measure={measure.code}").content.decode()
    # January 2024 ends on the 31st; its figure is due 20 days later.
    assert "20 February 2024" in html
    assert "Overdue" in html


def test_it_counts_the_periods_in_each_state(client, data_officer):
    measure = make_measure(title="Counted", baseline_date=DUE)
    make_figure(measure=measure, period=DUE, value=20, status=Status.DRAFT)
    make_measure(title="Missing one", baseline_date=DUE)
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due")).content.decode()
    assert "2 periods without an approved figure: 1 missing, 1 draft, 0 submitted" in html


def test_it_filters_by_state_and_area(client, data_officer):
    drafted = make_measure(title="Has a draft", baseline_date=DUE)
    make_figure(measure=drafted, period=DUE, value=20, status=Status.DRAFT)
    make_measure(title="Has nothing", baseline_date=DUE)
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due"), {"state": "draft"}).content.decode()
    assert "Has a draft" in html
    assert "Has nothing" not in html
    html = client.get(
        reverse("staff:data_due"), {"area": drafted.findings.get().slug}
    ).content.decode()
    assert "Has a draft" in html
    assert "Has nothing" not in html


def test_a_filter_that_is_not_in_the_list_says_so(client, data_officer, measure):
    client.force_login(data_officer)
    response = client.get(reverse("staff:data_due"), {"state": "<b>", "area": "nowhere"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose a state from the list." in html
    assert "Choose an area from the list." in html
    assert "Plans on time" in html  # the page still shows everything


def test_an_old_missing_period_can_be_entered(client, data_officer):
    measure = make_measure(title="Old gaps", baseline_date=date(2024, 1, 1))
    client.force_login(data_officer)
    post = figure(measure, action="save", period="2024-01-01")
    response = client.post(enter_url(measure), post)
    assert response.status_code == 302
    assert Figure.objects.get(measure=measure, period=date(2024, 1, 1)).value == Decimal("60")


# No silent changes (issue 14, item 3) -----------------------------------------


def test_entry_refuses_a_figure_its_numerator_and_denominator_disagree_with(
    client, data_officer, measure
):
    client.force_login(data_officer)
    post = figure(measure, value="90", numerator="24", denominator="60")
    response = client.post(enter_url(measure), post)
    assert response.status_code == 400
    assert "24 of 60 gives 40%, not 90." in response.content.decode()
    assert not Figure.objects.filter(measure=measure).exists()


def test_a_correction_refuses_a_figure_its_numerator_and_denominator_disagree_with(
    client, approver, measure
):
    approved = make_figure(measure=measure, period=DUE, value=40, numerator=24, denominator=60)
    client.force_login(approver)
    response = client.post(
        reverse("staff:correct_figure", args=[approved.pk]),
        {
            "value": "90",
            "numerator": "24",
            "denominator": "60",
            "commentary": "Recounted.",
            "correction_reason": "A late return.",
            "commentary_reviewed": "on",
            "version": approved.version,
        },
    )
    assert response.status_code == 400
    assert "24 of 60 gives 40%, not 90." in response.content.decode()
    approved.refresh_from_db()
    assert approved.value == Decimal("40")


def test_a_correction_of_a_worked_out_figure_starts_with_the_figure_blank(
    client, approver, measure
):
    approved = make_figure(measure=measure, period=DUE, value=40, numerator=24, denominator=60)
    url = reverse("staff:correct_figure", args=[approved.pk])
    client.force_login(approver)
    html = client.get(url).content.decode()
    assert 'name="value" value="40' not in html
    assert 'name="denominator" value="60"' in html
    # Changing only the denominator, as the form comes, gives the new figure.
    response = client.post(
        url,
        {
            "value": "",
            "numerator": "24",
            "denominator": "48",
            "commentary": "Recounted.",
            "correction_reason": "Twelve plans were counted twice.",
            "commentary_reviewed": "on",
            "version": approved.version,
        },
    )
    assert response.status_code == 302
    corrected = Figure.objects.get(measure=measure, period=DUE, status=Status.APPROVED)
    assert corrected.value == Decimal("50")


def test_a_typed_figure_without_counts_is_kept_in_the_correction_form(client, approver, measure):
    approved = make_figure(measure=measure, period=DUE, value=40)
    client.force_login(approver)
    html = client.get(reverse("staff:correct_figure", args=[approved.pk])).content.decode()
    assert 'name="value" value="40' in html


def test_a_field_with_an_error_is_styled_and_described_as_gov_uk_does(
    client, data_officer, measure
):
    client.force_login(data_officer)
    response = client.post(enter_url(measure), figure(measure, value="150"))
    html = response.content.decode()
    field_id = f"id_{measure.code}-value"
    assert "govuk-input--error" in html
    assert f'aria-describedby="{field_id}_helptext {field_id}_error"' in html
    # Focus moves to the error summary, with or without JavaScript.
    assert (
        'class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" autofocus'
        in html
    )


def test_after_an_htmx_decision_the_counts_and_the_measure_update_out_of_band(
    client, approver, data_officer, measure
):
    waiting = make_figure(
        measure=measure,
        period=DUE,
        value=60,
        status=Status.SUBMITTED,
        entered_by=data_officer,
        submitted_by=data_officer,
    )
    client.force_login(approver)
    response = client.post(
        reverse("staff:review_figure", args=[waiting.pk]),
        {f"decide-{waiting.pk}-version": waiting.version, "action": "approve"},
        **HTMX,
    )
    html = response.content.decode()
    assert 'id="due-counts" role="status" data-hx-swap-oob="true"' in html
    assert f'id="due-{measure.code}" data-hx-swap-oob="true"' in html
    assert "0 submitted" in html


def test_after_an_htmx_save_the_counts_update_out_of_band(client, data_officer, measure):
    client.force_login(data_officer)
    response = client.post(enter_url(measure), figure(measure, action="save"), **HTMX)
    html = response.content.decode()
    assert 'id="due-counts" role="status" data-hx-swap-oob="true"' in html
    assert "1 draft" in html


# At scale: pages of measures, the newest periods, the longest-waiting figures --


def test_it_lists_ten_measures_a_page_and_links_to_the_rest(client, data_officer):
    for n in range(12):
        make_measure(title=f"Measure number {n:02}", order=n, baseline_date=DUE)
    client.force_login(data_officer)
    first = client.get(reverse("staff:data_due")).content.decode()
    assert "Measures 1 to 10 of 12." in first
    assert "Measure number 09" in first
    assert "Measure number 10" not in first
    assert "12 periods without an approved figure" in first  # the counts cover every page
    second = client.get(reverse("staff:data_due"), {"page": "2"}).content.decode()
    assert "Measures 11 to 12 of 12." in second
    assert "Measure number 11" in second
    assert "Measure number 09" not in second


def test_a_later_page_keeps_the_filters_in_its_links(client, data_officer):
    for n in range(11):
        make_measure(title=f"Measure number {n:02}", order=n, baseline_date=DUE)
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due"), {"state": "missing"}).content.decode()
    assert 'href="?state=missing&amp;page=2"' in html


def test_a_measure_lists_its_newest_periods_and_links_to_all_of_them(client, data_officer):
    measure = make_measure(title="Long gap", baseline_date=date(2024, 1, 1))
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due")).content.decode()
    # Six listed: the period now due and the five before it.
    oldest_shown = DUE
    for _ in range(5):
        oldest_shown = periods.previous_period("monthly", oldest_shown)
    hidden = periods.previous_period("monthly", oldest_shown)
    assert f">{oldest_shown:%B %Y}</th>" in html
    assert f">{hidden:%B %Y}</th>" not in html
    assert f'href="/staff/data-due/?measure={measure.code}"' in html
    assert "older ones not listed here" in html

    html = client.get(reverse("staff:data_due"), {"measure": measure.code}).content.decode()
    assert f">{hidden:%B %Y}</th>" in html
    assert ">January 2024</th>" in html
    assert "Every period without an approved figure for Long gap." in html


def test_a_link_to_a_measure_that_does_not_exist_says_so(client, data_officer, measure):
    client.force_login(data_officer)
    response = client.get(reverse("staff:data_due"), {"measure": "no-such-measure"})
    assert response.status_code == 400
    assert "That measure does not exist: show everything instead." in response.content.decode()


def test_quick_entry_is_for_the_period_now_due(client, data_officer):
    make_measure(title="Long gap", code="long-gap", baseline_date=date(2024, 1, 1))
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due")).content.decode()
    link = f"/staff/measures/long-gap/figure/?period={DUE.isoformat()}"
    assert f'href="{link}" data-hx-get="{link}"' in html
    html = client.get(link, **HTMX).content.decode()
    assert f'type="hidden" name="long-gap-period" value="{DUE.isoformat()}"' in html
    assert "<select" not in html


def test_quick_entry_forms_are_drawn_only_when_opened(client, data_officer, measure):
    make_figure(measure=measure, period=DUE, value=40, status=Status.DRAFT, commentary="Draft.")
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due")).content.decode()
    section = html[html.index(f'id="due-{measure.code}"') :]
    assert "<form" not in section.split("</section>")[0]
    link = f"{enter_url(measure)}?period={DUE.isoformat()}"
    assert f'id="due-{measure.code}-entry"><a class="govuk-link" href="{link}"' in section
    assert f'data-hx-target="#due-{measure.code}-entry" data-hx-swap="outerHTML"' in section

    # With htmx, opening it brings the form alone, with the draft's values and focus on
    # the first field; it posts in place as before.
    response = client.get(link, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert html.lstrip().startswith('<details class="govuk-details" open>')
    assert "<html" not in html
    assert f'data-hx-post="{enter_url(measure)}" data-hx-target="#due-{measure.code}"' in html
    assert f'name="{measure.code}-value" value="40.00"' in html
    (first_field,) = re.findall(r"<input [^>]*autofocus[^>]*>", html)
    assert f'name="{measure.code}-value"' in first_field
    assert html.count("autofocus") == 1
    assert "Draft.</textarea>" in html
    assert "Submit for approval<span" in html

    # Without JavaScript, the same link is the figure's own page, for that period.
    html = client.get(link).content.decode()
    assert "<h1" in html
    assert "Enter a figure for Plans on time" in html
    assert f'<option value="{DUE.isoformat()}" selected>' in html
    assert "autofocus" not in html.split('id="main-content"')[-1].split("error-summary")[0]


def test_a_partner_gets_no_quick_entry(client, partner, measure):
    client.force_login(partner)
    assert "figure/?period=" not in client.get(reverse("staff:data_due")).content.decode()
    assert client.get(f"{enter_url(measure)}?period={DUE.isoformat()}", **HTMX).status_code == 403


def test_opening_quick_entry_for_a_figure_no_longer_editable_reloads_the_page(
    client, data_officer, measure
):
    make_figure(measure=measure, period=DUE, value=40, status=Status.SUBMITTED)
    client.force_login(data_officer)
    response = client.get(f"{enter_url(measure)}?period={DUE.isoformat()}", **HTMX)
    assert response["HX-Redirect"] == reverse("staff:data_due")


def test_quick_entry_escapes_the_measure_title(client, data_officer):
    make_measure(title="<script>alert(1)</script>", code="hostile")
    client.force_login(data_officer)
    for html in [
        client.get(reverse("staff:data_due")).content.decode(),
        client.get(reverse("staff:enter_figure", args=["hostile"]), **HTMX).content.decode(),
    ]:
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_figure_for_the_period_not_yet_finished_does_not_hide_a_missing_one(
    client, data_officer
):
    # Two periods are due; two figures are approved, but one is for the period
    # still running, so the period now due is missing.
    before = periods.previous_period("monthly", DUE)
    measure = make_measure(title="Current one in", baseline_date=before)
    make_figure(measure=measure, period=before, value=20)
    make_figure(measure=measure, period=periods.next_period("monthly", DUE), value=20)
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due")).content.decode()
    section = html[html.index(f'id="due-{measure.code}"') :]
    assert f">{DUE:%B %Y}</th>" in section
    assert "1 period without an approved figure: 1 missing" in html


def test_a_measure_with_every_period_filled_lists_only_its_figures_on_their_way(
    client, data_officer
):
    first = periods.previous_period("monthly", DUE)
    measure = make_measure(title="All filled", baseline_date=first)
    make_figure(measure=measure, period=first, value=20)
    make_figure(measure=measure, period=DUE, value=20, status=Status.RETURNED, return_reason="No.")
    client.force_login(data_officer)
    html = client.get(reverse("staff:data_due")).content.decode()
    section = html[html.index(f'id="due-{measure.code}"') :]
    assert f">{DUE:%B %Y}</th>" in section
    assert f">{first:%B %Y}</th>" not in section
    assert (
        "1 period without an approved figure: 0 missing, 0 drafts, 0 submitted, 1 returned" in html
    )


def test_the_queue_shows_the_twenty_waiting_longest_and_how_many_wait(
    client, approver, data_officer
):
    for n in range(21):
        measure = make_measure(title=f"Waiting measure {n:02}", baseline_date=DUE)
        make_figure(
            measure=measure,
            period=DUE,
            value=20,
            status=Status.SUBMITTED,
            submitted_at=timezone.now() - timedelta(days=30 - n),
        )
    client.force_login(approver)
    html = client.get(reverse("staff:data_due")).content.decode()
    assert f"Waiting measure 19: {DUE:%B %Y}" in html
    assert f"Waiting measure 20: {DUE:%B %Y}" not in html
    assert "These are the 20 that have waited longest of the 21 waiting." in html
    later = client.get(reverse("staff:data_due"), {"page": "2"}).content.decode()
    assert "21 figures are waiting" in later
    assert f"Waiting measure 00: {DUE:%B %Y}" not in later


def test_the_period_rows_escape_what_they_show(measure):
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    from sendprogress.plan.measures import due_periods
    from sendprogress.staff.data_due import Due

    hostile = SimpleNamespace(
        label="<script>alert(1)</script>",
        figure=None,
        measure=measure,
        period=DUE,
        due_by=date(2026, 12, 20),
        tags=[due_periods.State.MISSING, due_periods.OVERDUE],
    )
    section = Due(measure, DUE, None, rows=[hostile], role_enters=True)
    html = render_to_string("staff/data_due.html#due", {"due": section})
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    assert (
        '<strong class="govuk-tag govuk-tag--red">Missing</strong> '
        '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
    ) in html
    assert '<td class="govuk-table__cell">20 December 2026</td>' in html
    assert f'href="/staff/measures/plans-on-time/figure/?period={DUE.isoformat()}"' in html
    # Without a role that enters figures, no row links to entering one.
    [row] = Due(measure, DUE, None, rows=[hostile]).period_rows
    assert row.enter_url == ""


def test_a_measure_owes_figures_from_when_reporting_starts_not_its_baseline(client, data_officer):
    """A January baseline years back gave a new measure dozens of overdue periods on day one."""
    previous = periods.previous_period("monthly", DUE)
    make_measure(baseline_date=DUE.replace(year=DUE.year - 5), reporting_starts=previous)
    client.force_login(data_officer)
    every = client.get(reverse("staff:data_due")).content.decode()
    missing = client.get(reverse("staff:data_due") + "?state=missing").content.decode()
    home = client.get(reverse("staff:home")).content.decode()
    assert "2 periods without an approved figure: 2 missing" in every
    assert "2 periods without an approved figure: 2 missing" in missing
    assert "2 periods have no approved figure yet: 2 missing" in home
