"""Creating and publishing progress reports.

draft → published. A draft shows where the plan stood on its date, worked
out afresh each time it is looked at; publishing freezes that content and
its PDF for good. Nothing changes a published report afterwards.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sendprogress.accounts.permissions import StaffAction, require

from . import pdf, snapshot
from .models import ProgressReport


class AlreadyPublished(Exception):
    """A published report is frozen."""


def previous_to(as_at: date) -> ProgressReport | None:
    return ProgressReport.objects.published().filter(as_at__lt=as_at).order_by("-as_at").first()


def content_of(report: ProgressReport) -> dict:
    """A published report's frozen content, or a draft's worked out now."""
    if report.is_published:
        return report.content
    return snapshot.build(report.as_at, previous=previous_to(report.as_at))


@transaction.atomic
def create_report(*, as_at: date, by) -> ProgressReport:
    require(by, StaffAction.CREATE_REPORT)
    if as_at > timezone.localdate():
        raise ValidationError({"as_at": "A report can only describe today or a day before."})
    try:
        with transaction.atomic():
            return ProgressReport.objects.create(as_at=as_at, created_by=by)
    except IntegrityError:
        raise ValidationError(
            {"as_at": "There is already a report for that date. Open it from the list."}
        ) from None


@transaction.atomic
def publish_report(*, report: ProgressReport, by, site_name: str) -> ProgressReport:
    require(by, StaffAction.PUBLISH_REPORT)
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise AlreadyPublished("This report is already published; it cannot change.")
    report.content = snapshot.build(report.as_at, previous=previous_to(report.as_at))
    report.status = ProgressReport.Status.PUBLISHED
    report.published_by = by
    report.published_at = timezone.now()
    report.pdf = pdf.render(report, site_name=site_name)
    report.save()
    return report
