"""The admin keeps to the workflow, refuses lost updates and shows the audit trail."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sendprogress.accounts import roles
from sendprogress.plan.measures import services
from sendprogress.plan.models import Action, Evidence, Figure, Measure
from tests.factories import make_figure, make_finding, make_measure, make_post, make_user

pytestmark = pytest.mark.django_db
Status = Figure.Status


def change_url(m):
    return reverse("admin:plan_figure_change", args=[m.pk])


def form_data(m, **fields):
    return {
        "measure": m.measure_id,
        "period": m.period.isoformat(),
        "value": str(m.value),
        "numerator": "",
        "denominator": "",
        "commentary": m.commentary or "ok",
        "version_seen": m.version,
    } | fields


def test_a_figure_added_in_the_admin_is_a_draft_even_if_status_is_posted(client, data_officer):
    measure = make_measure()
    client.force_login(data_officer)
    data = {
        "measure": measure.pk,
        "period": "2024-03-01",
        "value": "55",
        "commentary": "ok",
        "version_seen": 0,
        "status": "approved",
    }
    response = client.post(reverse("admin:plan_figure_add"), data)
    assert response.status_code == 302
    m = Figure.objects.get()
    assert (m.status, m.entered_by) == (Status.DRAFT, data_officer)


def test_the_admin_applies_the_figure_rules(client, data_officer):
    measure = make_measure()
    client.force_login(data_officer)
    data = {"measure": measure.pk, "period": "2024-03-15", "value": "55", "version_seen": 0}
    response = client.post(reverse("admin:plan_figure_add"), data)
    assert "first day of a month" in response.content.decode()
    assert not Figure.objects.exists()


def test_a_data_officer_cannot_approve_through_the_change_form(client, data_officer):
    m = make_figure(measure=make_measure(), period=date(2024, 3, 1), value=55, status=Status.DRAFT)
    client.force_login(data_officer)
    client.post(change_url(m), form_data(m, status="approved"))
    m.refresh_from_db()
    assert m.status == Status.DRAFT


def test_a_data_officer_cannot_approve_with_an_admin_action(client, data_officer):
    m = make_figure(
        measure=make_measure(), period=date(2024, 3, 1), value=55, status=Status.SUBMITTED
    )
    client.force_login(data_officer)
    client.post(
        reverse("admin:plan_figure_changelist"),
        {"action": "approve_selected", "_selected_action": [m.pk]},
    )
    m.refresh_from_db()
    assert m.status == Status.SUBMITTED


def test_an_approver_approves_with_the_admin_action(client):
    m = make_figure(
        measure=make_measure(), period=date(2024, 3, 1), value=55, status=Status.SUBMITTED
    )
    client.force_login(make_user(roles.APPROVER))
    client.post(
        reverse("admin:plan_figure_changelist"),
        {"action": "approve_selected", "_selected_action": [m.pk]},
    )
    m.refresh_from_db()
    assert m.status == Status.APPROVED


@pytest.mark.parametrize("role", [roles.DATA_OFFICER, roles.APPROVER])
def test_approved_figures_are_read_only_in_the_admin(client, role):
    m = make_figure(measure=make_measure(), period=date(2024, 3, 1), value=55)
    client.force_login(make_user(role))
    response = client.post(change_url(m), form_data(m, value="99"))
    assert response.status_code == 403
    m.refresh_from_db()
    assert m.value == Decimal("55")


def test_approved_figures_cannot_be_deleted_even_by_a_superuser(client):
    m = make_figure(measure=make_measure(), period=date(2024, 3, 1), value=55)
    client.force_login(make_user(is_superuser=True))
    client.post(reverse("admin:plan_figure_delete", args=[m.pk]), {"post": "yes"})
    assert Figure.objects.filter(pk=m.pk).exists()


def test_the_measure_page_lists_figures_read_only(client):
    measure = make_measure()
    make_figure(measure=measure, period=date(2024, 3, 1), value=55)
    client.force_login(make_user(roles.APPROVER))
    response = client.get(reverse("admin:plan_measure_change", args=[measure.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "March 2024" in html
    assert 'name="figures-0-status"' not in html


def test_the_second_admin_save_is_refused_with_the_newer_values(client, data_officer):
    m = make_figure(
        measure=make_measure(),
        period=date(2024, 3, 1),
        value=55,
        status=Status.DRAFT,
        commentary="a",
    )
    first, second = form_data(m, value="60"), form_data(m, value="70")
    client.force_login(data_officer)
    assert client.post(change_url(m), first).status_code == 302
    response = client.post(change_url(m), second)
    html = response.content.decode()
    assert "Someone else changed this figure while you were working on it" in html
    assert "it is now 60.00, draft" in html
    m.refresh_from_db()
    assert m.value == Decimal("60")


def test_evidence_uploaded_in_the_admin_is_checked(client, data_officer):
    client.force_login(data_officer)
    data = {
        "title": "Report",
        "date": "2024-03-01",
        "file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00"),
        "no_personal_data": "on",
    }
    response = client.post(reverse("admin:plan_evidence_add"), data)
    assert "not a real PDF file" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_in_the_admin_needs_the_confirmation(client, data_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(data_officer)
    data = {
        "title": "Report",
        "date": "2024-03-01",
        "file": SimpleUploadedFile("report.pdf", b"%PDF-1.7"),
    }
    response = client.post(reverse("admin:plan_evidence_add"), data)
    assert "no personal data about a child" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_data_officer_cannot_make_evidence_public_in_the_admin(client, data_officer):
    evidence = Evidence.objects.create(
        title="Panel minutes", date=date(2024, 3, 1), url="https://example.org/minutes"
    )
    client.force_login(data_officer)
    url = reverse("admin:plan_evidence_change", args=[evidence.pk])
    assert 'name="is_public"' not in client.get(url).content.decode()
    data = {"title": "Panel minutes", "date": "2024-03-01", "url": evidence.url, "is_public": "on"}
    client.post(url, data)
    evidence.refresh_from_db()
    assert evidence.is_public is False


def test_a_data_officer_cannot_point_public_evidence_somewhere_else(client, data_officer):
    evidence = Evidence.objects.create(
        title="Panel minutes", date=date(2024, 3, 1), url="https://example.org/a", is_public=True
    )
    client.force_login(data_officer)
    data = {"title": "Panel minutes", "date": "2024-03-01", "url": "https://example.org/b"}
    response = client.post(reverse("admin:plan_evidence_change", args=[evidence.pk]), data)
    assert response.status_code == 200
    assert "Only an approver can make evidence public" in response.content.decode()
    evidence.refresh_from_db()
    assert evidence.url == "https://example.org/a"


def test_a_data_officer_adds_internal_evidence_and_an_approver_publishes_it(client, data_officer):
    client.force_login(data_officer)
    data = {"title": "Panel minutes", "date": "2024-03-01", "url": "https://example.org/m"}
    assert client.post(reverse("admin:plan_evidence_add"), data).status_code == 302
    evidence = Evidence.objects.get()
    client.force_login(make_user(roles.APPROVER))
    url = reverse("admin:plan_evidence_change", args=[evidence.pk])
    assert client.post(url, data | {"is_public": "on"}).status_code == 302
    evidence.refresh_from_db()
    assert evidence.is_public is True


def test_a_figure_changed_in_the_admin_cannot_be_approved_by_whoever_changed_it(
    client, data_officer
):
    m = make_figure(
        measure=make_measure(),
        period=date(2024, 3, 1),
        value=55,
        status=Status.DRAFT,
        commentary="a",
    )
    approver = make_user(roles.APPROVER)
    client.force_login(approver)
    assert client.post(change_url(m), form_data(m, value="60")).status_code == 302
    m.refresh_from_db()
    services.submit_figure(figure=m, by=data_officer)
    with pytest.raises(services.WorkflowError, match="another approver"):
        services.approve_figure(figure=m, by=approver)


# --- the audit trail ---------------------------------------------------------


def test_admin_changes_are_recorded_with_the_user(client, data_officer):
    m = make_figure(measure=make_measure(), period=date(2024, 3, 1), value=55, status=Status.DRAFT)
    client.force_login(data_officer)
    client.post(change_url(m), form_data(m, value="60"))
    latest = m.history.first()
    assert (latest.history_user, latest.value, latest.history_type) == (
        data_officer,
        Decimal("60.00"),
        "~",
    )
    assert latest.prev_record.value == Decimal("55.00")


def test_create_update_and_delete_of_each_audited_model_are_recorded():
    finding = make_finding()
    measure = make_measure(finding=finding)
    action = Action.objects.create(plan=measure.plan, title="Do it", owner_role="Lead")
    evidence = Evidence.objects.create(title="Link", date=date(2024, 1, 1), url="https://x.org")
    post = make_post()
    m = make_figure(measure=measure, period=date(2024, 3, 1), value=55)
    for record in (measure, action, evidence, post, m):
        record.save()
    for record in (evidence, post, action, m, measure):
        model = type(record)
        pk = record.pk
        record.delete()
        types = list(
            model.history.filter(id=pk).order_by("history_date").values_list("history_type")
        )
        assert types == [("+",), ("~",), ("-",)], model.__name__


@pytest.mark.parametrize(
    "model", ["plan_measure", "plan_figure", "plan_evidence", "plan_action", "updates_post"]
)
def test_history_is_viewable_in_the_admin(client, model):
    finding = make_finding()
    records = {
        "plan_measure": lambda: make_measure(finding=finding),
        "plan_figure": lambda: make_figure(
            measure=make_measure(finding=finding), period=date(2024, 3, 1), value=55
        ),
        "plan_evidence": lambda: Evidence.objects.create(
            title="Link", date=date(2024, 1, 1), url="https://x.org"
        ),
        "plan_action": lambda: Action.objects.create(
            plan=make_measure(finding=finding).plan, title="Do it", owner_role="L"
        ),
        "updates_post": lambda: make_post(title="Hello"),
    }
    record = records[model]()
    client.force_login(make_user(roles.APPROVER))
    response = client.get(reverse(f"admin:{model}_history", args=[record.pk]))
    assert response.status_code == 200
    assert "Created" in response.content.decode() or "Added" in response.content.decode()


def test_measure_reporting_window_is_editable_in_the_admin(client):
    measure = make_measure()
    client.force_login(make_user(roles.APPROVER))
    html = client.get(reverse("admin:plan_measure_change", args=[measure.pk])).content.decode()
    assert 'name="reporting_ends"' in html
    assert Measure.objects.get().reporting_ends is None


def test_a_partner_viewer_can_open_an_evidence_record_in_the_admin(client):
    evidence = Evidence.objects.create(
        title="Panel minutes", date=date(2024, 3, 1), url="https://example.org/minutes"
    )
    client.force_login(make_user(roles.PARTNER_VIEWER))
    response = client.get(reverse("admin:plan_evidence_change", args=[evidence.pk]))
    assert response.status_code == 200
    assert "Panel minutes" in response.content.decode()
    assert 'name="title"' not in response.content.decode()  # shown, not editable


def test_the_admin_history_shows_names_local_dates_and_plain_status_words(client, settings):
    settings.TIME_ZONE = "Europe/London"
    officer = make_user(roles.DATA_OFFICER, first_name="Dana", last_name="Officer")
    figure = make_figure(
        measure=make_measure(), period=date(2024, 3, 1), value=55, status=Figure.Status.DRAFT
    )
    figure.status = Figure.Status.SUBMITTED
    figure._history_user = officer
    figure.save()
    client.force_login(make_user(roles.APPROVER))
    html = client.get(reverse("admin:plan_figure_history", args=[figure.pk])).content.decode()
    assert "Dana Officer" in html
    assert "Draft" in html
    assert "Submitted for approval" in html
    assert "The system, or a former member of staff" in html  # the record made in the test
    assert f"{timezone.localtime(figure.updated_at):%-d %B %Y}" in html
    assert "None" not in html  # no reason was given for either change


def test_the_history_of_a_record_without_an_audit_trail_names_the_person_in_local_time(client):
    from django.contrib.admin.models import CHANGE, LogEntry

    from tests.factories import make_local_area

    area = make_local_area(name="Testshire")
    approver = make_user(roles.APPROVER, first_name="Alex", last_name="Morgan")
    # Half past eleven at night in UTC is half past midnight the next day in London (summer).
    with time_machine.travel(datetime(2026, 7, 1, 23, 30, tzinfo=UTC), tick=False):
        LogEntry.objects.log_actions(
            approver.pk, [area], CHANGE, change_message="Changed the contact email."
        )
    client.force_login(approver)

    html = client.get(reverse("admin:plan_localarea_history", args=[area.pk])).content.decode()

    assert "Alex Morgan" in html
    assert "2 July 2026, 00:30" in html
    assert "Changed the contact email." in html
