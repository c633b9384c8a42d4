"""The sign-up form cannot flood a mailbox, slow the site, or lose a sign-up
when mail is down.

Before: the limit was per exact address (so victim+1@, victim+2@... sent
1,000 emails to one mailbox), each email went inside the request, and a mail
failure was a 500 that also stopped every retry for ten minutes.
"""

import os
import smtplib
import subprocess
import sys

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django_tasks_db.models import DBTaskResult

from sendprogress.updates import limits
from sendprogress.updates.models import Subscriber
from tests.factories import make_finding

from .helpers import run_worker, same_for_everyone, sign_up

pytestmark = pytest.mark.django_db

CHECK_EMAIL = "/email-updates/check-your-email/"


@pytest.fixture(autouse=True)
def limits_of_three_and_ten(settings):
    settings.SIGN_UP_EMAILS_PER_MAILBOX = 3
    settings.SIGN_UP_LIMIT_PER_CLIENT = 10


@pytest.fixture
def findings():
    return [make_finding().pk]


def _mailboxes():
    return sorted(address for message in mail.outbox for address in message.to)


def test_plus_addressing_and_case_are_one_mailbox():
    assert limits.mailbox("Victim+1@Example.org") == "victim@example.org"
    assert limits.mailbox("victim+a+b@example.org") == "victim@example.org"
    assert limits.mailbox("victim@example.org") == "victim@example.org"


@pytest.mark.parametrize(
    "address",
    [
        "victim@gmail.com",
        "Victim@Gmail.com",
        "v.i.c.t.i.m@gmail.com",
        "vic.tim+news@gmail.com",
        "victim@googlemail.com",
        "V.ictim+1@GoogleMail.com",
    ],
)
def test_gmail_dots_tags_and_googlemail_are_one_mailbox(address):
    assert limits.mailbox(address) == "victim@gmail.com"


def test_dots_matter_at_other_providers():
    assert limits.mailbox("Jo.Bloggs+x@Example.org") == "jo.bloggs@example.org"
    assert limits.mailbox("jobloggs@example.org") == "jobloggs@example.org"


def test_gmail_spellings_from_many_clients_send_three_emails_to_the_typed_addresses(findings):
    typed = [
        "victim@gmail.com",
        "v.ictim@gmail.com",
        "vi.ctim@googlemail.com",
        "vic.tim@gmail.com",
        "V.I.C.T.I.M@gmail.com",
    ]
    for n, address in enumerate(typed):
        sign_up(Client(REMOTE_ADDR=f"192.0.2.{n + 1}"), address, findings)
    run_worker()
    assert _mailboxes() == ["v.ictim@gmail.com", "vi.ctim@googlemail.com", "victim@gmail.com"]


def test_twenty_plus_variants_from_one_client_send_three_emails(client, findings):
    for n in range(20):
        response = sign_up(client, f"Victim+{n}@Example.org", findings)
        assert response["Location"].startswith(CHECK_EMAIL + "?findings=")
    run_worker()
    assert _mailboxes() == ["victim+0@example.org", "victim+1@example.org", "victim+2@example.org"]


def test_twenty_plus_variants_from_twenty_clients_send_three_emails(findings):
    for n in range(20):
        sign_up(Client(REMOTE_ADDR=f"192.0.2.{n + 1}"), f"victim+{n}@example.org", findings)
    run_worker()
    assert len(mail.outbox) == 3


def test_one_client_gets_ten_sign_ups_an_hour_and_others_are_not_affected(client, findings):
    for n in range(12):
        sign_up(client, f"parent{n}@example.org", findings)
    sign_up(Client(REMOTE_ADDR="192.0.2.99"), "neighbour@example.org", findings)
    run_worker()
    assert len(mail.outbox) == 11
    refused = ["parent10@example.org", "parent11@example.org"]
    assert not Subscriber.objects.filter(email__in=refused).exists()
    assert "neighbour@example.org" in _mailboxes()


def test_the_request_sends_nothing_itself_the_worker_does(client, findings):
    sign_up(client, "parent@example.org", findings)
    assert mail.outbox == []
    queued = DBTaskResult.objects.values_list("task_path", flat=True)
    assert list(queued) == ["sendprogress.updates.tasks.send_sign_up_email"]
    run_worker()
    assert _mailboxes() == ["parent@example.org"]
    assert "/email-updates/confirm/" in mail.outbox[0].body


def _answer(response):
    """Everything the person signing up can see of an answer."""
    page = Client().get(response["Location"])
    return (
        response.status_code,
        response["Location"],
        same_for_everyone(response.content),
        same_for_everyone(page.content),
    )


def test_a_limited_sign_up_looks_exactly_like_any_other(findings):
    client = Client(REMOTE_ADDR="192.0.2.1")
    normal = _answer(sign_up(client, "parent@example.org", findings))
    for n in range(9):
        sign_up(client, f"parent{n}@example.org", findings)
    limited_by_client = _answer(sign_up(client, "someone@example.org", findings))
    for n in range(4):
        sign_up(Client(REMOTE_ADDR=f"198.51.100.{n}"), f"victim+{n}@example.org", findings)
        run_worker()
    limited_by_mailbox = _answer(
        sign_up(Client(REMOTE_ADDR="203.0.113.1"), "victim+9@example.org", findings)
    )
    assert normal == limited_by_client == limited_by_mailbox
    run_worker()
    assert "someone@example.org" not in _mailboxes()
    assert "victim+9@example.org" not in _mailboxes()


class BrokenMailBackend(BaseEmailBackend):
    """The mail server is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def mail_down(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailBackend"}}


def test_with_mail_down_a_sign_up_is_not_a_server_error(client, findings, mail_down):
    response = sign_up(client, "parent@example.org", findings)
    run_worker()
    assert response.status_code == 302
    assert response["Location"].startswith(CHECK_EMAIL + "?findings=")
    assert Subscriber.objects.get().last_emailed_at is None


def test_signing_up_again_after_mail_was_down_sends_the_email(client, findings, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailBackend"}}
    sign_up(client, "parent@example.org", findings)
    run_worker()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    sign_up(client, "parent@example.org", findings)  # a minute later, well within ten
    run_worker()
    assert _mailboxes() == ["parent@example.org"]
    assert Subscriber.objects.get().last_emailed_at is not None


def test_emails_that_failed_do_not_count_against_the_mailbox(client, findings, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailBackend"}}
    for n in range(3):
        sign_up(client, f"parent+{n}@example.org", findings)
    run_worker()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    sign_up(client, "parent@example.org", findings)
    run_worker()
    assert _mailboxes() == ["parent@example.org"]


def _python(code, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "EMAIL_FILE_PATH"}}
    environment |= {"SECRET_KEY": "k", "DJANGO_SETTINGS_MODULE": "sendprogress.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


SEND = (
    "import django; django.setup(); from django.core.mail import send_mail; "
    "send_mail('Hello', 'Body', 'a@example.org', ['b@example.org'])"
)


def test_the_file_backend_writes_emails_where_email_file_path_says(tmp_path):
    result = _python(
        SEND,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    (written,) = tmp_path.iterdir()
    assert "Subject: Hello" in written.read_text()


def test_the_file_backend_without_email_file_path_stops_start_up_naming_it():
    result = _python(SEND, EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "EMAIL_FILE_PATH" in result.stderr
