"""Behind a proxy, each limit counts each client, not the proxy.

Every request here reaches the site from the proxy's address, as it does in
production; the proxy names the client in X-Forwarded-For. Before, every
limit counted the proxy: one person's wrong passwords paused sign-in for all
staff, and the sign-up and feedback limits were shared by the whole site.
(tests/security/test_behind_nginx.py proves the same through a real nginx.)
"""

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from sendprogress.engagement.models import Feedback
from sendprogress.updates.models import Subscriber
from tests.engagement.helpers import answer
from tests.factories import make_finding, make_local_area
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1


def _client(address: str, forged: str = "") -> Client:
    """A visitor at `address`, seen through the proxy (which appends it)."""
    forwarded = f"{forged}, {address}" if forged else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def _sign_in(client, password):
    return client.post(
        reverse("admin:login") + "?next=/staff/",
        {"username": "dana", "password": password},
        secure=True,
    )


def test_one_clients_wrong_passwords_pause_only_that_client(data_officer, settings):
    attacker, member_of_staff = _client("203.0.113.1"), _client("203.0.113.2")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(attacker, "not-the-password")
    assert _sign_in(attacker, PASSWORD).status_code == 429
    assert _sign_in(member_of_staff, PASSWORD).status_code == 302


def test_a_paused_client_cannot_escape_by_writing_its_own_forwarded_for(data_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(_client("203.0.113.1"), "not-the-password")
    assert _sign_in(_client("203.0.113.1", forged="198.51.100.77"), PASSWORD).status_code == 429


def _sign_up(client, email, finding):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/email-updates/", {"email": email, "findings": [finding.pk]})


def test_sign_ups_are_limited_per_client(settings):
    settings.SIGN_UP_LIMIT_PER_CLIENT = 2
    finding = make_finding()
    busy = _client("203.0.113.1")
    for n in range(3):
        _sign_up(busy, f"parent{n}@example.org", finding)
    _sign_up(_client("203.0.113.2"), "neighbour@example.org", finding)
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "parent0@example.org",
        "parent1@example.org",
        "neighbour@example.org",
    }


def test_feedback_is_limited_per_client(settings):
    settings.FEEDBACK_LIMIT_PER_CLIENT = 1
    settings.FEEDBACK_MIN_SECONDS = 0
    make_local_area()
    busy = _client("203.0.113.1")
    assert answer(busy, "/", comment="First").status_code == 303
    assert "You have sent a lot of feedback" in answer(busy, "/", comment="Again").text
    assert answer(_client("203.0.113.2"), "/", comment="Mine").status_code == 303
    assert sorted(Feedback.objects.values_list("comment", flat=True)) == ["First", "Mine"]
