"""Creating, publishing and withdrawing progress reports.

draft → published → withdrawn. A draft shows where the plan stood on its
date, worked out afresh each time it is looked at; publishing freezes that
content and its PDF for good. If the PDF cannot be made, the report stays a
draft and says why. A published report changes only by being withdrawn, by
two approvers: one asks, with a reason, and a different one confirms. Its
address then says when and why, and its content and PDF are erased.

Each step checks the permission first, runs in one transaction and is
recorded in the report's history with who did it.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from sendprogress.accounts.permissions import StaffAction, require

from . import pdf, snapshot
from .models import ProgressReport

logger = logging.getLogger(__name__)


class AlreadyPublished(Exception):
    """A published report is frozen."""


class NotPublished(Exception):
    """The report could not be published; it stays a draft (the message says why)."""


class WithdrawalError(Exception):
    """A withdrawal step its report's state, or the two-person rule, does not allow."""


def previous_to(as_at: date) -> ProgressReport | None:
    return ProgressReport.objects.published().filter(as_at__lt=as_at).order_by("-as_at").first()


def content_of(report: ProgressReport) -> dict | None:
    """A published report's frozen content, a draft's worked out now, or None
    for a withdrawn one."""
    if report.is_withdrawn:
        return None
    if report.is_published:
        return report.content
    return snapshot.build(report.as_at, previous=previous_to(report.as_at))


def _save(report: ProgressReport, *, by, reason: str) -> None:
    # The history names the user even when no request is running (the shell).
    report._history_user = by
    report._change_reason = reason
    report.save()


@transaction.atomic
def create_report(*, as_at: date, by) -> ProgressReport:
    require(by, StaffAction.CREATE_REPORT)
    if as_at >= timezone.localdate():
        # "As they stood on" a day means at its end: today's figures may still change.
        raise ValidationError(
            {"as_at": "A report can only describe a day that has ended: yesterday or before."}
        )
    try:
        with transaction.atomic():
            report = ProgressReport(as_at=as_at, created_by=by)
            _save(report, by=by, reason="Started")
            return report
    except IntegrityError:
        raise ValidationError(
            {"as_at": "There is already a report for that date. Open it from the list."}
        ) from None


def publish_report(*, report: ProgressReport, by, site_name: str) -> ProgressReport:
    """Freeze the report's content and make its PDF, or leave it a draft.

    Raises NotPublished, with the reason kept on the report for staff to see,
    when its content or PDF cannot be made; the error is logged.
    """
    require(by, StaffAction.PUBLISH_REPORT)
    failure = None
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ProgressReport.Status.DRAFT:
            raise AlreadyPublished("This report is already published; it cannot change.")
        published_at = timezone.now()
        tried = timezone.localtime(published_at)
        try:
            content = snapshot.build(report.as_at, previous=previous_to(report.as_at))
            report.published_at = published_at  # the PDF says when it was published
            made = pdf.render(report, content=content, site_name=site_name)
        except Exception as error:
            logger.exception("The progress report for %s could not be published", report.as_at)
            failure = error
            report.published_at = None
            report.publish_error = (
                f"It could not be published on {tried.day} {tried:%B %Y at %H:%M}: its PDF "
                f"could not be made ({type(error).__name__}: {error}). It is still a draft. "
                "The error is in the site's log; try again, or ask the site's developers."
            )
            _save(report, by=by, reason="Publishing failed")
        else:
            report.content = content
            report.pdf = made
            report.status = ProgressReport.Status.PUBLISHED
            report.published_by = by
            report.publish_error = ""
            _save(report, by=by, reason="Published")
    if failure is not None:
        raise NotPublished(report.publish_error) from failure
    return report


@transaction.atomic
def request_withdrawal(*, report: ProgressReport, by, reason: str) -> ProgressReport:
    """Ask for a published report to be withdrawn; another approver must confirm."""
    require(by, StaffAction.WITHDRAW_REPORT)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the report should be withdrawn."})
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_published:
        raise WithdrawalError("Only a published report can be withdrawn.")
    if report.withdrawal_pending:
        raise WithdrawalError(
            "Its withdrawal has already been asked for: another approver confirms it."
        )
    report.withdrawal_reason = reason
    report.withdrawal_requested_by = by
    report.withdrawal_requested_at = timezone.now()
    _save(report, by=by, reason="Withdrawal requested")
    return report


@transaction.atomic
def confirm_withdrawal(*, report: ProgressReport, by) -> ProgressReport:
    """Withdraw the report, as a second approver asked to. Its address stays and
    says when and why; its content and PDF are erased, never to be served again."""
    require(by, StaffAction.WITHDRAW_REPORT)
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if not report.withdrawal_pending:
        raise WithdrawalError("Nobody has asked for this report to be withdrawn.")
    if report.withdrawal_requested_by_id == by.pk:
        raise WithdrawalError(
            "You asked for this withdrawal, so another approver must confirm it."
        )
    report.status = ProgressReport.Status.WITHDRAWN
    report.withdrawn_by = by
    report.withdrawn_at = timezone.now()
    report.content = None
    report.pdf = None
    _save(report, by=by, reason="Withdrawn")
    return report


@transaction.atomic
def cancel_withdrawal(*, report: ProgressReport, by) -> ProgressReport:
    """Drop a request to withdraw: the report stays published."""
    require(by, StaffAction.WITHDRAW_REPORT)
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if not report.withdrawal_pending:
        raise WithdrawalError("Nobody has asked for this report to be withdrawn.")
    report.withdrawal_reason = ""
    report.withdrawal_requested_by = None
    report.withdrawal_requested_at = None
    _save(report, by=by, reason="Withdrawal cancelled")
    return report
