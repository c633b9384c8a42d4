from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A member of staff. Public visitors never have accounts.

    `public_name` is how the person is named on the public site (for example
    on an update), so their username and email never need to appear there.
    """

    public_name = models.CharField(max_length=150, blank=True)
    job_title = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return self.get_full_name() or self.username
