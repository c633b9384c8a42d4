from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A member of staff. Public visitors never have accounts.

    No staff account is named on the public site: an update carries the
    author's public name and role itself.
    """

    # Emails about figures (submitted, returned, due soon, overdue); each
    # person turns them off for themselves on the staff pages.
    wants_figure_emails = models.BooleanField(
        "email me about figures",
        default=True,
        help_text="Figures waiting for approval, returned, due soon or overdue",
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username
