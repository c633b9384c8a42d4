"""What has changed since the last progress report, or since a date the visitor picks."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from sendprogress.engagement.models import YouSaidWeDid
from sendprogress.plan.models import Action, Evidence, Figure, Measure
from sendprogress.reports.models import ProgressReport
from tests.factories import make_figure, make_finding, make_measure, make_plan, make_post

pytestmark = pytest.mark.usefixtures("no_page_cache")
URL = "/what-has-changed/"


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))
    return re.sub(r" ([.,;:)])", r"\1", text.replace("( ", "("))


def _figure(measure, period, value, approved_on, status=Figure.Status.APPROVED, **fields):
    return make_figure(
        measure=measure,
        period=period,
        value=Decimal(value),
        status=status,
        approved_at=datetime(approved_on.year, approved_on.month, approved_on.day, 10, tzinfo=UTC)
        if status == Figure.Status.APPROVED
        else None,
        **fields,
    )


@pytest.fixture
def site(db):
    """A report on 31 October 2025; one measure moved after it, one did not."""
    ProgressReport.objects.create(as_at=date(2025, 10, 31), status="published")
    ProgressReport.objects.create(as_at=date(2025, 12, 31))  # a draft: never the start
    finding = make_finding(slug="plans")
    plan = make_plan()
    moved = make_measure(finding=finding, plan=plan, code="moved", title="Plans on time")
    _figure(moved, date(2025, 9, 1), "18", date(2025, 10, 15))
    _figure(moved, date(2025, 11, 1), "47.4", date(2025, 12, 10))
    _figure(moved, date(2025, 12, 1), "99", date(2025, 12, 1), status=Figure.Status.SUBMITTED)
    still = make_measure(finding=finding, plan=plan, code="still", title="Reviews on time")
    _figure(still, date(2025, 9, 1), "30", date(2025, 10, 15))
    return {"finding": finding, "plan": plan}


def test_it_starts_from_the_last_published_report(client, site):
    text = _text(client.get(URL))
    assert "Since our last progress report, on 31 October 2025." in text
    assert "Up from 18% in September 2025 to 47.4% in November 2025 (better)." in text
    assert "Reviews on time" not in text


def test_figures_not_yet_approved_never_show(client, site):
    text = _text(client.get(URL))
    assert "99%" not in text
    assert "December 2025" not in text


def test_a_picked_date_looks_back_from_that_day(client, site):
    text = _text(client.get(URL, {"day": "1", "month": "9", "year": "2025"}))
    assert "Since 1 September 2025." in text
    assert "18% in September 2025, the first figure." not in text
    assert "Reviews on time" in text
    assert "30% in September 2025, the first figure." in text


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2025", "Enter a real date, for example 31 10 2026"),
        ("x", "y", "zz", "Enter a real date, for example 31 10 2026"),
        ("1", "", "2025", "The date must include a month"),
        ("1", "1", "2999", "The date must be today or in the past"),
        ("1", "1", "1900", "The date must be after 2014"),
        ("123", "1", "2025", "Enter a real date, for example 31 10 2026"),
        ("1", "1", "99999999999999999999", "Enter a real date, for example 31 10 2026"),
    ],
)
def test_a_date_that_is_not_real_gets_a_clear_message(client, site, day, month, year, message):
    response = client.get(URL, {"day": day, "month": month, "year": year})
    assert response.status_code == 400
    text = _text(response)
    assert "There is a problem" in text
    assert message in text
    # The page still shows the changes since the last report meanwhile.
    assert "Since our last progress report" in text


def test_actions_finished_since_and_actions_late(client, site):
    finished = Action.objects.create(
        plan=site["plan"],
        title="Clear the backlog",
        owner_role="Head of SEND",
        status=Action.Status.DONE,
        finished_on=date(2025, 11, 20),
    )
    Action.objects.create(
        plan=site["plan"],
        title="Finished long ago",
        owner_role="Head of SEND",
        status=Action.Status.DONE,
        finished_on=date(2024, 1, 1),
    )
    Action.objects.create(
        plan=site["plan"],
        title="Train every case officer",
        owner_role="Workforce lead",
        lead_name="Sam Rivers",
        due_date=date(2025, 6, 30),
        status=Action.Status.IN_PROGRESS,
    )
    text = _text(client.get(URL))
    assert f"{finished.title}. Done in November 2025. Led by Head of SEND." in text
    assert "Finished long ago" not in text
    assert (
        "Train every case officer. It was due in June 2025. Led by Workforce lead (Sam Rivers). "
        "Why it is late: No reason given yet." in text
    )


def test_new_updates_entries_and_documents_since_the_report(client, site):
    make_post(title="Before the report", published_at=datetime(2025, 10, 1, tzinfo=UTC))
    make_post(title="After the report", published_at=datetime(2025, 11, 5, tzinfo=UTC))
    make_post(title="Not yet published", status="draft")
    YouSaidWeDid.objects.create(
        you_said="The letters were hard to read.",
        we_did="We rewrote them with the forum.",
        done_on=date(2025, 11, 1),
        status=YouSaidWeDid.Status.PUBLISHED,
        published_at=datetime(2025, 11, 2, tzinfo=UTC),
    )
    Evidence.objects.create(
        title="Audit results", date=date(2025, 11, 3), url="https://example.org/a", is_public=True
    )
    Evidence.objects.create(
        title="Internal notes", date=date(2025, 11, 3), url="https://example.org/b"
    )
    text = _text(client.get(URL))
    assert "After the report" in text
    assert "Before the report" not in text
    assert "Not yet published" not in text
    assert "The letters were hard to read." in text
    assert "Audit results" in text
    assert "Internal notes" not in text


@pytest.mark.django_db
def test_without_a_report_it_looks_back_three_months(client):
    text = _text(client.get(URL))
    assert "In the last three months" in text
    assert "Nothing new has been published since then." in text


def test_the_page_works_on_each_demo_and_the_home_page_links_to_it(client, any_demo):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Measures with new figures" in _text(response)
    home = client.get("/").content.decode()
    assert 'href="/what-has-changed/"' in home
    assert "What has changed" in home


def test_reports_and_you_said_we_did_are_found_from_each_demo(client, any_demo):
    for url in ("/", "/documents/", "/updates/"):
        html = client.get(url).content.decode()
        assert 'href="/reports/"' in html, url
        assert 'href="/you-said-we-did/"' in html, url
    assert YouSaidWeDid.objects.published().exists()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/reports/</loc>" in sitemap
    assert "http://testserver/what-has-changed/</loc>" in sitemap
    for report in ProgressReport.objects.published():
        assert f"http://testserver{report.get_absolute_url()}</loc>" in sitemap


def test_each_demo_has_a_measure_of_families_experience_with_figures(client, any_demo):
    measures = Measure.objects.public().filter(title__istartswith="Parent carers")
    assert measures.exists()
    for measure in measures:
        assert measure.figures.approved().count() >= 3
        page = client.get(measure.get_absolute_url()).content.decode()
        assert "Which way it is going:" in page
