"""Setting up and using two-factor authentication, and the sign-in lockout page."""

import math
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import two_factor
from .forms import CodeForm

NEW_CODES = "security.new_recovery_codes"
WRONG_CODE = "That code is not right. Enter the newest code from your authenticator app."


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("staff:home")


def _verified(request, device) -> None:
    otp_login(request, device)
    # A new session key once the second factor is in, as Django does at sign-in.
    request.session.cycle_key()


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def set_up(request):
    user = request.user
    if two_factor.has_device(user):
        if user.is_verified():
            messages.info(request, "Two-factor authentication is already set up.")
            return redirect("security:recovery_codes")
        return redirect(reverse("security:verify") + "?" + request.GET.urlencode())

    device = two_factor.unconfirmed_app_device(user, request.session)
    form = CodeForm(
        request.POST or None,
        help_text="The 6 digits your authenticator app shows for this account.",
        digits_only=True,
    )
    if form.is_valid():
        if two_factor.confirm_app_device(user, device, form.cleaned_data["code"]):
            _verified(request, device)
            request.session[NEW_CODES] = two_factor.new_recovery_codes(user)
            url = reverse("security:recovery_codes") + "?" + urlencode({"next": _next(request)})
            return redirect(url)
        form.add_error(
            "code",
            "That code is not right. Check the time on your phone is set automatically, "
            "then enter the newest code.",
        )
    return render(
        request,
        "security/set_up.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_for_typing(device),
            "next": _next(request),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def verify(request):
    user = request.user
    if not two_factor.has_device(user):
        return redirect(reverse("security:set_up") + "?" + request.GET.urlencode())
    if user.is_verified():
        return redirect(_next(request))

    form = CodeForm(
        request.POST or None,
        help_text="The 6 digits your authenticator app shows, or one of your recovery codes.",
    )
    if form.is_valid():
        try:
            device = two_factor.verify(user, form.cleaned_data["code"])
        except two_factor.Throttled:
            form.add_error("code", "Too many wrong codes. Wait a minute, then try again.")
        else:
            if device is not None:
                return _continue_with(request, device)
            form.add_error("code", WRONG_CODE)
    return render(request, "security/verify.html", {"form": form, "next": _next(request)})


def _continue_with(request, device):
    _verified(request, device)
    if isinstance(device, StaticDevice):
        left = two_factor.recovery_codes_left(request.user)
        messages.warning(
            request,
            f"You used a recovery code. You have {left} left. "
            "Make new ones from the recovery codes page if you are running low.",
        )
    return redirect(_next(request))


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def recovery_codes(request):
    user = request.user
    if not two_factor.has_device(user):
        return redirect("security:set_up")
    if not user.is_verified():
        return redirect(reverse("security:verify") + "?" + urlencode({"next": request.path}))
    if request.method == "POST":
        request.session[NEW_CODES] = two_factor.new_recovery_codes(user)
        return redirect("security:recovery_codes")
    return render(
        request,
        "security/recovery_codes.html",
        {
            "codes": request.session.pop(NEW_CODES, None),
            "left": two_factor.recovery_codes_left(user),
            "next": _next(request),
        },
    )


def locked_out(request, original_response=None, credentials=None):
    """What django-axes shows instead of signing in once the failure limit is reached.

    The pause ends a cool-off after the last failure counted from this
    address (tries during the pause are not counted), so that is the time
    shown: never earlier than the real end.
    """
    cool_off = settings.AXES_COOLOFF_TIME
    now = timezone.now()
    last_failure = AccessAttempt.objects.filter(
        ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"]
    try_again_at = max(last_failure or now, now - cool_off) + cool_off
    return render(
        request,
        "security/locked_out.html",
        {
            "minutes": max(1, math.ceil((try_again_at - now) / timedelta(minutes=1))),
            "try_again_at": timezone.localtime(try_again_at),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
