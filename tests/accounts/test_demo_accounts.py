import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from sendprogress.accounts import roles

pytestmark = pytest.mark.django_db


def test_it_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only made when DEBUG is on"):
        call_command("create_demo_accounts")
    assert not get_user_model().objects.exists()


def test_it_makes_one_account_per_role_and_prints_them(settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    call_command("create_demo_accounts")
    out = capsys.readouterr().out
    users = get_user_model().objects.all()
    assert users.count() == 3
    for role in (roles.DATA_OFFICER, roles.APPROVER, roles.PARTNER_VIEWER):
        user = users.get(groups__name=role)
        assert user.is_staff
        assert not user.is_superuser
        assert user.username in out
    # django-axes needs the request to count failed attempts.
    request = RequestFactory().post("/")
    assert authenticate(request, username="approver", password="demo-approver-pass") is not None


def test_roles_exist_after_migrating():
    from django.contrib.auth.models import Group

    approver = Group.objects.get(name=roles.APPROVER)
    assert approver.permissions.filter(codename="approve_figure").exists()
    officer = Group.objects.get(name=roles.DATA_OFFICER)
    assert not officer.permissions.filter(codename="approve_figure").exists()


def test_syncing_roles_with_the_real_app_registry_leaves_it_working(db):
    # Tests call sync_roles(apps) with the real registry; it once left every
    # app without its models module, so later flushes made no permissions.
    from django.apps import apps

    from sendprogress.accounts.roles import sync_roles

    before = {config.label: config.models_module for config in apps.get_app_configs()}
    sync_roles(apps)
    assert {config.label: config.models_module for config in apps.get_app_configs()} == before
