"""Every step of the figure workflow, legal and illegal, with who and when."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendprogress.accounts import roles
from sendprogress.plan import services
from sendprogress.plan.models import Measurement
from tests.factories import make_kpi, make_user

pytestmark = pytest.mark.django_db
Status = Measurement.Status
PERIOD = date(2024, 3, 1)


@pytest.fixture
def officer():
    return make_user(roles.DATA_OFFICER)


@pytest.fixture
def approver():
    return make_user(roles.APPROVER)


@pytest.fixture
def kpi():
    return make_kpi()


def enter(kpi, by, **fields):
    values = {"value": Decimal("55"), "commentary": "Better."} | fields
    return services.save_figure(kpi=kpi, period=PERIOD, by=by, **values)


def submitted(kpi, officer):
    return enter(kpi, officer, submit=True)


def test_a_data_officer_enters_a_draft(kpi, officer):
    m = enter(kpi, officer)
    assert (m.status, m.entered_by, m.value) == (Status.DRAFT, officer, Decimal("55"))


def test_submitting_records_who_and_when(kpi, officer):
    m = services.submit_measurement(measurement=enter(kpi, officer), by=officer)
    assert m.status == Status.SUBMITTED
    assert m.submitted_by == officer
    assert m.submitted_at is not None


def test_an_approver_approves_a_submitted_figure(kpi, officer, approver):
    m = services.approve_measurement(measurement=submitted(kpi, officer), by=approver)
    assert (m.status, m.approved_by) == (Status.APPROVED, approver)
    assert m.approved_at is not None
    assert list(Measurement.objects.public()) == [m]


def test_a_return_needs_a_reason(kpi, officer, approver):
    m = submitted(kpi, officer)
    with pytest.raises(ValidationError) as raised:
        services.return_measurement(measurement=m, by=approver, reason="  ")
    assert "return_reason" in raised.value.message_dict
    m.refresh_from_db()
    assert m.status == Status.SUBMITTED


def test_a_returned_figure_is_edited_and_submitted_again(kpi, officer, approver):
    m = services.return_measurement(
        measurement=submitted(kpi, officer), by=approver, reason="Check the denominator."
    )
    assert (m.status, m.returned_by, m.return_reason) == (
        Status.RETURNED,
        approver,
        "Check the denominator.",
    )
    m = enter(kpi, officer, value=Decimal("56"), expected_version=m.version, submit=True)
    assert (m.status, m.value) == (Status.SUBMITTED, Decimal("56"))


def test_a_draft_cannot_be_approved(kpi, officer, approver):
    with pytest.raises(services.WorkflowError):
        services.approve_measurement(measurement=enter(kpi, officer), by=approver)


def test_a_draft_cannot_be_returned(kpi, officer, approver):
    with pytest.raises(services.WorkflowError):
        services.return_measurement(measurement=enter(kpi, officer), by=approver, reason="No")


def test_an_approved_figure_cannot_be_submitted_or_edited(kpi, officer, approver):
    m = services.approve_measurement(measurement=submitted(kpi, officer), by=approver)
    with pytest.raises(services.WorkflowError):
        services.submit_measurement(measurement=m, by=officer)
    with pytest.raises(services.WorkflowError):
        enter(kpi, officer, value=Decimal("1"), expected_version=m.version)
    m.refresh_from_db()
    assert m.value == Decimal("55")


def test_a_submitted_figure_cannot_be_edited(kpi, officer):
    m = submitted(kpi, officer)
    with pytest.raises(services.WorkflowError):
        enter(kpi, officer, value=Decimal("1"), expected_version=m.version)


def test_an_approved_figure_cannot_be_approved_again(kpi, officer, approver):
    m = services.approve_measurement(measurement=submitted(kpi, officer), by=approver)
    with pytest.raises(services.WorkflowError):
        services.approve_measurement(measurement=m, by=approver)


def test_nobody_approves_their_own_submission(kpi, approver):
    m = enter(kpi, approver, submit=True)
    with pytest.raises(services.WorkflowError, match="another approver"):
        services.approve_measurement(measurement=m, by=approver)


def test_a_data_officer_cannot_approve(kpi, officer):
    m = submitted(kpi, officer)
    with pytest.raises(PermissionDenied):
        services.approve_measurement(measurement=m, by=make_user(roles.DATA_OFFICER))


def test_a_partner_cannot_enter_figures(kpi):
    with pytest.raises(PermissionDenied):
        enter(kpi, make_user(roles.PARTNER_VIEWER))
    assert not Measurement.objects.exists()


def test_an_approver_corrects_an_approved_figure_with_a_reason(kpi, officer, approver):
    m = services.approve_measurement(measurement=submitted(kpi, officer), by=approver)
    m = services.correct_measurement(
        measurement=m,
        by=approver,
        value=Decimal("57"),
        commentary="Late returns added.",
        reason="Two late returns were counted.",
        expected_version=m.version,
    )
    assert (m.status, m.value, m.corrected_by) == (Status.APPROVED, Decimal("57"), approver)
    assert m.history.first().history_change_reason == "Corrected: Two late returns were counted."


def test_a_correction_needs_a_reason(kpi, officer, approver):
    m = services.approve_measurement(measurement=submitted(kpi, officer), by=approver)
    with pytest.raises(ValidationError):
        services.correct_measurement(
            measurement=m, by=approver, value=Decimal("1"), commentary="", reason=""
        )


def test_a_draft_is_not_corrected(kpi, officer, approver):
    with pytest.raises(services.WorkflowError):
        services.correct_measurement(
            measurement=enter(kpi, officer), by=approver, value=1, commentary="", reason="x"
        )


def test_a_data_officer_cannot_correct(kpi, officer, approver):
    m = services.approve_measurement(measurement=submitted(kpi, officer), by=approver)
    with pytest.raises(PermissionDenied):
        services.correct_measurement(
            measurement=m, by=officer, value=Decimal("1"), commentary="", reason="x"
        )


def test_the_second_of_two_edits_is_refused_showing_the_newer_values(kpi, officer):
    loaded = enter(kpi, officer)
    seen_by_both = loaded.version
    enter(kpi, make_user(roles.DATA_OFFICER), value=Decimal("60"), expected_version=seen_by_both)
    with pytest.raises(services.EditConflict) as raised:
        enter(kpi, officer, value=Decimal("70"), expected_version=seen_by_both)
    assert raised.value.current.value == Decimal("60")
    assert "it is now 60.00" in str(raised.value)
    loaded.refresh_from_db()
    assert loaded.value == Decimal("60")


def test_a_figure_saved_by_someone_else_since_the_page_loaded_is_not_overwritten(kpi, officer):
    enter(kpi, make_user(roles.DATA_OFFICER))
    with pytest.raises(services.EditConflict):
        enter(kpi, officer, value=Decimal("70"), expected_version=0)


def test_an_approval_based_on_an_old_copy_is_refused(kpi, officer, approver):
    m = submitted(kpi, officer)
    stale = m.version
    services.return_measurement(measurement=m, by=make_user(roles.APPROVER), reason="Check")
    with pytest.raises(services.EditConflict):
        services.approve_measurement(measurement=m, by=approver, expected_version=stale)


def test_every_step_is_in_the_audit_trail_with_who(kpi, officer, approver):
    m = submitted(kpi, officer)
    services.approve_measurement(measurement=m, by=approver)
    trail = list(m.history.order_by("history_date").values_list("status", "history_type"))
    assert trail == [("submitted", "+"), ("approved", "~")]
    steps = [(h.history_change_reason, h.history_user) for h in m.history.order_by("history_date")]
    assert steps == [("Entered and submitted", officer), ("Approved", approver)]


def test_invalid_figures_are_not_saved(kpi, officer):
    with pytest.raises(ValidationError) as raised:
        enter(kpi, officer, value=Decimal("120"))
    assert "value" in raised.value.message_dict
    assert not Measurement.objects.exists()
