"""Plans on the public site: drafts stay hidden; closed plans stay readable."""

from datetime import date

import pytest

from sendprogress.plan.models import Evidence, Measure, Plan
from tests.factories import make_figure, make_finding, make_measure, make_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def draft():
    plan = make_plan(title="Secret draft plan", slug="draft", status=Plan.Status.DRAFT)
    measure = make_measure(plan=plan, code="draft-measure", title="Draft plan measure")
    make_figure(measure=measure, period=date(2023, 2, 1), value="43.21")
    Evidence.objects.create(
        title="Draft plan evidence",
        date=date(2023, 2, 1),
        url="https://x.org",
        is_public=True,
        measure=measure,
    )
    return plan


def test_a_draft_plan_and_its_measures_are_nowhere_public(client, draft):
    assert client.get("/plans/draft/").status_code == 404
    assert client.get("/measures/draft-measure/").status_code == 404
    for url in ["/", "/measures/", "/journey/", "/documents/", "/sitemap.xml"]:
        html = client.get(url).content.decode()
        assert "Secret draft plan" not in html, url
        assert "Draft plan measure" not in html, url
        assert "Draft plan evidence" not in html, url
    for url in ["/measures/all-measures.csv", "/measures/all-measures.json"]:
        assert "43.21" not in client.get(url).content.decode(), url


def test_a_closed_plan_keeps_its_final_figures_and_points_to_the_current_one(client):
    finding = make_finding(title="Plans on time")
    old = make_plan(
        title="Old plan", slug="old", status=Plan.Status.SUPERSEDED, findings=[finding]
    )
    measure = make_measure(plan=old, finding=finding, code="old-measure", title="Old measure")
    make_figure(measure=measure, period=date(2023, 6, 1), value="37.5")
    make_plan(title="New plan", slug="new", status=Plan.Status.CURRENT)
    html = client.get("/plans/old/").content.decode()
    assert "been replaced by a later plan" in html
    assert "final figures" in html
    assert 'href="/plans/new/"' in html
    assert "37.5%" in html
    detail = client.get("/measures/old-measure/").content.decode()
    assert "37.5%" in detail
    assert "closed: these are its final figures" in detail


def test_the_current_plan_says_so(client):
    make_plan(title="Our plan", slug="ours", status=Plan.Status.CURRENT)
    html = client.get("/plans/ours/").content.decode()
    assert "Current plan" in html
    assert "This is the plan we are working to now." in html


def test_the_home_page_shows_only_the_current_plans_progress(client):
    current = make_plan(title="Current plan", slug="current")
    closed = make_plan(title="Closed plan", slug="closed", status=Plan.Status.CLOSED)
    make_measure(plan=current, title="Counts now")
    make_measure(plan=closed, title="Counted before")
    html = client.get("/").content.decode()
    assert "Its measures so far: no figures yet." in html
    assert Measure.objects.count() == 2


def test_before_any_figure_no_page_shows_a_bold_count_of_none_on_track(client):
    plan = make_plan(title="Our plan", slug="ours")
    finding = make_finding(slug="on-time")
    for n in range(3):
        make_measure(plan=plan, finding=finding, title=f"Measure {n}")
    pages = [
        client.get(url).content.decode() for url in ("/", "/plans/ours/", "/findings/on-time/")
    ]
    for html in pages:
        assert "0 of 3" not in html
    assert "Its measures so far: no figures yet." in pages[0]
    assert "<strong>Progress:</strong> No figures yet." in pages[1]
    assert "<strong>Progress:</strong> No figures yet." in pages[2]


def test_once_one_figure_is_approved_the_count_is_shown(client):
    plan = make_plan(title="Our plan", slug="ours")
    first = make_measure(plan=plan, title="Measure A")
    make_measure(plan=plan, title="Measure B")
    make_figure(measure=first, period=date(2023, 7, 1), value=40)
    html = client.get("/").content.decode()
    assert "Its measures so far: <strong>1 of 2 measures on track</strong>" in html
    assert "1 with no figures yet" in html


def test_downloads_name_each_figures_plan_and_findings(client):
    finding = make_finding(title="Plans on time")
    plan = make_plan(title="Accelerated Progress Plan", slug="app")
    measure = make_measure(plan=plan, finding=finding, code="m")
    make_figure(measure=measure, period=date(2023, 2, 1), value=20)
    csv = client.get("/measures/all-measures.csv").content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith(
        "measure_code,measure_title,plan,plan_title,plan_status,plan_status_label,"
        "findings,finding_titles,"
    )
    assert f"app,Accelerated Progress Plan,current,Current,{finding.slug},Plans on time," in csv[1]
    data = client.get("/measures/m/figures.json").json()["measures"][0]
    assert (data["plan"], data["plan_title"]) == ("app", "Accelerated Progress Plan")
    assert (data["plan_status"], data["plan_status_label"]) == ("current", "Current")
    assert (data["findings"], data["finding_titles"]) == ([finding.slug], ["Plans on time"])
