from datetime import date, timedelta

from django.utils import timezone

from sendprogress.engagement.models import Feedback, YouSaidWeDid


def make_feedback(*, page="/", useful=False, comment="", finding=None, days_ago=0, **fields):
    return Feedback.objects.create(
        page=page,
        useful=useful,
        comment=comment,
        finding=finding,
        created_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


def make_entry(*, published=True, findings=(), done_on=date(2024, 3, 1), **fields):
    entry = YouSaidWeDid.objects.create(
        you_said=fields.pop("you_said", "Letters about plans were hard to follow."),
        we_did=fields.pop("we_did", "We rewrote the letters with parent carers."),
        done_on=done_on,
        status=YouSaidWeDid.Status.PUBLISHED if published else YouSaidWeDid.Status.DRAFT,
        published_at=timezone.now() - timedelta(hours=1) if published else None,
        **fields,
    )
    entry.findings.set(findings)
    return entry
