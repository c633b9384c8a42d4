"""Look, on a schedule, for updates whose time has come and queue their emails.

`make run` starts this beside the task worker. In production run it as one
long-lived process (systemd service or similar) next to `db_worker`; running
two at once is safe, just wasteful. `--once` does a single pass (for cron).
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from sendprogress.plan.measures.tasks import send_daily_figure_emails
from sendprogress.updates import services
from sendprogress.updates.tasks import dispatch


class Command(BaseCommand):
    help = "Queue emails for updates that have become public, and tidy subscriptions."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Do one pass, then stop.")
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.UPDATES_DISPATCH_INTERVAL,
            help="Seconds between passes (default: UPDATES_DISPATCH_INTERVAL).",
        )

    def handle(self, *args, once=False, interval=30, **options):
        while True:
            self.run_once()
            if once:
                return
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                return

    # Staff emails about figures are daily: queued once a day per process
    # (and never sent twice, however many processes queue them).
    figure_emails_queued_on = None

    def run_once(self):
        # The worker does the sending; this process only decides when.
        post_ids = dispatch()
        if post_ids:
            self.stdout.write(f"Queued emails for {len(post_ids)} update(s).")
        today = timezone.localdate()
        if self.figure_emails_queued_on != today:
            send_daily_figure_emails.enqueue()
            self.figure_emails_queued_on = today
        deleted = services.delete_unconfirmed()
        if deleted:
            self.stdout.write(f"Deleted {deleted} unconfirmed email address(es).")
        # By name, not by import: updates sits below the engagement app.
        call_command("delete_old_feedback", stdout=self.stdout)
