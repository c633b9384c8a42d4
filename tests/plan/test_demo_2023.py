"""The made-up 2023-framework demo: the story it must always tell."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from sendprogress.demo import demo_2023
from sendprogress.plan.models import (
    Figure,
    Finding,
    Inspection,
    LocalArea,
    Measure,
    MonitoringEvent,
    Plan,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


@pytest.fixture
def built():
    demo_2023.build(today=TODAY)


@pytest.mark.usefixtures("built")
def test_it_is_an_inspection_with_the_most_serious_outcome_and_its_findings():
    inspection = Inspection.objects.get(kind="inspection")
    assert inspection.framework == "2023"
    assert inspection.outcome_info.words.startswith("There are widespread and/or systemic")
    assert Finding.objects.filter(kind="priority-action").count() == 3
    improvements = Finding.objects.filter(kind="area-for-improvement")
    assert improvements.count() == 5
    assert all(f.owners.exists() for f in improvements)
    assert "made-up" in LocalArea.objects.get().about


@pytest.mark.usefixtures("built")
def test_its_priority_action_plan_is_approved_and_current_with_nine_illustrative_measures():
    plan = Plan.objects.public().current()
    assert plan.kind == "priority-action-plan"
    assert plan.approved_on is not None
    assert "DfE" in plan.approved_by
    measures = Measure.objects.filter(plan=plan)
    assert measures.count() >= 8
    assert all(k.illustrative for k in measures)


@pytest.mark.usefixtures("built")
def test_each_measure_has_a_year_of_monthly_figures_up_to_the_month_before_last():
    for measure in Measure.objects.all():
        approved = list(measure.figures.approved().order_by("period"))
        assert len(approved) == 12
        assert approved[0].period == date(2025, 10, 1)
        assert approved[-1].period == date(2026, 9, 1)
    # Last month (October 2026) is due: nothing approved for it yet.
    assert not Figure.objects.approved().filter(period=date(2026, 10, 1)).exists()


@pytest.mark.usefixtures("built")
def test_every_figure_passes_the_same_rules_as_one_typed_in():
    refused = {}
    figures = list(Figure.objects.select_related("measure"))
    assert figures
    for figure in figures:
        try:
            figure.full_clean()
        except ValidationError as error:
            refused[f"{figure.measure.code} {figure.period}"] = error.messages
    assert refused == {}


@pytest.mark.usefixtures("built")
def test_a_stocktake_has_happened_and_a_monitoring_inspection_is_still_to_come():
    assert MonitoringEvent.objects.filter(kind="stocktake", date__lt=TODAY).exists()
    upcoming = Inspection.objects.get(kind="monitoring")
    assert upcoming.date > TODAY


def test_dates_follow_the_day_it_is_built():
    demo_2023.build(today=date(2030, 5, 17))
    # Not .public(): a story dated 2030 is published in 2029, so not public yet.
    assert Plan.objects.current().approved_on.year in (2029, 2028)
    assert Inspection.objects.get(kind="monitoring").date > date(2030, 5, 17)
    latest = Figure.objects.approved().order_by("-period").first()
    assert latest.period == date(2030, 3, 1)


def test_building_again_replaces_the_demo_rather_than_doubling_it():
    demo_2023.build(today=TODAY)
    demo_2023.build(today=TODAY)
    assert Finding.objects.count() == 8
    assert LocalArea.objects.count() == 1


def test_the_command_refuses_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs when DEBUG is on"):
        call_command("load_demo_2023")
    assert not LocalArea.objects.exists()
