import logging
import time

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .middleware import LAST_SEEN, SIGNED_IN_AT

log = logging.getLogger("sendprogress.security")


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    if user is not None:
        log.info("Signed out: %s.", user.get_username())
