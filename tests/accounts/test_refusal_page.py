"""The 403 page: in the site's look, saying what the person's role can do and where to go."""

import pytest
from django.urls import reverse

from sendprogress.accounts import roles
from tests.factories import make_figure, make_measure, make_user

pytestmark = pytest.mark.django_db


def test_a_partner_viewer_refused_the_import_page_is_told_what_their_role_can_do(client):
    client.force_login(make_user(roles.PARTNER_VIEWER, username="pat"))
    response = client.get(reverse("staff:import_figures"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "You cannot do this" in html
    assert "signed in as pat, with the role Partner viewer" in html
    assert "See the staff pages, figures, evidence and their history" in html
    assert "Import figures from a spreadsheet" not in html
    assert reverse("staff:home") in html
    assert 'class="govuk-template' in html  # the site's layout, not a bare "403 Forbidden"


def test_a_data_officer_is_told_they_can_enter_figures_but_not_approve(client):
    from datetime import date

    figure = make_figure(measure=make_measure(), period=date(2024, 3, 1), value=50)
    client.force_login(make_user(roles.DATA_OFFICER))
    response = client.get(reverse("staff:correct_figure", args=[figure.pk]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Enter figures" in html
    assert "Correct approved figures" not in html


def test_the_refusal_says_why_when_the_code_gives_a_reason(client):
    from sendprogress.plan.models import Action

    action = Action.objects.create(plan=make_measure().plan, title="A panel", owner_role="Lead")
    version = action.history.get()
    client.force_login(make_user(roles.APPROVER))
    url = reverse("admin:plan_action_simple_history", args=[action.pk, version.history_id])
    response = client.post(url, {"title": "Changed"})
    assert response.status_code == 403
    assert "Old versions can be read here but not restored" in response.content.decode()


def test_someone_without_a_staff_account_is_sent_to_the_public_pages(client):
    client.force_login(make_user(staff=False, username="visitor"))
    response = client.get(reverse("staff:data_due"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "visitor, which is not a staff account" in html
    assert reverse("plan:home") in html


@pytest.mark.parametrize(
    ("role", "sees_import"),
    [(roles.DATA_OFFICER, True), (roles.APPROVER, True), (roles.PARTNER_VIEWER, False)],
)
def test_the_staff_menu_shows_only_what_the_role_can_use(client, role, sees_import):
    client.force_login(make_user(role))
    html = client.get(reverse("staff:data_due")).content.decode()
    assert (f'href="{reverse("staff:import_figures")}"' in html) is sees_import


def test_a_member_of_staff_with_no_role_sees_nothing_internal(client, settings, tmp_path):
    from datetime import date

    from django.core.files.base import ContentFile

    from sendprogress.plan.models import Evidence

    settings.MEDIA_ROOT = tmp_path
    evidence = Evidence(title="Internal", date=date(2024, 3, 1))
    evidence.file.save("x.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    evidence.save()
    client.force_login(make_user(None, username="norole"))
    response = client.get(reverse("staff:data_due"))
    assert response.status_code == 403
    assert "Your account has no staff role yet" in response.content.decode()
    assert client.get(reverse("plan:evidence_download", args=[evidence.pk])).status_code == 404
