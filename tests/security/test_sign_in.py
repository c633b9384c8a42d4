"""Signing in: failed attempts are logged and, past a limit, cool off; passwords are long.

The pause is for one username from one address, or for one address: never
for a username wherever the attempts come from, which would let anyone keep
a named member of staff out.
"""

import logging
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client, username, password, ip="192.0.2.1"):
    return client.post(
        reverse("admin:login") + "?next=/staff/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        secure=True,
    )


def _fail(client, username, times, ip="192.0.2.1"):
    for _ in range(times):
        response = _sign_in(client, username, "not-the-password", ip)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text


def test_a_right_password_signs_in(client, data_officer):
    response = _sign_in(client, "dana", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/staff/"


def test_after_too_many_failures_sign_in_is_paused_even_with_the_right_password(
    client, data_officer, settings
):
    _fail(client, "dana", settings.AXES_FAILURE_LIMIT - 1)
    response = _sign_in(client, "dana", "not-the-password")
    assert response.status_code == 429
    response = _sign_in(client, "dana", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.text
    assert "Wait 15 minutes, then try again" in response.text
    assert "Traceback" not in response.text
    assert "_auth_user_id" not in client.session


def test_the_pause_ends_after_the_cool_off(client, data_officer, settings):
    _fail(client, "dana", settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, "dana", "not-the-password").status_code == 429
    assert _sign_in(client, "dana", PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _sign_in(client, "dana", PASSWORD).status_code == 302


def test_wrong_passwords_from_elsewhere_do_not_keep_the_owner_out(client, data_officer, settings):
    # Someone who knows a member of staff's username, trying from many addresses.
    for n in range(settings.AXES_FAILURE_LIMIT * 2):
        _sign_in(client, "dana", "wrong", ip=f"198.51.100.{n}")
    assert _sign_in(client, "dana", PASSWORD, ip="203.0.113.9").status_code == 302


def test_wrong_passwords_for_a_username_pause_it_from_that_address_only(
    client, data_officer, settings
):
    _fail(client, "dana", settings.AXES_FAILURE_LIMIT - 1, ip="198.51.100.7")
    assert _sign_in(client, "dana", "wrong", ip="198.51.100.7").status_code == 429
    assert _sign_in(client, "dana", PASSWORD, ip="198.51.100.7").status_code == 429
    assert _sign_in(client, "dana", PASSWORD, ip="203.0.113.9").status_code == 302


def test_a_right_password_during_the_pause_is_not_counted_as_a_failure(
    client, data_officer, settings
):
    _fail(client, "dana", settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, "dana", "wrong").status_code == 429
    for _ in range(3):
        assert _sign_in(client, "dana", PASSWORD).status_code == 429
    failures = AccessAttempt.objects.aggregate(n=Sum("failures_since_start"))["n"]
    assert failures == settings.AXES_FAILURE_LIMIT


def test_trying_during_the_pause_does_not_make_it_longer(client, data_officer, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _fail(client, "dana", settings.AXES_FAILURE_LIMIT - 1)
        assert _sign_in(client, "dana", "wrong").status_code == 429
    for minutes in (5, 10, 14):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert _sign_in(client, "dana", "wrong").status_code == 429
            assert _sign_in(client, "dana", PASSWORD).status_code == 429
    # The pause ends 15 minutes after the failure that started it.
    with time_machine.travel(start + timedelta(minutes=15, seconds=30), tick=False):
        assert _sign_in(client, "dana", PASSWORD).status_code == 302


def test_the_pause_page_gives_the_time_it_really_ends(client, data_officer, settings):
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    with time_machine.travel(start, tick=False):
        _fail(client, "dana", settings.AXES_FAILURE_LIMIT - 1)
        assert _sign_in(client, "dana", "wrong").status_code == 429
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        response = _sign_in(client, "dana", PASSWORD)
    assert response.status_code == 429
    end = timezone.localtime(start + timedelta(minutes=15)).strftime("%H:%M")
    assert f"Wait 5 minutes, then try again (after {end})" in response.text


def test_one_address_is_paused_whichever_usernames_it_tries(client, data_officer):
    for n in range(5):
        _sign_in(client, f"guess{n}", "wrong", ip="192.0.2.50")
    assert _sign_in(client, "dana", PASSWORD, ip="192.0.2.50").status_code == 429
    # Someone else, elsewhere, can still sign in.
    assert _sign_in(client, "dana", PASSWORD, ip="192.0.2.51").status_code == 302


def test_a_success_clears_earlier_failures(client, data_officer, settings):
    _fail(client, "dana", settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, "dana", PASSWORD).status_code == 302
    client.logout()
    _fail(client, "dana", settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, "dana", PASSWORD).status_code == 302


def test_attempts_and_lockouts_are_logged(client, data_officer, caplog, settings):
    with caplog.at_level(logging.INFO):
        _fail(client, "dana", settings.AXES_FAILURE_LIMIT - 1)
        _sign_in(client, "dana", "not-the-password")
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("axes")]
    failures = [m for m in messages if "login failure by" in m]
    assert len(failures) == settings.AXES_FAILURE_LIMIT
    # Who tried, and from where, so the log shows an attack for what it is.
    assert all('username: "dana"' in m and "192.0.2.1" in m for m in failures)
    assert any("Locking out" in m for m in messages)
    # The password is never written to the log.
    assert not any("not-the-password" in m for m in messages)


@pytest.mark.parametrize(
    "password",
    [
        "Sh0rt-pass!",  # 11 characters
        "password1234",  # common
        "123456789012345",  # only numbers
    ],
)
def test_weak_passwords_are_refused(data_officer, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=data_officer)


def test_a_long_uncommon_password_is_accepted(data_officer):
    # Through the form that sets a password (the admin's), which runs the same
    # validators: it takes the password, and the user can sign in with it.
    password = "river-lantern-copper-42"
    form = SetPasswordForm(data_officer, {"new_password1": password, "new_password2": password})
    assert form.is_valid(), form.errors
    form.save()
    data_officer.refresh_from_db()
    assert data_officer.check_password(password)
    weak = SetPasswordForm(
        data_officer, {"new_password1": "password1234", "new_password2": "password1234"}
    )
    assert not weak.is_valid()
