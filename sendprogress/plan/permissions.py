"""Who may do what on the staff side. Views and services both ask here.

Every action needs an active staff account; most also need a permission that
a role (see accounts/roles.py) grants. A superuser has every permission.
"""

from __future__ import annotations

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
}


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can(user, action: str) -> bool:
    if not is_staff(user):
        return False
    permission = ACTIONS[action]
    return permission is None or user.has_perm(permission)


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(REFUSALS[action])
