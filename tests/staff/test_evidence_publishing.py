"""Publishing evidence, by every role and through every route that changes it.

Publishing is anything that changes what the public see: marking evidence
public, making it public by unhooking it from what held it back (a figure not
yet approved, a hidden measure), and any change to evidence already public
(its title, link or what it backs). Only an approver publishes
(services.publishes_evidence). Taking evidence down publishes nothing.

Routes: the admin's change form and the service every screen calls. The
history page restores nothing (tests/staff/test_permission_matrix.py), the
figure import writes no evidence, and the staff pages add evidence only with a
figure (the last table here).
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendprogress.accounts import roles
from sendprogress.plan.measures import periods, services
from sendprogress.plan.models import Evidence, Figure
from tests.factories import make_figure, make_measure, make_user

pytestmark = pytest.mark.django_db
Status = Figure.Status
ROLES = [roles.DATA_OFFICER, roles.APPROVER, roles.PARTNER_VIEWER]
ROUTES = ["admin change form", "service"]

EXPECTED = {
    #                                                  officer    approver   partner
    "unhook held-back evidence from its figure": ("refused", "ok", "refused"),
    "unhook held-back evidence from its hidden measure": ("refused", "ok", "refused"),
    "move held-back evidence to an approved figure": ("refused", "ok", "refused"),
    "retitle public evidence": ("refused", "ok", "refused"),
    "relink public evidence": ("refused", "ok", "refused"),
    "describe public evidence anew": ("refused", "ok", "refused"),
    "hang public evidence on another measure": ("refused", "ok", "refused"),
    "retitle held-back evidence": ("ok", "ok", "refused"),
    "retitle internal evidence": ("ok", "ok", "refused"),
    "take public evidence down by hiding what it backs": ("ok", "ok", "refused"),
}

# Which evidence each attempt changes, and how.
ATTEMPTS = {
    "unhook held-back evidence from its figure": ("held_by_figure", {"figure": None}),
    "unhook held-back evidence from its hidden measure": ("held_by_measure", {"measure": None}),
    "move held-back evidence to an approved figure": ("held_by_figure", {"figure": "approved"}),
    "retitle public evidence": ("public", {"title": "A new title"}),
    "relink public evidence": ("public", {"url": "https://example.org/elsewhere"}),
    "describe public evidence anew": ("public", {"description": "Said differently."}),
    "hang public evidence on another measure": ("public", {"measure": "other_measure"}),
    "retitle held-back evidence": ("held_by_figure", {"title": "A new title"}),
    "retitle internal evidence": ("internal", {"title": "A new title"}),
    "take public evidence down by hiding what it backs": (
        "public",
        {"measure": "hidden_measure"},
    ),
}


@pytest.fixture
def world():
    measure = make_measure()
    other_measure = make_measure()
    hidden_measure = make_measure(is_public=False)
    submitted = make_figure(
        measure=measure, period=date(2024, 3, 1), value=55, status=Status.SUBMITTED
    )
    approved = make_figure(measure=measure, period=date(2024, 2, 1), value=50)

    def evidence(title, **fields):
        return Evidence.objects.create(
            title=title, date=date(2024, 3, 1), url=f"https://example.org/{title}", **fields
        )

    things = {
        "measure": measure,
        "other_measure": other_measure,
        "hidden_measure": hidden_measure,
        "approved": approved,
        # Marked public by an approver, held back until its figure is approved.
        "held_by_figure": evidence("held1", is_public=True, measure=measure, figure=submitted),
        # Marked public, held back while its measure is hidden.
        "held_by_measure": evidence("held2", is_public=True, measure=hidden_measure),
        "public": evidence("public", is_public=True, measure=measure),
        "internal": evidence("internal", measure=measure),
    }
    assert set(Evidence.objects.public().values_list("title", flat=True)) == {"public"}
    return things


def _changes(world, changes: dict) -> dict:
    """The attempt's changes as values: a name in `world` stands for that record."""
    return {
        field: world[value] if isinstance(value, str) and value in world else value
        for field, value in changes.items()
    }


def _admin_form(evidence: Evidence) -> dict:
    """The change form as the admin shows it for this evidence, ready to post."""
    data = {
        "title": evidence.title,
        "date": evidence.date.isoformat(),
        "description": evidence.description,
        "url": evidence.url,
        "finding": evidence.finding_id or "",
        "action": evidence.action_id or "",
        "measure": evidence.measure_id or "",
        "figure": evidence.figure_id or "",
    }
    if evidence.is_public:
        data["is_public"] = "on"
    return data


def attempt(client, user, route, action, world) -> str:
    name, changes = ATTEMPTS[action]
    evidence = world[name]
    changes = _changes(world, changes)
    if route == "service":
        target = Evidence.objects.get(pk=evidence.pk)
        for field, value in changes.items():
            setattr(target, field, value)
        try:
            services.save_evidence(evidence=target, by=user, new_file=False)
        except (ValidationError, PermissionDenied):
            return "refused"
        return "ok"
    client.force_login(user)
    data = _admin_form(evidence)
    for field, value in changes.items():
        data[field] = getattr(value, "pk", value) or ""
    response = client.post(reverse("admin:plan_evidence_change", args=[evidence.pk]), data)
    if response.status_code == 302:
        return "ok"
    if response.status_code == 403:
        return "refused"
    assert response.status_code == 200
    assert "Only an approver can make evidence public" in response.content.decode()
    return "refused"


def _seen_by_public(evidence: Evidence) -> tuple:
    current = Evidence.objects.get(pk=evidence.pk)
    public = Evidence.objects.public().filter(pk=evidence.pk).exists()
    return (public, current.title, current.url, current.description, current.measure_id)


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", ROUTES)
def test_evidence_publishing_matrix(client, world, route, role, action):
    expected = EXPECTED[action][ROLES.index(role)]
    evidence = world[ATTEMPTS[action][0]]
    before = Evidence.objects.get(pk=evidence.pk)
    stored_before = (before.title, before.url, before.description, before.figure_id)

    assert attempt(client, make_user(role), route, action, world) == expected

    after = Evidence.objects.get(pk=evidence.pk)
    changed = (after.title, after.url, after.description, after.figure_id) != stored_before
    changed = changed or after.measure_id != before.measure_id
    assert changed is (expected == "ok")


def test_an_officers_refused_change_leaves_held_back_evidence_out_of_public_view(client, world):
    officer = make_user(roles.DATA_OFFICER)
    for action in (
        "unhook held-back evidence from its figure",
        "unhook held-back evidence from its hidden measure",
        "move held-back evidence to an approved figure",
    ):
        attempt(client, officer, "admin change form", action, world)
    public = set(Evidence.objects.public().values_list("title", flat=True))
    assert public == {"public"}


def test_an_officer_changes_internal_evidence_without_it_going_public(client, world):
    attempt(
        client,
        make_user(roles.DATA_OFFICER),
        "admin change form",
        "retitle internal evidence",
        world,
    )
    internal = Evidence.objects.get(pk=world["internal"].pk)
    assert internal.title == "A new title"
    assert not Evidence.objects.public().filter(pk=internal.pk).exists()


# The staff pages add evidence with a figure, on the figure form.
DUE = periods.due_period("monthly", date.today())
STAFF_PAGE_EXPECTED = {
    #                                   officer    approver
    "attach internal evidence": ("ok", "ok"),
    # An officer's "public" is saved as internal, waiting for an approver.
    "attach evidence marked public": ("internal", "public"),
}


@pytest.mark.parametrize("action", list(STAFF_PAGE_EXPECTED))
@pytest.mark.parametrize("role", [roles.DATA_OFFICER, roles.APPROVER])
def test_evidence_on_the_figure_form(client, settings, tmp_path, role, action):
    settings.MEDIA_ROOT = tmp_path
    expected = STAFF_PAGE_EXPECTED[action][[roles.DATA_OFFICER, roles.APPROVER].index(role)]
    measure = make_measure()
    client.force_login(make_user(role))
    prefix = measure.code
    data = {
        f"{prefix}-period": DUE.isoformat(),
        f"{prefix}-value": "60",
        f"{prefix}-commentary": "Better.",
        f"{prefix}-version": "0",
        f"{prefix}-evidence_file": SimpleUploadedFile("report.pdf", b"%PDF-1.7\n"),
        f"{prefix}-evidence_title": "The panel's report",
        f"{prefix}-no_personal_data": "on",
        "action": "save",
    }
    public = action == "attach evidence marked public"
    data[f"{prefix}-evidence_public"] = "public" if public else "internal"
    client.post(reverse("staff:enter_figure", args=[measure.code]), data)
    saved = Evidence.objects.get(title="The panel's report")
    if expected == "ok":
        assert saved.is_public is False
    else:
        assert saved.is_public is (expected == "public")


def _figure_with_file(measure, **fields) -> dict:
    prefix = measure.code
    data = {
        "period": DUE.isoformat(),
        "value": "60",
        "commentary": "Better.",
        "version": "0",
        "evidence_file": SimpleUploadedFile("report.pdf", b"%PDF-1.7\n"),
        "evidence_title": "The panel's report",
        "no_personal_data": "on",
    } | fields
    return {f"{prefix}-{k}": v for k, v in data.items()} | {"action": "save"}


@pytest.mark.parametrize("role", [roles.DATA_OFFICER, roles.APPROVER])
def test_evidence_is_never_made_internal_without_asking(client, settings, tmp_path, role):
    settings.MEDIA_ROOT = tmp_path
    measure = make_measure()
    client.force_login(make_user(role))
    url = reverse("staff:enter_figure", args=[measure.code])
    page = client.get(url).content.decode()
    assert "Who can see this evidence?" in page
    assert 'value="public"' in page
    assert 'value="internal"' in page
    assert "checked" not in page.split("Who can see this evidence?")[1].split("</fieldset>")[0]

    response = client.post(url, _figure_with_file(measure))
    assert response.status_code == 400
    assert "Choose whether the evidence is public or internal." in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_figure_without_a_file_needs_no_choice(client):
    measure = make_measure()
    client.force_login(make_user(roles.DATA_OFFICER))
    data = _figure_with_file(measure, evidence_file="", evidence_title="", no_personal_data="")
    response = client.post(reverse("staff:enter_figure", args=[measure.code]), data)
    assert response.status_code == 302


def test_an_officer_is_told_public_evidence_waits_for_an_approver(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    measure = make_measure()
    client.force_login(make_user(roles.DATA_OFFICER))
    url = reverse("staff:enter_figure", args=[measure.code])
    assert "waits for an approver to publish it" in client.get(url).content.decode()
    response = client.post(url, _figure_with_file(measure, evidence_public="public"), follow=True)
    assert "Its evidence is internal until an approver publishes it." in response.content.decode()
    assert Evidence.objects.get().is_public is False


def test_an_approver_is_not_told_to_wait(client):
    measure = make_measure()
    client.force_login(make_user(roles.APPROVER))
    page = client.get(reverse("staff:enter_figure", args=[measure.code])).content.decode()
    assert "waits for an approver" not in page


# Deleting what evidence backs (only an administrator can) takes the evidence
# down rather than leaving it public and hanging on nothing.
@pytest.mark.parametrize(
    ("held", "deleted"),
    [("held_by_figure", "figure"), ("held_by_measure", "measure")],
)
def test_deleting_what_held_evidence_back_takes_it_down(client, world, held, deleted):
    evidence = world[held]
    doomed = getattr(evidence, deleted)
    client.force_login(make_user(None, is_superuser=True))
    url = reverse(f"admin:plan_{deleted}_delete", args=[doomed.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    evidence.refresh_from_db()
    assert getattr(evidence, f"{deleted}_id") is None
    assert evidence.is_public is False
    assert not Evidence.objects.public().filter(pk=evidence.pk).exists()
