"""The set-up checklist: what a new local area still has to add, and where."""

import pytest
from django.urls import reverse

from sendprogress.plan.models import Measure
from tests.factories import make_user

pytestmark = pytest.mark.django_db
URL = "/staff/set-up/"


def _steps(html: str) -> list[tuple[str, str]]:
    """(step, status) pairs as the page shows them, in order."""
    import re

    items = re.findall(
        r'govuk-task-list__link"[^>]*>([^<]+)</a>.*?govuk-task-list__status"[^>]*>(.*?)</div>',
        html,
        re.S,
    )
    return [(name, re.sub(r"<[^>]+>", "", status).strip()) for name, status in items]


def test_the_public_and_non_staff_cannot_see_it(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    client.force_login(make_user(staff=False))
    assert client.get(URL).status_code == 403


def test_an_empty_site_has_every_step_to_do_with_a_link_to_each(client, data_officer):
    client.force_login(data_officer)
    html = client.get(URL).content.decode()
    assert "7 of 7 steps still to do" in html
    assert _steps(html) == [
        ("Local area details", "To do"),
        ("Where families can get help", "To do"),
        ("The inspection", "To do"),
        ("Its findings", "To do"),
        ("The plan", "To do"),
        ("Measures with baselines and targets", "To do"),
        ("The first approved figures", "To do"),
    ]
    assert 'href="/admin/plan/localarea/add/"' in html
    assert 'href="/admin/plan/inspection/add/"' in html
    assert 'href="/admin/plan/plan/add/"' in html


@pytest.mark.usefixtures("any_demo")
def test_a_demo_site_is_fully_set_up(client, data_officer):
    client.force_login(data_officer)
    html = client.get(URL).content.decode()
    assert "Everything is set up." in html
    assert {status for _, status in _steps(html)} == {"Done"}


@pytest.mark.usefixtures("any_demo")
def test_a_missing_help_link_puts_that_step_back_to_do(client, data_officer):
    from sendprogress.plan.models import LocalArea

    LocalArea.objects.update(mediation_url="")
    client.force_login(data_officer)
    steps = dict(_steps(client.get(URL).content.decode()))
    assert steps["Local area details"] == "Done"
    assert steps["Where families can get help"] == "To do"


@pytest.mark.usefixtures("demo_2023")
def test_a_measure_without_a_target_puts_that_step_back_to_do(client, data_officer):
    Measure.objects.filter(code="part-time-timetables").update(target_value=None)
    client.force_login(data_officer)
    steps = dict(_steps(client.get(URL).content.decode()))
    assert steps["Measures with baselines and targets"] == "To do"
    assert steps["The first approved figures"] == "Done"
