"""Every public page type and every staff page is valid HTML to the Nu HTML
checker (vnu, the W3C's validator), run once over all of them.

vnu.jar comes from npm's `vnu-jar` package, which `make test` installs into
var/vnu-<version>/ and names in VNU_JAR; Java comes from the system
(scripts/system-packages). If either is missing the test fails saying so.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from sendprogress.plan.models import Figure
from tests.browser.test_public_pages import PAGES as BROWSER_PAGES
from tests.factories import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(
    os.environ.get("VNU_JAR") or ROOT / "var/vnu-26.9.27/node_modules/vnu-jar/build/dist/vnu.jar"
)

# The pages the browser tests walk, and the public page types they do not: a
# plan, an embed, the staff sign-in page.
PUBLIC_PAGES = {
    **BROWSER_PAGES,
    "plan": "/plans/accelerated-progress-plan/",
    "embed": "/embed/measures/ehcp-20-weeks/",
}


def _java() -> str:
    java = os.environ.get("JAVA") or shutil.which("java")
    if not java:
        pytest.fail(
            "Java was not found. Install Debian's default-jre-headless "
            "(scripts/system-packages does, as root) or set JAVA to its path."
        )
    if not VNU_JAR.exists():
        pytest.fail(
            f"vnu.jar was not found at {VNU_JAR}. `make test` installs it "
            "(into var/vnu-<version>/, from npm's vnu-jar), or set VNU_JAR to its path."
        )
    return java


def _staff_pages(client) -> dict[str, str]:
    """Every staff page a superuser reaches by following links from /staff/,
    one address for each kind of page (route), and setting up two-factor sign-in."""
    client.force_login(make_user(username="root", is_superuser=True))
    # An approved figure's page and its correction form, which the demo's
    # lists link to only while a figure waits.
    approved = Figure.objects.approved().first()
    queue = [
        "/staff/",
        reverse("security:set_up"),
        reverse("staff:review_figure", args=[approved.pk]),
        reverse("staff:correct_figure", args=[approved.pk]),
    ]
    seen_routes, pages = set(), {}
    while queue:
        path = queue.pop(0)
        try:
            route = resolve(urlsplit(path).path).route
        except Resolver404:
            continue
        if route in seen_routes:
            continue
        seen_routes.add(route)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        pages[f"staff {route}"] = html
        for href in re.findall(r'href="(/staff/[^"#]*)"', html):
            queue.append(href.replace("&amp;", "&"))
    return pages


def _public_pages(client) -> dict[str, str]:
    pages = {}
    for name, path in PUBLIC_PAGES.items():
        response = client.get(path)
        assert response.status_code < 500, (name, response.status_code)
        pages[name] = response.content.decode()
    return pages


def _page_of(message: dict, files: dict[str, str]) -> str:
    url = message.get("url", "")
    return files.get(url.rsplit("/", 1)[-1], url)


def test_every_public_and_staff_page_is_valid_html(client, demo, settings, tmp_path):
    java = _java()
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    pages = _public_pages(client)
    sign_in = client.get(reverse("admin:login"))
    assert sign_in.status_code == 200
    pages["staff sign-in"] = sign_in.content.decode()
    staff = _staff_pages(client)
    # The staff pages the checks below would be weakest without.
    assert {
        "staff staff/",
        "staff staff/data-due/",
        "staff staff/figures/<int:pk>/",
        "staff staff/figures/<int:pk>/correct/",
        "staff staff/updates/new/",
        "staff staff/reports/<int:pk>/",
    } <= set(staff)
    pages |= staff

    files = {}
    for number, (name, html) in enumerate(pages.items()):
        file = tmp_path / f"page-{number}.html"
        file.write_text(html)
        files[file.name] = name
    # One JVM for every page: vnu takes a list of files.
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always"]
        + [str(tmp_path / f"page-{n}.html") for n in range(len(pages))],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{_page_of(m, files)} line {m.get('lastLine')}: {m['message']}"
        f" [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
