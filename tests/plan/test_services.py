"""Every step of the figure workflow, legal and illegal, with who and when."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendprogress.accounts import roles
from sendprogress.plan.measures import services
from sendprogress.plan.models import Figure
from tests.factories import make_measure, make_user

pytestmark = pytest.mark.django_db
Status = Figure.Status
PERIOD = date(2024, 3, 1)


@pytest.fixture
def measure():
    return make_measure()


def enter(measure, by, **fields):
    values = {"value": Decimal("55"), "commentary": "Better."} | fields
    return services.save_figure(measure=measure, period=PERIOD, by=by, **values)


def submitted(measure, data_officer):
    return enter(measure, data_officer, submit=True)


def test_a_data_officer_enters_a_draft(measure, data_officer):
    m = enter(measure, data_officer)
    assert (m.status, m.entered_by, m.value) == (Status.DRAFT, data_officer, Decimal("55"))


def test_submitting_records_who_and_when(measure, data_officer):
    m = services.submit_figure(figure=enter(measure, data_officer), by=data_officer)
    assert m.status == Status.SUBMITTED
    assert m.submitted_by == data_officer
    assert m.submitted_at is not None


def test_an_approver_approves_a_submitted_figure(measure, data_officer, approver):
    m = services.approve_figure(figure=submitted(measure, data_officer), by=approver)
    assert (m.status, m.approved_by) == (Status.APPROVED, approver)
    assert m.approved_at is not None
    assert list(Figure.objects.public()) == [m]


def test_a_return_needs_a_reason(measure, data_officer, approver):
    m = submitted(measure, data_officer)
    with pytest.raises(ValidationError) as raised:
        services.return_figure(figure=m, by=approver, reason="  ")
    assert "return_reason" in raised.value.message_dict
    m.refresh_from_db()
    assert m.status == Status.SUBMITTED


def test_a_returned_figure_is_edited_and_submitted_again(measure, data_officer, approver):
    m = services.return_figure(
        figure=submitted(measure, data_officer), by=approver, reason="Check the denominator."
    )
    assert (m.status, m.returned_by, m.return_reason) == (
        Status.RETURNED,
        approver,
        "Check the denominator.",
    )
    m = enter(measure, data_officer, value=Decimal("56"), expected_version=m.version, submit=True)
    assert (m.status, m.value) == (Status.SUBMITTED, Decimal("56"))


def test_a_draft_cannot_be_approved(measure, data_officer, approver):
    with pytest.raises(services.WorkflowError):
        services.approve_figure(figure=enter(measure, data_officer), by=approver)


def test_a_draft_cannot_be_returned(measure, data_officer, approver):
    with pytest.raises(services.WorkflowError):
        services.return_figure(figure=enter(measure, data_officer), by=approver, reason="No")


def test_an_approved_figure_cannot_be_submitted_or_edited(measure, data_officer, approver):
    m = services.approve_figure(figure=submitted(measure, data_officer), by=approver)
    with pytest.raises(services.WorkflowError):
        services.submit_figure(figure=m, by=data_officer)
    with pytest.raises(services.WorkflowError):
        enter(measure, data_officer, value=Decimal("1"), expected_version=m.version)
    m.refresh_from_db()
    assert m.value == Decimal("55")


def test_a_submitted_figure_cannot_be_edited(measure, data_officer):
    m = submitted(measure, data_officer)
    with pytest.raises(services.WorkflowError):
        enter(measure, data_officer, value=Decimal("1"), expected_version=m.version)


def test_an_approved_figure_cannot_be_approved_again(measure, data_officer, approver):
    m = services.approve_figure(figure=submitted(measure, data_officer), by=approver)
    with pytest.raises(services.WorkflowError):
        services.approve_figure(figure=m, by=approver)


def test_nobody_approves_their_own_submission(measure, approver):
    m = enter(measure, approver, submit=True)
    with pytest.raises(services.WorkflowError, match="another approver"):
        services.approve_figure(figure=m, by=approver)


def test_nobody_approves_a_value_they_entered_that_someone_else_submitted(
    measure, data_officer, approver
):
    m = enter(measure, approver)
    services.submit_figure(figure=m, by=data_officer)
    with pytest.raises(services.WorkflowError, match="another approver"):
        services.approve_figure(figure=m, by=approver)
    m.refresh_from_db()
    assert m.status == Status.SUBMITTED


def test_nobody_approves_a_value_they_last_changed(measure, data_officer, approver):
    m = enter(measure, data_officer)
    m = enter(measure, approver, value=Decimal("56"), expected_version=m.version)
    services.submit_figure(figure=m, by=data_officer)
    with pytest.raises(services.WorkflowError, match="another approver"):
        services.approve_figure(figure=m, by=approver)


def test_a_second_approver_approves_what_the_first_entered(measure, data_officer, approver):
    m = enter(measure, approver)
    services.submit_figure(figure=m, by=data_officer)
    services.approve_figure(figure=m, by=make_user(roles.APPROVER))
    m.refresh_from_db()
    assert m.status == Status.APPROVED


def test_a_data_officer_cannot_approve(measure, data_officer):
    m = submitted(measure, data_officer)
    with pytest.raises(PermissionDenied):
        services.approve_figure(figure=m, by=make_user(roles.DATA_OFFICER))


def test_a_partner_cannot_enter_figures(measure):
    with pytest.raises(PermissionDenied):
        enter(measure, make_user(roles.PARTNER_VIEWER))
    assert not Figure.objects.exists()


def test_an_approver_corrects_an_approved_figure_with_a_reason(measure, data_officer, approver):
    m = services.approve_figure(figure=submitted(measure, data_officer), by=approver)
    m = services.correct_figure(
        figure=m,
        by=approver,
        value=Decimal("57"),
        commentary="Late returns added.",
        reason="Two late returns were counted.",
        commentary_reviewed=True,
        expected_version=m.version,
    )
    assert (m.status, m.value, m.corrected_by) == (Status.APPROVED, Decimal("57"), approver)
    assert m.history.first().history_change_reason == "Corrected: Two late returns were counted."


def test_a_correction_needs_a_reason(measure, data_officer, approver):
    m = services.approve_figure(figure=submitted(measure, data_officer), by=approver)
    with pytest.raises(ValidationError):
        services.correct_figure(
            figure=m,
            by=approver,
            value=Decimal("1"),
            commentary="",
            reason="",
            commentary_reviewed=True,
        )


def test_a_correction_needs_the_commentary_reviewed(measure, data_officer, approver):
    m = services.approve_figure(figure=submitted(measure, data_officer), by=approver)
    with pytest.raises(ValidationError) as raised:
        services.correct_figure(
            figure=m,
            by=approver,
            value=Decimal("57"),
            commentary=m.commentary,
            reason="A late return.",
            commentary_reviewed=False,
        )
    assert "commentary_reviewed" in raised.value.message_dict
    m.refresh_from_db()
    assert m.value != Decimal("57")


def test_a_draft_is_not_corrected(measure, data_officer, approver):
    with pytest.raises(services.WorkflowError):
        services.correct_figure(
            figure=enter(measure, data_officer),
            by=approver,
            value=1,
            commentary="",
            reason="x",
            commentary_reviewed=True,
        )


def test_a_data_officer_cannot_correct(measure, data_officer, approver):
    m = services.approve_figure(figure=submitted(measure, data_officer), by=approver)
    with pytest.raises(PermissionDenied):
        services.correct_figure(
            figure=m,
            by=data_officer,
            value=Decimal("1"),
            commentary="",
            reason="x",
            commentary_reviewed=True,
        )


def test_the_second_of_two_edits_is_refused_showing_the_newer_values(measure, data_officer):
    loaded = enter(measure, data_officer)
    seen_by_both = loaded.version
    enter(
        measure, make_user(roles.DATA_OFFICER), value=Decimal("60"), expected_version=seen_by_both
    )
    with pytest.raises(services.EditConflict) as raised:
        enter(measure, data_officer, value=Decimal("70"), expected_version=seen_by_both)
    assert raised.value.current.value == Decimal("60")
    assert "it is now 60.00" in str(raised.value)
    loaded.refresh_from_db()
    assert loaded.value == Decimal("60")


def test_a_figure_saved_by_someone_else_since_the_page_loaded_is_not_overwritten(
    measure, data_officer
):
    enter(measure, make_user(roles.DATA_OFFICER))
    with pytest.raises(services.EditConflict):
        enter(measure, data_officer, value=Decimal("70"), expected_version=0)


def test_an_approval_based_on_an_old_copy_is_refused(measure, data_officer, approver):
    m = submitted(measure, data_officer)
    stale = m.version
    services.return_figure(figure=m, by=make_user(roles.APPROVER), reason="Check")
    with pytest.raises(services.EditConflict):
        services.approve_figure(figure=m, by=approver, expected_version=stale)


def test_every_step_is_in_the_audit_trail_with_who(measure, data_officer, approver):
    m = submitted(measure, data_officer)
    services.approve_figure(figure=m, by=approver)
    trail = list(m.history.order_by("history_date").values_list("status", "history_type"))
    assert trail == [("submitted", "+"), ("approved", "~")]
    steps = [(h.history_change_reason, h.history_user) for h in m.history.order_by("history_date")]
    assert steps == [("Entered and submitted", data_officer), ("Approved", approver)]


def test_invalid_figures_are_not_saved(measure, data_officer):
    with pytest.raises(ValidationError) as raised:
        enter(measure, data_officer, value=Decimal("120"))
    assert "value" in raised.value.message_dict
    assert not Figure.objects.exists()


def test_only_an_approver_attaches_public_evidence_to_a_figure(
    measure, data_officer, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = services.EvidenceUpload(
        file=SimpleUploadedFile("report.pdf", b"%PDF-1.7\n"),
        title="Report",
        is_public=True,
        no_personal_data=True,
    )
    with pytest.raises(ValidationError) as refused:
        enter(measure, data_officer, evidence=upload)
    assert "Only an approver can make evidence public" in str(refused.value.error_dict)
    assert "evidence_public" in refused.value.error_dict
    assert not Figure.objects.exists()  # the figure waits for its evidence
