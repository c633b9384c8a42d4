"""How often the sign-up form may be used and may send email.

Two limits, each a count per hour kept in the cache (shared by every worker
when REDIS_URL is set):

- sign-ups from one client address, so one client cannot fill the queue;
- emails to one mailbox, so nobody can flood someone's inbox through the
  form. `Victim+1@Example.org` and `victim@example.org` are one mailbox:
  case and plus-addressing are ignored, and so, for Gmail, are dots and
  which of its two domains is used (`v.i.c.t.i.m@googlemail.com`). This is
  for counting only: the address stored and written to is the one typed.

Addresses are kept only as hashes. If the cache cannot be reached the limit
is taken as reached: no email beats a flood, and the page looks the same.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache

from sendprogress.core import limits

logger = logging.getLogger(__name__)


# Gmail delivers every spelling of a name with dots in it, at either domain, to one mailbox.
GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def mailbox(address: str) -> str:
    """The mailbox an address delivers to, as far as we can tell for any provider."""
    local, _, domain = address.strip().lower().rpartition("@")
    local = local.partition("+")[0]
    if domain in GMAIL_DOMAINS:
        return f"{local.replace('.', '')}@gmail.com"
    return f"{local}@{domain}"


def _key(kind: str, value: str) -> str:
    return limits.key(f"sign-up-limit:{kind}", value)


def client_may_sign_up(client_address: str | None) -> bool:
    """Count a sign-up from this client; False once it has had its share."""
    return limits.take(
        _key("client", client_address or "unknown"), settings.SIGN_UP_LIMIT_PER_CLIENT
    )


def mailbox_is_full(address: str) -> bool:
    """Whether this mailbox has had every email it may have this hour (counts nothing)."""
    try:
        used = cache.get(_key("mailbox", mailbox(address))) or 0
    except Exception:
        logger.exception("Sign-up limit unavailable; treating it as reached")
        return True
    return used >= settings.SIGN_UP_EMAILS_PER_MAILBOX


def take_mailbox_email(address: str) -> bool:
    """Count one email to this mailbox, if it may have one more this hour."""
    key = _key("mailbox", mailbox(address))
    if limits.take(key, settings.SIGN_UP_EMAILS_PER_MAILBOX):
        return True
    give_back_mailbox_email(address)  # the refused one must not count
    return False


def give_back_mailbox_email(address: str) -> None:
    """Undo take_mailbox_email(), for an email that could not be sent."""
    try:
        cache.decr(_key("mailbox", mailbox(address)))
    except Exception:  # expired meanwhile, or the cache is away: nothing to undo
        logger.info("Could not give back a sign-up email allowance", exc_info=True)
