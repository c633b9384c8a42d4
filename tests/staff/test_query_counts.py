"""Staff pages are never cached, so each makes the same number of queries however much data.

Every staff page a busy officer or approver opens is counted at the demo
scale and again with the large data set (`generate_large_data --small`)
added, signed in as each role that sees it: the staff home, data due with
each kind of filter, a measure's own list of periods, the approvals
confirmation with figures ticked, and a figure's own page.
"""

from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendprogress.plan.models import Figure

pytestmark = pytest.mark.django_db


def _pages(approver) -> dict[str, str]:
    data_due = reverse("staff:data_due")
    waiting = (
        Figure.objects.filter(status=Figure.Status.SUBMITTED)
        .exclude(entered_by=approver)
        .order_by("submitted_at", "pk")[:5]
    )
    # The newest measure with a figure on its way, so its pages list something at
    # either scale (an empty page skips reading measures in full).
    on_its_way = Figure.objects.exclude(status=Figure.Status.APPROVED).order_by("-pk")[0]
    measure = on_its_way.measure
    area = measure.findings.first()
    return {
        "staff home": reverse("staff:home"),
        "data due": data_due,
        "data due, overdue": data_due + "?state=overdue",
        "data due, missing": data_due + "?state=missing",
        "data due, submitted": data_due + "?state=submitted",
        "data due, one area": data_due + f"?area={area.slug}",
        "data due, one area and state": data_due + f"?area={area.slug}&state={on_its_way.status}",
        "data due, one measure": data_due + f"?measure={measure.code}",
        "approvals confirmation": reverse("staff:confirm_approvals")
        + "?"
        + urlencode([("figure", f"{f.pk}:{f.version}") for f in waiting]),
        "figure": reverse("staff:review_figure", args=[waiting[0].pk]),
    }


def _count(client, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("role", ["approver", "data_officer"])
def test_staff_pages_make_the_same_queries_at_demo_and_large_scale(client, demo, request, role):
    approver = request.getfixturevalue("approver")
    user = request.getfixturevalue(role)
    client.force_login(user)
    pages = _pages(approver)
    if role == "data_officer":
        # Only approvers confirm approvals.
        del pages["approvals confirmation"]
    at_demo_scale = _count(client, pages)

    call_command("generate_large_data", "--small", verbosity=0)

    large = {name: url for name, url in _pages(approver).items() if name in pages}
    assert _count(client, large) == at_demo_scale


def test_a_later_page_of_data_due_makes_the_same_queries_with_more_measures(
    client, approver, django_assert_num_queries
):
    from tests.factories import make_measure

    for _ in range(11):
        make_measure()
    client.force_login(approver)
    url = reverse("staff:data_due") + "?page=2"
    with CaptureQueriesContext(connection) as few:
        assert "Measures 11 to 11 of 11" in client.get(url).content.decode()
    for _ in range(20):
        make_measure()
    with django_assert_num_queries(len(few)):
        assert "Measures 11 to 20 of 31" in client.get(url).content.decode()
