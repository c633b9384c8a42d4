from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendprogress.plan.models import JourneyStep

pytestmark = pytest.mark.django_db
URL = reverse("plan:journey")


def test_journey_runs_from_the_inspection_in_date_order(client, db):
    # Made out of order, so the page's order is its own doing.
    for on, title in [
        (date(2022, 9, 8), "Revisit outcome published"),
        (date(2019, 11, 4), "The inspection"),
        (date(2023, 1, 31), "Plan approved"),
    ]:
        JourneyStep.objects.create(date=on, title=title, kind="plan")
    html = client.get(URL).content.decode()
    positions = [
        html.index(t) for t in ["The inspection", "Revisit outcome published", "Plan approved"]
    ]
    assert positions == sorted(positions)
    assert "November 2019" in html


def test_future_steps_are_shown_as_what_comes_next(client, db):
    today = timezone.localdate()
    JourneyStep.objects.create(date=today - timedelta(days=30), title="Done already", kind="plan")
    JourneyStep.objects.create(date=today + timedelta(days=30), title="Still to come", kind="plan")
    html = client.get(URL).content.decode()
    happened, next_part = html.split("What comes next")
    assert "Done already" in happened
    assert "Still to come" in next_part
    assert "app-timeline__item--upcoming" in next_part
    assert "(planned)" in next_part


def test_approximate_dates_show_only_month_and_year(client, db):
    JourneyStep.objects.create(
        date=timezone.localdate().replace(year=2019, month=11, day=1),
        date_is_approximate=True,
        title="The inspection",
        kind="inspection",
    )
    html = client.get(URL).content.decode()
    assert ">November 2019</time>" in html
    assert "1 November 2019" not in html
