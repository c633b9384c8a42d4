import pytest
from django.contrib.auth.models import Group

from sendprogress.accounts.models import User
from sendprogress.accounts.roles import APPROVER, DATA_OFFICER


def _staff(username, role, **extra):
    user = User.objects.create_user(username, password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    for codename in extra.get("permissions", ()):
        from django.contrib.auth.models import Permission

        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="updates", codename=codename)
        )
    return User.objects.get(pk=user.pk)  # fresh, so permission caches are empty


@pytest.fixture
def approver(db):
    return _staff("approver", APPROVER)


@pytest.fixture
def writer(db):
    """Staff who may write updates but not publish them."""
    return _staff("writer", DATA_OFFICER, permissions=["add_post", "change_post"])


@pytest.fixture
def data_officer(db):
    return _staff("officer", DATA_OFFICER)
