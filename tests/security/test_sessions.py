"""Staff sessions end after a spell of idleness, and after a maximum age."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db

STAFF = "/staff/"


@pytest.fixture
def signed_in(client, data_officer):
    client.force_login(data_officer)
    return client


def test_an_active_session_carries_on(signed_in, settings):
    start = timezone.now()
    for minutes in range(0, 120, 20):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert signed_in.get(STAFF, secure=True).status_code == 200


def test_an_idle_session_is_signed_out(signed_in, settings):
    assert signed_in.get(STAFF, secure=True).status_code == 200
    later = timezone.now() + timedelta(minutes=settings.STAFF_SESSION_IDLE_MINUTES + 1)
    with time_machine.travel(later):
        response = signed_in.get(STAFF, secure=True)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        page = signed_in.get(response["Location"], secure=True)
    assert "You were signed out because you had not used the site for a while" in page.text


def test_a_session_ends_after_the_maximum_age_however_active(signed_in, settings):
    start = timezone.now()
    limit = settings.STAFF_SESSION_MAX_HOURS * 60
    for minutes in range(0, limit, 20):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert signed_in.get(STAFF, secure=True).status_code == 200
    with time_machine.travel(start + timedelta(minutes=limit + 1)):
        assert signed_in.get(STAFF, secure=True).status_code == 302


def test_the_session_cookie_expires_with_the_maximum_age(signed_in, settings):
    assert settings.SESSION_COOKIE_AGE == settings.STAFF_SESSION_MAX_HOURS * 60 * 60
    assert settings.STAFF_SESSION_IDLE_MINUTES <= 60


def test_the_session_is_not_written_on_every_request(signed_in, django_assert_max_num_queries):
    signed_in.get(STAFF, secure=True)
    session_key = signed_in.session.session_key
    from django.contrib.sessions.models import Session

    before = Session.objects.get(session_key=session_key).session_data
    signed_in.get(STAFF, secure=True)
    assert Session.objects.get(session_key=session_key).session_data == before
