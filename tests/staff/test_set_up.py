"""The set-up checklist: what a new local area still has to add, and where."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendprogress.plan.models import Inspection, Measure, Partner, Publication
from tests.factories import make_finding, make_inspection, make_judgement, make_user

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
    assert "8 of 8 steps still to do" in html
    assert _steps(html) == [
        ("Local area details", "To do"),
        ("Where families can get help", "To do"),
        ("The inspection", "To do"),
        ("Its findings", "To do"),
        ("The plan", "To do"),
        ("Measures with baselines and targets", "To do"),
        ("The first approved figures", "To do"),
        ("Publication", "To do"),
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


def _finding_step(client) -> str:
    return dict(_steps(client.get(URL).content.decode()))["Its findings"]


def test_a_finding_with_no_judgement_is_not_done(client, data_officer):
    """Its public page would say "Not yet judged" under the inspection that named it."""
    inspection = make_inspection()
    finding = make_finding(inspection=inspection)
    client.force_login(data_officer)
    assert _finding_step(client) == "To do"
    make_judgement(finding=finding, inspection=inspection)
    assert _finding_step(client) == "Done"


def test_a_2023_finding_needs_its_owners(client, data_officer):
    inspection = make_inspection(framework="2023", outcome="widespread-failings")
    finding = make_finding(kind="area-for-improvement", inspection=inspection)
    make_judgement(finding=finding, inspection=inspection)
    client.force_login(data_officer)
    assert _finding_step(client) == "To do"
    finding.owners.add(Partner.objects.create(name="The council"))
    assert _finding_step(client) == "Done"


def test_after_a_revisit_each_weakness_needs_the_revisit_judgement(client, data_officer):
    inspection = make_inspection(date=date(2019, 11, 1))
    finding = make_finding(inspection=inspection)
    make_judgement(finding=finding, inspection=inspection)
    revisit = make_inspection(kind="revisit", date=date(2022, 7, 4))
    client.force_login(data_officer)
    assert _finding_step(client) == "To do"
    make_judgement(finding=finding, inspection=revisit, outcome="not-yet")
    assert _finding_step(client) == "Done"


def test_a_draft_inspection_leaves_publication_to_do_and_a_scheduled_one_says_when(
    client, data_officer
):
    inspection = make_inspection(publication=Publication.DRAFT)
    client.force_login(data_officer)
    html = client.get(URL).content.decode()
    assert dict(_steps(html))["Publication"] == "To do"
    assert f'href="/admin/plan/inspection/{inspection.pk}/change/"' in html
    on = timezone.localdate() + timedelta(days=10)
    Inspection.objects.filter(pk=inspection.pk).update(
        publication=Publication.PUBLISHED, published_on=on
    )
    html = client.get(URL).content.decode()
    assert dict(_steps(html))["Publication"] == "Done"
    assert f"Scheduled: public from {on.day} {on:%B %Y}." in html
