from django.core.management.base import BaseCommand

from sendprogress.updates import services


class Command(BaseCommand):
    help = "Delete email addresses not confirmed within UPDATES_UNCONFIRMED_DAYS days."

    def handle(self, *args, **options):
        deleted = services.delete_unconfirmed()
        self.stdout.write(f"Deleted {deleted} unconfirmed email address(es).")
