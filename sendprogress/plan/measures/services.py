"""The figure workflow: enter, submit, approve, return, correct.

draft → submitted → approved (public), or submitted → returned (with a reason)
→ submitted again. An approved figure changes only by a correction with a
recorded reason. Each step is one transaction, checks the user's permission,
records who and when, refuses to act on a figure that changed since the
user loaded it (optimistic locking on `Figure.version`), and refreshes its
measure's stored latest figure and progress (`_save`, `stored_progress`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendprogress.accounts.permissions import StaffAction, can, require

from . import periods, stored_progress, tasks
from .models.comments import FigureComment
from .models.evidence import Evidence
from .models.measures import Figure, Measure

Status = Figure.Status


class WorkflowError(Exception):
    """A step that the figure's current status does not allow."""


class EditConflict(Exception):
    """Someone else saved the figure after this user loaded it."""

    def __init__(self, current: Figure):
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


def _lock(figure: Figure, expected_version: int | None) -> Figure:
    current = Figure.objects.select_for_update().select_related("measure").get(pk=figure.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    return current


def _save(figure: Figure, reason: str, by) -> Figure:
    figure.full_clean()
    # The audit trail names the user even when no request is running (imports, shell).
    figure._history_user = by
    figure._change_reason = reason
    figure.save()
    # Its measure's latest figure and progress, in this transaction; the measure
    # the caller holds (loaded with the figure) follows too.
    stored_progress.refresh([figure.measure_id], instance=figure.measure)
    return figure


def _attach(evidence: EvidenceUpload | None, figure: Figure, by) -> None:
    if evidence is None:
        return
    record = Evidence(
        title=evidence.title or f"Evidence for {figure}",
        date=timezone.localdate(),
        file=evidence.file,
        is_public=evidence.is_public,
        no_personal_data=evidence.no_personal_data,
        measure=figure.measure,
        figure=figure,
    )
    try:
        save_evidence(evidence=record, by=by, new_file=True)
    except ValidationError as error:
        # Reported on the figure form's own evidence fields.
        raise ValidationError(
            {EVIDENCE_FIELDS.get(field, field): e for field, e in error.error_dict.items()}
        ) from error


# The figure form names its evidence fields apart from the figure's own.
EVIDENCE_FIELDS = {
    "is_public": "evidence_public",
    "title": "evidence_title",
    "file": "evidence_file",
}


def check_can_edit(figure: Figure, *, expected_version: int | None) -> Figure:
    """The figure as it is now, locked until the transaction ends, if it may be
    edited from the version the user saw; else EditConflict or WorkflowError."""
    current = _lock(figure, expected_version)
    if not current.is_editable:
        raise WorkflowError(cannot_edit(current))
    return current


def cannot_edit(figure: Figure) -> str:
    """Why a figure that is neither a draft nor returned cannot be edited."""
    return (
        f"The figure for {periods.label(figure.measure.frequency, figure.period)} is "
        f"{figure.get_status_display().lower()} and cannot be edited."
    )


@transaction.atomic
def save_figure(
    *,
    measure: Measure,
    period: date,
    value: Decimal | None,
    numerator: int | None = None,
    denominator: int | None = None,
    commentary: str = "",
    by,
    expected_version: int | None = None,
    submit: bool = False,
    evidence: EvidenceUpload | None = None,
) -> Figure:
    """Enter or change a draft (or returned) figure for a period, optionally submitting it."""
    existing = Figure.objects.filter(measure=measure, period=period).first()
    if existing is None:
        require(by, StaffAction.ENTER_FIGURE)
        figure = Figure(measure=measure, period=period)
        reason = "Entered"
    else:
        require(by, StaffAction.EDIT_FIGURE)
        figure = check_can_edit(existing, expected_version=expected_version)
        reason = "Edited"
    figure.value = value
    figure.numerator = numerator
    figure.denominator = denominator
    figure.commentary = commentary
    # Whoever last changed the value, so that they cannot also approve it.
    figure.entered_by = by
    if submit:
        require(by, StaffAction.SUBMIT_FIGURE)
        _mark_submitted(figure, by)
        reason += " and submitted"
    _save(figure, reason, by)
    _attach(evidence, figure, by)
    return figure


def _mark_submitted(figure: Figure, by) -> None:
    figure.status = Status.SUBMITTED
    figure.submitted_by = by
    figure.submitted_at = timezone.now()


@transaction.atomic
def submit_figure(*, figure: Figure, by, expected_version: int | None = None) -> Figure:
    require(by, StaffAction.SUBMIT_FIGURE)
    figure = _lock(figure, expected_version)
    if not figure.is_editable:
        raise WorkflowError(
            f"Only a draft or returned figure can be submitted; this one is "
            f"{figure.get_status_display().lower()}."
        )
    _mark_submitted(figure, by)
    return _save(figure, "Submitted for approval", by)


@transaction.atomic
def approve_figure(*, figure: Figure, by, expected_version: int | None = None) -> Figure:
    require(by, StaffAction.APPROVE_FIGURE)
    figure = _lock(figure, expected_version)
    if figure.status != Status.SUBMITTED:
        raise WorkflowError(
            f"Only a submitted figure can be approved; this one is "
            f"{figure.get_status_display().lower()}."
        )
    if by.pk in (figure.submitted_by_id, figure.entered_by_id):
        # Separation of duties: a second person checks every published figure.
        raise WorkflowError(
            "You entered, changed or submitted this figure, so another approver must "
            "check and approve it."
        )
    figure.status = Status.APPROVED
    figure.approved_by = by
    figure.approved_at = timezone.now()
    return _save(figure, "Approved", by)


@transaction.atomic
def approve_figures(*, figures: list[tuple[Figure, int]], by) -> list[Figure]:
    """Approve several figures, each from the version the approver saw: all or none."""
    return [approve_figure(figure=f, by=by, expected_version=v) for f, v in figures]


@transaction.atomic
def return_figure(
    *, figure: Figure, by, reason: str, expected_version: int | None = None
) -> Figure:
    require(by, StaffAction.APPROVE_FIGURE)
    if not reason.strip():
        raise ValidationError({"return_reason": "Say why the figure is being returned."})
    figure = _lock(figure, expected_version)
    if figure.status != Status.SUBMITTED:
        raise WorkflowError(
            f"Only a submitted figure can be returned; this one is "
            f"{figure.get_status_display().lower()}."
        )
    figure.status = Status.RETURNED
    figure.return_reason = reason.strip()
    figure.returned_by = by
    figure.returned_at = timezone.now()
    _save(figure, f"Returned: {reason.strip()}", by)
    transaction.on_commit(partial(tasks.send_figure_returned_email.enqueue, figure.pk))
    return figure


COMMENTARY_NOT_REVIEWED = (
    "Read the commentary and change it if it no longer fits the corrected figure, then "
    "confirm that you have."
)


@transaction.atomic
def correct_figure(
    *,
    figure: Figure,
    by,
    value: Decimal | None,
    numerator: int | None = None,
    denominator: int | None = None,
    commentary: str,
    reason: str,
    commentary_reviewed: bool,
    expected_version: int | None = None,
) -> Figure:
    """Change a published figure. The reason is kept on the figure and in its history.

    The public sees that it was corrected: when, what it said before, and why.
    The corrector confirms they have read the commentary, which must not go on
    explaining the old figure.
    """
    require(by, StaffAction.CORRECT_FIGURE)
    errors = {}
    if not reason.strip():
        errors["correction_reason"] = "Say why the approved figure is changing."
    if not commentary_reviewed:
        errors["commentary_reviewed"] = COMMENTARY_NOT_REVIEWED
    if errors:
        raise ValidationError(errors)
    figure = _lock(figure, expected_version)
    if figure.status != Status.APPROVED:
        raise WorkflowError("Only an approved figure is corrected; edit drafts instead.")
    figure.value_before_correction = figure.value
    figure.value = value
    figure.numerator = numerator
    figure.denominator = denominator
    figure.commentary = commentary
    figure.correction_reason = reason.strip()
    figure.corrected_by = by
    figure.corrected_at = timezone.now()
    return _save(figure, f"Corrected: {reason.strip()}", by)


COMMENT_LIMIT = 2000


def add_comment(*, figure: Figure, by, text: str) -> FigureComment:
    """An internal comment on a figure, for the officer and approver; never public."""
    require(by, StaffAction.COMMENT_ON_FIGURE)
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write your comment."})
    if len(text) > COMMENT_LIMIT:
        raise ValidationError(
            {"text": f"Keep the comment to {COMMENT_LIMIT:,} characters or fewer."}
        )
    return FigureComment.objects.create(figure=figure, author=by, text=text)


@transaction.atomic
def import_figures(*, rows: list[dict], by, submit: bool) -> int:
    """Write checked import rows: every one, or (on any error) none of them.

    Rows come from the preview (`imports.Row.as_session`); each is checked
    again here, because figures may have changed since the preview.
    """
    require(by, StaffAction.IMPORT_FIGURES)
    measures = Measure.objects.in_bulk({row["measure"] for row in rows})
    for row in rows:
        if row["measure"] not in measures:
            raise ValidationError("A measure in the file has been deleted since the preview.")
        save_figure(
            measure=measures[row["measure"]],
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


# Evidence ---------------------------------------------------------------------

NO_PERSONAL_DATA = (
    "Confirm that the file holds no personal data about a child before uploading it."
)


# What the public see of a piece of evidence, or where they see it: a change to
# any of these on public evidence publishes the change.
EVIDENCE_PUBLIC_FIELDS = (
    "title",
    "date",
    "description",
    "file",
    "url",
    "finding_id",
    "action_id",
    "measure_id",
    "figure_id",
)


def publishes_evidence(*, evidence: Evidence, before: Evidence | None, new_file: bool) -> bool:
    """Whether saving `evidence` (over `before`, as stored) publishes something.

    It does when it marks the evidence public; when the public would see it
    after the save and did not before (it no longer hangs on a hidden measure
    or an unapproved figure, say); and when the public see it both before and
    after but anything they see changes (its title, file, link or what it
    hangs on). Taking evidence down (internal, or hung on something hidden)
    publishes nothing.
    """
    if evidence.is_public and (before is None or not before.is_public):
        return True
    if not evidence.would_be_public():
        return False
    if before is None or not Evidence.objects.public().filter(pk=before.pk).exists():
        return True
    return new_file or any(
        getattr(before, field) != getattr(evidence, field) for field in EVIDENCE_PUBLIC_FIELDS
    )


def check_evidence(*, evidence: Evidence, by, new_file: bool) -> None:
    """The rules for adding or changing evidence, from any screen.

    A new file needs the uploader's confirmation that it holds no personal
    data about a child. Only an approver publishes (`publishes_evidence`,
    StaffAction.PUBLISH_EVIDENCE).
    Raises PermissionDenied or ValidationError (keyed by field); saves nothing.
    """
    before = Evidence.objects.filter(pk=evidence.pk).first() if evidence.pk else None
    require(by, StaffAction.CHANGE_EVIDENCE if before else StaffAction.UPLOAD_EVIDENCE)
    if new_file and evidence.file and not evidence.no_personal_data:
        raise ValidationError({"no_personal_data": NO_PERSONAL_DATA})
    publishes = publishes_evidence(evidence=evidence, before=before, new_file=new_file)
    if publishes and not can(by, StaffAction.PUBLISH_EVIDENCE):
        raise ValidationError({"is_public": StaffAction.PUBLISH_EVIDENCE.refusal})


@transaction.atomic
def save_evidence(*, evidence: Evidence, by, new_file: bool) -> Evidence:
    """Add or change evidence under the rules of check_evidence."""
    if evidence.pk:
        Evidence.objects.select_for_update().filter(pk=evidence.pk).first()
    check_evidence(evidence=evidence, by=by, new_file=new_file)
    if new_file:
        evidence.uploaded_by = by
        evidence.original_filename = ""  # taken from the new file as it is saved
    evidence._history_user = by
    evidence.save()
    return evidence
