"""The move from areas to findings and plans keeps every row, link, history and address.

Builds the old shape (areas, one plan named on the local area, measures and
actions hanging off an area) at the state before the move, migrates forward,
and checks what a parent carer or a member of staff would look for.
"""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from sendprogress.plan.models import Action, Evidence, Finding, Judgement, Measure, Plan
from sendprogress.updates.models import Post, Subscriber
from tests.test_migrations import _empty_the_database

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("no_page_cache")]

BEFORE = [("plan", "0001_initial"), ("updates", "0001_initial")]


def _executor() -> MigrationExecutor:
    return MigrationExecutor(connection)


def _to_latest() -> None:
    executor = _executor()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def old_apps():
    """An empty database at the state before findings, and its frozen models."""
    _empty_the_database()
    executor = _executor()
    executor.migrate(BEFORE)
    yield _executor().loader.project_state(BEFORE).apps
    _to_latest()  # later tests need every table back, whatever happened here


def _old_shape(apps) -> dict:
    LocalArea = apps.get_model("plan", "LocalArea")
    Area = apps.get_model("plan", "Area")
    Inspection = apps.get_model("plan", "Inspection")
    Judgement = apps.get_model("plan", "Judgement")
    Measure = apps.get_model("plan", "Measure")
    Figure = apps.get_model("plan", "Figure")
    Action = apps.get_model("plan", "Action")
    HistoricalAction = apps.get_model("plan", "HistoricalAction")
    Evidence = apps.get_model("plan", "Evidence")
    Post = apps.get_model("updates", "Post")
    Subscriber = apps.get_model("updates", "Subscriber")

    LocalArea.objects.create(
        name="Oldshire",
        site_name="SEND progress in Oldshire",
        partners="Oldshire Council and partners",
        forum_name="Oldshire forum",
        plan_name="Accelerated Progress Plan",
        plan_short_name="APP",
        contact_email="send@example.org",
        about="The story so far.",
    )
    first = Inspection.objects.create(
        title="Joint inspection", kind="inspection", date=date(2019, 11, 1), bodies="Ofsted"
    )
    revisit = Inspection.objects.create(
        title="Revisit", kind="revisit", date=date(2022, 7, 4), bodies="Ofsted"
    )
    needs = Area.objects.create(
        title="Needs met in plans", slug="needs", short_title="Needs", summary="S.", order=1
    )
    offer = Area.objects.create(
        title="The Local Offer", slug="local-offer", short_title="Offer", summary="S.", order=2
    )
    for area, outcome in ((needs, "not-yet"), (offer, "sufficient")):
        Judgement.objects.create(inspection=first, area=area, outcome="weakness", findings="A.")
        Judgement.objects.create(inspection=revisit, area=area, outcome=outcome, findings="B.")
    measure = Measure.objects.create(
        area=needs,
        code="plans-on-time",
        title="Plans on time",
        why_it_matters="W.",
        definition="D.",
        source="S.",
        baseline_value=Decimal("10"),
        baseline_date=date(2023, 1, 1),
        target_value=Decimal("50"),
        target_date=date(2024, 1, 1),
    )
    Figure.objects.create(
        measure=measure,
        period=date(2023, 2, 1),
        value=Decimal("12.5"),
        status="approved",
        approved_at=timezone.now(),
    )
    action = Action.objects.create(area=needs, title="Clear the backlog", owner_role="Head")
    HistoricalAction.objects.create(
        id=action.pk,
        area_id=needs.pk,
        title="Clear the backlog (first wording)",
        owner_role="Head",
        status="not-started",
        order=0,
        history_date=timezone.make_aware(datetime(2023, 1, 2)),
        history_type="+",
    )
    Evidence.objects.create(
        title="Letter", date=date(2020, 2, 20), url="https://example.org/", area=offer
    )
    post = Post.objects.create(
        title="An update",
        slug="an-update",
        summary="S.",
        body="B.",
        author_name="A",
        author_role="R",
    )
    post.areas.set([needs, offer])
    Subscriber.objects.create(email="parent@example.org").areas.set([needs])
    return {"needs": needs.pk, "offer": offer.pk, "revisit": revisit.pk, "first": first.pk}


def test_areas_become_findings_with_their_judgements_plan_and_links(old_apps, client):
    ids = _old_shape(old_apps)
    _to_latest()

    needs = Finding.objects.get(pk=ids["needs"])
    assert (needs.slug, needs.title, needs.kind) == (
        "needs",
        "Needs met in plans",
        "significant-weakness",
    )
    assert needs.inspection_id == ids["first"]
    assert Finding.objects.count() == 2
    outcomes = list(
        Judgement.objects.filter(finding=needs)
        .order_by("inspection__date")
        .values_list("outcome", flat=True)
    )
    assert outcomes == ["weakness", "not-yet"]
    assert Finding.objects.get(pk=ids["offer"]).is_monitored is False

    plan = Plan.objects.get()
    assert (plan.title, plan.short_title, plan.kind, plan.status) == (
        "Accelerated Progress Plan",
        "APP",
        "app",
        "current",
    )
    assert plan.inspection_id == ids["revisit"]
    assert list(plan.findings.values_list("slug", flat=True)) == ["needs"]

    measure = Measure.objects.get(code="plans-on-time")
    assert measure.plan == plan
    assert list(measure.findings.values_list("slug", flat=True)) == ["needs"]
    assert measure.figures.approved().get().value == Decimal("12.50")
    action = Action.objects.get()
    assert action.plan == plan
    assert list(action.findings.values_list("slug", flat=True)) == ["needs"]
    assert Evidence.objects.get().finding_id == ids["offer"]
    assert set(Post.objects.get().findings.values_list("slug", flat=True)) == {
        "needs",
        "local-offer",
    }
    assert list(Subscriber.objects.get().findings.values_list("slug", flat=True)) == ["needs"]


def test_history_kept_from_before_the_move(old_apps):
    _old_shape(old_apps)
    _to_latest()
    titles = list(Action.history.order_by("history_date").values_list("title", flat=True))
    assert titles[0] == "Clear the backlog (first wording)"


def test_old_area_addresses_still_lead_to_the_page(old_apps, client):
    _old_shape(old_apps)
    _to_latest()
    response = client.get("/areas/needs/")
    assert response.status_code == 301
    assert response["Location"] == "/findings/needs/"
    page = client.get("/findings/needs/").content.decode()
    assert "Needs met in plans" in page
    assert "Plans on time" in page
    assert "Some progress, not yet sufficient" in page
