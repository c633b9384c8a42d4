"""The staff roles and what each may do.

Roles are Django groups. Their permissions are listed here once, synced into
the groups after every `migrate` (see `sync_roles_after_migrate`), and checked
in code (never only in templates).
"""

from django.db import DEFAULT_DB_ALIAS

DATA_OFFICER = "Data officer"
APPROVER = "Approver"
PARTNER_VIEWER = "Partner viewer"

_PLAN_MODELS = [
    "localarea",
    "partner",
    "finding",
    "inspection",
    "judgement",
    "plan",
    "monitoringevent",
    "action",
    "actionupdate",
    "measure",
    "measuremilestone",
    "figure",
    "evidence",
    "journeystep",
    "comparatorseries",
    "comparatorvalue",
]


def _view_everything() -> list[str]:
    return [f"plan.view_{m}" for m in _PLAN_MODELS] + [
        "updates.view_post",
        "reports.view_progressreport",
        "engagement.view_yousaidwedid",
    ]


# Families' feedback is read and triaged by the council's own staff only;
# partner viewers never see it. Approvers publish "You said, we did" entries,
# as they publish updates.
_TRIAGE_FEEDBACK = ["engagement.view_feedback", "engagement.change_feedback"]
_WRITE_YOU_SAID_WE_DID = ["engagement.add_yousaidwedid", "engagement.change_yousaidwedid"]


ROLES: dict[str, list[str]] = {
    DATA_OFFICER: [
        *_view_everything(),
        "plan.add_figure",
        "plan.change_figure",
        "plan.submit_figure",
        "plan.add_evidence",
        "plan.change_evidence",
        "plan.add_actionupdate",
        "plan.change_actionupdate",
        "reports.add_progressreport",
        *_TRIAGE_FEEDBACK,
        *_WRITE_YOU_SAID_WE_DID,
    ],
    APPROVER: [
        *_view_everything(),
        *[f"plan.{verb}_{m}" for m in _PLAN_MODELS for verb in ("add", "change")],
        "plan.submit_figure",
        "plan.approve_figure",
        "plan.correct_figure",
        "plan.import_comparators",
        "reports.add_progressreport",
        "reports.publish_progressreport",
        "reports.withdraw_progressreport",
        "updates.add_post",
        "updates.change_post",
        "updates.delete_post",
        "updates.publish_post",
        *_TRIAGE_FEEDBACK,
        *_WRITE_YOU_SAID_WE_DID,
        "engagement.delete_yousaidwedid",
        "engagement.publish_yousaidwedid",
        *[f"engagement.{verb}_searchsynonym" for verb in ("view", "add", "change", "delete")],
    ],
    PARTNER_VIEWER: _view_everything(),
}


def sync_roles(apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create each role's group and give it exactly its permissions."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after migrations finish; make them now so
    # the groups can hold them on a brand new database.
    # A migration's app registry has no models modules, which create_permissions
    # skips; lend it one for the call and put back what was there, so that
    # calling this with the real registry (as tests do) leaves it untouched.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            permissions.append(
                Permission.objects.using(using).get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(permissions)


def sync_roles_after_migrate(sender, apps=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Keep the role groups equal to ROLES after every `migrate` (and test flush).

    Done here rather than in a data migration so that no migration depends on
    today's ROLES, and a change to ROLES reaches every database on its next
    migrate. Skipped while the apps the roles name are not migrated yet (for
    example `migrate plan zero`). `flush` sends no `apps`: it means the
    project's own registry.
    """
    if apps is None:
        from django.apps import apps
    migrated = {config.label for config in apps.get_app_configs()}
    if {"auth", "contenttypes", "plan", "updates", "reports", "engagement"} <= migrated:
        sync_roles(apps, using=using)
