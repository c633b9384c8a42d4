"""The few site-wide pages that belong to no one part of the domain."""

from django.shortcuts import render


def accessibility(request):
    return render(request, "pages/accessibility.html")
