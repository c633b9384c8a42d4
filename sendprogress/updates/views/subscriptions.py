"""Signing up for email updates, confirming, and leaving.

Every answer is the same whether or not an address is known, so the pages
never tell anyone who is subscribed.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sendprogress.core.clients import client_address
from sendprogress.plan.models import Finding
from sendprogress.public import query_used

from .. import services
from ..forms import FindingChoiceForm, SubscribeForm
from ..models import Subscriber


def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.subscribe(
            email=form.cleaned_data["email"],
            findings=form.cleaned_data["findings"],
            all_findings=form.cleaned_data["all_findings"],
            client_address=client_address(request),
        )
        # The same answer whatever happened: the page says nothing about the
        # address, only which findings were asked for, so the visitor can check.
        chosen = (
            ALL if form.cleaned_data["all_findings"] else _slugs(form.cleaned_data["findings"])
        )
        return redirect(
            f"{reverse('email_updates:check_email')}?{urlencode({'findings': chosen})}"
        )
    return render(request, "updates/subscribe.html", {"form": form})


ALL = "all"


def _slugs(findings) -> str:
    return ",".join(finding.slug for finding in findings)


def check_email(request):
    """Check your email, and which findings you asked for (`?findings=all` or
    slugs, comma-separated; the old `?areas=` is redirected here)."""
    asked = request.GET.get("findings", "")
    all_findings = asked == ALL
    findings = []
    if asked and not all_findings:
        wanted = set(asked.split(",")[:50])
        findings = list(Finding.objects.public().filter(slug__in=wanted).order_by("order"))
    query_used(request, findings=ALL if all_findings else _slugs(findings))
    return render(
        request,
        "updates/check_email.html",
        {"all_findings": all_findings, "chosen_findings": findings},
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button; only the POST confirms, so a mail scanner that
    follows links cannot sign someone up."""
    if request.method == "POST":
        subscriber = services.confirm(token=token)
        return render(
            request, "updates/confirmed.html", {"known": subscriber is not None}, status=200
        )
    known = Subscriber.objects.with_token(token).exists()
    return render(request, "updates/confirm.html", {"known": known})


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail programs POST with no token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks to confirm; POST unsubscribes (again and again, harmlessly)."""
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "updates/unsubscribed.html")
    return render(request, "updates/unsubscribe.html")


@require_http_methods(["GET", "POST"])
def choices(request, token):
    """Change which findings an address gets updates about, from the link in every email."""
    subscriber = Subscriber.objects.with_token(token).prefetch_related("findings").first()
    if subscriber is None:
        return render(request, "updates/choices.html", {"known": False})
    if request.method == "POST":
        form = FindingChoiceForm(request.POST)
        if form.is_valid():
            services.change_choices(
                token=token,
                all_findings=form.cleaned_data["all_findings"],
                findings=form.cleaned_data["findings"],
            )
            return render(request, "updates/choices.html", {"known": True, "saved": True})
    else:
        form = FindingChoiceForm(
            initial={
                "coverage": (
                    FindingChoiceForm.ALL if subscriber.all_findings else FindingChoiceForm.SOME
                ),
                "findings": list(subscriber.findings.all()),
            }
        )
    return render(
        request,
        "updates/choices.html",
        {"known": True, "form": form, "unsubscribe_url": subscriber.get_unsubscribe_url()},
        status=400 if form.errors else 200,
    )
