"""Every route in the URL conf, so header tests cover pages added later."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


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
