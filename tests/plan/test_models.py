from datetime import date

import pytest

from sendprogress.plan.measures.progress import Progress
from sendprogress.plan.models import Evidence, Figure, Finding, Measure
from sendprogress.plan.story import frameworks
from tests.factories import (
    make_figure,
    make_finding,
    make_inspection,
    make_judgement,
    make_measure,
)

pytestmark = pytest.mark.django_db

S = Figure.Status


def test_only_approved_figures_are_approved():
    measure = make_measure()
    approved = make_figure(measure=measure, period=date(2023, 2, 1), value=20)
    for i, status in enumerate([S.DRAFT, S.SUBMITTED, S.RETURNED], start=3):
        make_figure(measure=measure, period=date(2023, i, 1), value=99, status=status)
    assert list(Figure.objects.approved()) == [approved]


def test_figures_of_a_hidden_measure_are_not_public():
    hidden = make_measure(is_public=False)
    make_figure(measure=hidden, period=date(2023, 2, 1), value=20)
    assert not Figure.objects.public().exists()
    assert not Measure.objects.public().exists()


def test_only_public_evidence_is_public():
    Evidence.objects.create(title="Letter", date=date(2022, 9, 8), url="https://a.example/")
    public = Evidence.objects.create(
        title="Public", date=date(2022, 9, 8), url="https://b.example/", is_public=True
    )
    assert list(Evidence.objects.public()) == [public]


def test_progress_uses_the_latest_approved_figure_not_later_drafts():
    measure = make_measure(milestones=[(date(2023, 6, 1), 30)])
    make_figure(measure=measure, period=date(2023, 5, 1), value=40)
    make_figure(measure=measure, period=date(2023, 6, 1), value=1, status=S.SUBMITTED)
    assert measure.progress is Progress.ON_TRACK


def test_progress_is_the_same_through_the_display_queryset():
    measure = make_measure(milestones=[(date(2023, 6, 1), 30)])
    make_figure(measure=measure, period=date(2023, 6, 1), value=10)
    shown = Measure.objects.for_display().get(pk=measure.pk)
    assert shown.latest_value == 10
    assert shown.progress is Progress.OFF_TRACK
    assert Measure.objects.get(pk=measure.pk).progress is Progress.OFF_TRACK


def test_a_measure_without_figures_has_no_data_yet():
    assert make_measure().progress is Progress.NO_DATA


def test_lower_is_better_measure_on_track_when_below_trajectory():
    measure = make_measure(
        baseline_value=400,
        target_value=50,
        higher_is_better=False,
        milestones=[(date(2023, 6, 1), 300)],
    )
    make_figure(measure=measure, period=date(2023, 6, 1), value=290)
    assert measure.progress is Progress.ON_TRACK


def test_default_tolerance_is_a_tenth_of_the_distance_to_target():
    measure = make_measure(baseline_value=10, target_value=60)
    assert measure.effective_tolerance == 5
    measure.tolerance = 2
    assert measure.effective_tolerance == 2


def test_an_areas_status_is_its_latest_judgement():
    finding = make_finding()
    first = make_inspection(date=date(2019, 11, 1))
    revisit = make_inspection(date=date(2022, 7, 4), kind="revisit")
    make_judgement(finding=finding, inspection=revisit, outcome=frameworks.SUFFICIENT)
    make_judgement(finding=finding, inspection=first, outcome=frameworks.NAMED)
    finding = Finding.objects.with_judgements().get(pk=finding.pk)
    assert finding.latest_judgement.outcome == frameworks.SUFFICIENT
    assert not finding.is_monitored


def test_an_area_not_yet_sufficient_is_monitored():
    finding = make_finding()
    make_judgement(finding=finding, inspection=make_inspection(), outcome=frameworks.NOT_YET)
    assert finding.is_monitored
