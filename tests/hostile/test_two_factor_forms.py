"""Hostile input at the two-factor pages: setting up the app, entering a code,
and the recovery codes page. Never a 500, a message on the form, never a way
in without the right code, and never a redirect to another site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import example, given
from hypothesis import strategies as st

from sendprogress.accounts import roles
from sendprogress.security import two_factor
from tests.factories import make_user

from .conftest import HOSTILE, assert_never_500, changed_tables, shows_a_message, snapshot
from .strategies import hostile_text

# A wrong code may only count against the device (django-otp's throttle).
THROTTLE_TABLES = {"otp_totp_totpdevice", "otp_static_staticdevice"}
OFF_SITE = ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example"]
hostile_next = st.one_of(st.sampled_from(["", "/staff/", *OFF_SITE]), hostile_text)


@pytest.fixture
def two_factor_required(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.fixture
def officer(db, two_factor_required):
    return make_user(roles.DATA_OFFICER, username="hostile-officer")


def _stays_on_site(response) -> None:
    if response.status_code in (301, 302, 303):
        target = urlsplit(response["Location"])
        assert not target.netloc, f"redirected off the site: {response['Location']!r}"
        assert target.path.startswith("/")


@HOSTILE
@given(code=hostile_text, next_url=hostile_next)
@example(code="000000", next_url="https://evil.example/")
@example(code="1" * 33, next_url="")
def test_setting_up_refuses_a_wrong_code_on_the_form(client, officer, code, next_url):
    client.force_login(officer)
    client.get(reverse("security:set_up"), secure=True)
    before = snapshot()
    response = client.post(
        reverse("security:set_up"), {"code": code, "next": next_url}, secure=True
    )
    assert_never_500(response, "set up")
    assert response.status_code == 200
    assert shows_a_message(response)
    assert changed_tables(before, snapshot()) <= THROTTLE_TABLES
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()


@HOSTILE
@given(code=hostile_text, next_url=hostile_next)
@example(code="aaaaaaaa", next_url="//evil.example/")
def test_a_wrong_code_never_lets_anyone_in(client, officer, code, next_url):
    TOTPDevice.objects.get_or_create(user=officer, name="Authenticator app", confirmed=True)
    if not two_factor.recovery_codes_left(officer):
        two_factor.new_recovery_codes(officer)
    client.force_login(officer)
    before = snapshot()
    response = client.post(
        reverse("security:verify") + "?next=" + "%2Fstaff%2F",
        {"code": code, "next": next_url},
        secure=True,
    )
    assert_never_500(response, "verify")
    assert response.status_code == 200
    assert shows_a_message(response)
    assert changed_tables(before, snapshot()) <= THROTTLE_TABLES
    # Still not through: the staff pages send them back for a code.
    staff = client.get("/staff/", secure=True)
    assert staff.status_code == 302
    assert staff["Location"].startswith(reverse("security:verify"))


@HOSTILE
@given(next_url=hostile_next, junk=hostile_text)
@example(next_url="https://evil.example/", junk="")
def test_the_pages_never_send_anyone_off_the_site(client, officer, next_url, junk):
    client.force_login(officer)
    for name in ("security:set_up", "security:verify", "security:recovery_codes"):
        response = client.get(reverse(name), {"next": next_url, "junk": junk}, secure=True)
        assert_never_500(response, name)
        _stays_on_site(response)
        if response.status_code == 200:
            assert 'value="https://evil.example/"' not in response.text


@HOSTILE
@given(junk=hostile_text)
def test_making_new_recovery_codes_ignores_what_else_is_sent(client, officer, junk):
    TOTPDevice.objects.get_or_create(user=officer, name="Authenticator app", confirmed=True)
    client.force_login(officer)
    session = client.session
    device = TOTPDevice.objects.get(user=officer)
    session["otp_device_id"] = device.persistent_id
    session.save()
    response = client.post(
        reverse("security:recovery_codes"), {"next": junk, "codes": junk}, secure=True
    )
    assert_never_500(response, "recovery codes")
    _stays_on_site(response)
    page = client.get(reverse("security:recovery_codes"), secure=True)
    assert page.status_code == 200
    assert two_factor.recovery_codes_left(officer) == 10
