"""Who may do what on the staff side. Views and services both ask here.

Every action needs an active staff account; most also need a permission that
a role (see accounts/roles.py) grants. A superuser has every permission.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied

ACTIONS: dict[str, str | None] = {
    # Reading the staff pages and internal evidence: any staff role.
    "view": None,
    "enter": "plan.add_figure",
    "edit": "plan.change_figure",
    "submit": "plan.submit_figure",
    "approve": "plan.approve_figure",
    "correct": "plan.correct_figure",
    "upload_evidence": "plan.add_evidence",
    "import": "plan.add_figure",
    "import_comparators": "plan.import_comparators",
    "create_report": "reports.add_progressreport",
    "publish_report": "reports.publish_progressreport",
}

REFUSALS = {
    "view": "Only signed-in staff can see this.",
    "enter": "Your role cannot enter figures.",
    "edit": "Your role cannot change figures.",
    "submit": "Your role cannot submit figures for approval.",
    "approve": "Only an approver can approve or return figures.",
    "correct": "Only an approver can correct an approved figure.",
    "upload_evidence": "Your role cannot upload evidence.",
    "import": "Your role cannot import figures.",
    "import_comparators": "Only an approver can import comparator series.",
    "create_report": "Your role cannot create progress reports.",
    "publish_report": "Only an approver can publish a progress report.",
}


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


class SecondFactorNeeded(PermissionDenied):
    """Staff signed in with a password only, asking for something not public.

    The two-factor middleware answers it by sending them to enter a code.
    """


def needs_second_factor(user) -> bool:
    """Whether `user` is staff still to give the second factor this session.

    Until then they have no more access than the public. A user object that
    did not come through the OTP middleware counts as not verified.
    """
    if not settings.STAFF_REQUIRE_2FA or not is_staff(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified is not None and is_verified())


def can(user, action: str) -> bool:
    if not is_staff(user):
        return False
    permission = ACTIONS[action]
    return permission is None or user.has_perm(permission)


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(REFUSALS[action])
