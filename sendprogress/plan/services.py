"""The figure workflow: enter, submit, approve, return, correct.

draft → submitted → approved (public), or submitted → returned (with a reason)
→ submitted again. An approved figure changes only by a correction with a
recorded reason. Each step is one transaction, checks the user's permission,
records who and when, and refuses to act on a figure that changed since the
user loaded it (optimistic locking on `Measurement.version`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import periods
from .models import Evidence, Kpi, Measurement
from .permissions import require

Status = Measurement.Status


class WorkflowError(Exception):
    """A step that the figure's current status does not allow."""


class EditConflict(Exception):
    """Someone else saved the figure after this user loaded it."""

    def __init__(self, current: Measurement):
        self.current = current
        super().__init__(
            f"Someone else changed this figure while you were working on it "
            f"(it is now {current.value}, {current.get_status_display().lower()}). "
            "Your change was not saved."
        )


@dataclass(frozen=True)
class EvidenceUpload:
    """An evidence file to attach to a figure, already checked by the form."""

    file: object
    title: str
    is_public: bool
    no_personal_data: bool


def _lock(measurement: Measurement, expected_version: int | None) -> Measurement:
    current = Measurement.objects.select_for_update().select_related("kpi").get(pk=measurement.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    return current


def _save(measurement: Measurement, reason: str, by) -> Measurement:
    measurement.full_clean()
    # The audit trail names the user even when no request is running (imports, shell).
    measurement._history_user = by
    measurement._change_reason = reason
    measurement.save()
    return measurement


def _attach(evidence: EvidenceUpload | None, measurement: Measurement, by) -> None:
    if evidence is None:
        return
    require(by, "upload_evidence")
    if not evidence.no_personal_data:
        raise ValidationError(
            {"no_personal_data": "Confirm the file holds no personal data about a child."}
        )
    record = Evidence(
        title=evidence.title or f"Evidence for {measurement}",
        date=timezone.localdate(),
        file=evidence.file,
        is_public=evidence.is_public,
        no_personal_data=True,
        kpi=measurement.kpi,
        measurement=measurement,
        uploaded_by=by,
    )
    record._history_user = by
    record.save()


@transaction.atomic
def save_figure(
    *,
    kpi: Kpi,
    period: date,
    value: Decimal | None,
    numerator: int | None = None,
    denominator: int | None = None,
    commentary: str = "",
    by,
    expected_version: int | None = None,
    submit: bool = False,
    evidence: EvidenceUpload | None = None,
) -> Measurement:
    """Enter or change a draft (or returned) figure for a period, optionally submitting it."""
    existing = Measurement.objects.filter(kpi=kpi, period=period).first()
    if existing is None:
        require(by, "enter")
        measurement = Measurement(kpi=kpi, period=period)
        reason = "Entered"
    else:
        require(by, "edit")
        measurement = _lock(existing, expected_version)
        if not measurement.is_editable:
            raise WorkflowError(
                f"The figure for {periods.label(kpi.frequency, period)} is "
                f"{measurement.get_status_display().lower()} and cannot be edited."
            )
        reason = "Edited"
    measurement.value = value
    measurement.numerator = numerator
    measurement.denominator = denominator
    measurement.commentary = commentary
    measurement.entered_by = by
    if submit:
        require(by, "submit")
        _mark_submitted(measurement, by)
        reason += " and submitted"
    _save(measurement, reason, by)
    _attach(evidence, measurement, by)
    return measurement


def _mark_submitted(measurement: Measurement, by) -> None:
    measurement.status = Status.SUBMITTED
    measurement.submitted_by = by
    measurement.submitted_at = timezone.now()


@transaction.atomic
def submit_measurement(
    *, measurement: Measurement, by, expected_version: int | None = None
) -> Measurement:
    require(by, "submit")
    measurement = _lock(measurement, expected_version)
    if not measurement.is_editable:
        raise WorkflowError(
            f"Only a draft or returned figure can be submitted; this one is "
            f"{measurement.get_status_display().lower()}."
        )
    _mark_submitted(measurement, by)
    return _save(measurement, "Submitted for approval", by)


@transaction.atomic
def approve_measurement(
    *, measurement: Measurement, by, expected_version: int | None = None
) -> Measurement:
    require(by, "approve")
    measurement = _lock(measurement, expected_version)
    if measurement.status != Status.SUBMITTED:
        raise WorkflowError(
            f"Only a submitted figure can be approved; this one is "
            f"{measurement.get_status_display().lower()}."
        )
    if measurement.submitted_by_id == by.pk:
        raise WorkflowError(
            "You submitted this figure, so another approver must check and approve it."
        )
    measurement.status = Status.APPROVED
    measurement.approved_by = by
    measurement.approved_at = timezone.now()
    return _save(measurement, "Approved", by)


@transaction.atomic
def return_measurement(
    *, measurement: Measurement, by, reason: str, expected_version: int | None = None
) -> Measurement:
    require(by, "approve")
    if not reason.strip():
        raise ValidationError({"return_reason": "Say why the figure is being returned."})
    measurement = _lock(measurement, expected_version)
    if measurement.status != Status.SUBMITTED:
        raise WorkflowError(
            f"Only a submitted figure can be returned; this one is "
            f"{measurement.get_status_display().lower()}."
        )
    measurement.status = Status.RETURNED
    measurement.return_reason = reason.strip()
    measurement.returned_by = by
    measurement.returned_at = timezone.now()
    return _save(measurement, f"Returned: {reason.strip()}", by)


@transaction.atomic
def correct_measurement(
    *,
    measurement: Measurement,
    by,
    value: Decimal | None,
    numerator: int | None = None,
    denominator: int | None = None,
    commentary: str,
    reason: str,
    expected_version: int | None = None,
) -> Measurement:
    """Change a published figure. The reason is kept on the figure and in its history."""
    require(by, "correct")
    if not reason.strip():
        raise ValidationError({"correction_reason": "Say why the approved figure is changing."})
    measurement = _lock(measurement, expected_version)
    if measurement.status != Status.APPROVED:
        raise WorkflowError("Only an approved figure is corrected; edit drafts instead.")
    measurement.value = value
    measurement.numerator = numerator
    measurement.denominator = denominator
    measurement.commentary = commentary
    measurement.correction_reason = reason.strip()
    measurement.corrected_by = by
    measurement.corrected_at = timezone.now()
    return _save(measurement, f"Corrected: {reason.strip()}", by)


@transaction.atomic
def import_figures(*, rows: list[dict], by, submit: bool) -> int:
    """Write checked import rows: every one, or (on any error) none of them.

    Rows come from the preview (`imports.Row.as_session`); each is checked
    again here, because figures may have changed since the preview.
    """
    require(by, "import")
    kpis = Kpi.objects.in_bulk({row["kpi"] for row in rows})
    for row in rows:
        if row["kpi"] not in kpis:
            raise ValidationError("A measure in the file has been deleted since the preview.")
        save_figure(
            kpi=kpis[row["kpi"]],
            period=date.fromisoformat(row["period"]),
            value=Decimal(row["value"]) if row["value"] is not None else None,
            numerator=row["numerator"],
            denominator=row["denominator"],
            commentary=row["commentary"],
            by=by,
            expected_version=row["version"],
            submit=submit,
        )
    return len(rows)
