"""Who sent a request: the one client address every limit and log uses.

Behind PROXY_COUNT trusted reverse proxies, each appends the address it was
reached from to X-Forwarded-For, so the client's address is the PROXY_COUNT-th
entry from the right: anything to its left was written by the client and
may be made up. With no proxy configured (PROXY_COUNT 0) the header is never
read, and the address is the one the connection came from (REMOTE_ADDR).

A header too short to hold that entry, or an entry that is not an address,
means the request did not come the way the proxies send it; it is counted
as coming from the connection's own address, never from anything the
client wrote.

An IPv6 client is counted by its /64 network, written as the network's
first address: a home or a phone is usually given a whole /64, so one
person could otherwise take a fresh address for every try. An IPv4 address
written as IPv6 (::ffff:192.0.2.1) is counted as the IPv4 address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"
IPV6_CLIENT_PREFIX = 64


def client_address(request: HttpRequest) -> str:
    """The address the limits count this request's client by, or "unknown"."""
    count = settings.PROXY_COUNT
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= count and (address := _address(forwarded[-count])):
            return address
    return _address(request.META.get("REMOTE_ADDR", "")) or UNKNOWN


def axes_client_address(request: HttpRequest) -> str | None:
    """`client_address` for django-axes (AXES_CLIENT_IP_CALLABLE), which
    stores it in an address column: None when the address is unknown."""
    address = client_address(request)
    return None if address == UNKNOWN else address


def _address(text: str) -> str | None:
    """The client a written address stands for, or None if it is not one.

    Accepts what proxies write: "192.0.2.1", "2001:db8::1", and either with a
    port ("192.0.2.1:4711", "[2001:db8::1]:4711").
    """
    text = text.strip()
    if len(text) > 64:  # longer than any address with a port and a zone
        return None
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        network = ipaddress.IPv6Network((int(address), IPV6_CLIENT_PREFIX), strict=False)
        return str(network.network_address)
    return str(address)
