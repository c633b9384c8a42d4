"""Every page scores A+ on the Mozilla HTTP Observatory, with no penalty.

The public pages are found by walking the URL conf, so a page added later is
graded without anyone listing it here; a new pattern with parameters fails
until it is given real values below (or excluded, with a reason). Pages are
requested over HTTPS with the demo content loaded; the same address over
plain HTTP must redirect to HTTPS on the same host.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from sendprogress.engagement.models import Feedback
from sendprogress.plan.models import Evidence, Figure, Finding, Measure, Plan
from sendprogress.updates.models import Post
from tests.security.observatory import grade
from tests.security.urlwalk import routes
from tests.updates.helpers import make_subscriber

pytestmark = pytest.mark.django_db

HOST = "testserver"

# Namespaces graded separately, signed in as staff (see the tests below).
SIGNED_IN_NAMESPACES = {
    "admin": "Django's admin: hundreds of routes with object ids; a sample is graded "
    "signed in as staff in test_admin_pages_score_a_plus",
    "staff": "staff pages, graded signed in as staff in test_staff_pages_score_a_plus",
    "staff_reports": "staff pages for reports, graded with the staff pages",
    "staff_feedback": "feedback triage, graded signed in as staff in "
    "test_staff_pages_score_a_plus",
}

# Values for each public route that takes parameters: real demo objects.
PARAMETERS = {
    "plan:finding_detail": lambda: {"slug": Finding.objects.first().slug},
    "plan:old_area_address": lambda: {"slug": Finding.objects.first().slug},
    "plan:plan_detail": lambda: {"slug": Plan.objects.public().first().slug},
    "plan:measure_detail": lambda: {"code": Measure.objects.public().first().code},
    "plan:measure_csv": lambda: {"code": Measure.objects.public().first().code},
    "plan:measure_json": lambda: {"code": Measure.objects.public().first().code},
    "plan:comparators_csv": lambda: {"code": "ehcp-20-weeks"},
    "reports:detail": lambda: {"as_at": "2023-10-31"},
    "reports:pdf": lambda: {"as_at": "2023-10-31"},
    "embeds:measure": lambda: {"code": "ehcp-20-weeks"},
    "api:measure_detail": lambda: {"code": Measure.objects.public().first().code},
    "api:measure_figures": lambda: {"code": Measure.objects.public().first().code},
    "plan:evidence_download": lambda: {"pk": _public_file_evidence().pk},
    "updates:finding_feed_rss": lambda: {"slug": Finding.objects.first().slug},
    "updates:finding_feed_atom": lambda: {"slug": Finding.objects.first().slug},
    "updates:old_area_feed_rss": lambda: {"slug": Finding.objects.first().slug},
    "updates:old_area_feed_atom": lambda: {"slug": Finding.objects.first().slug},
    "updates:post_detail": lambda: {"slug": Post.objects.published().first().slug},
    "updates:post_preview": lambda: {"pk": Post.objects.first().pk},
    "updates:post_image": lambda: {"pk": _public_picture().pk},
    "email_updates:confirm": lambda: {"token": make_subscriber("a@example.org").token},
    "email_updates:unsubscribe": lambda: {"token": make_subscriber("b@example.org").token},
    "email_updates:choices": lambda: {"token": make_subscriber("c@example.org").token},
}
# What the public gets where it is not the page itself.
EXPECTED_STATUS = {
    "updates:post_preview": 302,  # staff only: sign in first
    "plan:old_area_address": 301,  # area pages moved to finding pages for good
    "updates:old_area_feed_rss": 301,  # and so did their feeds
    "updates:old_area_feed_atom": 301,
    "security:set_up": 302,  # sign in first
    "security:verify": 302,
    "security:recovery_codes": 302,
}


def _a_report():
    from sendprogress.reports.models import ProgressReport

    return ProgressReport.objects.first()


def _public_picture():
    from tests.factories import make_post_image

    return make_post_image(Post.objects.published().first())


def _public_file_evidence():
    return Evidence.objects.create(
        title="Audit summary",
        date=date(2024, 1, 1),
        is_public=True,
        no_personal_data=True,
        file=ContentFile(b"%PDF-1.7\n%%EOF\n", name="audit.pdf"),
    )


def _headers(response) -> list[tuple[str, str]]:
    pairs = list(response.headers.items())
    pairs += [("Set-Cookie", morsel.OutputString()) for morsel in response.cookies.values()]
    return pairs


def _body(response) -> str:
    if response.streaming:
        return ""
    return response.content.decode("utf-8", "replace")


def assert_a_plus(client, url):
    response = client.get(url, secure=True)
    plain = client.get(url, secure=False)
    report = grade(
        url=f"https://{HOST}{url}",
        headers=_headers(response),
        body=_body(response),
        http_redirects=[plain["Location"]] if plain.status_code in (301, 302, 307, 308) else [],
    )
    assert report.grade == "A+", f"{url}\n{report}"
    assert not report.penalties, f"{url}\n{report}"
    return response


@pytest.fixture
def graded(settings, tmp_path):
    """Production settings as they matter here: HTTPS redirect on, as without DEBUG."""
    settings.SECURE_SSL_REDIRECT = True
    settings.MEDIA_ROOT = tmp_path


def public_routes():
    return [r for r in routes() if r.namespace not in SIGNED_IN_NAMESPACES]


def test_every_public_route_is_named_and_has_values():
    missing = [
        r.route
        for r in public_routes()
        if r.name is None or (r.has_parameters and r.name not in PARAMETERS)
    ]
    assert not missing, (
        "Give these routes a name and real values in PARAMETERS, "
        "or exclude them with a reason: " + ", ".join(missing)
    )


@pytest.mark.parametrize("route", public_routes(), ids=lambda r: r.name or r.route)
def test_public_page_scores_a_plus(client, demo, graded, route):
    kwargs = PARAMETERS[route.name]() if route.has_parameters else {}
    url = reverse(route.name, kwargs=kwargs)
    response = assert_a_plus(client, url)
    assert response.status_code == EXPECTED_STATUS.get(route.name, 200), url


def test_not_found_page_scores_a_plus(client, demo, graded):
    assert assert_a_plus(client, "/no-such-page/").status_code == 404


@pytest.fixture
def staff_client(client, demo):
    from sendprogress.accounts import roles
    from tests.factories import make_user

    client.force_login(make_user(roles.APPROVER, username="alex"))
    return client


STAFF_PARAMETERS = {
    "staff_reports:detail": lambda: {"pk": _a_report().pk},
    "staff_reports:publish": lambda: {"pk": _a_report().pk},
    "staff_reports:withdraw": lambda: {"pk": _a_report().pk},
    "staff:enter_figure": lambda: {"code": Measure.objects.first().code},
    "staff:review_figure": lambda: {"pk": Figure.objects.first().pk},
    "staff:comment_on_figure": lambda: {"pk": Figure.objects.first().pk},
    "staff:edit_post": lambda: {"pk": Post.objects.first().pk},
    "staff:add_post_image": lambda: {"pk": Post.objects.first().pk},
    "staff:remove_post_image": lambda: {
        "pk": Post.objects.first().pk,
        "image_pk": _public_picture().pk,
    },
    "staff:correct_figure": lambda: {
        "pk": Figure.objects.filter(status=Figure.Status.APPROVED).first().pk
    },
    "staff_feedback:mark": lambda: {
        "pk": Feedback.objects.create(page="/", useful=False, comment="Hard to read").pk
    },
}
# Pages that answer a GET with something other than 200 when all is well.
STAFF_EXPECTED_STATUS = {
    "staff:confirm_import": 405,
    "staff:confirm_comparators": 405,
    "staff_reports:publish": 405,
    "staff_reports:withdraw": 405,
    "staff_feedback:mark": 405,  # a form's target: POST only
    "staff:comment_on_figure": 405,
    "staff:preview_post": 405,
    "staff:add_post_image": 405,
    "staff:remove_post_image": 405,
}


@pytest.mark.parametrize(
    "route",
    [r for r in routes() if r.namespace in ("staff", "staff_reports", "staff_feedback")],
    ids=lambda r: r.name,
)
def test_staff_pages_score_a_plus(staff_client, graded, route):
    assert route.name in STAFF_PARAMETERS or not route.has_parameters, route.route
    kwargs = STAFF_PARAMETERS[route.name]() if route.has_parameters else {}
    response = assert_a_plus(staff_client, reverse(route.name, kwargs=kwargs))
    assert response.status_code == STAFF_EXPECTED_STATUS.get(route.name, 200)


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        "admin:plan_measure_changelist",
        "admin:plan_measure_add",
        "admin:updates_post_add",
        "admin:password_change",
    ],
)
def test_admin_pages_score_a_plus(staff_client, graded, name):
    assert assert_a_plus(staff_client, reverse(name)).status_code == 200


def test_sign_in_page_scores_a_plus(client, demo, graded):
    assert assert_a_plus(client, reverse("admin:login")).status_code == 200


def test_the_admin_is_where_admin_url_says(client, demo, graded, settings):
    assert reverse("admin:index") == "/" + settings.ADMIN_URL


def _csp(response) -> dict[str, list[str]]:
    return {
        d.split()[0]: d.split()[1:]
        for d in response["Content-Security-Policy"].split(";")
        if d.strip()
    }


def test_the_embed_scores_a_plus_with_its_own_frame_policy(client, demo, graded, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://localoffer.example.gov.uk"]
    response = assert_a_plus(client, reverse("embeds:measure", args=["ehcp-20-weeks"]))
    assert _csp(response)["frame-ancestors"] == ["https://localoffer.example.gov.uk"]
    assert _csp(response)["default-src"] == ["'none'"]
    assert "X-Frame-Options" not in response
    # Every other page still refuses to be framed.
    home = assert_a_plus(client, reverse("plan:measure_detail", args=["ehcp-20-weeks"]))
    assert _csp(home)["frame-ancestors"] == ["'none'"]
    assert home["X-Frame-Options"] == "DENY"
    # Only the embed may be loaded by other sites.
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert home["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_headers_say_what_the_issue_asks(client, demo, graded):
    response = client.get(reverse("plan:home"), secure=True)
    csp = {
        d.split()[0]: d.split()[1:]
        for d in response["Content-Security-Policy"].split(";")
        if d.strip()
    }
    assert csp["default-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    max_age = int(response["Strict-Transport-Security"].split(";")[0].split("=")[1])
    assert max_age >= 365 * 24 * 60 * 60
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in response["Permissions-Policy"]
    # Features Chromium does not know make it warn in the console on every page.
    features = {f.split("=")[0].strip() for f in response["Permissions-Policy"].split(",")}
    assert not features & {"bluetooth", "web-share"}
