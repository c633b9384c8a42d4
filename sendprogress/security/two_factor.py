"""Two-factor authentication: an authenticator app (TOTP) and recovery codes.

The app's device is made unconfirmed when someone starts setting it up and
confirmed by the first code they enter from it. Each signed-in session sets up
a device of its own, with its own secret, so whoever else has the password and
opens the set-up page never sees the secret the real person's app is given; a
device not confirmed within SET_UP_MINUTES is replaced by a new one. Recovery
codes are single-use static codes (django-otp deletes each one as it is used).
"""

import logging
from base64 import b32encode
from datetime import timedelta

import segno
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp import devices_for_user, user_has_device, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendprogress.core.local_area import site_name

log = logging.getLogger("sendprogress.security")

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
# How long the secret shown on the set-up page stays good before a new one is shown.
SET_UP_MINUTES = 30
SETTING_UP = "security.setting_up_device"  # in the session: the device it is setting up


def issuer(device) -> str:
    """The name authenticator apps show beside the code."""
    return f"{site_name()} staff"


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def unconfirmed_app_device(user, session) -> TOTPDevice:
    """The device this session is setting up: the same one (and secret) each time the
    page is shown, until it is confirmed or SET_UP_MINUTES have passed."""
    stale = timezone.now() - timedelta(minutes=SET_UP_MINUTES)
    unconfirmed = TOTPDevice.objects.filter(user=user, confirmed=False)
    device = unconfirmed.filter(pk=session.get(SETTING_UP), created_at__gte=stale).first()
    if device is None:
        unconfirmed.filter(Q(created_at__lt=stale) | Q(created_at__isnull=True)).delete()
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
        session[SETTING_UP] = device.pk
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=2, omitsize=False, svgclass="app-qr-code", lineclass=None
    )


@transaction.atomic
def confirm_app_device(user, device: TOTPDevice, code: str) -> bool:
    """Confirm the device being set up if `code` is right; drop any other half-set-up one."""
    if not device.verify_token(_digits(code)):
        return False
    device.confirmed = True
    device.save()
    # Other sessions' half-set-up devices (anyone's who had the password) go.
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    log.info("Two-factor authentication set up by %s.", user.get_username())
    return True


class Throttled(Exception):
    """Wrong codes were entered just now: the next try must wait a little."""


def verify(user, code: str):
    """The device that accepts `code` (an app code or a recovery code), or None.

    Raises Throttled while wrong codes have made that kind of code wait.
    """
    # A six-digit code is from the app, anything else a recovery code, so a
    # recovery code never counts as a wrong app code (which slows the next try).
    compact = _recovery(code)
    kind = TOTPDevice if compact.isdigit() and len(compact) == 6 else StaticDevice
    devices = [d for d in devices_for_user(user) if isinstance(d, kind)]
    if devices and not any(d.verify_is_allowed()[0] for d in devices):
        log.warning("Too many wrong codes from %s: refused.", user.get_username())
        raise Throttled
    for device in devices:
        if verify_token(user, device.persistent_id, compact):
            log.info("Second factor verified for %s (%s).", user.get_username(), device.name)
            return device
    log.warning("Wrong second-factor code for %s.", user.get_username())
    return None


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with new ones (the old stop working)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    log.info("New recovery codes made for %s.", user.get_username())
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())


def _recovery(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())
