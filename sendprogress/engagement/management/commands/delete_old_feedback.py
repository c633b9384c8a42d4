"""Delete page feedback older than FEEDBACK_RETENTION_DAYS (the privacy notice
promises it). `run_dispatcher` runs this on every pass; run it from cron if
the dispatcher is not running."""

from django.core.management.base import BaseCommand

from sendprogress.engagement import services


class Command(BaseCommand):
    help = "Delete page feedback older than FEEDBACK_RETENTION_DAYS."

    def handle(self, *args, **options):
        deleted = services.delete_old_feedback()
        if deleted:
            self.stdout.write(f"Deleted {deleted} piece(s) of feedback past the retention period.")
