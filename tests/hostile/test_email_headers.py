"""Line breaks and other control characters in anything that becomes an
email header (Subject, To, From, List-Unsubscribe).

A post title with CR/LF was accepted, and every email for that post then
failed to build. Each field that reaches a header refuses them with a message
on the field, and an email never carries a header split over lines.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from sendprogress.updates import sending
from sendprogress.updates.models import Post, Subscriber
from tests.factories import make_finding, make_post
from tests.test_settings import _import_settings

BREAKS = [
    "\r\n",
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x00",
    "\x1b",
    "\x85",
    "\u2028",
    "\u2029",
]
BREAK_IDS = [f"U+{ord(b[0]):04X}{'+LF' if b == chr(13) + chr(10) else ''}" for b in BREAKS]


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", password="a-long-test-password")
    client.force_login(user)
    return client


def _post_data(title):
    return {
        "title": title,
        "slug": "new-update",
        "summary": "s",
        "body": "b",
        "author_name": "A",
        "author_role": "R",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
    }


@pytest.mark.parametrize("line_break", BREAKS, ids=BREAK_IDS)
def test_a_new_post_title_with_a_line_break_is_refused_on_the_title(admin_client, line_break):
    response = admin_client.post(
        "/admin/updates/post/add/", _post_data(f"Hello{line_break}Bcc: all@example.org")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Write the title on one line, without line breaks." in errors["title"]
    assert not Post.objects.exists()


def test_changing_a_title_to_two_lines_is_refused_and_keeps_the_old_one(admin_client):
    post = make_post(status=Post.Status.DRAFT, title="One line", slug="new-update")
    response = admin_client.post(
        f"/admin/updates/post/{post.pk}/change/", _post_data("Two\r\nlines")
    )
    assert response.status_code == 200
    assert "Write the title on one line" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "One line"


def test_a_title_with_a_break_only_at_its_end_is_saved_on_one_line(admin_client):
    response = admin_client.post("/admin/updates/post/add/", _post_data("Hello\r\n"))
    assert response.status_code == 302
    assert Post.objects.get().title == "Hello"


@pytest.mark.parametrize(
    "email",
    [
        "parent@example.org\r\nBcc: all@example.org",
        "parent\r\n@example.org",
        '"parent\x01"@example.org',
        '"par\x0bent"@example.org',
        "parent@exa\x00mple.org",
    ],
)
def test_a_sign_up_address_with_a_control_character_is_refused_on_the_field(client, db, email):
    finding = make_finding()
    response = client.post("/email-updates/", {"email": email, "findings": [finding.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_title_saved_with_a_break_before_the_fix_still_emails_on_one_line():
    """Titles stored before titles were checked must not stop a post's emails."""
    subscriber = Subscriber.objects.create(
        email="parent@example.org", confirmed_at=timezone.now() - timezone.timedelta(days=1)
    )
    post = make_post(title="Two\r\nlines\u2028here", published_at=timezone.now())
    for post_id in sending.queue_due_posts():
        sending.send_post_emails(post_id=post_id)
    (message,) = mail.outbox
    assert message.to == [subscriber.email]
    assert message.subject == "Two lines here"
    assert "Subject: Two lines here\n" in message.message().as_string()
    assert post.deliveries.get().status == "sent"


@pytest.mark.parametrize("name", ["DEFAULT_FROM_EMAIL", "SERVER_EMAIL", "SITE_URL"])
def test_a_header_setting_with_a_line_break_stops_start_up_naming_it(name):
    value = {"SITE_URL": "https://example.org\r\nX: y"}.get(name, "a@example.org\r\nBcc: b@c.org")
    result = _import_settings(SECRET_KEY="k", **{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr
