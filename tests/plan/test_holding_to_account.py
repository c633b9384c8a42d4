"""What parent carers need to hold the plan to account: who leads each action,
what success looks like, why an action was not done, and where to get help now."""

from datetime import date

import pytest

from sendprogress.plan.models import Action, LocalArea
from tests.factories import make_finding, make_local_area, make_plan

pytestmark = pytest.mark.usefixtures("no_page_cache")


def _action(**fields):
    finding = make_finding(slug="the-finding")
    action = Action.objects.create(
        plan=make_plan(), title="Clear the backlog", owner_role="Head of SEND", **fields
    )
    action.findings.add(finding)
    return action


@pytest.mark.django_db
def test_an_action_names_its_lead_and_what_success_looks_like(client):
    _action(
        lead_name="Priya Shah",
        success_looks_like="No family waits more than 20 weeks.",
        due_date=date(2099, 1, 1),
    )
    html = client.get("/findings/the-finding/").content.decode()
    assert "Head of SEND (Priya Shah)" in html
    assert "What success looks like" in html
    assert "No family waits more than 20 weeks." in html
    assert "overdue" not in html


@pytest.mark.django_db
def test_an_overdue_action_says_so_and_why(client):
    _action(
        due_date=date(2020, 3, 1),
        status=Action.Status.IN_PROGRESS,
        not_done_reason="The charity that ran it closed.",
    )
    html = client.get("/findings/the-finding/").content.decode()
    assert "March 2020 <strong>(overdue: not done yet)</strong>" in html
    assert "Why it was not done" in html
    assert "The charity that ran it closed." in html


@pytest.mark.django_db
def test_an_overdue_action_without_a_reason_says_none_is_given(client):
    _action(due_date=date(2020, 3, 1), status=Action.Status.NOT_STARTED)
    html = client.get("/findings/the-finding/").content.decode()
    assert "Why it is late" in html
    assert "No reason given yet" in html


@pytest.mark.django_db
def test_a_finished_action_is_never_overdue(client):
    _action(due_date=date(2020, 3, 1), status=Action.Status.DONE)
    assert "overdue" not in client.get("/findings/the-finding/").content.decode()


def test_every_action_of_each_demo_says_what_success_looks_like(client, any_demo):
    actions = list(Action.objects.public())
    assert actions
    for action in actions:
        assert action.success_looks_like, action.title
        if action.is_overdue:
            assert action.not_done_reason, action.title
    plan_page = client.get(f"/plans/{any_demo['plan']}/").content.decode()
    assert "What success looks like" in plan_page


# Get help now ------------------------------------------------------------------

HELP_LINKS = ["sendiass_url", "mediation_url", "tribunal_url", "complaints_url", "local_offer_url"]


def test_each_demo_links_to_help_on_home_finding_and_no_results_pages(client, any_demo):
    area = LocalArea.objects.get()
    links = [getattr(area, name) for name in HELP_LINKS]
    assert all(links)
    for url in ("/", f"/findings/{any_demo['finding']}/", "/search/?q=zzqqxx"):
        html = client.get(url).content.decode()
        assert "Get help now" in html, url
        for link in links:
            assert f'href="{link.replace("&", "&amp;")}"' in html, (url, link)
    assert "SEND information, advice and support service (SENDIASS)" in html


@pytest.mark.django_db
def test_the_panel_leaves_out_links_that_are_not_set(client):
    make_local_area(tribunal_url="https://www.gov.uk/tribunal-example")
    html = client.get("/").content.decode()
    assert "Get help now" in html
    assert "Appeal to the SEND tribunal" in html
    assert "Mediation" not in html
    assert "SENDIASS" not in html


@pytest.mark.django_db
def test_with_no_links_set_there_is_no_panel(client):
    make_local_area()
    assert "Get help now" not in client.get("/").content.decode()
