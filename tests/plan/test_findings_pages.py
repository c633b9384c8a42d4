"""Finding pages, the journey's new steps, and a site with nothing in it yet."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sendprogress.plan.models import Action, Partner, Plan
from tests.factories import (
    make_finding,
    make_inspection,
    make_judgement,
    make_monitoring_event,
    make_plan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def test_an_empty_site_has_a_sensible_home_page(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "We have not added the inspection to this site yet." in html
    assert "We have not published a plan on this site yet." in html
    for url in ["/journey/", "/documents/", "/measures/", "/sitemap.xml"]:
        assert client.get(url).status_code == 200, url


def test_a_finding_page_says_its_kind_owners_and_the_plans_that_answer_it(client):
    inspection = make_inspection(framework="2023", outcome="widespread-failings")
    finding = make_finding(
        kind="priority-action", inspection=inspection, slug="waits", title="Waiting times"
    )
    finding.owners.set(
        [
            Partner.objects.create(name="The council"),
            Partner.objects.create(name="the health board"),
        ]
    )
    make_judgement(finding=finding, inspection=inspection)
    make_plan(kind="priority-action-plan", title="Priority action plan", findings=[finding])
    make_plan(title="Hidden draft", status=Plan.Status.DRAFT, findings=[finding])
    html = client.get("/findings/waits/").content.decode()
    assert "Priority action, named by inspectors in November 2019" in html
    assert "The council and the health board" in html
    assert "Named by inspectors" in html
    assert "Priority action plan" in html
    assert "Hidden draft" not in html


def test_a_monitoring_summary_shows_only_once_it_is_published(client):
    finding = make_finding(slug="f")
    today = timezone.localdate()
    make_monitoring_event(
        findings=[finding],
        title="Spring stocktake",
        date=today - timedelta(days=40),
        public_summary="Published words.",
        summary_published_on=today - timedelta(days=1),
    )
    make_monitoring_event(
        findings=[finding],
        title="Summer stocktake",
        date=today - timedelta(days=10),
        public_summary="Words not yet cleared for release.",
        summary_published_on=today + timedelta(days=5),
    )
    for url in ["/findings/f/", "/journey/"]:
        html = client.get(url).content.decode()
        assert "Spring stocktake" in html
        assert "Published words." in html
        assert "Summer stocktake" in html
        assert "Words not yet cleared for release." not in html, url


def test_the_journey_shows_inspections_plans_and_checks_in_date_order(client):
    make_inspection(framework="2023", title="Area SEND inspection", date=date(2024, 3, 4))
    make_plan(
        title="Priority action plan",
        kind="priority-action-plan",
        approved_on=date(2024, 9, 1),
        approved_by="the DfE",
    )
    make_plan(title="Unapproved draft", status=Plan.Status.DRAFT, approved_on=date(2024, 8, 1))
    make_monitoring_event(title="First stocktake", date=date(2025, 1, 10))
    html = client.get("/journey/").content.decode()
    order = ["Area SEND inspection", "Priority action plan approved by the DfE", "First stocktake"]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Unapproved draft" not in html


def test_the_home_page_uses_each_frameworks_own_words(client):
    inspection = make_inspection(framework="2023", outcome="inconsistent")
    for n in range(2):
        make_finding(kind="area-for-improvement", inspection=inspection, slug=f"a{n}")
    html = client.get("/").content.decode()
    assert "They named two areas for improvement." in html
    assert "lead to inconsistent experiences and outcomes" in html
    assert "Inspectors usually come back for a full inspection in about three years." in html


def test_a_findings_status_escapes_the_inspections_title_on_home_and_its_own_page(client):
    finding = make_finding(title="Waiting times")
    revisit = make_inspection(
        title="<script>alert(1)</script>", kind="revisit", date=date(2022, 7, 1)
    )
    make_judgement(finding=finding, inspection=revisit, outcome="not-yet")
    for url in ["/", finding.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert (
            "Still being worked on (&lt;script&gt;alert(1)&lt;/script&gt;, July 2022)" in html
        ), url


def test_a_finding_page_links_from_its_top_to_what_we_are_doing(client):
    finding = make_finding(slug="waits", title="Waiting times")
    plan = make_plan(title="Priority action plan", findings=[finding])
    for title in ["Hire two case officers", "Write to every family waiting"]:
        Action.objects.create(plan=plan, title=title, owner_role="Head of SEND").findings.add(
            finding
        )
    html = client.get("/findings/waits/").content.decode()
    assert (
        '<strong>What we are doing:</strong> 2 actions. <a class="govuk-link" href="#actions">'
        "See what we are doing</a>" in html
    )
    assert '<h2 class="govuk-heading-l" id="actions">What we are doing</h2>' in html


def test_a_finding_page_without_actions_has_no_link_to_them(client):
    make_finding(slug="waits", title="Waiting times")
    html = client.get("/findings/waits/").content.decode()
    assert "See what we are doing" not in html
    assert 'id="actions"' not in html
