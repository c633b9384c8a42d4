"""The data-due page stays true after an htmx decision or save: every part the change
affects comes back in the response (out of band), and without JavaScript the same
form posts and redirects to the full page showing the same result."""

import re
from datetime import date

import pytest
from django.urls import reverse

from sendprogress.plan.measures import periods
from sendprogress.plan.models import Figure
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db
Status = Figure.Status
DUE = periods.due_period("monthly", date.today())
HTMX = {"HTTP_HX_REQUEST": "true"}


def htmx_from(query=""):
    """Headers of an htmx request made from the data-due page (with its filters)."""
    return HTMX | {"HTTP_HX_CURRENT_URL": "http://testserver/staff/data-due/" + query}


@pytest.fixture
def measure():
    return make_measure(code="plans-on-time", title="Plans on time")


@pytest.fixture
def waiting(measure, data_officer):
    """Two figures waiting for approval: this month's and last year's."""
    return [
        make_figure(
            measure=measure,
            period=period,
            value=60,
            status=Status.SUBMITTED,
            entered_by=data_officer,
            submitted_by=data_officer,
        )
        for period in (DUE, DUE.replace(year=DUE.year - 1))
    ]


def decide(client, figure, action, headers=HTMX, **fields):
    data = {f"decide-{figure.pk}-version": figure.version, "action": action}
    data |= {f"decide-{figure.pk}-{k}": v for k, v in fields.items()}
    return client.post(reverse("staff:review_figure", args=[figure.pk]), data, **headers)


def oob(html, element_id):
    """The out-of-band part with this id: from its start tag to the next such part."""
    tag = re.search(rf'<[^>]* id="{element_id}"[^>]* data-hx-swap-oob="true"[^>]*>', html)
    assert tag, f"no out-of-band #{element_id} in the response"
    following = html.find('data-hx-swap-oob="', tag.end())
    return html[tag.start() : following if following != -1 else None]


def test_approving_updates_the_waiting_count_the_counts_the_section_and_the_banner(
    client, approver, measure, waiting
):
    client.force_login(approver)
    before = client.get(reverse("staff:data_due")).content.decode()
    assert "2 figures are waiting for you to approve or return." in before

    html = decide(client, waiting[0], "approve").content.decode()

    assert "<html" not in html
    assert "1 figure is waiting for you to approve or return." in oob(html, "approvals-summary")
    assert "1 submitted" in oob(html, "due-counts")
    section = oob(html, f"due-{measure.code}")
    assert "Approved" in section
    banner = oob(html, "staff-messages")
    assert f"Plans on time: {DUE:%B %Y} was approved and is now public." in banner
    assert 'role="alert"' in banner
    assert 'tabindex="-1" autofocus' in banner


def test_approving_the_last_waiting_figure_says_nothing_is_waiting_and_drops_bulk_approval(
    client, approver, waiting
):
    client.force_login(approver)
    decide(client, waiting[1], "approve")
    html = decide(client, Figure.objects.get(pk=waiting[0].pk), "approve").content.decode()
    summary = oob(html, "approvals-summary")
    assert "Nothing is waiting for your approval." in summary
    assert "Approve the ticked figures" not in summary


def test_returning_shows_the_reason_in_the_measures_section(client, approver, measure, waiting):
    client.force_login(approver)
    html = decide(client, waiting[0], "return", return_reason="The count looks low.").content
    html = html.decode()
    section = oob(html, f"due-{measure.code}")
    assert "Returned" in section
    assert "The count looks low." in section
    assert "1 returned" in oob(html, "due-counts")
    assert "was returned." in oob(html, "staff-messages")


def test_the_counts_follow_the_filters_of_the_page_the_decision_came_from(
    client, approver, data_officer
):
    chosen = make_measure(code="chosen")
    other = make_measure(code="other")
    figure = make_figure(
        measure=chosen, period=DUE, value=60, status=Status.SUBMITTED, submitted_by=data_officer
    )
    make_figure(
        measure=other, period=DUE, value=60, status=Status.SUBMITTED, submitted_by=data_officer
    )
    client.force_login(approver)
    html = decide(client, figure, "approve", htmx_from("?state=submitted")).content.decode()
    # Only the other measure's figure is still submitted; the chosen one leaves the list.
    assert "1 period without an approved figure: 0 missing" in oob(html, "due-counts")
    assert f'<section id="due-{chosen.code}" data-hx-swap-oob="delete">' in html


def test_a_decision_that_cannot_be_made_shows_the_error_summary_in_place_with_focus(
    client, approver, waiting
):
    client.force_login(approver)
    html = decide(client, waiting[0], "return").content.decode()
    assert html.lstrip().startswith(f'<li class="app-queue__item" id="queue-{waiting[0].pk}">')
    assert 'data-module="govuk-error-summary" tabindex="-1" autofocus' in html
    assert "Say why the figure is being returned." in html
    assert "govuk-textarea--error" in html
    assert "data-hx-swap-oob" not in html  # nothing else changed
    assert Figure.objects.get(pk=waiting[0].pk).status == Status.SUBMITTED


def test_without_javascript_a_decision_redirects_to_the_page_showing_the_same_result(
    client, approver, measure, waiting
):
    client.force_login(approver)
    response = decide(client, waiting[0], "approve", headers={})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:data_due")
    html = client.get(response["Location"]).content.decode()
    assert f"Plans on time: {DUE:%B %Y} was approved and is now public." in html
    assert "1 figure is waiting for you to approve or return." in html
    assert "1 submitted" in html


def test_saving_in_quick_entry_updates_the_counts_and_the_banner(client, data_officer, measure):
    client.force_login(data_officer)
    data = {
        f"{measure.code}-period": DUE.isoformat(),
        f"{measure.code}-value": "60",
        f"{measure.code}-commentary": "Better.",
        f"{measure.code}-version": "0",
        "action": "submit",
    }
    html = client.post(
        reverse("staff:enter_figure", args=[measure.code]), data, **htmx_from()
    ).content.decode()
    assert html.lstrip().startswith(f'<section class="app-due" id="due-{measure.code}"')
    assert "Submitted for approval" in html.split('id="due-counts"')[0]
    assert "1 submitted" in oob(html, "due-counts")
    assert f"The figure for {DUE:%B %Y} was submitted for approval." in oob(html, "staff-messages")


def test_the_queries_of_a_decision_in_place_do_not_grow_with_measures(
    client, approver, data_officer, django_assert_max_num_queries
):
    def one_more_waiting():
        return make_figure(
            measure=make_measure(),
            period=DUE,
            value=60,
            status=Status.SUBMITTED,
            submitted_by=data_officer,
        )

    client.force_login(approver)
    first = one_more_waiting()
    for _ in range(2):
        one_more_waiting()
    with django_assert_max_num_queries(30) as small:
        decide(client, first, "approve", htmx_from("?state=submitted"))
    second = one_more_waiting()
    for _ in range(10):
        one_more_waiting()
    with django_assert_max_num_queries(30) as large:
        decide(client, second, "approve", htmx_from("?state=submitted"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_comment_added_with_htmx_appears_in_place_with_the_banner(client, data_officer, waiting):
    client.force_login(data_officer)
    url = reverse("staff:comment_on_figure", args=[waiting[0].pk])
    html = client.post(url, {"text": "Is this month's count final?"}, **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="comments-section">')
    comments = html.split('id="staff-messages"')[0]
    assert "Is this month&#x27;s count final?" in comments
    assert "No comments yet." not in comments
    assert 'name="text"' in comments  # an empty box for the next one
    assert "Your comment was added." in oob(html, "staff-messages")


def test_an_empty_comment_with_htmx_shows_the_error_summary_in_place(
    client, data_officer, waiting
):
    client.force_login(data_officer)
    url = reverse("staff:comment_on_figure", args=[waiting[0].pk])
    html = client.post(url, {"text": " "}, **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="comments-section">')
    assert 'data-module="govuk-error-summary" tabindex="-1" autofocus' in html
    assert "Write your comment." in html
    assert "govuk-textarea--error" in html
    assert "data-hx-swap-oob" not in html


def test_a_refused_bulk_approval_links_its_error_back_to_the_ticks(client, approver, waiting):
    stale = f"{waiting[0].pk}:{waiting[0].version + 1}"
    client.force_login(approver)
    response = client.post(reverse("staff:confirm_approvals"), {"figure": [stale]})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-module="govuk-error-summary" tabindex="-1" autofocus' in html
    link = reverse("staff:data_due") + "#approvals"
    assert f'<li><a href="{link}">A ticked figure is no longer waiting' in html


def test_the_queries_of_a_save_in_place_do_not_grow_with_measures(
    client, data_officer, django_assert_max_num_queries
):
    def save_to_a_new_measure():
        measure = make_measure()
        data = {
            f"{measure.code}-period": DUE.isoformat(),
            f"{measure.code}-value": "60",
            f"{measure.code}-commentary": "Better.",
            f"{measure.code}-version": "0",
            "action": "save",
        }
        url = reverse("staff:enter_figure", args=[measure.code])
        return client.post(url, data, **htmx_from("?state=draft"))

    client.force_login(data_officer)
    for _ in range(3):
        make_measure()
    with django_assert_max_num_queries(40) as small:
        save_to_a_new_measure()
    for _ in range(10):
        make_measure()
    with django_assert_max_num_queries(40) as large:
        save_to_a_new_measure()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_approving_an_earlier_period_updates_the_previous_figure_of_a_later_one(
    client, approver, waiting
):
    later, earlier = waiting
    client.force_login(approver)
    html = decide(client, earlier, "approve").content.decode()
    context = oob(html, f"queue-{later.pk}-context")
    assert f"60% for {earlier.period:%B %Y}" in context


def test_a_save_in_place_on_one_area_counts_that_area_as_the_page_does(
    client, data_officer, approver
):
    # Each measure started the month before the one now due: two periods due each.
    start = periods.previous_period("monthly", DUE)
    ours = make_measure(code="ours", baseline_date=start)
    theirs = make_measure(baseline_date=start)
    area = ours.findings.first()
    assert theirs.findings.first() != area
    client.force_login(data_officer)
    data = {
        "ours-period": DUE.isoformat(),
        "ours-value": "60",
        "ours-commentary": "Better.",
        "ours-version": "0",
        "action": "save",
    }
    url = reverse("staff:enter_figure", args=["ours"])
    html = client.post(url, data, **htmx_from(f"?area={area.slug}")).content.decode()
    page = client.get(reverse("staff:data_due"), {"area": area.slug}).content.decode()
    page_counts = page[page.index('id="due-counts"') :].split("</p>")[0]
    assert "2 periods without an approved figure: 1 missing, 1 draft," in page_counts
    assert page_counts in oob(html, "due-counts").replace(' data-hx-swap-oob="true"', "")

    # A figure of the other area decided in the queue: its section is worked out on its
    # own (the page does not list it), the counts are still the area's.
    waiting = make_figure(
        measure=theirs, period=DUE, value=60, status=Status.SUBMITTED, submitted_by=data_officer
    )
    client.force_login(approver)
    html = decide(client, waiting, "approve", htmx_from(f"?area={area.slug}")).content.decode()
    assert "2 periods without an approved figure: 1 missing, 1 draft," in oob(html, "due-counts")
    assert "Approved" in oob(html, f"due-{theirs.code}")
