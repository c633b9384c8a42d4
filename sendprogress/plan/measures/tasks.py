"""Background tasks for figures (Django's tasks API), run by `manage.py db_worker`."""

from django.tasks import task

from . import notifications


@task
def send_figure_returned_email(figure_id: int) -> int:
    return notifications.send_returned(figure_id=figure_id)


@task
def send_daily_figure_emails() -> int:
    """Enqueued by `run_dispatcher`; sends nothing twice in a day."""
    return notifications.send_daily()
