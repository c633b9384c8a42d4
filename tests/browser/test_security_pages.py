"""Signing in, the lockout page and two-factor set-up in a real browser, checked by axe-core."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp

from sendprogress.accounts import roles
from tests.factories import make_user

from .conftest import assert_accessible

pytestmark = pytest.mark.browser
PASSWORD = "a-long-test-password"


@pytest.fixture
def staff_site(live_demo, settings):
    settings.STAFF_REQUIRE_2FA = True
    # A role, as every member of staff has: without one the staff pages refuse them.
    make_user(roles.DATA_OFFICER, username="sam", password=PASSWORD)
    return live_demo.url


def _sign_in(page, base, password=PASSWORD):
    page.goto(base + reverse("admin:login") + "?next=/staff/")
    page.fill("#id_username", "sam")
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def _code_from_secret(secret: str) -> str:
    key = b32decode(secret.replace(" ", ""))
    return f"{totp(key):06d}"


def test_the_sign_in_page_is_accessible(page, staff_site):
    page.goto(staff_site + reverse("admin:login"))
    assert_accessible(page)


def test_too_many_wrong_passwords_show_the_lockout_page(page, staff_site, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(page, staff_site, password="not-the-password")
    assert page.locator("h1").inner_text() == "Too many attempts to sign in"
    assert "then try again" in page.locator("main").inner_text()
    assert_accessible(page)


def test_setting_up_two_factor_then_signing_in_with_a_recovery_code(page, staff_site):
    _sign_in(page, staff_site)
    page.wait_for_url(re.compile(r"/two-factor/set-up/"))
    assert page.locator("h1").inner_text() == "Set up two-factor authentication"
    assert page.locator(".app-qr-code-box svg").count() == 1
    assert_accessible(page)

    # A wrong code first: the message is on the form.
    page.get_by_label("Code", exact=True).fill("000000")
    page.get_by_role("button", name="Confirm and continue").click()
    assert "That code is not right" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)

    # People who cannot scan type the key in instead.
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator(".app-secret").inner_text()
    assert_accessible(page)
    page.wait_for_timeout(1100)  # the wrong code makes the next try wait a second
    page.get_by_label("Code", exact=True).fill(_code_from_secret(secret))
    page.get_by_role("button", name="Confirm and continue").click()

    page.wait_for_url(re.compile(r"/two-factor/recovery-codes/"))
    codes = page.locator(".app-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="Continue to the staff pages").click()
    page.wait_for_url(staff_site + "/staff/")

    # Next time: the password, then a code (here a recovery code).
    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, staff_site)
    page.wait_for_url(re.compile(r"/two-factor/verify/"))
    assert page.locator("h1").inner_text() == "Enter your code"
    assert_accessible(page)
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(staff_site + "/staff/")
    assert "You used a recovery code. You have 9 left" in page.locator("main").inner_text()
    assert_accessible(page)


def test_two_factor_works_without_javascript(js_disabled_page, staff_site):
    page = js_disabled_page
    _sign_in(page, staff_site)
    page.wait_for_url(re.compile(r"/two-factor/set-up/"))
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator(".app-secret").inner_text()
    page.get_by_label("Code", exact=True).fill(_code_from_secret(secret))
    page.get_by_role("button", name="Confirm and continue").click()
    page.wait_for_url(re.compile(r"/two-factor/recovery-codes/"))
    first_codes = page.locator(".app-recovery-codes code").all_inner_texts()
    page.get_by_role("button", name="Make new recovery codes").click()
    page.wait_for_load_state()
    page.locator(".app-recovery-codes code").first.wait_for()
    new_codes = page.locator(".app-recovery-codes code").all_inner_texts()
    assert len(new_codes) == 10
    assert not set(new_codes) & set(first_codes)
