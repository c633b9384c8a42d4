"""Hostile `next` addresses at sign-in: a right password always lands on a
page of this site that exists, never on another site and never on a 404."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from hypothesis import example, given

from sendprogress.accounts import roles
from tests.factories import make_user

from .conftest import HOSTILE, assert_never_500
from .test_two_factor_forms import OFF_SITE, hostile_next

PASSWORD = "a-long-test-password"


@pytest.fixture
def officer(db):
    return make_user(roles.DATA_OFFICER, username="hostile-signer", password=PASSWORD)


@HOSTILE
@given(next_url=hostile_next)
@example(next_url="https://evil.example/")
@example(next_url="//evil.example/staff/")
def test_signing_in_stays_on_the_site_whatever_next_says(client, officer, next_url):
    response = client.post(
        reverse("admin:login"),
        {"username": "hostile-signer", "password": PASSWORD, "next": next_url},
        secure=True,
    )
    assert_never_500(response, "sign in")
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert not target.netloc, f"sent off the site: {response['Location']!r}"
    if next_url in OFF_SITE:
        assert response["Location"] == reverse("staff:home")
    client.logout()


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_an_unsafe_next_lands_on_the_staff_home_page(client, officer, next_url):
    response = client.post(
        reverse("admin:login") + "?next=" + next_url,
        {"username": "hostile-signer", "password": PASSWORD},
        secure=True,
    )
    assert response["Location"] == "/staff/"
