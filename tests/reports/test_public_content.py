"""A published report holds public content only, and each measure its own actions."""

import pytest
from django.urls import reverse

from sendprogress.reports import services

from .conftest import AS_AT, SECRETS
from .pdfs import text

pytestmark = pytest.mark.django_db


def _publish(by):
    report = services.create_report(as_at=AS_AT, by=by)
    return services.publish_report(report=report, by=by, site_name="SEND progress in Testshire")


def test_a_draft_plans_words_never_reach_a_published_report(
    client, real_plan, draft_plan, approver
):
    report = _publish(approver)
    page = client.get(report.get_absolute_url()).content.decode()
    pdf = text(client.get(reverse("reports:pdf", args=[AS_AT.isoformat()])).content)
    # The public plan's overdue action is there, so the reading works...
    assert "Recruit four more educational psychologists" in page
    assert "Recruit four more educational psychologists" in pdf
    # ...and nothing of the draft plan is, on the page or in the PDF.
    for words in SECRETS:
        assert words not in page, words
        assert words not in pdf, words
        assert words not in str(report.content), words


def test_each_measure_lists_the_actions_of_its_own_findings(real_plan, approver):
    content = _publish(approver).content
    actions = {row["title"]: [a["title"] for a in row["actions"]] for row in content["measures"]}
    # Measure 01 is the educational psychologists' (n % 3 == 1), 00 the autism waits'.
    assert actions["Autism waits measure 00"] == ["Open Saturday autism assessment clinics"]
    assert actions["Educational psychologists measure 01"] == [
        "Recruit four more educational psychologists"
    ]
    assert actions["Plans on time measure 02"] == ["Weekly tracking of every open assessment"]


def test_overdue_actions_are_the_public_plans_only(real_plan, draft_plan, approver):
    overdue = [a["title"] for a in _publish(approver).content["overdue_actions"]]
    assert overdue == [
        "Open Saturday autism assessment clinics",
        "Recruit four more educational psychologists",
    ]
