"""The measure and action summaries of the finding and plan pages (plan/_summaries.html)."""

from datetime import date
from decimal import Decimal

import pytest

from sendprogress.pages.models import GlossaryTerm
from sendprogress.plan.models import Action, ActionUpdate
from tests.factories import make_finding, make_measure, make_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

HOSTILE = '<script>alert("x")</script>'


def _action(*, plan, finding, **fields) -> Action:
    action = Action.objects.create(plan=plan, **({"owner_role": "Lead"} | fields))
    action.findings.add(finding)
    return action


def _pages(finding, plan) -> list[str]:
    return [finding.get_absolute_url(), plan.get_absolute_url()]


def test_hostile_words_in_a_measure_or_action_are_escaped(client):
    finding = make_finding(slug="the-finding")
    plan = make_plan(title=f"Plan {HOSTILE}", findings=[finding])
    make_measure(
        finding=finding,
        plan=plan,
        title=f"Measure {HOSTILE}",
        baseline_label=f"Label {HOSTILE}",
        baseline_value=Decimal("1"),
    )
    action = _action(
        plan=plan,
        finding=finding,
        title=f"Action {HOSTILE}",
        description=f"What {HOSTILE}",
        owner_role=f"Lead {HOSTILE}",
        due_date=date(2024, 3, 1),
    )
    ActionUpdate.objects.create(action=action, date=date(2024, 1, 5), note=f"Note {HOSTILE}")

    for url in _pages(finding, plan):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
        for words in ("Measure", "Label", "Action", "What", "Lead", "Note"):
            assert f"{words} {escaped}" in html, (url, words)
    finding_page = client.get(finding.get_absolute_url()).content.decode()
    assert f"Part of the Plan {escaped}" in finding_page


def test_an_action_shows_its_latest_progress_note(client):
    finding = make_finding(slug="the-finding")
    plan = make_plan(findings=[finding])
    make_measure(finding=finding, plan=plan)
    action = _action(plan=plan, finding=finding, title="Train staff")
    for on, note in [(date(2024, 3, 1), "Newest."), (date(2024, 1, 1), "Oldest.")]:
        ActionUpdate.objects.create(action=action, date=on, note=note)
    _action(plan=plan, finding=finding, title="Write the guide")

    for url in _pages(finding, plan):
        html = client.get(url).content.decode()
        assert '<time datetime="2024-03-01">1 March 2024</time>: Newest.' in html, url
        assert "Oldest." not in html, url
        # The action without notes shows none.
        guide = html[html.index("Write the guide") :]
        assert "Latest progress" not in guide[: guide.index("</div>\n")], url


def test_short_forms_are_spelt_out_on_first_use_across_the_summaries(client):
    GlossaryTerm.objects.create(
        term="Education, health and care plan", abbreviation="EHCP", slug="ehcp", definition="."
    )
    finding = make_finding(slug="the-finding", title="Timely plans", summary="Plans on time.")
    plan = make_plan(findings=[finding])
    make_measure(finding=finding, plan=plan, title="EHCPs issued in 20 weeks", order=1)
    make_measure(finding=finding, plan=plan, title="EHCP reviews on time", order=2)
    _action(plan=plan, finding=finding, title="Check every EHCP", owner_role="EHCP team lead")

    for url in _pages(finding, plan):
        html = client.get(url).content.decode()
        assert "Education, health and care plans (EHCPs) issued in 20 weeks" in html, url
        assert ">EHCP reviews on time<" in html, url
        assert "Check every EHCP<" in html, url
        assert ">EHCP team lead<" in html, url
