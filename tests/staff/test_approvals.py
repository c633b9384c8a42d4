"""Approving with context, and approving several figures after a confirmation page."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from sendprogress.plan.models import Evidence, Figure
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db
Status = Figure.Status
CONFIRM = "staff:confirm_approvals"


@pytest.fixture
def measure():
    # From 10% in January 2023 to 50% in January 2024, with 30% expected in July 2023.
    return make_measure(
        title="Plans on time", baseline_date=date(2023, 1, 1), milestones=[(date(2023, 7, 1), 30)]
    )


def submit(measure, period, value, by, **fields):
    return make_figure(
        measure=measure,
        period=period,
        value=value,
        status=Status.SUBMITTED,
        entered_by=by,
        submitted_by=by,
        **fields,
    )


def choice(figure):
    return f"{figure.pk}:{figure.version}"


def test_a_waiting_figure_shows_its_unit_expected_value_progress_and_previous_figure(
    client, approver, data_officer, measure
):
    make_figure(measure=measure, period=date(2023, 6, 1), value=Decimal("24"))
    submit(measure, date(2023, 7, 1), Decimal("85"), data_officer)
    client.force_login(approver)
    html = client.get(reverse("staff:data_due")).content.decode()
    queue = html[html.index('id="approvals"') :]
    assert "85%" in queue
    assert "Expected for this period" in queue
    assert "30%" in queue
    assert "On track" in queue
    assert "24% for June 2023" in queue


def test_a_figures_own_page_lists_its_evidence(
    client, approver, data_officer, measure, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    waiting = submit(measure, date(2023, 7, 1), Decimal("35"), data_officer)
    evidence = Evidence(title="Audit summary", date=date(2023, 8, 1), figure=waiting)
    evidence.file.save("a.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    evidence.save()
    client.force_login(approver)
    html = client.get(reverse("staff:review_figure", args=[waiting.pk])).content.decode()
    assert "Audit summary</a> (internal)" in html


def test_bulk_approval_shows_what_will_become_public_and_approves_nothing_yet(
    client, approver, data_officer, measure
):
    first = submit(measure, date(2023, 7, 1), Decimal("35"), data_officer)
    second = submit(measure, date(2023, 8, 1), Decimal("36"), data_officer)
    client.force_login(approver)
    response = client.get(reverse(CONFIRM), {"figure": [choice(first), choice(second)]})
    html = response.content.decode()
    assert "These 2 figures will become public" in html
    assert "Plans on time: July 2023" in html
    assert "Plans on time: August 2023" in html
    assert "Approve and publish 2 figures" in html
    assert Figure.objects.filter(status=Status.SUBMITTED).count() == 2


def test_confirming_approves_every_ticked_figure(client, approver, data_officer, measure):
    first = submit(measure, date(2023, 7, 1), Decimal("35"), data_officer)
    second = submit(measure, date(2023, 8, 1), Decimal("36"), data_officer)
    client.force_login(approver)
    response = client.post(
        reverse(CONFIRM), {"figure": [choice(first), choice(second)]}, follow=True
    )
    assert "2 figures approved and now public." in response.content.decode()
    assert set(Figure.objects.values_list("status", flat=True)) == {Status.APPROVED}


def test_a_figure_changed_since_it_was_ticked_stops_the_whole_approval(
    client, approver, data_officer, measure
):
    first = submit(measure, date(2023, 7, 1), Decimal("35"), data_officer)
    second = submit(measure, date(2023, 8, 1), Decimal("36"), data_officer)
    ticked = [choice(first), choice(second)]
    second.commentary = "Changed meanwhile."
    second.save()
    client.force_login(approver)
    response = client.post(reverse(CONFIRM), {"figure": ticked})
    assert response.status_code == 400
    assert "changed since you looked" in response.content.decode()
    assert not Figure.objects.filter(status=Status.APPROVED).exists()


def test_an_approver_cannot_bulk_approve_a_figure_they_entered(client, approver, measure):
    own = submit(measure, date(2023, 7, 1), Decimal("35"), approver)
    client.force_login(approver)
    response = client.post(reverse(CONFIRM), {"figure": [choice(own)]})
    assert response.status_code == 400
    assert "you entered or submitted it" in response.content.decode()
    own.refresh_from_db()
    assert own.status == Status.SUBMITTED


def test_opening_the_confirmation_with_nothing_ticked_says_so(client, approver):
    client.force_login(approver)
    response = client.get(reverse(CONFIRM))
    assert response.status_code == 200
    assert "No figures are ticked." in response.content.decode()


@pytest.mark.parametrize("role", ["data_officer", "partner"])
def test_only_an_approver_can_approve_in_bulk(client, request, role, measure, approver):
    waiting = submit(measure, date(2023, 7, 1), Decimal("35"), approver)
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse(CONFIRM), {"figure": [choice(waiting)]})
    assert response.status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED


def test_the_queue_query_count_does_not_grow_with_waiting_figures(
    client, approver, data_officer, django_assert_num_queries
):
    def add_waiting():
        for month in (7, 8):
            measure = make_measure(baseline_date=date(2023, 1, 1))
            make_figure(measure=measure, period=date(2023, 6, 1), value=20)
            submit(measure, date(2023, month, 1), Decimal("35"), data_officer)

    add_waiting()
    client.force_login(approver)
    # One of them lists the findings, for the filter and each measure's findings.
    # 15: down from 16 when each figure's previous approved one came with it; 14 when
    # the page's measures were no longer read again in full.
    with django_assert_num_queries(14):
        client.get(reverse("staff:data_due"))
    add_waiting()
    with django_assert_num_queries(14):
        client.get(reverse("staff:data_due"))
