"""Start a new local area's site from an empty database.

Brings the database up to date, loads the glossary, makes the first
administrator (asking for a username, email and password, or taking them from
options and DJANGO_SUPERUSER_PASSWORD with --no-input), and prints the set-up
checklist with where each step is done. Safe to run again: nothing already
there is changed, and a second administrator is never made by it.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sendprogress.pages.models import GlossaryTerm
from sendprogress.staff import checklist


class Command(BaseCommand):
    help = "Make an empty site ready for a local area: database, glossary, first administrator."

    def add_arguments(self, parser):
        parser.add_argument("--username", help="The first administrator's username.")
        parser.add_argument("--email", help="The first administrator's email address.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Ask nothing: take the username and email from the options and the "
            "password from DJANGO_SUPERUSER_PASSWORD.",
        )

    def handle(self, *args, username=None, email=None, interactive=True, **options):
        self.stdout.write("Bringing the database up to date…")
        call_command("migrate", verbosity=0, interactive=False)
        if not GlossaryTerm.objects.exists():
            call_command("loaddata", settings.BASE_DIR / "fixtures" / "glossary.json", verbosity=0)
            self.stdout.write("Loaded the glossary of plain words.")

        administrators = get_user_model().objects.filter(is_superuser=True, is_active=True)
        if administrators.exists():
            names = ", ".join(administrators.values_list("username", flat=True)[:5])
            self.stdout.write(f"An administrator already exists ({names}): none was made.")
        else:
            if not interactive and not (username and email):
                raise CommandError(
                    "With --no-input, give --username and --email, and the password in "
                    "DJANGO_SUPERUSER_PASSWORD."
                )
            self.stdout.write("Now the first administrator, who signs in to set the site up.")
            extra = {"username": username, "email": email} if username else {}
            call_command("createsuperuser", interactive=interactive, stdout=self.stdout, **extra)

        self.stdout.write("")
        self.stdout.write(
            f"Sign in at /{settings.ADMIN_URL} and work through the set-up checklist at "
            "/staff/set-up/. Still to do:"
        )
        for number, step in enumerate(checklist.steps(), start=1):
            mark = "done" if step.done else "to do"
            self.stdout.write(f"  {number}. {step.title} ({mark}): {step.what}")
            if not step.done:
                self.stdout.write(f"     {step.link_text}: {step.url}")
