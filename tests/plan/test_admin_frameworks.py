"""Who may change inspections, findings, plans and monitoring events in the admin,
and the framework rules there: a message on the field, never a 500."""

from datetime import date

import pytest
from django.urls import reverse

from sendprogress.accounts import roles
from sendprogress.plan.models import (
    Finding,
    Inspection,
    Judgement,
    MonitoringEvent,
    Partner,
    Plan,
)
from tests.factories import (
    make_finding,
    make_inspection,
    make_monitoring_event,
    make_plan,
    make_user,
)

pytestmark = pytest.mark.django_db

RECORDS = {
    "finding": lambda: make_finding(),
    "inspection": lambda: make_inspection(),
    "plan": lambda: make_plan(),
    "monitoringevent": lambda: make_monitoring_event(),
    "partner": lambda: Partner.objects.create(name="The council"),
}


@pytest.mark.parametrize("model", RECORDS)
@pytest.mark.parametrize(
    ("role", "can_change"),
    [(roles.DATA_OFFICER, False), (roles.PARTNER_VIEWER, False), (roles.APPROVER, True)],
)
def test_only_an_approver_changes_the_story_and_every_staff_role_sees_it(
    client, model, role, can_change
):
    record = RECORDS[model]()
    client.force_login(make_user(role))
    change = reverse(f"admin:plan_{model}_change", args=[record.pk])
    history = reverse(f"admin:plan_{model}_history", args=[record.pk])
    add = reverse(f"admin:plan_{model}_add")
    assert client.get(change).status_code == 200
    assert client.get(history).status_code == 200
    assert (client.get(add).status_code == 200) is can_change
    page = client.get(change).content.decode()
    assert ('name="_save"' in page) is can_change


def test_the_public_and_non_staff_cannot_reach_them(client):
    plan = make_plan()
    url = reverse("admin:plan_plan_change", args=[plan.pk])
    assert client.get(url).status_code == 302
    client.force_login(make_user(staff=False))
    assert client.get(url).status_code == 302


def test_a_data_officer_cannot_post_a_change_to_a_plan(client):
    plan = make_plan(title="As approved")
    client.force_login(make_user(roles.DATA_OFFICER))
    response = client.post(
        reverse("admin:plan_plan_change", args=[plan.pk]),
        {"title": "Changed", "kind": "app", "slug": plan.slug, "status": "current"},
    )
    assert response.status_code == 403
    assert Plan.objects.get().title == "As approved"


def test_the_admin_says_an_outcome_does_not_fit_the_2016_framework(client):
    client.force_login(make_user(roles.APPROVER))
    response = client.post(
        reverse("admin:plan_inspection_add"),
        {
            "framework": "2016",
            "title": "Inspection",
            "kind": "inspection",
            "date": "2019-11-01",
            "bodies": "Ofsted and the CQC",
            "outcome": "widespread-failings",
            "judgements-TOTAL_FORMS": "0",
            "judgements-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "gives no overall outcome. Leave this blank." in response.content.decode()
    assert not Inspection.objects.exists()


def test_an_approver_adds_a_priority_action_owned_by_two_partners(client):
    inspection = make_inspection(framework="2023", outcome="widespread-failings")
    council = Partner.objects.create(name="The council")
    icb = Partner.objects.create(name="The ICB")
    client.force_login(make_user(roles.APPROVER))
    response = client.post(
        reverse("admin:plan_finding_add"),
        {
            "kind": "priority-action",
            "inspection": inspection.pk,
            "title": "Assess needs on time",
            "slug": "on-time",
            "short_title": "On time",
            "summary": "Plans were late.",
            "owners": [council.pk, icb.pk],
            "order": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    finding = Finding.objects.get(slug="on-time")
    assert set(finding.owners.values_list("name", flat=True)) == {"The council", "The ICB"}


def test_a_monitoring_event_in_the_admin_is_audited(client):
    client.force_login(make_user(roles.APPROVER))
    client.post(
        reverse("admin:plan_monitoringevent_add"),
        {
            "kind": "stocktake",
            "date": date(2025, 3, 1).isoformat(),
            "title": "Stocktake",
            "who": "the DfE and NHS England",
        },
    )
    event = MonitoringEvent.objects.get()
    assert event.history.get().history_user.groups.get().name == roles.APPROVER


def _options(html: str, name: str) -> list[str]:
    """The words of each option of the select named `name`."""
    import re

    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select named {name}"
    return [w.strip() for w in re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))]


def test_a_2023_inspection_is_offered_only_its_own_kinds_outcomes_and_judgements(client):
    inspection = make_inspection(framework="2023", outcome="widespread-failings")
    finding = make_finding(kind="priority-action", inspection=inspection)
    Judgement.objects.create(
        inspection=inspection, finding=finding, outcome="weakness", what_inspectors_found="Found."
    )
    client.force_login(make_user(roles.APPROVER))
    html = client.get(reverse("admin:plan_inspection_change", args=[inspection.pk])).content
    html = html.decode()
    assert _options(html, "kind")[1:] == ["Full inspection", "Monitoring inspection"]
    assert _options(html, "outcome")[1:] == [
        "Usually positive experiences and outcomes",
        "Inconsistent experiences and outcomes",
        "Widespread or systemic failings",
    ]
    assert _options(html, "judgements-0-outcome")[1:] == [
        "Named by inspectors",
        "Some progress, not yet enough",
        "Enough progress",
    ]
    assert "Local area SEND inspection" not in _options(html, "kind")
    judgement = Judgement.objects.get()
    html = client.get(reverse("admin:plan_judgement_change", args=[judgement.pk])).content
    assert "Sufficient progress" not in _options(html.decode(), "outcome")
    assert "Enough progress" in _options(html.decode(), "outcome")


def test_a_2016_finding_is_judged_in_the_2016_words(client):
    inspection = make_inspection(framework="2016")
    finding = make_finding(inspection=inspection)
    Judgement.objects.create(
        inspection=inspection, finding=finding, outcome="weakness", what_inspectors_found="Found."
    )
    client.force_login(make_user(roles.APPROVER))
    html = client.get(reverse("admin:plan_inspection_change", args=[inspection.pk])).content
    html = html.decode()
    assert _options(html, "kind")[1:] == ["Local area SEND inspection", "Revisit"]
    assert _options(html, "judgements-0-outcome")[1:] == [
        "Area of significant weakness",
        "Some progress, not yet sufficient",
        "Sufficient progress",
    ]


def test_a_new_inspection_offers_each_frameworks_kinds_under_its_name(client):
    client.force_login(make_user(roles.APPROVER))
    html = client.get(reverse("admin:plan_inspection_add")).content.decode()
    assert '<optgroup label="Area SEND inspection (2023 framework)">' in html
    assert '<optgroup label="Local area SEND inspection (2016 framework)">' in html
    asked = client.get(reverse("admin:plan_inspection_add") + "?framework=2016")
    assert _options(asked.content.decode(), "kind")[1:] == [
        "Local area SEND inspection",
        "Revisit",
    ]


def _inspection_post(**fields) -> dict:
    return {
        "framework": "2023",
        "title": "Inspection",
        "kind": "inspection",
        "date": "2024-07-01",
        "bodies": "Ofsted and the CQC",
        "publication": "draft",
        "judgements-TOTAL_FORMS": "0",
        "judgements-INITIAL_FORMS": "0",
    } | fields


def test_a_kind_of_another_framework_is_refused_on_the_field(client):
    client.force_login(make_user(roles.APPROVER))
    response = client.post(reverse("admin:plan_inspection_add"), _inspection_post(kind="revisit"))
    assert response.status_code == 200
    assert (
        "The Area SEND inspection (2023 framework) has these kinds of inspection: "
        "full inspection, monitoring inspection." in response.content.decode()
    )
    assert not Inspection.objects.exists()


def test_a_judgement_outcome_no_framework_has_is_refused_in_the_frameworks_words(client):
    inspection = make_inspection(framework="2023", outcome="widespread-failings")
    finding = make_finding(kind="priority-action", inspection=inspection)
    client.force_login(make_user(roles.APPROVER))
    response = client.post(
        reverse("admin:plan_inspection_change", args=[inspection.pk]),
        _inspection_post(
            outcome="widespread-failings",
            **{
                "judgements-TOTAL_FORMS": "1",
                "judgements-0-finding": finding.pk,
                "judgements-0-outcome": "bogus",
                "judgements-0-what_inspectors_found": "Found.",
            },
        ),
    )
    assert response.status_code == 200
    assert (
        "Under the Area SEND inspection (2023 framework) a judgement is one of: named by "
        "inspectors, some progress, not yet enough, enough progress." in response.content.decode()
    )
    assert not Judgement.objects.exists()


def test_a_2016_finding_kind_on_a_2023_inspection_is_refused_on_the_field(client):
    inspection = make_inspection(framework="2023", outcome="widespread-failings")
    client.force_login(make_user(roles.APPROVER))
    response = client.post(
        reverse("admin:plan_finding_add"),
        {
            "kind": "significant-weakness",
            "inspection": inspection.pk,
            "title": "Late plans",
            "slug": "late",
            "short_title": "Late",
            "summary": "Plans were late.",
            "order": 1,
        },
    )
    assert response.status_code == 200
    assert (
        "Under the Area SEND inspection (2023 framework), inspectors name: priority action, "
        "area for improvement." in response.content.decode()
    )
    assert not Finding.objects.exists()


def test_an_inspection_links_to_its_findings_pages_to_preview_them(client):
    inspection = make_inspection(framework="2023", outcome="widespread-failings")
    make_finding(kind="priority-action", inspection=inspection, slug="waits", short_title="Waits")
    client.force_login(make_user(roles.APPROVER))
    html = client.get(reverse("admin:plan_inspection_change", args=[inspection.pk])).content
    assert '<a href="/findings/waits/">Waits</a>' in html.decode()


def _finding_post(inspection, **fields) -> dict:
    return {
        "kind": "priority-action",
        "inspection": inspection.pk,
        "title": "Assess children's needs on time",
        "slug": "",
        "short_title": "Needs on time",
        "summary": "Plans were late.",
        "order": 1,
    } | fields


def test_a_finding_saved_with_a_blank_slug_gets_one_from_its_title(client):
    """Prepopulating the slug needs JavaScript; without it the slug is made on save."""
    inspection = make_inspection(framework="2023", outcome="widespread-failings")
    client.force_login(make_user(roles.APPROVER))
    add = reverse("admin:plan_finding_add")
    assert "Leave blank to make one from the short title" in client.get(add).content.decode()

    first = client.post(add, _finding_post(inspection))
    second = client.post(add, _finding_post(inspection, title="Another"))
    third = client.post(add, _finding_post(inspection, title="A third"))

    assert [first.status_code, second.status_code, third.status_code] == [302, 302, 302]
    assert list(Finding.objects.order_by("pk").values_list("slug", flat=True)) == [
        "needs-on-time",
        "needs-on-time-2",
        "needs-on-time-3",
    ]


def test_a_plan_saved_with_a_blank_slug_gets_one_from_its_title(client):
    make_plan(title="Other", slug="accelerated-progress-plan")
    client.force_login(make_user(roles.APPROVER))
    add = reverse("admin:plan_plan_add")
    assert "Leave blank to make one from the title" in client.get(add).content.decode()
    response = client.post(
        add,
        {"title": "Accelerated Progress Plan", "kind": "app", "slug": "", "status": "current"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Plan.objects.get(title="Accelerated Progress Plan").slug == (
        "accelerated-progress-plan-2"
    )
