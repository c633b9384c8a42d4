"""Each record's keys must belong to its inspection's framework, with a message on the field."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sendprogress.plan.models import Judgement, Plan
from tests.factories import make_finding, make_inspection, make_plan

pytestmark = pytest.mark.django_db


def _errors(record) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_a_2016_inspection_gives_no_overall_outcome():
    inspection = make_inspection(framework="2016")
    inspection.outcome = "widespread-failings"
    assert "gives no overall outcome" in _errors(inspection)["outcome"][0]


def test_only_a_full_2023_inspection_gives_an_overall_outcome():
    monitoring = make_inspection(framework="2023", kind="monitoring")
    monitoring.outcome = "inconsistent"
    assert _errors(monitoring)["outcome"] == ["Only a full inspection gives an overall outcome."]


def test_a_2023_full_inspection_takes_one_of_its_three_outcomes():
    inspection = make_inspection(framework="2023", outcome="inconsistent")
    inspection.full_clean()
    assert inspection.outcome_info.label == "Inconsistent experiences and outcomes"


def test_a_revisit_belongs_to_the_2016_framework_only():
    revisit = make_inspection(framework="2023", kind="revisit")
    assert "full inspection, monitoring inspection" in _errors(revisit)["kind"][0]


def test_a_finding_must_be_a_kind_its_inspection_names():
    finding = make_finding(kind="priority-action", inspection=make_inspection(framework="2016"))
    assert "area of significant weakness" in _errors(finding)["kind"][0]


def test_a_judgement_must_be_an_outcome_of_its_framework():
    inspection = make_inspection(framework="2023")
    judgement = Judgement(
        inspection=inspection,
        finding=make_finding(),
        outcome="bogus",
        what_inspectors_found="Found.",
    )
    assert "outcome" in _errors(judgement)


def test_a_plan_must_be_a_kind_its_inspection_asks_for():
    plan = make_plan(kind="wsoa", inspection=make_inspection(framework="2023"))
    assert "priority action plan, strategic plan" in _errors(plan)["kind"][0]


def test_a_plan_is_not_approved_before_it_was_submitted():
    plan = make_plan(submitted_on=date(2024, 3, 1), approved_on=date(2024, 2, 1))
    assert _errors(plan)["approved_on"] == ["A plan cannot be approved before it was submitted."]


def test_the_same_judgement_words_read_differently_under_each_framework():
    finding = make_finding()
    old = Judgement.objects.create(
        inspection=make_inspection(framework="2016"),
        finding=finding,
        outcome="weakness",
        what_inspectors_found="Found.",
    )
    new = Judgement.objects.create(
        inspection=make_inspection(framework="2023", date=date(2025, 1, 1)),
        finding=finding,
        outcome="weakness",
        what_inspectors_found="Found.",
    )
    assert old.outcome_label == "Area of significant weakness"
    assert new.outcome_label == "Named by inspectors"


def test_the_current_plan_is_the_newest_approved_one_marked_current():
    make_plan(title="Older", status=Plan.Status.CURRENT, approved_on=date(2023, 1, 1))
    make_plan(title="Newer", status=Plan.Status.CURRENT, approved_on=date(2025, 1, 1))
    make_plan(title="Draft", status=Plan.Status.DRAFT, approved_on=None)
    assert Plan.objects.public().current().title == "Newer"


def test_a_finding_of_the_wrong_kind_is_told_the_kinds_in_the_admins_words():
    # The same sentence the admin's kind field gives (test_admin_frameworks).
    finding = make_finding(
        kind="significant-weakness", inspection=make_inspection(framework="2023")
    )
    assert _errors(finding)["kind"] == [
        "Under the Area SEND inspection (2023 framework), inspectors name: priority action, "
        "area for improvement."
    ]
