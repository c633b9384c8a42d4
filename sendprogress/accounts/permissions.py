"""Who may do what on the staff side: the one list that views, services, the
admin and templates all ask.

Each action names, once, the Django permission a role (accounts/roles.py)
must grant for it, what it lets a person do (for the refusal page) and the
message given when someone without it tries. Every action needs an active
staff account as well; a superuser has every permission.

This module names permissions as strings only, so it imports no app above it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Model, QuerySet

    from .models import User

    # Whoever a request is from: signed in or not (None: no request at all).
    type Someone = User | AnonymousUser | None


class StaffAction(StrEnum):
    permission: str
    does: str
    refusal: str

    def __new__(cls, value: str, permission: str, does: str, refusal: str) -> StaffAction:
        member = str.__new__(cls, value)
        member._value_ = value
        member.permission = permission
        member.does = does
        member.refusal = refusal
        return member

    # Every role can read every plan record, so this permission stands for "is staff".
    VIEW = (
        "view",
        "plan.view_figure",
        "see the staff pages, figures, evidence and their history",
        "Only signed-in staff can see this.",
    )
    ENTER_FIGURE = (
        "enter",
        "plan.add_figure",
        "enter figures",
        "Your role cannot enter figures.",
    )
    EDIT_FIGURE = (
        "edit",
        "plan.change_figure",
        "change draft and returned figures",
        "Your role cannot change figures.",
    )
    SUBMIT_FIGURE = (
        "submit",
        "plan.submit_figure",
        "submit figures for approval",
        "Your role cannot submit figures for approval.",
    )
    APPROVE_FIGURE = (
        "approve",
        "plan.approve_figure",
        "approve or return figures that someone else entered",
        "Only an approver can approve or return figures.",
    )
    # Whoever enters or approves figures talks about them; no new permission
    # (and no change to the roles) is needed for that.
    COMMENT_ON_FIGURE = (
        "comment",
        "plan.add_figure",
        "write internal comments on figures",
        "Your role cannot comment on figures.",
    )
    CORRECT_FIGURE = (
        "correct",
        "plan.correct_figure",
        "correct approved figures, with a reason",
        "Only an approver can correct an approved figure.",
    )
    IMPORT_FIGURES = (
        "import",
        "plan.add_figure",
        "import figures from a spreadsheet",
        "Your role cannot import figures.",
    )
    UPLOAD_EVIDENCE = (
        "upload_evidence",
        "plan.add_evidence",
        "upload evidence",
        "Your role cannot upload evidence.",
    )
    CHANGE_EVIDENCE = (
        "change_evidence",
        "plan.change_evidence",
        "change evidence",
        "Your role cannot change evidence.",
    )
    # Making evidence public publishes it, as approving a figure does, so it is
    # the approver's right (issue 11): the same permission, not a new one. So is
    # any change the public would see (issue 22): see services.publishes_evidence.
    PUBLISH_EVIDENCE = (
        "publish_evidence",
        "plan.approve_figure",
        "make evidence public, or change evidence the public can see",
        "Only an approver can make evidence public, or change evidence the public can see "
        "(its title, file, link, or what it backs). Save it as internal and ask an "
        "approver to publish it.",
    )
    IMPORT_COMPARATORS = (
        "import_comparators",
        "plan.import_comparators",
        "import comparator series from national data",
        "Only an approver can import comparator series.",
    )
    CREATE_REPORT = (
        "create_report",
        "reports.add_progressreport",
        "start progress reports",
        "Your role cannot create progress reports.",
    )
    PUBLISH_REPORT = (
        "publish_report",
        "reports.publish_progressreport",
        "publish progress reports",
        "Only an approver can publish a progress report.",
    )
    # Two approvers withdraw a report: one asks, another confirms (services.py).
    WITHDRAW_REPORT = (
        "withdraw_report",
        "reports.withdraw_progressreport",
        "ask for, confirm or cancel the withdrawal of a published progress report",
        "Only an approver can withdraw a progress report.",
    )
    WRITE_POST = (
        "write_post",
        "updates.add_post",
        "write and change updates",
        "Your role cannot write updates.",
    )
    PUBLISH_POST = (
        "publish_post",
        "updates.publish_post",
        "write, publish, schedule and withdraw updates",
        "Only an approver can publish, schedule or withdraw an update. Save it as a draft "
        "and ask an approver to publish it.",
    )
    # The words site search treats as the same (engagement.SearchSynonym): they
    # change what every family's search finds, so the approver keeps them.
    KEEP_SYNONYMS = (
        "keep_synonyms",
        "engagement.change_searchsynonym",
        "add, change and remove the words search treats as meaning the same",
        "Only an approver can change the words search treats as meaning the same.",
    )


def is_staff(user: Someone) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class SecondFactorNeeded(PermissionDenied):
    """Staff signed in with a password only, asking for something not public.

    The two-factor middleware answers it by sending them to enter a code.
    """


def needs_second_factor(user: Someone) -> bool:
    """Whether `user` is staff still to give the second factor this session.

    Until then they have no more access than the public. A user object that
    did not come through the OTP middleware counts as not verified.
    """
    if not settings.STAFF_REQUIRE_2FA or not is_staff(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified is not None and is_verified())


def public_else_for_staff[M: Model](
    public: QuerySet[M], everything: QuerySet[M], user: Someone, *, staff: bool
) -> tuple[M | None, bool]:
    """The one record a file address asks for: from `public` for anyone; from
    `everything` only for `staff` (the caller's test of who may see more),
    once they have given the second factor. Returns (record or None, whether it
    came from the staff side). None means the caller answers 404, never 403, so
    guessing numbers reveals nothing about what exists."""
    record = public.first()
    if record is not None or not staff:
        return record, False
    if needs_second_factor(user):
        raise SecondFactorNeeded
    return everything.first(), True


def _action(action: StaffAction | str) -> StaffAction:
    # A member looked up by its value; mypy reads the __new__ that builds the members.
    return StaffAction(action)  # type: ignore[call-arg]


def can(user: Someone, action: StaffAction | str) -> bool:
    return is_staff(user) and user is not None and user.has_perm(_action(action).permission)


def require(user: Someone, action: StaffAction | str) -> None:
    """Raise PermissionDenied, with the action's refusal message, unless the user may."""
    action = _action(action)
    if not can(user, action):
        raise PermissionDenied(action.refusal)


def what_they_can_do(user: Someone) -> list[str]:
    """What the user's role lets them do, in words, for the refusal page."""
    seen: list[str] = []
    for action in StaffAction:
        if can(user, action) and action.does not in seen:
            seen.append(action.does)
    return seen
