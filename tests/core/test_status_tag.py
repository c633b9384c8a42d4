"""One template tag turns any status into words on a coloured GOV.UK tag."""

from django.template import Context, Template

from sendprogress.core.status import Colour, Tag
from sendprogress.plan.measures.progress import Progress
from sendprogress.plan.models import Action, Figure
from sendprogress.plan.story import frameworks


def render(source: str, **context) -> str:
    return Template("{% load status %}" + source).render(Context(context))


def test_a_status_shows_its_words_on_its_colour():
    html = render("{% status_tag progress %}", progress=Progress.AT_RISK)
    assert html == '<strong class="govuk-tag govuk-tag--yellow">At risk</strong>'


def test_a_stored_value_is_read_with_its_enum():
    action = Action(status="in-progress")
    html = render("{% status_tag action.status action.Status %}", action=action)
    assert html == '<strong class="govuk-tag govuk-tag--blue">In progress</strong>'


def test_a_long_outcome_can_run_the_width_of_the_text():
    weakness = frameworks.LOCAL_AREA_SEND_2016.judgement_outcome("weakness")
    html = render("{% status_tag outcome wide=True %}", outcome=weakness)
    assert html == (
        '<strong class="govuk-tag govuk-tag--red app-tag--wide">'
        "Area of significant weakness</strong>"
    )


def test_a_state_that_is_not_stored_is_a_tag_of_its_own():
    html = render("{% status_tag missing %}", missing=Tag("Missing", Colour.RED))
    assert html == '<strong class="govuk-tag govuk-tag--red">Missing</strong>'


def test_the_words_are_escaped():
    html = render("{% status_tag t %}", t=Tag("<b>Late</b>", Colour.GREY))
    assert "&lt;b&gt;Late&lt;/b&gt;" in html


def test_every_status_of_every_kind_has_words_and_a_colour():
    outcomes = [
        outcome
        for framework in (frameworks.LOCAL_AREA_SEND_2016, frameworks.AREA_SEND_2023)
        for outcome in (*framework.judgement_outcomes, *framework.outcomes)
    ]
    for kind in (Progress, Action.Status, Figure.Status, outcomes):
        for status in kind:
            assert status.label
            assert status.colour in set(Colour)
