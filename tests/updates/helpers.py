from django.utils import timezone

from sendprogress.updates.models import Subscriber


def make_subscriber(email, *, areas=(), confirmed=True, confirmed_at=None) -> Subscriber:
    subscriber = Subscriber.objects.create(
        email=email,
        confirmed_at=(confirmed_at or timezone.now() - timezone.timedelta(days=30))
        if confirmed
        else None,
    )
    subscriber.areas.set(areas)
    return subscriber
