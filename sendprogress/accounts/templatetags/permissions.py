"""`{% load permissions %}` … `{% if request.user|can:"import" %}`: templates hide
what a role cannot use by asking the same permission model as the views.
The views still check: hiding a link is a courtesy, never the rule."""

from django import template

from sendprogress.accounts.permissions import can as _can

register = template.Library()


@register.filter
def can(user, action: str) -> bool:
    return _can(user, action)
