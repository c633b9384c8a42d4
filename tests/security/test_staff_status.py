"""A session signed in before someone's staff status was taken away keeps no
access to the staff pages (security issue 22).

Before: the staff pages asked only for the role's permission, so a session
kept every staff page after is_staff was turned off, as long as the account
was still in its role.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sendprogress.accounts.roles import APPROVER
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("staff:home"),
    reverse("staff:data_due"),
    reverse("staff:posts"),
    reverse("staff_feedback:list"),
]


@pytest.fixture
def approver_signed_in(client, roles):
    user = make_user(APPROVER, username="alex")
    client.force_login(user)
    for page in PAGES:
        assert client.get(page).status_code == 200
    return client, user


@pytest.mark.parametrize("page", PAGES)
def test_a_session_loses_the_staff_pages_as_soon_as_staff_status_is_removed(
    approver_signed_in, page
):
    client, user = approver_signed_in
    user.is_staff = False
    user.save()
    response = client.get(page)
    assert response.status_code == 403
    assert "alex, which is not a staff account" in response.content.decode()


def test_a_form_sent_after_staff_status_is_removed_is_refused(approver_signed_in):
    client, user = approver_signed_in
    user.is_staff = False
    user.save()
    response = client.post(reverse("staff:new_post"), {"title": "Sent after"})
    assert response.status_code == 403


def test_a_deactivated_account_is_sent_to_sign_in(approver_signed_in):
    client, user = approver_signed_in
    user.is_active = False
    user.save()
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_session_loses_what_a_removed_role_gave_at_once(approver_signed_in):
    client, user = approver_signed_in
    user.groups.remove(Group.objects.get(name=APPROVER))
    assert client.get(reverse("staff:posts")).status_code == 403


def test_the_admin_sends_someone_no_longer_staff_to_sign_in(approver_signed_in):
    client, user = approver_signed_in
    user.is_staff = False
    user.save()
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_public_pages_are_the_same_for_someone_no_longer_staff(approver_signed_in):
    client, user = approver_signed_in
    user.is_staff = False
    user.save()
    assert client.get("/").status_code == 200
