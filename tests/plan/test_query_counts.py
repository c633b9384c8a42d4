"""Each public page makes the same number of queries however much data there is.

The first test measures each page with one measure and a few figures, then
grows the data to 50 measures with 36 monthly approved figures each and
asserts the page makes exactly as many queries as before. The second
compares every kind of page at the demo scale and with the large data set
(`generate_large_data`, scaled down) added. Both count what the views do,
so the public page cache is off; a cached page makes one query or none
(tests/caching/).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sendprogress.plan.models import (
    Action,
    ActionUpdate,
    Evidence,
    Figure,
    JourneyStep,
    MeasureMilestone,
    Plan,
)
from tests.factories import (
    make_finding,
    make_inspection,
    make_judgement,
    make_local_area,
    make_measure,
    make_post,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

MONTHS = [date(2021 + m // 12, m % 12 + 1, 1) for m in range(36)]


def _add_measure(finding, n, figures):
    measure = make_measure(finding=finding, code=f"measure-{n}", title=f"Measure {n}", order=n)
    MeasureMilestone.objects.bulk_create(
        MeasureMilestone(measure=measure, date=date(2022, month, 1), target=Decimal(20 + month))
        for month in (4, 8, 12)
    )
    Figure.objects.bulk_create(
        Figure(
            measure=measure,
            period=period,
            value=Decimal(10 + i),
            commentary=f"Commentary {i}",
            status=Figure.Status.APPROVED,
            approved_at=timezone.now(),
        )
        for i, period in enumerate(MONTHS[:figures])
    )
    Evidence.objects.create(
        title=f"Evidence {n}",
        date=date(2022, 1, 1),
        url="https://example.org/",
        is_public=True,
        finding=finding,
        measure=measure,
    )
    action = Action.objects.create(plan=measure.plan, title=f"Action {n}", owner_role="Lead")
    action.findings.add(finding)
    ActionUpdate.objects.create(action=action, date=date(2022, 1, 1), note="Going well.")
    JourneyStep.objects.create(date=date(2022, 1, n % 28 + 1), title=f"Step {n}", kind="plan")
    make_post(findings=[finding], title=f"Post {n}", slug=f"post-{n}")
    return measure


@pytest.fixture
def small_site(db):
    make_local_area()
    finding = make_finding(slug="the-area")
    inspection = make_inspection(
        letter=Evidence.objects.create(
            title="Letter", date=date(2020, 1, 1), url="https://example.org/", is_public=True
        )
    )
    make_judgement(finding=finding, inspection=inspection)
    _add_measure(finding, 0, figures=3)
    return finding


def _grow(finding):
    for n in range(1, 50):
        _add_measure(finding, n, figures=36)
    # The first measure gets its full three years too.
    first = finding.measures.get(code="measure-0")
    Figure.objects.bulk_create(
        Figure(
            measure=first,
            period=period,
            value=Decimal(5),
            status=Figure.Status.APPROVED,
            approved_at=timezone.now(),
        )
        for period in MONTHS[3:]
    )
    assert Figure.objects.approved().count() == 50 * 36


@pytest.mark.parametrize(
    "url",
    [
        reverse("plan:home"),
        reverse("plan:finding_detail", args=["the-area"]),
        reverse("plan:measure_detail", args=["measure-0"]),
        reverse("plan:measure_list"),
        reverse("plan:measure_list") + "?finding=the-area&progress=on-track",
        reverse("plan:journey"),
        reverse("plan:documents"),
        reverse("changes:what_has_changed"),
        reverse("changes:what_has_changed") + "?day=1&month=1&year=2021",
        reverse("plan:measure_csv", args=["measure-0"]),
        reverse("plan:measure_json", args=["measure-0"]),
        reverse("plan:all_csv"),
        reverse("plan:all_json"),
        reverse("plan:comparators_csv", args=["measure-0"]),
        reverse("embeds:measure", args=["measure-0"]),
        reverse("api:measures"),
        reverse("api:measure_detail", args=["measure-0"]),
        reverse("api:measure_figures", args=["measure-0"]),
        reverse("api:findings"),
        reverse("api:plans"),
        reverse("api:inspections"),
        reverse("api:updates"),
        reverse("updates:post_list"),
        reverse("updates:post_list") + "?finding=the-area&page=2",
        reverse("updates:post_detail", args=["post-0"]),
        reverse("updates:feed_rss"),
        reverse("updates:feed_atom"),
        reverse("updates:finding_feed_rss", args=["the-area"]),
        reverse("updates:finding_feed_atom", args=["the-area"]),
        reverse("sitemap"),
        reverse("email_updates:subscribe"),
        reverse("glossary"),
        reverse("accessibility"),
        reverse("privacy"),
        reverse("cookies"),
    ],
)
def test_page_queries_do_not_grow_with_the_data(
    client, small_site, url, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(small_site)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


# Demo scale against the large data set -----------------------------------------


def _pages(finding: str, measure: str, post: str, plan: str) -> dict[str, str]:
    """One address of every kind of public page, for the given finding, measure, post, plan."""
    from sendprogress.reports.models import ProgressReport

    report = ProgressReport.objects.published().order_by("as_at").first()
    pages = {
        "home": reverse("plan:home"),
        "finding": reverse("plan:finding_detail", args=[finding]),
        "plan": reverse("plan:plan_detail", args=[plan]),
        "measure": reverse("plan:measure_detail", args=[measure]),
        "all measures": reverse("plan:measure_list"),
        "all measures, filtered": reverse("plan:measure_list") + f"?finding={finding}",
        "measure csv": reverse("plan:measure_csv", args=[measure]),
        "measure json": reverse("plan:measure_json", args=[measure]),
        "all csv": reverse("plan:all_csv"),
        "all json": reverse("plan:all_json"),
        "embed": reverse("embeds:measure", args=[measure]),
        "reports": reverse("reports:list"),
        "api measures": reverse("api:measures"),
        "api measure": reverse("api:measure_detail", args=[measure]),
        "api figures": reverse("api:measure_figures", args=[measure]),
        "api findings": reverse("api:findings"),
        "api plans": reverse("api:plans"),
        "api updates": reverse("api:updates"),
        "journey": reverse("plan:journey"),
        "documents": reverse("plan:documents"),
        "what has changed": reverse("changes:what_has_changed"),
        "what has changed, from a date": reverse("changes:what_has_changed")
        + "?day=1&month=1&year=2021",
        "updates": reverse("updates:post_list"),
        "updates, filtered": reverse("updates:post_list") + f"?finding={finding}",
        "post": reverse("updates:post_detail", args=[post]),
        "feed": reverse("updates:feed_atom"),
        "area feed": reverse("updates:finding_feed_rss", args=[finding]),
        "sitemap": reverse("sitemap"),
        "glossary": reverse("glossary"),
    }
    if report is not None:
        # A published report's page reads one frozen row (the Central Bedfordshire demo has one).
        pages["report"] = reverse("reports:detail", args=[report.as_at.isoformat()])
    return pages


def _count_queries(client, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_pages_make_the_same_queries_at_demo_and_large_scale(client, any_demo):
    demo_pages = _pages(any_demo["finding"], any_demo["measure"], _a_demo_post(), any_demo["plan"])
    at_demo_scale = _count_queries(client, demo_pages)

    call_command("generate_large_data", "--small", verbosity=0)
    large_plan = Plan.objects.get(slug__startswith="large-plan").slug
    large_pages = _pages("large-finding-1", "large-measure-1", "large-update-1", large_plan)

    assert _count_queries(client, large_pages) == at_demo_scale
    assert _count_queries(client, demo_pages) == at_demo_scale


def _a_demo_post() -> str:
    from sendprogress.updates.models import Post

    return Post.objects.published().order_by("published_at").first().slug


# Staff pages are never cached: their queries must not grow either -------------


def _staff_pages() -> dict[str, str]:
    return {
        "staff home": reverse("staff:home"),
        "data due": reverse("staff:data_due"),
        "data due, filtered": reverse("staff:data_due") + "?state=overdue",
        "approvals confirmation": reverse("staff:confirm_approvals"),
        "updates": reverse("staff:posts"),
    }


def test_staff_pages_make_the_same_queries_at_demo_and_large_scale(client, demo):
    from sendprogress.accounts import roles
    from tests.factories import make_user

    client.force_login(make_user(roles.APPROVER))
    at_demo_scale = _count_queries(client, _staff_pages())

    call_command("generate_large_data", "--small", verbosity=0)

    assert _count_queries(client, _staff_pages()) == at_demo_scale
