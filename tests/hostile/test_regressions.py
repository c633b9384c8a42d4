"""500s the hostile tests found, each pinned by a plain test.

Most only failed on PostgreSQL, which refuses what SQLite quietly stores.
"""

import pytest

from sendprogress.updates.models import Subscriber

from .test_public_forms import TOO_LONG_EMAIL


@pytest.mark.usefixtures("demo")
def test_an_email_address_too_long_to_store_gets_a_message(client):
    response = client.post("/email-updates/", {"email": TOO_LONG_EMAIL, "areas": ["1"]})
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
