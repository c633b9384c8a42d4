"""Every route in the URL conf, so header tests cover pages added later."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name"
    namespace: str
    route: str  # the pattern, for messages
    has_parameters: bool


def routes(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            found += routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = ":".join(filter(None, [namespace, entry.name])) if entry.name else None
            converters = getattr(entry.pattern, "converters", {}) or {}
            regex_groups = entry.pattern.regex.groups
            found.append(
                Route(
                    name,
                    namespace,
                    prefix + str(entry.pattern),
                    bool(converters) or regex_groups > 0,
                )
            )
    return found


_CONVERTER = re.compile(r"<(?:\w+:)?\w+>")
_GROUP = re.compile(r"\((?:\?P<\w+>)?([^()]*)\)")


def _sample_group(match: re.Match) -> str:
    choices = match.group(1).split("|")
    # An alternation of names (the admin's app list) takes the first name.
    return choices[0] if len(choices) > 1 and all(c.isidentifier() for c in choices) else "1"


def sample_path(route: Route) -> str:
    """An address that this route (and no earlier one) answers, with made-up values.

    Enough for checks that happen before the view reads its parameters; the
    caller confirms with `answers()` that the address reaches this route.
    """
    # Groups first: a group's name looks like a converter.
    path = _GROUP.sub(_sample_group, route.route)
    path = _CONVERTER.sub("1", path)
    return "/" + path.replace("^", "").replace("$", "")


def answers(route: Route, path: str) -> bool:
    return resolve(path).route.replace("^", "") == route.route.replace("^", "")
