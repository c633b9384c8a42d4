"""The staff home: where signing in lands, and what each role can act on."""

from datetime import date

import pytest
from django.urls import reverse

from sendprogress.plan.measures import periods
from sendprogress.plan.models import Figure
from sendprogress.updates.models import Delivery, Subscriber
from tests.factories import make_figure, make_measure, make_post

pytestmark = pytest.mark.django_db
Status = Figure.Status
DUE = periods.due_period("monthly", date.today())
PASSWORD = "a-long-test-password"


def test_signing_in_from_the_admin_lands_on_the_staff_home(client, data_officer):
    response = client.post(
        reverse("admin:login"), {"username": "dana", "password": PASSWORD}, secure=True
    )
    assert response["Location"] == reverse("staff:home")


def test_signing_in_with_the_admin_index_as_next_also_lands_on_the_staff_home(
    client, data_officer
):
    response = client.post(
        reverse("admin:login") + "?next=" + reverse("admin:index"),
        {"username": "dana", "password": PASSWORD},
        secure=True,
    )
    assert response["Location"] == reverse("staff:home")


def test_signing_in_to_go_to_an_admin_page_still_goes_there(client, data_officer):
    wanted = reverse("admin:plan_measure_changelist")
    response = client.post(
        reverse("admin:login") + "?next=" + wanted,
        {"username": "dana", "password": PASSWORD},
        secure=True,
    )
    assert response["Location"] == wanted


def test_every_admin_page_links_back_to_the_staff_home(client, data_officer):
    client.force_login(data_officer)
    html = client.get(reverse("admin:index")).content.decode()
    assert f'<a href="{reverse("staff:home")}">Staff home</a>' in html


def test_an_officer_sees_what_is_due_and_overdue(client, data_officer):
    make_measure(title="Old gaps", baseline_date=date(2024, 1, 1))
    client.force_login(data_officer)
    html = client.get(reverse("staff:home")).content.decode()
    assert "Figures due" in html
    assert f'href="{reverse("staff:data_due")}?state=overdue"' in html
    assert "Waiting for your approval" not in html


def test_an_officer_sees_the_figures_returned_to_them(client, data_officer):
    measure = make_measure(title="Plans on time")
    make_figure(
        measure=measure,
        period=DUE,
        value=40,
        status=Status.RETURNED,
        entered_by=data_officer,
        return_reason="The month is wrong.",
    )
    client.force_login(data_officer)
    html = client.get(reverse("staff:home")).content.decode()
    assert f"Plans on time: {DUE:%B %Y}" in html
    assert "The month is wrong." in html


def test_an_approver_sees_how_many_figures_wait_for_them(client, approver, data_officer):
    measure = make_measure()
    make_figure(
        measure=measure, period=DUE, value=40, status=Status.SUBMITTED, entered_by=data_officer
    )
    client.force_login(approver)
    html = client.get(reverse("staff:home")).content.decode()
    assert "1 figure is waiting for you to approve or return" in html


def test_a_partner_sees_recent_changes_but_nothing_to_act_on(client, partner, data_officer):
    measure = make_measure(title="Plans on time")
    make_figure(measure=measure, period=DUE, value=40, status=Status.DRAFT)
    client.force_login(partner)
    html = client.get(reverse("staff:home")).content.decode()
    assert "Recent changes" in html
    assert f"Plans on time: {DUE:%B %Y}" in html
    assert "Figures due" not in html
    assert "Waiting for your approval" not in html


def test_the_public_cannot_see_the_staff_home(client):
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_staff_home_query_count_does_not_grow_with_data(
    client, data_officer, approver, django_assert_num_queries
):
    def add_data():
        for _ in range(3):
            measure = make_measure(baseline_date=date(2024, 1, 1))
            make_figure(measure=measure, period=DUE, value=40, status=Status.SUBMITTED)

    add_data()
    client.force_login(approver)
    # 10 (down from 12 when the counts stopped reading figures to list each
    # period), and one more to count update emails that failed.
    with django_assert_num_queries(11):
        client.get(reverse("staff:home"))
    add_data()
    with django_assert_num_queries(11):
        client.get(reverse("staff:home"))


def test_each_person_can_turn_figure_emails_off_and_on(client, data_officer):
    client.force_login(data_officer)
    response = client.post(reverse("staff:notifications"), {}, follow=True)
    assert "You will not get emails about figures." in response.content.decode()
    data_officer.refresh_from_db()
    assert not data_officer.wants_figure_emails
    client.post(reverse("staff:notifications"), {"wants_figure_emails": "on"})
    data_officer.refresh_from_db()
    assert data_officer.wants_figure_emails


def test_failed_update_emails_are_shown_to_whoever_writes_updates(client, approver, partner):
    post = make_post(title="Autumn news")
    for number, status in enumerate([Delivery.Status.SENT, Delivery.Status.FAILED]):
        subscriber = Subscriber.objects.create(email=f"parent{number}@example.org")
        Delivery.objects.create(post=post, subscriber=subscriber, status=status, error="refused")
    client.force_login(approver)
    home = client.get(reverse("staff:home")).content.decode()
    assert "1 update email could not be sent." in home
    updates = client.get(reverse("staff:posts")).content.decode()
    assert "1 sent" in updates
    assert "1 failed" in updates
    client.force_login(partner)
    assert "could not be sent" not in client.get(reverse("staff:home")).content.decode()
