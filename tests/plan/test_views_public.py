from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sendprogress.plan.models import Evidence, Figure, Finding, Measure
from sendprogress.plan.views.findings import FINDING_EVIDENCE as AREA_EVIDENCE
from sendprogress.updates.models import Post
from tests.factories import make_figure, make_finding, make_local_area, make_measure, make_post

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


def test_home_shows_derived_progress_for_plan_areas(client, demo):
    html = client.get("/").content.decode()
    for area_measures in (Measure.objects.for_display().filter(findings__slug="ehcp-needs"),):
        on_track = sum(1 for k in area_measures if k.progress.value == "on-track")
        assert f"{on_track} of {len(area_measures)} measures on track" in html


def test_home_says_demo_figures_are_illustrative(client, demo):
    assert "Demo data: these figures are illustrative" in client.get("/").content.decode()


def test_unapproved_figures_never_appear(client, demo):
    hidden = Figure.objects.exclude(status=Figure.Status.APPROVED)
    assert hidden.count() == 3
    for figure in hidden:
        page = client.get(figure.measure.get_absolute_url()).content.decode()
        assert figure.period.strftime("%B %Y") not in page
        assert str(figure.value) not in page


def test_draft_post_never_appears(client, demo):
    for url in [
        "/",
        reverse("updates:post_list"),
        reverse("plan:finding_detail", args=["ehcp-needs"]),
    ]:
        assert "Autumn update (draft)" not in client.get(url).content.decode()
    assert (
        client.get(reverse("updates:post_detail", args=["autumn-update-draft"])).status_code == 404
    )


def test_hidden_measure_is_not_found(client, demo):
    measure = Measure.objects.get(code="ehcp-20-weeks")
    measure.is_public = False
    measure.save()
    assert client.get(measure.get_absolute_url()).status_code == 404


def test_pages_send_a_strict_content_security_policy(client, demo):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_home_links_to_every_area_and_the_new_pages(client, demo):
    html = client.get("/").content.decode()
    for slug in ["ehcp-needs", "ehcp-quality", "outcomes", "local-offer"]:
        assert reverse("plan:finding_detail", args=[slug]) in html
    for name in ["plan:measure_list", "plan:journey", "plan:documents", "glossary"]:
        assert f'href="{reverse(name)}"' in html


def test_every_page_has_footer_links_to_accessibility_privacy_and_cookies(client, demo):
    html = client.get(reverse("plan:journey")).content.decode()
    for name in ["accessibility", "privacy", "cookies"]:
        assert f'href="{reverse(name)}"' in html


def test_area_page_shows_findings_actions_and_measures_with_progress_in_words(client, demo):
    html = client.get(reverse("plan:finding_detail", args=["ehcp-needs"])).content.decode()
    assert "What inspectors found" in html
    assert "Revisit, July 2022" in html or "July 2022" in html
    assert "What we are doing" in html
    assert "Latest progress" in html
    for measure in Measure.objects.for_display().filter(findings__slug="ehcp-needs"):
        assert measure.get_absolute_url() in html
        assert measure.progress.label in html
    assert 'class="app-sparkline"' in html


def test_area_page_lists_only_public_evidence(client, demo):
    html = client.get(reverse("plan:finding_detail", args=["ehcp-needs"])).content.decode()
    assert "internal-backlog-tracker" not in html
    html = client.get(reverse("plan:finding_detail", args=["ehcp-quality"])).content.decode()
    assert "Quality assurance framework summary" in html


def test_area_page_sparkline_uses_only_approved_figures(client, db):
    measure = make_measure(title="Plans on time")
    make_figure(measure=measure, period=date(2023, 1, 1), value=10)
    make_figure(measure=measure, period=date(2023, 2, 1), value=20)
    make_figure(measure=measure, period=date(2023, 3, 1), value=99, status=Figure.Status.SUBMITTED)
    html = client.get(measure.findings.get().get_absolute_url()).content.decode()
    assert "Trend of 2 approved figures, latest 20%" in html
    assert "99" not in html


def test_measure_page_has_a_chart_with_an_accessible_name_and_a_table_of_every_figure(
    client, demo
):
    measure = Measure.objects.get(code="ehcp-20-weeks")
    html = client.get(measure.get_absolute_url()).content.decode()
    assert 'role="img" aria-labelledby="chart-caption chart-desc"' in html
    assert "Every figure is in the table below the chart" in html
    approved = measure.figures.approved()
    assert html.count('<th scope="row" class="govuk-table__header">') == approved.count()
    assert "How it is measured" in html
    assert measure.source in html
    assert reverse("plan:measure_csv", args=[measure.code]) in html
    assert reverse("plan:measure_json", args=[measure.code]) in html


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
    for area in Finding.objects.filter(measures__is_public=True).distinct():
        assert area.get_absolute_url() in home
        area_page = client.get(area.get_absolute_url()).content.decode()
        measure = area.measures.filter(is_public=True).first()
        assert measure.get_absolute_url() in area_page
        measure_page = client.get(measure.get_absolute_url()).content.decode()
        assert "Every approved figure" in measure_page


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
    make_post(title="Out now", areas=[measure.findings.get()])
    make_post(title="Still a draft", status=Post.Status.DRAFT, areas=[measure.findings.get()])
    make_post(
        title="Coming tomorrow",
        published_at=timezone.now() + timedelta(days=1),
        areas=[measure.findings.get()],
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
    area = make_finding(title="Needs met", short_title="Needs met", slug="needs-met")
    measure = make_measure(finding=area, code="plans-on-time", title="Plans on time")
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
    area = make_finding(slug="lots")
    for day in range(1, AREA_EVIDENCE + 3):
        Evidence.objects.create(
            title=f"Report of day {day:02}",
            date=date(2025, 1, day),
            url="https://example.org/",
            is_public=True,
            finding=area,
        )
    html = client.get("/findings/lots/").content.decode()
    assert f"Report of day {AREA_EVIDENCE + 2:02}" in html
    assert "Report of day 01" not in html
    assert "See all documents and evidence" in html
