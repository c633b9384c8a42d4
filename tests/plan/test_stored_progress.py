"""A measure's stored latest figure and progress follow every change to their inputs.

The measure made by `make_measure` starts at 10 on 1 January 2023 and aims for
50 by 1 January 2024, higher is better; with no tolerance set, a miss of up to
a tenth of that distance (4) is "at risk", more is "off track". Expected
values below are worked out by hand from those numbers.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendprogress.plan import progress, services
from sendprogress.plan.models import Figure, Measure, MeasureMilestone
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db
Progress = progress.Progress
TARGET_DATE = date(2024, 1, 1)


def stored(measure) -> tuple:
    measure = Measure.objects.get(pk=measure.pk)
    return measure.latest_value, measure.latest_period, measure.progress


def rules_say(measure) -> tuple:
    """What the derivation rules of progress.py give, read straight from the figures."""
    latest = Figure.objects.filter(measure=measure, status="approved").order_by("period").last()
    if latest is None:
        return None, None, Progress.NO_DATA
    points = progress.trajectory(
        baseline=progress.Point(measure.baseline_date, measure.baseline_value)
        if measure.baseline_date and measure.baseline_value is not None
        else None,
        milestones=[
            progress.Point(m.date, m.target)
            for m in MeasureMilestone.objects.filter(measure=measure)
        ],
        target=progress.Point(measure.target_date, measure.target_value)
        if measure.target_date and measure.target_value is not None
        else None,
    )
    tolerance = measure.tolerance
    if tolerance is None:
        tolerance = progress.default_tolerance(measure.baseline_value, measure.target_value)
    return (
        latest.value,
        latest.period,
        progress.assess(
            value=latest.value,
            expected=progress.expected_value(points, latest.period),
            higher_is_better=measure.higher_is_better,
            tolerance=tolerance,
        ),
    )


def approve(measure, period, value, data_officer, approver):
    figure = services.save_figure(
        measure=measure,
        period=period,
        value=Decimal(value),
        commentary="What it shows.",
        by=data_officer,
        submit=True,
    )
    return services.approve_figure(figure=figure, by=approver)


def test_a_measure_with_no_approved_figure_has_no_data_yet():
    measure = make_measure()
    make_figure(measure=measure, period=TARGET_DATE, value=50, status=Figure.Status.DRAFT)
    assert stored(measure) == (None, None, Progress.NO_DATA)


def test_approving_a_figure_stores_it_and_its_progress(client, data_officer, approver):
    measure = make_measure()
    figure = services.save_figure(
        measure=measure,
        period=TARGET_DATE,
        value=Decimal("50"),
        commentary="On target.",
        by=data_officer,
        submit=True,
    )
    assert stored(measure) == (None, None, Progress.NO_DATA)

    services.approve_figure(figure=figure, by=approver)

    assert stored(measure) == (Decimal("50"), TARGET_DATE, Progress.ON_TRACK)
    page = client.get(reverse("plan:measure_list")).content.decode()
    assert "50%<br>" in page
    assert "On track" in page


def test_a_correction_changes_the_stored_figure_and_progress(client, data_officer, approver):
    measure = make_measure()
    figure = approve(measure, TARGET_DATE, "50", data_officer, approver)

    services.correct_figure(
        figure=figure,
        by=approver,
        value=Decimal("40"),
        commentary="Recounted.",
        reason="Two children were counted twice.",
        commentary_reviewed=True,
    )

    assert stored(measure) == (Decimal("40"), TARGET_DATE, Progress.OFF_TRACK)
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Off track" in page


def test_a_later_figure_counts_only_once_approved(data_officer, approver):
    measure = make_measure()
    approve(measure, TARGET_DATE, "50", data_officer, approver)
    later = services.save_figure(
        measure=measure,
        period=date(2024, 2, 1),
        value=Decimal("20"),
        commentary="Worse.",
        by=data_officer,
        submit=True,
    )
    assert stored(measure) == (Decimal("50"), TARGET_DATE, Progress.ON_TRACK)

    services.return_figure(figure=later, by=approver, reason="Check the count.")
    assert stored(measure) == (Decimal("50"), TARGET_DATE, Progress.ON_TRACK)

    services.submit_figure(figure=later, by=data_officer)
    services.approve_figure(figure=Figure.objects.get(pk=later.pk), by=approver)
    assert stored(measure) == (Decimal("20"), date(2024, 2, 1), Progress.OFF_TRACK)


def test_approving_several_at_once_stores_the_latest(data_officer, approver):
    measure = make_measure()
    figures = [
        services.save_figure(
            measure=measure,
            period=period,
            value=Decimal(value),
            commentary="Monthly.",
            by=data_officer,
            submit=True,
        )
        for period, value in [(date(2023, 12, 1), "45"), (TARGET_DATE, "47")]
    ]
    services.approve_figures(figures=[(f, f.version) for f in figures], by=approver)
    assert stored(measure) == (Decimal("47"), TARGET_DATE, Progress.AT_RISK)


def test_new_edited_and_deleted_milestones_change_progress():
    measure = make_measure()
    july = date(2023, 7, 1)
    make_figure(measure=measure, period=july, value=30)
    # Between 10 in January and 50 the next January, July expects about 29.8.
    assert stored(measure)[2] == Progress.ON_TRACK

    milestone = MeasureMilestone.objects.create(measure=measure, date=july, target=Decimal(40))
    assert stored(measure)[2] == Progress.OFF_TRACK

    milestone.target = Decimal(33)
    milestone.save()
    assert stored(measure)[2] == Progress.AT_RISK

    milestone.delete()
    assert stored(measure)[2] == Progress.ON_TRACK


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, Progress.AT_RISK),
        ({"target_value": Decimal(47)}, Progress.ON_TRACK),
        ({"tolerance": Decimal(1)}, Progress.OFF_TRACK),
        # From 40 to 50 the default tolerance is 1: a miss of 3 is off track.
        ({"baseline_value": Decimal(40)}, Progress.OFF_TRACK),
        ({"higher_is_better": False}, Progress.ON_TRACK),
        # With no target date the trajectory is the baseline alone: 47 beats 10.
        ({"target_date": None}, Progress.ON_TRACK),
    ],
    ids=["unchanged", "target", "tolerance", "baseline", "direction", "no-target"],
)
def test_editing_the_measure_changes_progress(change, expected):
    measure = make_measure()
    make_figure(measure=measure, period=TARGET_DATE, value=47)
    measure = Measure.objects.get(pk=measure.pk)
    for field, value in change.items():
        setattr(measure, field, value)
    measure.save()
    assert stored(measure)[2] == expected
    assert stored(measure) == rules_say(measure)


def test_deleting_the_latest_figure_falls_back_to_the_one_before():
    measure = make_measure()
    make_figure(measure=measure, period=date(2023, 12, 1), value=45)
    latest = make_figure(measure=measure, period=TARGET_DATE, value=50)
    assert stored(measure) == (Decimal("50"), TARGET_DATE, Progress.ON_TRACK)

    latest.delete()
    # December expects about 46.6: a miss of 1.6 is within the tolerance of 4.
    assert stored(measure) == (Decimal("45"), date(2023, 12, 1), Progress.AT_RISK)


def test_unit_and_decimal_places_show_at_once_on_the_stored_figure(client):
    measure = make_measure()
    make_figure(measure=measure, period=TARGET_DATE, value="47.24")
    assert "47.2%<br>" in client.get(reverse("plan:measure_list")).content.decode()

    measure.decimal_places = 2
    measure.unit = Measure.Unit.DAYS
    measure.save()

    page = client.get(reverse("plan:measure_list")).content.decode()
    assert "47.2%" not in page
    assert "47.24 days<br>" in page


def test_the_in_memory_measure_follows_its_figures():
    measure = make_measure()
    make_figure(measure=measure, period=TARGET_DATE, value=40)
    assert measure.progress == Progress.OFF_TRACK
    assert measure.latest_value == Decimal("40")


def test_refresh_stored_progress_mends_a_write_that_sent_no_signal():
    measure = make_measure()
    make_figure(measure=measure, period=TARGET_DATE, value=50)
    Figure.objects.filter(measure=measure).update(value=Decimal(20))
    assert stored(measure)[2] == Progress.ON_TRACK  # stale: update() sends no signal

    call_command("refresh_stored_progress", verbosity=0)

    assert stored(measure) == (Decimal("20"), TARGET_DATE, Progress.OFF_TRACK)


@pytest.mark.parametrize("content", ["demo", "demo_2023", "large"])
def test_loaded_and_generated_content_stores_what_the_rules_give(request, content, client):
    if content == "large":
        call_command("generate_large_data", "--small", verbosity=0)
    else:
        request.getfixturevalue(content)
    measures = list(Measure.objects.all())
    assert measures
    assert any(stored(m)[2] != Progress.NO_DATA for m in measures)
    for measure in measures:
        assert stored(measure) == rules_say(measure), measure.code
    # And the pages show it: every public measure's progress on the all-measures page.
    page = client.get(reverse("plan:measure_list"), {"page": 1}).content.decode()
    for measure in Measure.objects.for_display()[:25]:
        assert rules_say(measure)[2].label in page


def test_loading_the_demo_works_out_each_measure_once_not_once_a_row():
    """Fixtures are saved raw: refreshed row by row, the 75 figures and 27 milestones of
    the demo re-read their measure's figures 111 times, a third of the load's queries."""
    with CaptureQueriesContext(connection) as load:
        call_command("loaddata", "fixtures/demo.json", verbosity=0)
    reads_of_latest_figure = [
        q for q in load.captured_queries if q["sql"].startswith('SELECT "plan_figure"."value"')
    ]
    assert len(reads_of_latest_figure) == Measure.objects.count() == 9
    for measure in Measure.objects.all():
        assert stored(measure) == rules_say(measure), measure.code
