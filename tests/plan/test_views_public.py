from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sendprogress.plan.models import (
    Action,
    ActionUpdate,
    Evidence,
    Figure,
    Finding,
)
from sendprogress.plan.story import frameworks
from sendprogress.plan.views.findings import FINDING_EVIDENCE as AREA_EVIDENCE
from sendprogress.updates.models import Post
from tests.factories import (
    make_figure,
    make_finding,
    make_inspection,
    make_judgement,
    make_local_area,
    make_measure,
    make_plan,
    make_post,
)

pytestmark = pytest.mark.django_db


def test_home_lists_the_six_areas_with_their_status_in_words(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in [
        "Making sure children&#x27;s and young people&#x27;s needs are identified",
        "The quality of new education, health and care plans",
        "Good outcomes for children and young people with SEND",
        "The local area&#x27;s SEND strategy",
        "Working with families (co-production)",
        "The Local Offer",
    ]:
        assert title in html
    assert html.count("No longer monitored") == 3
    assert html.count("Still being worked on") == 3
    assert html.count("Sufficient progress") == 3
    assert html.count("Some progress, not yet sufficient") == 3


def test_home_shows_derived_progress_for_plan_areas(client, db):
    finding = _monitored_area("Plans on time")
    # Baseline 10 (January 2023), milestone 30 (June 2023): 40 is ahead, 10 behind.
    on_track = make_measure(finding=finding, milestones=[(date(2023, 6, 1), 30)])
    off_track = make_measure(finding=finding, milestones=[(date(2023, 6, 1), 30)])
    make_figure(measure=on_track, period=date(2023, 6, 1), value=40)
    make_figure(measure=off_track, period=date(2023, 6, 1), value=10)
    html = client.get("/").content.decode()
    assert "1 of 2 measures on track, 1 off track" in html


def test_home_says_demo_figures_are_illustrative(client, demo):
    assert "Demo data: these figures are made up" in client.get("/").content.decode()


def test_unapproved_figures_never_appear(client, db):
    measure = make_measure(code="plans-on-time")
    make_figure(measure=measure, period=date(2023, 1, 1), value=12)
    for month, status in [(2, "draft"), (3, "submitted"), (4, "returned")]:
        make_figure(measure=measure, period=date(2023, month, 1), value=80 + month, status=status)
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "January 2023" in page
    assert page.count('<th scope="row" class="govuk-table__header">') == 1
    for hidden in ["February 2023", "March 2023", "April 2023"]:
        assert hidden not in page


def test_draft_post_never_appears(client, db):
    finding = make_finding(slug="needs-met")
    make_post(
        title="Autumn update (draft)", slug="autumn", status=Post.Status.DRAFT, findings=[finding]
    )
    for url in ["/", reverse("updates:post_list"), finding.get_absolute_url()]:
        assert "Autumn update (draft)" not in client.get(url).content.decode()
    assert client.get(reverse("updates:post_detail", args=["autumn"])).status_code == 404


def test_hidden_measure_is_not_found(client, db):
    measure = make_measure(is_public=False)
    assert client.get(measure.get_absolute_url()).status_code == 404


def test_pages_send_a_strict_content_security_policy(client, db):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_home_links_to_every_area_and_the_new_pages(client, db):
    monitored = _monitored_area("Needs met", slug="needs-met")
    done = make_finding(slug="local-offer")
    make_judgement(finding=done, inspection=make_inspection(), outcome=frameworks.SUFFICIENT)
    html = client.get("/").content.decode()
    for finding in [monitored, done]:
        assert f'href="{finding.get_absolute_url()}"' in html
    for name in ["plan:measure_list", "plan:journey", "plan:documents", "glossary"]:
        assert f'href="{reverse(name)}"' in html


def test_every_page_has_footer_links_to_accessibility_privacy_and_cookies(client, db):
    html = client.get(reverse("plan:journey")).content.decode()
    for name in ["accessibility", "privacy", "cookies"]:
        assert f'href="{reverse(name)}"' in html


def test_area_page_shows_findings_actions_and_measures_with_progress_in_words(client, db):
    finding = _monitored_area("Needs met", slug="needs-met", found="Plans came too late.")
    action = Action.objects.create(
        plan=make_plan(findings=[finding]), title="Hire two more caseworkers"
    )
    action.findings.add(finding)
    ActionUpdate.objects.create(action=action, date=date(2023, 3, 1), note="One has started.")
    ahead = make_measure(
        finding=finding, title="Plans on time", milestones=[(date(2023, 6, 1), 30)]
    )
    no_figures = make_measure(finding=finding, title="Families happy")
    make_figure(measure=ahead, period=date(2023, 6, 1), value=40)
    html = client.get(finding.get_absolute_url()).content.decode()
    assert "What inspectors found" in html
    assert "Revisit, July 2022" in html
    assert "Plans came too late." in html
    assert "What we are doing" in html
    assert "Hire two more caseworkers" in html
    assert "Latest progress" in html
    assert "One has started." in html
    for measure in [ahead, no_figures]:
        assert measure.get_absolute_url() in html
    assert "On track" in html
    assert "No data yet" in html
    assert 'class="app-sparkline"' in html


def test_area_page_lists_only_public_evidence(client, db):
    finding = make_finding(slug="needs-met")
    for title, public in [("Quality framework summary", True), ("Backlog tracker", False)]:
        Evidence.objects.create(
            title=title,
            date=date(2025, 1, 1),
            url="https://example.org/",
            is_public=public,
            finding=finding,
        )
    html = client.get(finding.get_absolute_url()).content.decode()
    assert "Quality framework summary" in html
    assert "Backlog tracker" not in html


def test_area_page_sparkline_uses_only_approved_figures(client, db):
    measure = make_measure(title="Plans on time")
    make_figure(measure=measure, period=date(2023, 1, 1), value=10)
    make_figure(measure=measure, period=date(2023, 2, 1), value=20)
    make_figure(measure=measure, period=date(2023, 3, 1), value=99, status=Figure.Status.SUBMITTED)
    html = client.get(measure.findings.get().get_absolute_url()).content.decode()
    said = "Trend of 2 published figures. Up from 10% in January 2023 to 20% in February 2023"
    assert said in html
    assert "99" not in html


def test_measure_page_has_a_chart_with_an_accessible_name_and_a_table_of_every_figure(client, db):
    measure = make_measure(code="plans-on-time", source="The case management system.")
    for month in (1, 2, 3):
        make_figure(measure=measure, period=date(2023, month, 1), value=10 + month)
    make_figure(measure=measure, period=date(2023, 4, 1), value=50, status="submitted")
    html = client.get(measure.get_absolute_url()).content.decode()
    assert 'role="img" aria-labelledby="chart-caption chart-desc"' in html
    assert "Every figure is in the table below the chart" in html
    assert html.count('<th scope="row" class="govuk-table__header">') == 3
    assert "How it is measured" in html
    assert "The case management system." in html
    assert "/measures/plans-on-time/figures.csv" in html
    assert "/measures/plans-on-time/figures.json" in html


def test_measure_page_shows_the_commentary_for_each_period(client, db):
    measure = make_measure()
    make_figure(
        measure=measure, period=date(2023, 4, 1), value=30, commentary="More staff joined."
    )
    make_figure(
        measure=measure,
        period=date(2023, 5, 1),
        value=31,
        commentary="Not yet checked.",
        status=Figure.Status.DRAFT,
    )
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "More staff joined." in html
    assert "Not yet checked." not in html
    assert "May 2023" not in html


def test_measure_page_with_no_figures_says_so(client, db):
    measure = make_measure()
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "No figures have been published yet." in html
    assert "No data yet" in html


def test_measure_page_shows_the_comparator(client, db):
    measure = make_measure(comparator_value=Decimal("50.3"), comparator_label="England average")
    make_figure(measure=measure, period=date(2023, 4, 1), value=30)
    html = client.get(measure.get_absolute_url()).content.decode()
    assert "England average" in html
    assert 'class="app-chart__comparator"' in html


def test_new_visitor_reaches_the_figures_behind_an_area_in_three_clicks(client, demo):
    """Home -> area -> measure: the figures table is on the third page."""
    home = client.get("/").content.decode()
    for finding in Finding.objects.filter(measures__is_public=True).distinct():
        assert finding.get_absolute_url() in home
        area_page = client.get(finding.get_absolute_url()).content.decode()
        measure = finding.measures.filter(is_public=True).first()
        assert measure.get_absolute_url() in area_page
        measure_page = client.get(measure.get_absolute_url()).content.decode()
        assert "Every approved figure" in measure_page


def _monitored_area(title, *, found="Findings.", **fields):
    """An area the 2022 revisit found not yet good enough, so it is still monitored."""
    finding = make_finding(title=title, short_title=title, **fields)
    revisit = make_inspection(title="Revisit", kind="revisit", date=date(2022, 7, 1))
    make_judgement(
        finding=finding,
        inspection=revisit,
        outcome=frameworks.NOT_YET,
        what_inspectors_found=found,
    )
    return finding


def _main(html):
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize(
    ("url", "spelt_out"),
    [
        ("/measures/ehcp-20-weeks/", "New education, health and care (EHC) plans"),
        ("/findings/outcomes/", "special educational needs and disabilities (SEND)"),
        ("/measures/", "education, health and care (EHC) plans"),
        ("/journey/", "Department for Education (DfE)"),
    ],
)
def test_short_forms_are_spelt_out_once_on_first_use(client, demo, url, spelt_out):
    main = _main(client.get(url).content.decode())
    assert main.count(spelt_out) == 1
    assert 'href="/glossary/"' in main


def test_only_published_updates_show_on_area_and_measure_pages(client, db):
    measure = make_measure()
    make_post(title="Out now", findings=[measure.findings.get()])
    make_post(title="Still a draft", status=Post.Status.DRAFT, findings=[measure.findings.get()])
    make_post(
        title="Coming tomorrow",
        published_at=timezone.now() + timedelta(days=1),
        findings=[measure.findings.get()],
    )
    for post in Post.objects.all():
        post.measures.set([measure])
    for url in [measure.findings.get().get_absolute_url(), measure.get_absolute_url(), "/"]:
        html = client.get(url).content.decode()
        assert "Out now" in html
        assert "Still a draft" not in html
        assert "Coming tomorrow" not in html


@pytest.mark.parametrize(
    "status", [Figure.Status.DRAFT, Figure.Status.SUBMITTED, Figure.Status.RETURNED]
)
def test_unapproved_latest_figure_shows_nowhere(client, db, status):
    # Names and codes of its own, so no factory number can put "97" on a page.
    # (The plan too: a factory's "Plan 3976" failed it, depending on what ran before.)
    finding = make_finding(title="Needs met", short_title="Needs met", slug="needs-met")
    plan = make_plan(findings=[finding], title="The plan", short_title="The plan", slug="the-plan")
    measure = make_measure(finding=finding, plan=plan, code="plans-on-time", title="Plans on time")
    make_figure(measure=measure, period=date(2023, 1, 1), value=12)
    make_figure(measure=measure, period=date(2023, 2, 1), value=97, status=status)
    for url in [
        "/",
        measure.findings.get().get_absolute_url(),
        measure.get_absolute_url(),
        reverse("plan:measure_list"),
    ]:
        html = client.get(url).content.decode()
        assert "97" not in html, url
        assert "February 2023" not in html
        assert "Feb 2023" not in html
    assert "12%" in client.get(reverse("plan:measure_list")).content.decode()


def test_area_page_shows_the_newest_evidence_and_links_to_the_rest(client, db):
    make_local_area()
    finding = make_finding(slug="lots")
    for day in range(1, AREA_EVIDENCE + 3):
        Evidence.objects.create(
            title=f"Report of day {day:02}",
            date=date(2025, 1, day),
            url="https://example.org/",
            is_public=True,
            finding=finding,
        )
    html = client.get("/findings/lots/").content.decode()
    assert f"Report of day {AREA_EVIDENCE + 2:02}" in html
    assert "Report of day 01" not in html
    assert "See all documents and evidence" in html
