"""Staff need a code from an authenticator app (or a recovery code) to reach staff pages."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendprogress.security import two_factor
from tests.security.conftest import code_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

STAFF = "/staff/"


def _set_up(client):
    """Set up the app for the signed-in user; the recovery codes shown once."""
    client.get(reverse("security:set_up"), secure=True)
    device = TOTPDevice.objects.get(user=client.session_user, confirmed=False)
    response = client.post(
        reverse("security:set_up"), {"code": code_for(device), "next": STAFF}, secure=True
    )
    assert response.status_code == 302
    page = client.get(response["Location"], secure=True)
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.text)


@pytest.fixture
def signed_in(client, data_officer):
    client.force_login(data_officer)
    client.session_user = data_officer
    return client


@pytest.fixture
def enrolled(data_officer):
    """An officer who set up the app earlier, in another session; their recovery codes."""
    device = TOTPDevice.objects.create(user=data_officer, name="Authenticator app", confirmed=True)
    return device, two_factor.new_recovery_codes(data_officer)


@pytest.mark.parametrize("path", [STAFF, "/staff/import/", "/admin/", "/admin/plan/measure/"])
def test_staff_without_two_factor_are_sent_to_set_it_up(signed_in, path):
    response = signed_in.get(path, secure=True)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:set_up") + "?next=")


def test_public_pages_need_no_second_factor(signed_in):
    assert signed_in.get("/", secure=True).status_code == 200


def test_the_set_up_page_shows_a_qr_code_and_the_secret_as_text(signed_in):
    response = signed_in.get(reverse("security:set_up"), secure=True)
    assert response.status_code == 200
    assert "<svg" in response.text
    device = TOTPDevice.objects.get(user=signed_in.session_user, confirmed=False)
    secret = two_factor.secret_for_typing(device)
    assert secret in response.text
    assert len(secret.replace(" ", "")) == 32  # 20 bytes in base32
    # Reloading the page keeps the same secret (the app may already have it).
    assert secret in signed_in.get(reverse("security:set_up"), secure=True).text


def test_a_wrong_code_is_refused_on_the_form(signed_in):
    signed_in.get(reverse("security:set_up"), secure=True)
    response = signed_in.post(reverse("security:set_up"), {"code": "000000"}, secure=True)
    assert response.status_code == 200
    assert "That code is not right" in response.text
    assert "There is a problem" in response.text
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    response = signed_in.post(reverse("security:set_up"), {"code": ""}, secure=True)
    assert "Enter the code" in response.text


def test_setting_up_gives_ten_recovery_codes_once_then_the_staff_pages(signed_in):
    codes = _set_up(signed_in)
    assert len(set(codes)) == 10
    again = signed_in.get(reverse("security:recovery_codes"), secure=True)
    assert not any(code in again.text for code in codes)
    assert "You have 10 unused recovery codes" in again.text
    assert signed_in.get(STAFF, secure=True).status_code == 200


def test_someone_with_only_the_password_cannot_set_up_a_second_app(signed_in, enrolled):
    response = signed_in.get(reverse("security:set_up"), secure=True)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:verify"))
    signed_in.post(reverse("security:set_up"), {"code": "123456"}, secure=True)
    assert TOTPDevice.objects.filter(user=signed_in.session_user).count() == 1


def test_a_new_session_must_enter_a_code(signed_in, enrolled):
    device, _ = enrolled
    response = signed_in.get(STAFF, secure=True)
    assert response["Location"] == reverse("security:verify") + "?next=%2Fstaff%2F"
    response = signed_in.post(
        reverse("security:verify"), {"code": code_for(device), "next": STAFF}, secure=True
    )
    assert response.status_code == 302
    assert response["Location"] == STAFF
    assert signed_in.get(STAFF, secure=True).status_code == 200


def test_a_wrong_code_is_refused_and_then_slows_down_guessing(signed_in, enrolled):
    device, _ = enrolled
    response = signed_in.post(reverse("security:verify"), {"code": "999999"}, secure=True)
    assert response.status_code == 200
    assert "That code is not right" in response.text
    response = signed_in.post(reverse("security:verify"), {"code": code_for(device)}, secure=True)
    assert "Too many wrong codes" in response.text
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = signed_in.post(
            reverse("security:verify"), {"code": code_for(device)}, secure=True
        )
    assert response.status_code == 302


def test_a_recovery_code_works_once(signed_in, enrolled, client):
    _, codes = enrolled
    response = signed_in.post(reverse("security:verify"), {"code": codes[0]}, secure=True)
    assert response.status_code == 302
    assert signed_in.get(STAFF, secure=True).status_code == 200
    assert two_factor.recovery_codes_left(signed_in.session_user) == 9

    signed_in.logout()
    signed_in.force_login(signed_in.session_user)
    response = signed_in.post(reverse("security:verify"), {"code": codes[0]}, secure=True)
    assert response.status_code == 200
    assert "not right" in response.text


def test_a_recovery_code_may_be_typed_in_capitals_with_spaces(signed_in, enrolled):
    _, codes = enrolled
    typed = codes[1][:4].upper() + " " + codes[1][4:].upper()
    response = signed_in.post(reverse("security:verify"), {"code": typed}, secure=True)
    assert response.status_code == 302


def test_new_recovery_codes_replace_the_old(signed_in, enrolled):
    _, old = enrolled
    signed_in.post(reverse("security:verify"), {"code": old[0]}, secure=True)
    response = signed_in.post(reverse("security:recovery_codes"), secure=True)
    page = signed_in.get(response["Location"], secure=True)
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.text)
    assert len(new) == 10
    assert not set(new) & set(old)
    signed_in.logout()
    signed_in.force_login(signed_in.session_user)
    verify = reverse("security:verify")
    assert signed_in.post(verify, {"code": old[1]}, secure=True).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert signed_in.post(verify, {"code": new[0]}, secure=True).status_code == 302


def test_recovery_codes_need_the_second_factor_first(signed_in, enrolled):
    response = signed_in.post(reverse("security:recovery_codes"), secure=True)
    assert response["Location"].startswith(reverse("security:verify"))


def test_the_pages_send_the_public_to_sign_in(client):
    for name in ("security:set_up", "security:verify", "security:recovery_codes"):
        response = client.get(reverse(name), secure=True)
        assert response["Location"].startswith(reverse("admin:login"))


def test_htmx_requests_are_redirected_whole(signed_in):
    response = signed_in.get(STAFF, HTTP_HX_REQUEST="true", secure=True)
    assert response["HX-Redirect"].startswith(reverse("security:set_up"))


def test_the_next_address_must_be_on_this_site(signed_in, enrolled):
    device, _ = enrolled
    response = signed_in.post(
        reverse("security:verify"),
        {"code": code_for(device), "next": "https://evil.example.com/"},
        secure=True,
    )
    assert response["Location"] == STAFF


def test_sign_in_then_code_end_to_end(client, data_officer, enrolled):
    from tests.security.conftest import PASSWORD

    device, _ = enrolled
    response = client.post(
        reverse("admin:login") + "?next=/staff/",
        {"username": "dana", "password": PASSWORD, "next": STAFF},
        secure=True,
    )
    response = client.get(response["Location"], secure=True)
    assert response["Location"].startswith(reverse("security:verify"))
    response = client.post(
        reverse("security:verify"), {"code": code_for(device), "next": STAFF}, secure=True
    )
    assert client.get(response["Location"], secure=True).status_code == 200


# Each session its own secret (security issue 22) ---------------------------------


def _secret_shown(client) -> str:
    response = client.get(reverse("security:set_up"), secure=True)
    return re.search(r"([A-Z2-7]{4}(?: [A-Z2-7]{4}){7})", response.text).group(1)


def test_two_sessions_with_the_password_are_shown_different_secrets(data_officer, client):
    from django.test import Client

    client.force_login(data_officer)
    other = Client()
    other.force_login(data_officer)
    mine, theirs = _secret_shown(client), _secret_shown(other)
    assert mine != theirs
    assert _secret_shown(client) == mine  # each keeps its own while the page is reloaded
    assert _secret_shown(other) == theirs


def test_a_secret_not_used_within_half_an_hour_is_replaced(signed_in, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 60  # still signed in after half an hour
    first = _secret_shown(signed_in)
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        second = _secret_shown(signed_in)
        assert second != first
        assert TOTPDevice.objects.filter(user=signed_in.session_user).count() == 1


def test_once_set_up_no_other_sessions_secret_works(data_officer, client):
    from django.test import Client

    client.force_login(data_officer)
    client.session_user = data_officer
    someone_else = Client()
    someone_else.force_login(data_officer)
    someone_else.get(reverse("security:set_up"), secure=True)
    their_device = TOTPDevice.objects.get(user=data_officer, confirmed=False)
    client.get(reverse("security:set_up"), secure=True)
    my_device = TOTPDevice.objects.get(pk=client.session[two_factor.SETTING_UP])
    assert my_device != their_device
    client.post(reverse("security:set_up"), {"code": code_for(my_device)}, secure=True)
    assert list(
        TOTPDevice.objects.filter(user=data_officer).values_list("confirmed", flat=True)
    ) == [True]
    response = someone_else.post(
        reverse("security:verify"), {"code": code_for(their_device)}, secure=True
    )
    assert "That code is not right" in response.text
