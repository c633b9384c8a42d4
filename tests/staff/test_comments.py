"""Internal comments on a figure: between officer and approver, never public."""

from datetime import date

import pytest
from django.urls import reverse

from sendprogress.plan.models import Figure, FigureComment
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def figure():
    measure = make_measure(code="plans-on-time", title="Plans on time")
    return make_figure(measure=measure, period=date(2023, 6, 1), value=40)


def comment(client, figure, text):
    return client.post(reverse("staff:comment_on_figure", args=[figure.pk]), {"text": text})


def test_an_officer_and_an_approver_talk_about_a_figure(client, data_officer, approver, figure):
    client.force_login(data_officer)
    comment(client, figure, "Is June's count final?")
    client.force_login(approver)
    response = comment(client, figure, "Yes: the late returns are in.")
    assert response.status_code == 302
    html = client.get(reverse("staff:review_figure", args=[figure.pk])).content.decode()
    assert "Is June&#x27;s count final?" in html
    assert "Yes: the late returns are in." in html
    assert html.index("Is June") < html.index("Yes: the late")
    assert "dana" in html


def test_an_empty_comment_gets_a_message_on_the_field(client, data_officer, figure):
    client.force_login(data_officer)
    response = comment(client, figure, "   ")
    assert response.status_code == 400
    assert "Write your comment." in response.content.decode()
    assert not FigureComment.objects.exists()


def test_a_partner_cannot_comment(client, partner, figure):
    client.force_login(partner)
    assert comment(client, figure, "Hello").status_code == 403
    assert not FigureComment.objects.exists()
    page = client.get(reverse("staff:review_figure", args=[figure.pk])).content.decode()
    assert "Add the comment" not in page


def test_a_comment_never_reaches_the_public(client, data_officer, figure):
    client.force_login(data_officer)
    comment(client, figure, "Internal: the June count is shaky.")
    client.logout()
    for address in (
        "/measures/plans-on-time/",
        "/measures/plans-on-time/figures.csv",
        "/measures/plans-on-time/figures.json",
        "/measures/all-measures.json",
    ):
        assert "the June count is shaky" not in client.get(address).content.decode(), address
    assert Figure.objects.get().status == Figure.Status.APPROVED
