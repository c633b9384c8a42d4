"""Before the second factor, staff reach nothing that the public cannot.

Every route in the URL conf is walked (so an address added later is covered
without anyone listing it) as a member of staff who has given only the
password. The public addresses are listed here, independently of the code
that marks them: anything not in the list must send them to the second
factor, and everything in it must work as it does for the public.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendprogress.accounts import roles
from sendprogress.plan.models import Evidence
from sendprogress.updates.models import Post
from tests.factories import make_user
from tests.security.conftest import code_for
from tests.security.test_headers import PARAMETERS
from tests.security.urlwalk import answers, routes, sample_path

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

PUBLIC = {
    "plan:home",
    "plan:finding_detail",
    "plan:old_area_address",
    "plan:plan_detail",
    "plan:measure_list",
    "plan:all_csv",
    "plan:all_json",
    "plan:measure_detail",
    "plan:measure_csv",
    "plan:measure_json",
    "plan:comparators_csv",
    "embeds:measure",
    "data_dictionary",
    "reports:list",
    "changes:what_has_changed",
    "reports:detail",
    "reports:pdf",
    "api:index",
    "api:openapi",
    "api:local_area",
    "api:inspections",
    "api:findings",
    "api:plans",
    "api:measures",
    "api:measure_detail",
    "api:measure_figures",
    "api:updates",
    "plan:journey",
    "plan:documents",
    "plan:evidence_download",
    "updates:post_list",
    "updates:feed_rss",
    "updates:feed_atom",
    "updates:finding_feed_rss",
    "updates:finding_feed_atom",
    "updates:old_area_feed_rss",
    "updates:old_area_feed_atom",
    "updates:post_detail",
    "updates:post_image",
    "email_updates:subscribe",
    "email_updates:check_email",
    "email_updates:confirm",
    "email_updates:unsubscribe",
    "email_updates:choices",
    "sitemap",
    "robots_txt",
    "accessibility",
    "glossary",
    "privacy",
    "cookies",
    "engagement:search",
    "engagement:feedback",
    "engagement:you_said_we_did",
    "engagement:feed_rss",
    "engagement:feed_atom",
}
# The steps of signing in, reached before the second factor by design.
SIGN_IN_STEPS = {"admin:login", "admin:logout", "security:set_up", "security:verify"}

NOT_PUBLIC = [r for r in routes() if r.name not in PUBLIC | SIGN_IN_STEPS]


@pytest.fixture
def password_only(client):
    """An approver (who may see everything) signed in with the password only."""
    user = make_user(roles.APPROVER, username="alex")
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user)
    client.user = user
    return client


def _is_sent_to_second_factor(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("security:verify") + "?next="
    )


def test_the_walk_covers_the_admin_and_the_staff_pages():
    names = {r.name for r in NOT_PUBLIC}
    assert {"staff:data_due", "updates:post_preview", "admin:index"} <= names
    assert any(r.name and r.name.endswith("_simple_history") for r in NOT_PUBLIC)


@pytest.mark.parametrize("route", NOT_PUBLIC, ids=lambda r: r.name or r.route)
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_address_that_is_not_public_needs_the_second_factor(password_only, route, method):
    path = sample_path(route)
    assert answers(route, path), f"{path} does not reach {route.route}"
    response = getattr(password_only, method)(path, secure=True)
    assert _is_sent_to_second_factor(response), (path, response.status_code)


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_work_before_the_second_factor(password_only, demo, tmp_path, settings, name):
    settings.MEDIA_ROOT = tmp_path
    route = next(r for r in routes() if r.name == name)
    url = reverse(name, kwargs=PARAMETERS[name]() if route.has_parameters else {})
    response = password_only.get(url, secure=True)
    # The old area addresses answer with a permanent redirect to the finding.
    assert response.status_code == (301 if ":old_area_" in name else 200), url


def _internal_evidence():
    return Evidence.objects.create(
        title="Internal audit working notes",
        date=date(2024, 1, 1),
        is_public=False,
        file=ContentFile(b"%PDF-1.7\nINTERNAL\n%%EOF\n", name="notes.pdf"),
    )


def test_internal_evidence_needs_the_second_factor(password_only, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    evidence = _internal_evidence()
    url = reverse("plan:evidence_download", kwargs={"pk": evidence.pk})
    response = password_only.get(url, secure=True)
    assert _is_sent_to_second_factor(response)
    assert b"INTERNAL" not in response.getvalue()
    # With the code, the same address gives the file.
    device = TOTPDevice.objects.get(user=password_only.user)
    password_only.post(reverse("security:verify"), {"code": code_for(device)}, secure=True)
    response = password_only.get(url, secure=True)
    assert response.status_code == 200
    assert b"INTERNAL" in response.getvalue()


def test_a_draft_post_preview_needs_the_second_factor(password_only):
    post = Post.objects.create(title="Draft plans for spring", slug="draft", body="Secret draft")
    response = password_only.get(
        reverse("updates:post_preview", kwargs={"pk": post.pk}), secure=True
    )
    assert _is_sent_to_second_factor(response)
    assert "Secret draft" not in response.text


def test_staff_with_no_second_factor_yet_are_sent_to_set_one_up(client):
    client.force_login(make_user(roles.DATA_OFFICER))
    response = client.get(reverse("updates:post_preview", kwargs={"pk": 1}), secure=True)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:set_up") + "?next=")


def test_a_draft_updates_picture_needs_the_second_factor(password_only, tmp_path, settings):
    from tests.factories import make_post, make_post_image

    settings.MEDIA_ROOT = tmp_path
    image = make_post_image(make_post(status=Post.Status.DRAFT))
    url = reverse("updates:post_image", kwargs={"pk": image.pk})
    response = password_only.get(url, secure=True)
    assert _is_sent_to_second_factor(response)
    assert b"PNG" not in response.getvalue()
    device = TOTPDevice.objects.get(user=password_only.user)
    password_only.post(reverse("security:verify"), {"code": code_for(device)}, secure=True)
    response = password_only.get(url, secure=True)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
