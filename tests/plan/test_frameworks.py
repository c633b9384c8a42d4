"""The frameworks as data, and the sentences made from them (no database)."""

import pytest

from sendprogress.plan.story import frameworks, sentences

# The 2023 outcomes in the framework's own words, typed here from the published
# framework (FACTS.md), not copied from the code under test.
OUTCOME_WORDS_2023 = [
    "The local area partnership's SEND arrangements typically lead to positive experiences "
    "and outcomes for children and young people with SEND. The local area partnership is "
    "taking action where improvements are needed.",
    "The local area partnership's arrangements lead to inconsistent experiences and outcomes "
    "for children and young people with SEND. The local area partnership must work jointly "
    "to make improvements.",
    "There are widespread and/or systemic failings leading to significant concerns about the "
    "experiences and outcomes of children and young people with SEND, which the local area "
    "partnership must address urgently.",
]


def test_the_2023_framework_quotes_its_three_outcomes_word_for_word():
    assert [o.words for o in frameworks.get("2023").outcomes] == OUTCOME_WORDS_2023


def test_the_2016_framework_gives_no_overall_outcome():
    assert frameworks.get("2016").outcomes == ()


def test_each_framework_names_findings_in_its_own_words():
    assert frameworks.get("2016").findings_in_words == "areas of significant weakness"
    assert frameworks.get("2023").findings_in_words == "priority actions and areas for improvement"


def test_each_framework_has_its_own_plans_and_inspections():
    plans_2016 = [k.label for k in frameworks.get("2016").plan_kinds]
    plans_2023 = [k.label for k in frameworks.get("2023").plan_kinds]
    assert plans_2016 == ["Written Statement of Action", "Accelerated Progress Plan"]
    assert plans_2023 == ["Priority action plan", "Strategic plan"]
    assert frameworks.get("2016").inspection_kind("revisit").label == "Revisit"
    assert frameworks.get("2023").inspection_kind("monitoring").label == "Monitoring inspection"
    assert frameworks.get("2016").inspection_kind("monitoring") is None


@pytest.mark.parametrize("framework", frameworks.FRAMEWORKS.values(), ids=str)
def test_keys_are_unique_within_each_list(framework):
    for items in (
        framework.finding_kinds,
        framework.outcomes,
        framework.judgement_outcomes,
        framework.inspection_kinds,
        framework.plan_kinds,
    ):
        keys = [item.key for item in items]
        assert len(keys) == len(set(keys))


def test_field_choices_hold_every_key_of_every_framework_once():
    kinds = [key for key, _ in frameworks.finding_kind_choices()]
    assert kinds == ["significant-weakness", "priority-action", "area-for-improvement"]
    plans = [key for key, _ in frameworks.plan_kind_choices()]
    assert plans == ["wsoa", "app", "priority-action-plan", "strategic-plan"]
    assert [key for key, _ in frameworks.framework_choices()] == ["2016", "2023"]


def test_an_unknown_framework_is_none_not_an_error():
    assert frameworks.get("1999") is None


def test_what_inspectors_named_is_counted_in_words():
    kinds = ["area-for-improvement"] * 5 + ["priority-action"] * 3
    assert (
        sentences.findings_named(frameworks.get("2023"), kinds)
        == "three priority actions and five areas for improvement"
    )
    assert (
        sentences.findings_named(frameworks.get("2016"), ["significant-weakness"] * 6)
        == "six areas of significant weakness"
    )
    assert (
        sentences.findings_named(frameworks.get("2023"), ["area-for-improvement"])
        == "one area for improvement"
    )
    assert sentences.findings_named(frameworks.get("2023"), []) == (
        "no priority actions or areas for improvement"
    )


def test_a_revisit_is_summed_up_by_its_judgements():
    outcomes = ["sufficient", "not-yet", "sufficient", "not-yet", "sufficient", "not-yet"]
    assert sentences.judgements_given(frameworks.get("2016"), outcomes) == (
        "some progress, not yet sufficient for three and sufficient progress for three"
    )


def test_numbers_above_nine_stay_as_digits():
    assert sentences.number(12) == "12"
    assert sentences.number(7) == "seven"
