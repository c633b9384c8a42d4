from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sendprogress.demo import demo_2023


class Command(BaseCommand):
    help = (
        "Build the made-up Haverleigh demo (2023 framework, dates relative to today). "
        "Replaces all plan content in the database: local demo only."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "This replaces every inspection, plan and figure in the database, so it only "
                "runs when DEBUG is on (the local demo)."
            )
        demo_2023.build()
        self.stdout.write(f"Built the {demo_2023.NAME} demo (2023 framework).")
