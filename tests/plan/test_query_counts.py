"""Each public page makes the same number of queries however much data there is.

Every test measures the page with one measure and a few figures, then grows
the data to 50 measures with 36 monthly approved figures each and asserts the
page makes exactly as many queries as before.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sendprogress.plan.models import (
    Action,
    ActionUpdate,
    Evidence,
    KpiMilestone,
    Measurement,
    Milestone,
)
from tests.factories import (
    make_area,
    make_inspection,
    make_judgement,
    make_kpi,
    make_local_area,
    make_post,
)

pytestmark = pytest.mark.django_db

MONTHS = [date(2021 + m // 12, m % 12 + 1, 1) for m in range(36)]


def _add_kpi(area, n, figures):
    kpi = make_kpi(area=area, code=f"measure-{n}", title=f"Measure {n}", order=n)
    KpiMilestone.objects.bulk_create(
        KpiMilestone(kpi=kpi, date=date(2022, month, 1), target=Decimal(20 + month))
        for month in (4, 8, 12)
    )
    Measurement.objects.bulk_create(
        Measurement(
            kpi=kpi,
            period=period,
            value=Decimal(10 + i),
            commentary=f"Commentary {i}",
            status=Measurement.Status.APPROVED,
            approved_at=timezone.now(),
        )
        for i, period in enumerate(MONTHS[:figures])
    )
    Evidence.objects.create(
        title=f"Evidence {n}",
        date=date(2022, 1, 1),
        url="https://example.org/",
        is_public=True,
        area=area,
        kpi=kpi,
    )
    action = Action.objects.create(area=area, title=f"Action {n}", owner_role="Lead")
    ActionUpdate.objects.create(action=action, date=date(2022, 1, 1), note="Going well.")
    Milestone.objects.create(date=date(2022, 1, n % 28 + 1), title=f"Step {n}", kind="plan")
    make_post(areas=[area], title=f"Post {n}")
    return kpi


@pytest.fixture
def small_site(db):
    make_local_area()
    area = make_area(slug="the-area")
    inspection = make_inspection(
        letter=Evidence.objects.create(
            title="Letter", date=date(2020, 1, 1), url="https://example.org/", is_public=True
        )
    )
    make_judgement(area=area, inspection=inspection)
    _add_kpi(area, 0, figures=3)
    return area


def _grow(area):
    for n in range(1, 50):
        _add_kpi(area, n, figures=36)
    # The first measure gets its full three years too.
    first = area.kpis.get(code="measure-0")
    Measurement.objects.bulk_create(
        Measurement(
            kpi=first,
            period=period,
            value=Decimal(5),
            status=Measurement.Status.APPROVED,
            approved_at=timezone.now(),
        )
        for period in MONTHS[3:]
    )
    assert Measurement.objects.approved().count() == 50 * 36


@pytest.mark.parametrize(
    "url",
    [
        reverse("plan:home"),
        reverse("plan:area_detail", args=["the-area"]),
        reverse("plan:kpi_detail", args=["measure-0"]),
        reverse("plan:kpi_list"),
        reverse("plan:kpi_list") + "?area=the-area&progress=on-track",
        reverse("plan:journey"),
        reverse("plan:documents"),
        reverse("plan:kpi_csv", args=["measure-0"]),
        reverse("plan:kpi_json", args=["measure-0"]),
        reverse("plan:all_csv"),
        reverse("plan:all_json"),
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
