"""The emails subscribers get. Plain text: it reads well everywhere, on any
device and in any screen reader, and carries nothing that could run.

Every email has the unsubscribe link in its text and the RFC 8058 headers,
so mail programs can offer one-click unsubscribe.
"""

from __future__ import annotations

import email.policy

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from sendprogress.core.local_area import local_area
from sendprogress.email_headers import one_line


class UpdatesEmail(EmailMessage):
    """An email whose header lines may be as long as RFC 5322 allows.

    Python's email policies fold at 78 characters, and a header holding one
    long unbreakable URL (List-Unsubscribe) is then rewritten as an encoded
    word that mail programs do not read as a link. 998 is the hard limit.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def absolute(path: str) -> str:
    return (settings.SITE_URL or "").rstrip("/") + path


def _message(subscriber, *, subject: str, template: str, context: dict) -> EmailMessage:
    unsubscribe_url = absolute(subscriber.get_unsubscribe_url())
    body = render_to_string(
        template,
        {
            "local_area": local_area(),
            "subscriber": subscriber,
            "unsubscribe_url": unsubscribe_url,
            "choices_url": absolute(subscriber.get_choices_url()),
            "site_url": absolute("/"),
            **context,
        },
    )
    return UpdatesEmail(
        # Forms refuse a title on two lines; one saved before they did must
        # still not stop the email being built.
        subject=one_line(subject),
        body=body,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def confirmation(subscriber) -> EmailMessage:
    return _message(
        subscriber,
        subject="Confirm your email updates",
        template="emails/confirm_subscription.txt",
        context={
            "confirm_url": absolute(subscriber.get_confirm_url()),
            "days": settings.UPDATES_UNCONFIRMED_DAYS,
        },
    )


def already_subscribed(subscriber) -> EmailMessage:
    return _message(
        subscriber,
        subject="You already get email updates",
        template="emails/already_subscribed.txt",
        context={"subscribe_url": absolute(reverse("email_updates:subscribe"))},
    )


def post_published(post, subscriber) -> EmailMessage:
    return _message(
        subscriber,
        subject=post.title,
        template="emails/post_published.txt",
        context={"post": post, "post_url": absolute(post.get_absolute_url())},
    )
