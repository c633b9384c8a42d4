from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from sendprogress.accounts import roles

# Known passwords are fine only because this refuses to run outside DEBUG.
DEMO_ACCOUNTS = [
    ("data.officer", "demo-data-officer-pass", roles.DATA_OFFICER, "Dana Officer"),
    ("approver", "demo-approver-pass", roles.APPROVER, "Alex Approver"),
    ("partner", "demo-partner-pass", roles.PARTNER_VIEWER, "Pat Partner"),
]


class Command(BaseCommand):
    help = "Create one demo staff account per role (local demo only) and print them."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts have known passwords, so they are only made when DEBUG is on."
            )
        User = get_user_model()
        self.stdout.write(f"Demo staff accounts (sign in at {reverse('admin:login')}):")
        for username, password, role, full_name in DEMO_ACCOUNTS:
            first, last = full_name.split(" ", 1)
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "is_staff": True,
                    "is_active": True,
                    "email": f"{username}@example.org",
                },
            )
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            self.stdout.write(f"  {role:<15} username: {username:<13} password: {password}")
