"""Which client a request is counted as, behind the proxies the settings name.

Before: the address came from django-axes, which was told to read
X-Forwarded-For through django-ipware, which was not installed; so behind a
proxy every request counted as the proxy's, and five wrong passwords from
one person paused sign-in for all staff.
"""

import pytest
from django.test import RequestFactory

from sendprogress.core.clients import axes_client_address, client_address

PROXY = "10.0.0.5"


def _request(forwarded_for=None, remote=PROXY):
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    if remote is None:
        del request.META["REMOTE_ADDR"]
    return request


@pytest.fixture
def one_proxy(settings):
    settings.PROXY_COUNT = 1


@pytest.fixture
def two_proxies(settings):
    settings.PROXY_COUNT = 2


def test_with_no_proxy_the_header_is_never_believed(settings):
    settings.PROXY_COUNT = 0
    assert client_address(_request("203.0.113.9", remote="198.51.100.1")) == "198.51.100.1"


def test_behind_one_proxy_the_client_is_the_address_the_proxy_added(one_proxy):
    assert client_address(_request("203.0.113.9")) == "203.0.113.9"


def test_behind_one_proxy_what_the_client_wrote_before_it_is_ignored(one_proxy):
    # The client sent "X-Forwarded-For: 192.0.2.66"; the proxy appended the real address.
    assert client_address(_request("192.0.2.66, 203.0.113.9")) == "203.0.113.9"
    assert client_address(_request("192.0.2.66,203.0.113.9")) == "203.0.113.9"


def test_behind_two_proxies_the_client_is_second_from_the_right(two_proxies):
    assert client_address(_request("192.0.2.66, 203.0.113.9, 10.0.0.4")) == "203.0.113.9"


def test_a_header_shorter_than_the_proxies_counts_as_the_connection(two_proxies):
    # Reached the last proxy without passing the first: nothing in it is trusted.
    assert client_address(_request("203.0.113.9")) == PROXY


@pytest.mark.parametrize(
    "header",
    ["", "   ", "unknown", "not an address", "203.0.113.999", "203.0.113.9, ", "x" * 5000],
)
def test_a_malformed_header_counts_as_the_connection(one_proxy, header):
    assert client_address(_request(header)) == PROXY


def test_without_the_header_the_connection_counts(one_proxy):
    assert client_address(_request()) == PROXY


def test_addresses_with_ports_are_read(one_proxy):
    assert client_address(_request("203.0.113.9:4711")) == "203.0.113.9"
    assert client_address(_request("[2001:db8:1:2::7]:4711")) == "2001:db8:1:2::"


def test_one_ipv6_network_counts_as_one_client(one_proxy):
    # One home or phone is given a whole /64: a new address each try is the same client.
    first = client_address(_request("2001:db8:1:2::7"))
    second = client_address(_request("2001:DB8:1:2:ffff:ffff:ffff:ffff"))
    neighbour = client_address(_request("2001:db8:1:3::7"))
    assert first == second == "2001:db8:1:2::"
    assert neighbour == "2001:db8:1:3::"


def test_an_ipv4_address_written_as_ipv6_is_the_ipv4_client(one_proxy):
    assert client_address(_request("::ffff:203.0.113.9")) == "203.0.113.9"


def test_a_connection_with_no_address_is_unknown_to_limits_and_none_to_axes(settings):
    settings.PROXY_COUNT = 0
    assert client_address(_request(remote=None)) == "unknown"
    assert axes_client_address(_request(remote=None)) is None
    assert axes_client_address(_request(remote="198.51.100.1")) == "198.51.100.1"


def test_django_axes_asks_this_module(settings, one_proxy):
    from axes.helpers import get_client_ip_address

    assert get_client_ip_address(_request("192.0.2.66, 203.0.113.9")) == "203.0.113.9"
