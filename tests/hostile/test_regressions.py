"""500s the hostile tests found, each pinned by a plain test.

Most only failed on PostgreSQL, which refuses what SQLite quietly stores.
"""

import pytest

from sendprogress.updates.models import Subscriber

from .test_public_forms import TOO_LONG_EMAIL


@pytest.mark.usefixtures("demo")
def test_an_email_address_too_long_to_store_gets_a_message(client):
    response = client.post("/email-updates/", {"email": TOO_LONG_EMAIL, "findings": ["1"]})
    assert response.status_code == 200
    assert "Enter an email address of 254 characters or fewer" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("page", ["confirm", "unsubscribe"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_link_with_a_nul_byte_in_its_token_finds_nobody(client, db, page, method):
    subscriber = Subscriber.objects.create(email="someone@example.org")
    response = getattr(client, method)(f"/email-updates/{page}/%00{subscriber.token}/")
    assert response.status_code == 200
    assert Subscriber.objects.filter(pk=subscriber.pk, confirmed_at=None).exists()


HUGE_ID = "99999999999999999999999999"


@pytest.mark.usefixtures("demo")
def test_an_area_id_too_big_for_the_database_is_refused_with_a_message(client):
    response = client.post("/email-updates/", {"email": "a@example.org", "findings": [HUGE_ID]})
    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/admin/auth/group/add/", "permissions"),
        ("/admin/accounts/user/{pk}/change/", "groups"),
        ("/admin/updates/post/add/", "findings"),
    ],
)
def test_admin_choices_too_big_for_the_database_are_refused_with_a_message(client, db, url, field):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password="a-long-test-password")
    client.force_login(admin)
    response = client.post(
        url.format(pk=admin.pk), {"name": "x", "username": "root", field: [HUGE_ID]}
    )
    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()


@pytest.mark.usefixtures("demo")
def test_changing_a_measures_target_with_figures_listed_on_it_saves(client):
    """The listed figures were re-checked against the new target, and a figure
    that now missed its milestone failed the whole page."""
    from django.contrib.auth import get_user_model

    from sendprogress.plan.models import Measure

    client.force_login(get_user_model().objects.create_superuser("root", password="x" * 12))
    measure = Measure.objects.get(code="ehcp-20-weeks")
    url = f"/admin/plan/measure/{measure.pk}/change/"
    page = client.get(url).content.decode()
    from tests.hostile.forms_html import as_submitted, read_form

    data = as_submitted(read_form(page, "measure_form"))
    data["target_value"] = ["99"]
    data["baseline_value"] = ["90"]
    response = client.post(url, data)
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.target_value == 99


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("value", [":", " ", "x", HUGE_ID])
def test_a_tampered_autocomplete_choice_gets_a_message(client, value):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", password="x" * 12))
    response = client.post("/admin/plan/inspection/add/", {"letter": value, "title": ""})
    assert response.status_code == 200
    assert "errornote" in response.content.decode()


@pytest.mark.usefixtures("demo")
def test_approving_a_figure_someone_already_approved_says_why_nothing_happened(client):
    from datetime import date

    from sendprogress.accounts import roles
    from sendprogress.plan.models import Figure, Measure
    from tests.factories import make_figure, make_user

    data_officer, first, second = (
        make_user(r) for r in (roles.DATA_OFFICER, roles.APPROVER, roles.APPROVER)
    )
    m = make_figure(
        measure=Measure.objects.get(code="ehcp-20-weeks"),
        period=date(2022, 6, 1),
        value=50,
        status=Figure.Status.SUBMITTED,
        submitted_by=data_officer,
    )
    data = {"action": "approve", f"decide-{m.pk}-version": str(m.version)}
    client.force_login(first)
    assert client.post(f"/staff/figures/{m.pk}/", data).status_code == 302
    client.force_login(second)
    response = client.post(f"/staff/figures/{m.pk}/", data)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    "query", ["q=abc%00", "status=%00", "findings__id__exact=1%00", "q%00=x", "o=%00"]
)
def test_an_admin_list_with_a_nul_byte_in_its_query_string_still_answers(client, query):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", password="x" * 12))
    for url in ("/admin/plan/action/", "/admin/plan/measure/", "/admin/updates/post/"):
        assert client.get(f"{url}?{query}").status_code in {200, 302}
