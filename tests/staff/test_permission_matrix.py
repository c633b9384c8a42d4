"""Every role against every staff action, done for real through the pages.

Outcomes: "ok" (done), "login" (sent to sign in), "refused" (403: signed in
but not allowed), "hidden" (404: as if it did not exist).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from sendprogress.accounts import roles
from sendprogress.plan import periods
from sendprogress.plan.models import Evidence, Figure
from sendprogress.reports.models import ProgressReport
from tests.factories import make_figure, make_measure, make_user

pytestmark = pytest.mark.django_db
Status = Figure.Status
DUE = periods.due_period("monthly", date.today())
ROLES = ["anonymous", "not staff", roles.DATA_OFFICER, roles.APPROVER, roles.PARTNER_VIEWER]

EXPECTED = {
    #                      anonymous  not staff  officer    approver   partner
    "see data due": ("login", "refused", "ok", "ok", "ok"),
    "enter a draft": ("login", "refused", "ok", "ok", "refused"),
    "submit a figure": ("login", "refused", "ok", "ok", "refused"),
    "approve a figure": ("login", "refused", "refused", "ok", "refused"),
    "return a figure": ("login", "refused", "refused", "ok", "refused"),
    "correct an approved figure": ("login", "refused", "refused", "ok", "refused"),
    "open the import page": ("login", "refused", "ok", "ok", "refused"),
    "open the comparator import": ("login", "refused", "refused", "ok", "refused"),
    "add comparators in the admin": ("login", "login", "refused", "ok", "refused"),
    "start a progress report": ("login", "refused", "ok", "ok", "refused"),
    "publish a progress report": ("login", "refused", "refused", "ok", "refused"),
    "download internal evidence": ("hidden", "hidden", "ok", "ok", "ok"),
    "add a figure in the admin": ("login", "login", "ok", "ok", "refused"),
    "publish an update": ("no", "no", "no", "ok", "no"),
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
    return {
        "measure": measure,
        "submitted": submitted,
        "approved": approved,
        "evidence": evidence,
        "report": report,
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
        case "return a figure":
            reason = {f"decide-{submitted.pk}-return_reason": "Check it."}
            return client.post(review, decision | reason | {"action": "return"})
        case "correct an approved figure":
            return client.post(
                reverse("staff:correct_figure", args=[approved.pk]),
                {
                    "value": "51",
                    "commentary": "Recounted.",
                    "correction_reason": "A late return.",
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
        case "download internal evidence":
            return client.get(reverse("plan:evidence_download", args=[world["evidence"].pk]))
        case "add a figure in the admin":
            return client.get(reverse("admin:plan_figure_add"))
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
        "return a figure": submitted.status == Status.RETURNED,
        "correct an approved figure": approved.value == Decimal("51"),
        "start a progress report": ProgressReport.objects.filter(as_at=date(2024, 2, 29)).exists(),
        "publish a progress report": ProgressReport.objects.published().exists(),
    }.get(action, True)


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role, action):
    expected = EXPECTED[action][ROLES.index(role)]
    if role == "not staff":
        user = make_user(staff=False)
        client.force_login(user)
    elif role != "anonymous":
        user = make_user(role)
        client.force_login(user)
    else:
        user = None

    if action == "publish an update":
        allowed = user is not None and user.is_staff and user.has_perm("updates.publish_post")
        assert ("ok" if allowed else "no") == expected
        return

    response = attempt(client, action, world)
    assert outcome(response) == expected
    if action in {
        "see data due",
        "open the import page",
        "open the comparator import",
        "add comparators in the admin",
        "download internal evidence",
        "add a figure in the admin",
    }:
        return
    assert effect_happened(action, world) is (expected == "ok")
