"""robots.txt: crawlers may read public pages, not the staff pages or the admin."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(SITE_URL="https://send.example.gov.uk", ADMIN_URL="hidden-admin/")
def test_robots_txt_disallows_staff_and_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /staff/" in lines
    assert "Disallow: /hidden-admin/" in lines
    assert "Sitemap: https://send.example.gov.uk/sitemap.xml" in lines
    # Public pages are not disallowed.
    assert not any(line.startswith("Disallow: /measures") for line in lines)


@override_settings(SITE_URL="")
def test_robots_txt_names_the_address_asked_for_when_site_url_is_unset(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
