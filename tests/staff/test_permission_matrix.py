"""Every role against every staff action, done for real through the pages.

Outcomes: "ok" (done), "login" (sent to sign in), "refused" (403: signed in
but not allowed), "hidden" (404: as if it did not exist).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sendprogress.accounts import roles
from sendprogress.engagement.models import SearchSynonym
from sendprogress.plan.measures import periods
from sendprogress.plan.models import Evidence, Figure
from sendprogress.reports.models import ProgressReport
from sendprogress.updates.models import Post, PostImage
from tests.factories import (
    make_figure,
    make_measure,
    make_post,
    make_post_image,
    make_user,
    picture_bytes,
)

pytestmark = pytest.mark.django_db
Status = Figure.Status
DUE = periods.due_period("monthly", date.today())
ROLES = ["anonymous", "not staff", roles.DATA_OFFICER, roles.APPROVER, roles.PARTNER_VIEWER]

EXPECTED = {
    #                      anonymous  not staff  officer    approver   partner
    "see the staff home": ("login", "refused", "ok", "ok", "ok"),
    "turn off figure emails": ("login", "refused", "ok", "ok", "ok"),
    "see data due": ("login", "refused", "ok", "ok", "ok"),
    "enter a draft": ("login", "refused", "ok", "ok", "refused"),
    "submit a figure": ("login", "refused", "ok", "ok", "refused"),
    "approve a figure": ("login", "refused", "refused", "ok", "refused"),
    "return a figure": ("login", "refused", "refused", "ok", "refused"),
    "approve figures in bulk": ("login", "refused", "refused", "ok", "refused"),
    "comment on a figure": ("login", "refused", "ok", "ok", "refused"),
    "correct an approved figure": ("login", "refused", "refused", "ok", "refused"),
    "open the import page": ("login", "refused", "ok", "ok", "refused"),
    "open the comparator import": ("login", "refused", "refused", "ok", "refused"),
    "add comparators in the admin": ("login", "login", "refused", "ok", "refused"),
    "start a progress report": ("login", "refused", "ok", "ok", "refused"),
    "publish a progress report": ("login", "refused", "refused", "ok", "refused"),
    "ask to withdraw a progress report": ("login", "refused", "refused", "ok", "refused"),
    "confirm withdrawing a progress report": ("login", "refused", "refused", "ok", "refused"),
    "cancel withdrawing a progress report": ("login", "refused", "refused", "ok", "refused"),
    "download internal evidence": ("hidden", "hidden", "ok", "ok", "ok"),
    "add a figure in the admin": ("login", "login", "ok", "ok", "refused"),
    "draft an update on the staff pages": ("login", "refused", "refused", "ok", "refused"),
    "publish an update": ("login", "login", "refused", "ok", "refused"),
    "add an image to an update": ("login", "refused", "refused", "ok", "refused"),
    "remove an image from an update": ("login", "refused", "refused", "ok", "refused"),
    "add a search synonym in the admin": ("login", "login", "refused", "ok", "refused"),
    "change a search synonym in the admin": ("login", "login", "refused", "ok", "refused"),
    "remove a search synonym in the admin": ("login", "login", "refused", "ok", "refused"),
}


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    measure = make_measure()
    officer = make_user(roles.DATA_OFFICER)
    submitted = make_figure(
        measure=measure,
        period=date(2024, 3, 1),
        value=55,
        status=Status.SUBMITTED,
        submitted_by=officer,
    )
    approved = make_figure(measure=measure, period=date(2024, 2, 1), value=50)
    evidence = Evidence(title="Internal", date=date(2024, 3, 1), is_public=False)
    evidence.file.save("x.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    evidence.save()
    report = ProgressReport.objects.create(as_at=date(2024, 1, 31))
    # Published reports (after the draft, so not its "previous"): one to ask about, and one
    # whose withdrawal another approver asked for.
    published = ProgressReport.objects.create(
        as_at=date(2024, 3, 31), status=ProgressReport.Status.PUBLISHED, content={}
    )
    asked = ProgressReport.objects.create(
        as_at=date(2024, 4, 30),
        status=ProgressReport.Status.PUBLISHED,
        content={},
        withdrawal_reason="it was wrong.",
        withdrawal_requested_by=make_user(roles.APPROVER),
        withdrawal_requested_at=timezone.now(),
    )
    draft = make_post(status=Post.Status.DRAFT, title="Draft with a picture")
    return {
        "synonym": SearchSynonym.objects.create(term="SALT", also_means="speech therapy"),
        "unwanted_synonym": SearchSynonym.objects.create(term="OT", also_means="overtime"),
        "draft": draft,
        "image": make_post_image(draft),
        "measure": measure,
        "submitted": submitted,
        "approved": approved,
        "evidence": evidence,
        "report": report,
        "published_report": published,
        "asked_report": asked,
    }


def figure_post(measure, action):
    prefix = measure.code
    return {
        f"{prefix}-period": DUE.isoformat(),
        f"{prefix}-value": "60",
        f"{prefix}-commentary": "Better.",
        f"{prefix}-version": "0",
        "action": action,
    }


def attempt(client, action, world):
    measure, submitted, approved = world["measure"], world["submitted"], world["approved"]
    review = reverse("staff:review_figure", args=[submitted.pk])
    decision = {f"decide-{submitted.pk}-version": submitted.version}
    match action:
        case "see the staff home":
            return client.get(reverse("staff:home"))
        case "turn off figure emails":
            return client.post(reverse("staff:notifications"), {})
        case "see data due":
            return client.get(reverse("staff:data_due"))
        case "enter a draft":
            return client.post(
                reverse("staff:enter_figure", args=[measure.code]), figure_post(measure, "save")
            )
        case "submit a figure":
            return client.post(
                reverse("staff:enter_figure", args=[measure.code]), figure_post(measure, "submit")
            )
        case "approve a figure":
            return client.post(review, decision | {"action": "approve"})
        case "approve figures in bulk":
            tick = f"{submitted.pk}:{submitted.version}"
            return client.post(reverse("staff:confirm_approvals"), {"figure": [tick]})
        case "return a figure":
            reason = {f"decide-{submitted.pk}-return_reason": "Check it."}
            return client.post(review, decision | reason | {"action": "return"})
        case "comment on a figure":
            return client.post(
                reverse("staff:comment_on_figure", args=[submitted.pk]), {"text": "A question."}
            )
        case "correct an approved figure":
            return client.post(
                reverse("staff:correct_figure", args=[approved.pk]),
                {
                    "value": "51",
                    "commentary": "Recounted.",
                    "correction_reason": "A late return.",
                    "commentary_reviewed": "on",
                    "version": approved.version,
                },
            )
        case "open the import page":
            return client.get(reverse("staff:import_figures"))
        case "open the comparator import":
            return client.get(reverse("staff:import_comparators"))
        case "add comparators in the admin":
            return client.get(reverse("admin:plan_comparatorseries_add"))
        case "start a progress report":
            return client.post(reverse("staff_reports:list"), {"as_at": "2024-02-29"})
        case "publish a progress report":
            return client.post(reverse("staff_reports:publish", args=[world["report"].pk]))
        case "ask to withdraw a progress report":
            return client.post(
                reverse("staff_reports:withdraw", args=[world["published_report"].pk]),
                {"step": "request", "reason": "It showed a draft plan's action."},
            )
        case "confirm withdrawing a progress report":
            return client.post(
                reverse("staff_reports:withdraw", args=[world["asked_report"].pk]),
                {"step": "confirm"},
            )
        case "cancel withdrawing a progress report":
            return client.post(
                reverse("staff_reports:withdraw", args=[world["asked_report"].pk]),
                {"step": "cancel"},
            )
        case "download internal evidence":
            return client.get(reverse("plan:evidence_download", args=[world["evidence"].pk]))
        case "add a figure in the admin":
            return client.get(reverse("admin:plan_figure_add"))
        case "draft an update on the staff pages":
            return client.post(
                reverse("staff:new_post"),
                {
                    "title": "Staff page update",
                    "slug": "staff-page-update",
                    "summary": "A summary.",
                    "body": "The body.",
                    "author_name": "Alex Morgan",
                    "author_role": "Assistant Director of SEND",
                    "when": "draft",
                    "action": "save",
                },
            )
        case "publish an update":
            return client.post(
                reverse("admin:updates_post_add"),
                {
                    "title": "Matrix update",
                    "slug": "matrix-update",
                    "summary": "A summary.",
                    "body": "The body.",
                    "author_name": "Alex Morgan",
                    "author_role": "Assistant Director of SEND",
                    "status": "published",
                    "_save": "Save",
                },
            )
        case "add an image to an update":
            return client.post(
                reverse("staff:add_post_image", args=[world["draft"].pk]),
                {
                    "image-file": SimpleUploadedFile("map.png", picture_bytes()),
                    "image-alt_text": "A map of the family hubs",
                },
            )
        case "remove an image from an update":
            return client.post(
                reverse("staff:remove_post_image", args=[world["draft"].pk, world["image"].pk])
            )
        case "add a search synonym in the admin":
            return client.post(
                reverse("admin:engagement_searchsynonym_add"),
                {"term": "PDA", "also_means": "pathological demand avoidance", "both_ways": "on"},
            )
        case "change a search synonym in the admin":
            return client.post(
                reverse("admin:engagement_searchsynonym_change", args=[world["synonym"].pk]),
                {"term": "SALT", "also_means": "speech and language therapy"},
            )
        case "remove a search synonym in the admin":
            return client.post(
                reverse(
                    "admin:engagement_searchsynonym_delete", args=[world["unwanted_synonym"].pk]
                ),
                {"post": "yes"},
            )
    raise AssertionError(action)


def outcome(response) -> str:
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "login"
    if response.status_code in (200, 302):
        return "ok"
    return {403: "refused", 404: "hidden"}[response.status_code]


def effect_happened(action, world) -> bool:
    submitted, approved = world["submitted"], world["approved"]
    submitted.refresh_from_db()
    approved.refresh_from_db()
    entered = Figure.objects.filter(measure=world["measure"], period=DUE).first()
    return {
        "enter a draft": entered is not None and entered.status == Status.DRAFT,
        "submit a figure": entered is not None and entered.status == Status.SUBMITTED,
        "approve a figure": submitted.status == Status.APPROVED,
        "approve figures in bulk": submitted.status == Status.APPROVED,
        "return a figure": submitted.status == Status.RETURNED,
        "correct an approved figure": approved.value == Decimal("51"),
        "comment on a figure": submitted.comments.exists(),
        "draft an update on the staff pages": Post.objects.filter(
            slug="staff-page-update"
        ).exists(),
        "publish an update": Post.objects.published().filter(slug="matrix-update").exists(),
        "add an image to an update": PostImage.objects.filter(
            alt_text="A map of the family hubs"
        ).exists(),
        "remove an image from an update": not PostImage.objects.filter(
            pk=world["image"].pk
        ).exists(),
        "start a progress report": ProgressReport.objects.filter(as_at=date(2024, 2, 29)).exists(),
        "publish a progress report": ProgressReport.objects.filter(
            pk=world["report"].pk, status=ProgressReport.Status.PUBLISHED
        ).exists(),
        "ask to withdraw a progress report": ProgressReport.objects.filter(
            pk=world["published_report"].pk, withdrawal_requested_at__isnull=False
        ).exists(),
        "confirm withdrawing a progress report": ProgressReport.objects.filter(
            pk=world["asked_report"].pk, status=ProgressReport.Status.WITHDRAWN
        ).exists(),
        "cancel withdrawing a progress report": ProgressReport.objects.filter(
            pk=world["asked_report"].pk, withdrawal_requested_at__isnull=True
        ).exists(),
        "add a search synonym in the admin": SearchSynonym.objects.filter(term="PDA").exists(),
        "change a search synonym in the admin": SearchSynonym.objects.filter(
            term="SALT", also_means="speech and language therapy", both_ways=False
        ).exists(),
        "remove a search synonym in the admin": not SearchSynonym.objects.filter(
            term="OT"
        ).exists(),
    }.get(action, True)


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role, action):
    expected = EXPECTED[action][ROLES.index(role)]
    if role == "not staff":
        client.force_login(make_user(staff=False))
    elif role != "anonymous":
        client.force_login(make_user(role))

    response = attempt(client, action, world)
    assert outcome(response) == expected
    if action in {
        "turn off figure emails",  # each person's own setting: tested in tests/staff/test_home
        "see the staff home",
        "see data due",
        "open the import page",
        "open the comparator import",
        "add comparators in the admin",
        "download internal evidence",
        "add a figure in the admin",
    }:
        return
    assert effect_happened(action, world) is (expected == "ok")


# History: every role may look at old versions it can see, and nobody restores
# one through the history page (a "revert" would skip the workflow, the
# publishing rule and the approver-only rule for public evidence). Changes go
# through the change form, which applies them.
HISTORY_MODELS = [
    "plan.Inspection",
    "plan.Finding",
    "plan.Judgement",
    "plan.Plan",
    "plan.MonitoringEvent",
    "plan.Measure",
    "plan.Figure",
    "plan.Action",
    "plan.Evidence",
    "updates.Post",
    "engagement.YouSaidWeDid",
]
HISTORY_EXPECTED = {
    #                            anonymous  not staff  officer    approver   partner
    "see an old version": ("login", "login", "ok", "ok", "ok"),
    "revert to an old version": ("login", "login", "refused", "refused", "refused"),
}
# The field each revert attempt changes, and the value it tries to give it.
REVERT_CHANGES = {
    "plan.Inspection": ("title", ["Rewritten through the history page."]),
    "plan.Finding": ("title", ["Rewritten through the history page."]),
    "plan.Judgement": ("what_inspectors_found", ["Rewritten through the history page."]),
    "plan.Plan": ("title", ["Rewritten through the history page."]),
    "plan.MonitoringEvent": ("title", ["Rewritten through the history page."]),
    "plan.Measure": ("is_public", ["on"]),
    "plan.Figure": ("commentary", ["Rewritten through the history page."]),
    "plan.Action": ("title", ["Rewritten through the history page."]),
    "plan.Evidence": ("is_public", ["on"]),
    "updates.Post": ("title", ["Rewritten through the history page."]),
    "engagement.YouSaidWeDid": ("we_did", ["Rewritten through the history page."]),
}


@pytest.fixture
def tracked(world):
    """One object of each history-tracked model, as it is before any attempt."""
    from sendprogress.plan.models import Action
    from tests.engagement.factories import make_entry
    from tests.factories import (
        make_finding,
        make_inspection,
        make_judgement,
        make_monitoring_event,
        make_plan,
        make_post,
    )

    measure = make_measure(is_public=False)
    draft = make_figure(
        measure=measure,
        period=date(2024, 4, 1),
        value=40,
        status=Status.DRAFT,
        commentary="First.",
    )
    action = Action.objects.create(plan=measure.plan, title="Start a panel", owner_role="Lead")
    inspection = make_inspection()
    finding = make_finding(inspection=inspection)
    return {
        "plan.Inspection": inspection,
        "plan.Finding": finding,
        "plan.Judgement": make_judgement(finding=finding, inspection=inspection),
        "plan.Plan": make_plan(findings=[finding]),
        "plan.MonitoringEvent": make_monitoring_event(findings=[finding]),
        "plan.Measure": measure,
        "plan.Figure": draft,
        "plan.Action": action,
        "plan.Evidence": world["evidence"],
        "updates.Post": make_post(title="As published"),
        "engagement.YouSaidWeDid": make_entry(we_did="As published."),
    }


def _history_url(obj):
    opts = obj._meta
    version = obj.history.order_by("history_id").first()
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[obj.pk, version.history_id],
    )


def _revert_post(obj, url) -> dict:
    """The history page's form as a browser would send it, with one field changed."""
    from django.test import Client

    from tests.hostile.forms_html import as_submitted, read_form

    reader = Client()
    reader.force_login(make_user(None, is_superuser=True))
    page = reader.get(url)
    assert page.status_code == 200, url
    fields = read_form(page.content.decode(), f"historical{obj._meta.model_name}_form")
    assert fields, f"no form at {url}"
    data = as_submitted(fields)
    name, value = REVERT_CHANGES[obj._meta.label]
    data[name] = value
    data["_save"] = "Revert"
    return data


def _state(obj) -> dict:
    """Every stored field of the object, to see whether anything changed."""
    from django.forms.models import model_to_dict

    return model_to_dict(type(obj).objects.get(pk=obj.pk))


@pytest.mark.parametrize("action", list(HISTORY_EXPECTED))
@pytest.mark.parametrize("label", HISTORY_MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_history_matrix(client, tracked, role, label, action):
    expected = HISTORY_EXPECTED[action][ROLES.index(role)]
    obj = tracked[label]
    url = _history_url(obj)
    data = _revert_post(obj, url) if action == "revert to an old version" else None
    if role == "not staff":
        client.force_login(make_user(staff=False))
    elif role != "anonymous":
        client.force_login(make_user(role))

    before = _state(obj)
    response = client.post(url, data) if data is not None else client.get(url)
    assert outcome(response) == expected
    assert _state(obj) == before


def test_every_history_tracked_model_is_in_the_history_matrix():
    from django.apps import apps
    from django.contrib import admin

    from sendprogress.history_admin import HistoryAdmin

    tracked_models = {
        m._meta.label
        for m in apps.get_models()
        if hasattr(m, "history") and m in admin.site._registry
    }
    assert tracked_models == set(HISTORY_MODELS)
    for label in HISTORY_MODELS:
        assert isinstance(admin.site._registry[apps.get_model(label)], HistoryAdmin), label
