"""A plan of a real plan's size, and a draft plan beside it whose words must
never reach a published report."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from sendprogress.plan.models import Action, Plan
from tests.factories import (
    make_figure,
    make_finding,
    make_local_area,
    make_measure,
    make_plan,
)

AS_AT = date(2023, 8, 31)
APPROVED_AT = datetime(2023, 8, 5, 10, tzinfo=UTC)
PERIOD = date(2023, 7, 1)
# Every measure expects 30 in July 2023 (its milestone), with a tolerance of 5:
# 32 is on track, 27 at risk (short by 3), 10 off track; no figure is no data yet.
VALUES = {"on-track": "32", "at-risk": "27", "off-track": "10", "no-data": None}
LONG_COMMENTARY = (
    "The figure moved because the assessment team cleared the oldest cases first, "
    "which takes longer for each one, so fewer plans were finished within the weeks "
    "allowed while the waiting list shrank. "
) * 6


@pytest.fixture
def real_plan():
    """30 public measures over three findings, a quarter in each progress state,
    with long commentary, and actions linked to each finding (some overdue),
    all made before the report's date (so the history has them then)."""
    with time_machine.travel(APPROVED_AT, tick=False):
        return _real_plan()


def _real_plan():
    make_local_area()
    findings = [
        make_finding(title=title, short_title=short)
        for title, short in (
            ("Waits for autism assessments are too long", "Autism waits"),
            ("Too few educational psychologists", "Educational psychologists"),
            ("Plans are not finished on time", "Plans on time"),
        )
    ]
    plan = make_plan(findings=findings, title="Accelerated Progress Plan", short_title="APP")
    statuses = list(VALUES)
    measures = []
    for n in range(30):
        finding = findings[n % 3]
        status = statuses[n % 4]
        measure = make_measure(
            finding=finding,
            plan=plan,
            code=f"real-{n:02d}",
            title=f"{finding.short_title} measure {n:02d}",
            tolerance=Decimal("5"),
            milestones=[(PERIOD, 30)],
        )
        if VALUES[status] is not None:
            make_figure(
                measure=measure,
                period=PERIOD,
                value=VALUES[status],
                approved_at=APPROVED_AT,
                commentary=f"Measure {n:02d}: {LONG_COMMENTARY}",
            )
        measures.append(measure)
    actions = {}
    for finding, title, due in (
        (findings[0], "Open Saturday autism assessment clinics", date(2023, 6, 30)),
        (findings[1], "Recruit four more educational psychologists", date(2023, 5, 31)),
        (findings[2], "Weekly tracking of every open assessment", date(2023, 12, 31)),
    ):
        action = Action.objects.create(
            plan=plan,
            title=title,
            owner_role="Head of SEND",
            due_date=due,
            status=Action.Status.IN_PROGRESS,
        )
        action.findings.set([finding])
        actions[finding.short_title] = action
    return {"plan": plan, "findings": findings, "measures": measures, "actions": actions}


# Words of the draft plan: none may ever appear in a published report.
SECRETS = (
    "Secret draft measure",
    "Secret draft finding",
    "Secret draft action",
    "Secret draft commentary",
)


@pytest.fixture
def draft_plan():
    """A draft plan, with a public-flagged measure, an approved figure and an
    overdue action, on a finding of its own, all made before the report's date."""
    with time_machine.travel(APPROVED_AT, tick=False):
        return _draft_plan()


def _draft_plan():
    finding = make_finding(title="Secret draft finding", short_title="Secret draft finding")
    plan = make_plan(
        findings=[finding], status=Plan.Status.DRAFT, title="Draft plan", approved_on=None
    )
    measure = make_measure(
        finding=finding,
        plan=plan,
        code="secret-draft",
        title="Secret draft measure",
        tolerance=Decimal("5"),
        milestones=[(PERIOD, 30)],
    )
    make_figure(
        measure=measure,
        period=PERIOD,
        value="10",
        approved_at=APPROVED_AT,
        commentary="Secret draft commentary",
    )
    action = Action.objects.create(
        plan=plan,
        title="Secret draft action",
        owner_role="Head of SEND",
        due_date=date(2023, 3, 31),
        status=Action.Status.NOT_STARTED,
    )
    action.findings.set([finding])
    return plan


def make_published_report(as_at=AS_AT, **fields):
    """A published report as publishing leaves it, without the time a PDF takes:
    its content worked out for real, a stand-in PDF."""
    from django.utils import timezone

    from sendprogress.reports import snapshot
    from sendprogress.reports.models import ProgressReport

    defaults = {
        "status": ProgressReport.Status.PUBLISHED,
        "content": snapshot.build(as_at),
        "pdf": b"%PDF-1.7\n% the frozen PDF\n%%EOF\n",
        "published_at": timezone.now(),
    }
    return ProgressReport.objects.create(as_at=as_at, **(defaults | fields))
