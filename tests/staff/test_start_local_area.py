"""`manage.py start_local_area`: an empty site, its first administrator and the checklist."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from sendprogress.pages.models import GlossaryTerm

pytestmark = pytest.mark.django_db


def _start(monkeypatch, **options) -> str:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "river-lantern-copper-42")
    out = StringIO()
    call_command("start_local_area", interactive=False, stdout=out, **options)
    return out.getvalue()


def test_it_makes_the_first_administrator_who_can_sign_in(monkeypatch, client):
    _start(monkeypatch, username="first.admin", email="first.admin@example.org")
    admin = get_user_model().objects.get(username="first.admin")
    assert admin.is_superuser
    assert admin.is_staff
    response = client.post(
        "/admin/login/?next=/staff/",
        {"username": "first.admin", "password": "river-lantern-copper-42"},
        secure=True,
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_it_loads_the_glossary(monkeypatch):
    GlossaryTerm.objects.all().delete()
    _start(monkeypatch, username="first.admin", email="first.admin@example.org")
    assert GlossaryTerm.objects.filter(abbreviation="EHCP").exists()


def test_it_lists_every_step_still_to_do_with_where_to_do_it(monkeypatch):
    out = _start(monkeypatch, username="first.admin", email="first.admin@example.org")
    assert "/staff/set-up/" in out
    assert "Local area details (to do)" in out
    assert "Add the inspection: /admin/plan/inspection/add/" in out


def test_running_it_again_makes_no_second_administrator(monkeypatch):
    _start(monkeypatch, username="first.admin", email="first.admin@example.org")
    out = _start(monkeypatch, username="second.admin", email="second@example.org")
    assert "An administrator already exists (first.admin)" in out
    assert not get_user_model().objects.filter(username="second.admin").exists()


def test_without_input_it_asks_for_a_username_and_email(monkeypatch):
    with pytest.raises(CommandError, match="--username and --email"):
        _start(monkeypatch)


def test_the_empty_site_says_the_inspection_is_still_to_come(monkeypatch, client):
    _start(monkeypatch, username="first.admin", email="first.admin@example.org")
    response = client.get("/")
    assert response.status_code == 200
    assert "We have not added the inspection to this site yet." in response.content.decode()
