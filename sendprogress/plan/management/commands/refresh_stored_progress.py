from django.core.management.base import BaseCommand
from django.db import transaction

from sendprogress.plan.measures import stored_progress


class Command(BaseCommand):
    help = (
        "Work out again and store every measure's latest approved figure and progress "
        "(after figures, milestones or measures were written around the services and the "
        "admin, e.g. by QuerySet.update() or raw SQL)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = stored_progress.refresh()
        self.stdout.write(f"Refreshed {count:,} measures.")
