from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A member of staff. Public visitors never have accounts.

    No staff account is named on the public site: an update carries the
    author's public name and role itself.
    """

    def __str__(self) -> str:
        return self.get_full_name() or self.username
