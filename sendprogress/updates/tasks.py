"""Background tasks (Django's tasks API), run by the database worker
(`manage.py db_worker`)."""

from django.tasks import task

from . import sending


@task
def send_post_emails(post_id: int) -> int:
    """Send one post's waiting emails; each subscriber gets it once."""
    return sending.send_post_emails(post_id=post_id)


@task
def send_sign_up_email(subscriber_id: int) -> bool:
    """The confirmation (or "already subscribed") email a sign-up asked for."""
    return sending.send_sign_up_email(subscriber_id=subscriber_id)


def dispatch() -> list[int]:
    """Queue the emails of every post that has become public, and start a
    send for each (and for any send a restart interrupted)."""
    post_ids = sending.queue_due_posts() + sending.stalled_posts()
    for post_id in post_ids:
        send_post_emails.enqueue(post_id)
    return post_ids


@task
def dispatch_due_posts() -> list[int]:
    """Enqueued when an approver publishes now. `run_dispatcher` calls
    dispatch() on a schedule, which is how a scheduled post's emails go when
    its time comes."""
    return dispatch()
