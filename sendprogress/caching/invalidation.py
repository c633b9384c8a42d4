"""Retire cached public pages whenever public content may have changed.

Any save or delete of a model in the apps whose content the public pages
show (plan, updates, pages, engagement, reports: publishing or withdrawing
one changes /reports/ and its page), and any change to their many-to-many links,
bumps the public content version. A new model in those apps is covered
without anyone remembering to add it; only models that never reach a public
page are left out, because they change often (email subscriptions and
deliveries).

Signals do not fire for QuerySet.update(), bulk_create() or raw SQL: code
that changes public content that way must call `public_content_changed()`
itself (as `generate_large_data` does).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import versions

PUBLIC_APPS = {"plan", "updates", "pages", "engagement", "reports"}
# Feedback is never shown publicly, and a submission must never retire the
# cached pages (anyone could otherwise empty the cache by sending feedback).
NEVER_PUBLIC = {
    "updates.subscriber",
    "updates.delivery",
    "updates.subscriber_findings",
    "engagement.feedback",
}


def public_content_changed() -> None:
    """Make the next request for every public page render it afresh."""
    versions.bump()


def _shows_publicly(model) -> bool:
    meta = model._meta
    return meta.app_label in PUBLIC_APPS and meta.label_lower not in NEVER_PUBLIC


def _on_change(sender, **kwargs) -> None:
    if _shows_publicly(sender):
        public_content_changed()


def _on_m2m_change(sender, action, **kwargs) -> None:
    if action.startswith("post_") and _shows_publicly(sender):
        public_content_changed()


def connect() -> None:
    post_save.connect(_on_change, dispatch_uid="caching.post_save")
    post_delete.connect(_on_change, dispatch_uid="caching.post_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="caching.m2m_changed")
