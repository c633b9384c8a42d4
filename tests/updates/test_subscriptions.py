import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from sendprogress.updates.models import Subscriber
from tests.factories import make_finding

from .helpers import run_worker, same_for_everyone, sign_up

pytestmark = pytest.mark.django_db


def _subscribe(client, email="parent@example.org", findings=None):
    """Sign up, and let the task worker send what that queued."""
    findings = findings if findings is not None else [a.pk for a in _findings()]
    response = sign_up(client, email, findings)
    run_worker()
    return response


def _findings():
    from sendprogress.plan.models import Finding

    return list(Finding.objects.order_by("order")) or [make_finding(), make_finding()]


def _link(message, prefix):
    return next(word for word in message.body.split() if prefix in word).removeprefix(
        "http://testserver"
    )


def _ticked(html, name):
    """The values of the inputs called `name` that are ticked or chosen."""
    inputs = re.findall(rf'<input [^>]*name="{name}"[^>]*>', html)
    return [re.search(r'value="([^"]*)"', tag)[1] for tag in inputs if " checked" in tag]


def test_the_form_offers_all_areas_as_one_choice_chosen_by_default(client):
    make_finding(), make_finding()
    html = client.get("/email-updates/").content.decode()
    assert _ticked(html, "coverage") == ["all"]
    assert _ticked(html, "findings") == []  # nothing to untick


def test_signing_up_for_all_areas_includes_areas_added_later(client):
    from tests.factories import make_post

    make_finding()
    sign_up_response = client.post(
        "/email-updates/", {"email": "parent@example.org", "coverage": "all"}
    )
    assert sign_up_response.status_code == 302
    subscriber = Subscriber.objects.get()
    subscriber.confirmed_at = timezone.now() - timedelta(days=2)
    subscriber.save()
    later = make_finding()
    post = make_post(findings=[later])
    assert list(Subscriber.objects.for_post(post)) == [subscriber]


def test_signing_up_for_one_area_needs_one_tick(client):
    make_finding()
    second = make_finding()
    client.post(
        "/email-updates/",
        {"email": "parent@example.org", "coverage": "some", "findings": [second.pk]},
    )
    subscriber = Subscriber.objects.get()
    assert not subscriber.all_findings
    assert list(subscriber.findings.all()) == [second]


def test_ticking_an_area_while_all_areas_is_still_chosen_means_only_that_area(client):
    # The form opens with "All areas" chosen; a visitor ticks one area and
    # signs up without changing it. They asked for that area, not all of them.
    make_finding(short_title="Plans on time")
    second = make_finding(short_title="Waiting for an assessment")
    response = client.post(
        "/email-updates/",
        {"email": "parent@example.org", "coverage": "all", "findings": [second.pk]},
        follow=True,
    )
    subscriber = Subscriber.objects.get()
    assert not subscriber.all_findings
    assert list(subscriber.findings.all()) == [second]
    page = response.content.decode()
    assert "You asked for updates about this area only" in page
    assert "Waiting for an assessment" in page
    assert "Plans on time" not in page


def test_the_check_email_page_says_all_areas_were_asked_for(client):
    make_finding()
    response = client.post(
        "/email-updates/", {"email": "parent@example.org", "coverage": "all"}, follow=True
    )
    assert "You asked for updates about all areas." in response.content.decode()


def test_the_check_email_page_ignores_unknown_areas(client):
    response = client.get("/email-updates/check-your-email/?findings=no-such-area,%3Cb%3E")
    assert response.status_code == 200
    assert "You asked for updates about" not in response.content.decode()


def test_the_choices_page_treats_a_ticked_area_as_only_that_area(client):
    first, second = make_finding(), make_finding()
    _subscribe(client, findings=[first.pk])
    choices_url = Subscriber.objects.get().get_choices_url()
    client.post(choices_url, {"coverage": "all", "findings": [second.pk]})
    subscriber = Subscriber.objects.get()
    assert not subscriber.all_findings
    assert list(subscriber.findings.all()) == [second]


def test_the_choices_page_changes_the_areas(client):
    first, second = make_finding(), make_finding()
    _subscribe(client, findings=[first.pk])
    choices_url = Subscriber.objects.get().get_choices_url()
    page = client.get(choices_url)
    assert page.status_code == 200
    assert _ticked(page.content.decode(), "findings") == [str(first.pk)]
    response = client.post(choices_url, {"coverage": "some", "findings": [second.pk]})
    assert "Your choices are saved" in response.content.decode()
    assert list(Subscriber.objects.get().findings.all()) == [second]


def test_changing_to_no_area_is_refused_and_keeps_the_old_choice(client):
    first = make_finding()
    _subscribe(client, findings=[first.pk])
    choices_url = Subscriber.objects.get().get_choices_url()
    response = client.post(choices_url, {"coverage": "some"})
    assert response.status_code == 400
    assert "Select at least one area, or choose all areas" in response.content.decode()
    assert list(Subscriber.objects.get().findings.all()) == [first]


def test_an_unknown_choices_link_says_so_and_changes_nothing(client):
    response = client.post("/email-updates/choices/not-a-token/", {"coverage": "all"})
    assert "We do not recognise this link" in response.content.decode()


def test_signing_up_sends_a_confirmation_link(client):
    response = _subscribe(client)
    assert response.status_code == 302
    assert response["Location"].startswith("/email-updates/check-your-email/?findings=")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["parent@example.org"]
    assert "/email-updates/confirm/" in message.body
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None


def test_an_email_address_is_stored_in_lower_case(client):
    _subscribe(client, email="Parent@Example.ORG")
    assert Subscriber.objects.get().email == "parent@example.org"


def test_a_bad_address_gets_a_clear_message(client):
    response = _subscribe(client, email="not an address")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in html
    assert "There is a problem" in html
    assert not Subscriber.objects.exists()


def test_choosing_no_area_gets_a_clear_message(client):
    make_finding()
    response = _subscribe(client, findings=[])
    assert "Select at least one area" in response.content.decode()


def test_signing_up_again_looks_the_same_whether_or_not_subscribed(client):
    first = _subscribe(client)
    subscriber = Subscriber.objects.get()
    subscriber.confirmed_at = timezone.now()
    subscriber.save()
    again = _subscribe(Client())
    stranger = _subscribe(Client(), email="stranger@example.org")
    assert first["Location"] == again["Location"] == stranger["Location"]
    pages = {
        same_for_everyone(Client().get(r["Location"]).content) for r in (first, again, stranger)
    }
    assert len(pages) == 1
    assert Subscriber.objects.count() == 2


def test_signing_up_again_when_confirmed_changes_nothing(client):
    one, two = make_finding(), make_finding()
    _subscribe(client, findings=[one.pk])
    subscriber = Subscriber.objects.get()
    subscriber.confirmed_at = timezone.now()
    subscriber.save()
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        _subscribe(client, findings=[two.pk])
    assert list(subscriber.findings.all()) == [one]
    assert "already gets them" in mail.outbox[-1].body


def test_signing_up_again_and_again_does_not_flood_the_inbox(client):
    for _ in range(5):
        _subscribe(client)
    assert len(mail.outbox) == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        _subscribe(client)
    assert len(mail.outbox) == 2


def test_confirming_is_a_button_not_a_link_scanner_trap(client):
    _subscribe(client)
    confirm_url = _link(mail.outbox[0], "/email-updates/confirm/")
    response = client.get(confirm_url)
    assert response.status_code == 200
    assert Subscriber.objects.get().confirmed_at is None
    client.post(confirm_url)
    assert Subscriber.objects.get().confirmed_at is not None


def test_confirming_twice_is_harmless(client):
    _subscribe(client)
    confirm_url = _link(mail.outbox[0], "/email-updates/confirm/")
    client.post(confirm_url)
    first = Subscriber.objects.get().confirmed_at
    response = client.post(confirm_url)
    assert response.status_code == 200
    assert "You will get updates by email" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at == first


def test_an_unknown_confirm_link_says_it_does_not_work(client):
    assert "does not work any more" in client.get("/email-updates/confirm/nope/").content.decode()
    assert "does not work any more" in client.post("/email-updates/confirm/nope/").content.decode()


def test_every_email_carries_one_click_unsubscribe(client):
    _subscribe(client)
    message = mail.outbox[0]
    url = _link(message, "/email-updates/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_unsubscribe_asks_first_then_deletes_the_address(client):
    _subscribe(client)
    url = _link(mail.outbox[0], "/email-updates/unsubscribe/")
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop email updates" in page.content.decode()
    assert Subscriber.objects.exists()
    client.post(url)
    assert not Subscriber.objects.exists()


def test_one_click_unsubscribe_works_without_a_csrf_token_and_twice():
    client = Client(enforce_csrf_checks=True)
    _subscribe(Client())
    url = _link(mail.outbox[0], "/email-updates/unsubscribe/")
    first = client.post(url, {"List-Unsubscribe": "One-Click"})
    second = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert first.status_code == second.status_code == 200
    assert not Subscriber.objects.exists()


def test_unconfirmed_addresses_are_deleted_after_seven_days(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _subscribe(client, email="waiting@example.org")
        _subscribe(client, email="keen@example.org")
        keen = Subscriber.objects.get(email="keen@example.org")
        keen.confirmed_at = timezone.now()
        keen.save()
    with time_machine.travel(start + timedelta(days=6, hours=23), tick=False):
        call_command("delete_unconfirmed_subscribers", stdout=io.StringIO())
        assert Subscriber.objects.count() == 2
    with time_machine.travel(start + timedelta(days=7, minutes=1), tick=False):
        call_command("delete_unconfirmed_subscribers", stdout=io.StringIO())
        assert list(Subscriber.objects.values_list("email", flat=True)) == ["keen@example.org"]


def test_the_unsubscribe_header_stays_a_readable_link_over_smtp(client, settings):
    import email.policy

    settings.SITE_URL = "https://send-progress.a-rather-long-council-name.gov.uk"
    _subscribe(client)
    raw = mail.outbox[0].message(policy=email.policy.SMTP).as_bytes().decode()
    url = settings.SITE_URL + Subscriber.objects.get().get_unsubscribe_url()
    assert f"List-Unsubscribe: <{url}>\r\n" in raw
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw


def _summary_targets(html):
    """The ids the error summary's links point at, and whether each is on the page."""
    summary = html[
        html.index("govuk-error-summary__list") : html.index(
            "</ul>", html.index("govuk-error-summary__list")
        )
    ]
    return {target: f'id="{target}"' in html for target in re.findall(r'href="#([^"]+)"', summary)}


def test_each_sign_up_error_links_to_the_box_or_choice_it_is_about(client):
    make_finding()
    response = client.post("/email-updates/", {"email": "not an address", "coverage": "some"})
    html = response.content.decode()
    assert _summary_targets(html) == {"id_email": True, "id_findings_0": True}
    # Focus moves to the summary, so a screen reader says what went wrong first.
    assert (
        'class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" autofocus'
        in html
    )


def test_each_choices_error_links_to_the_first_choice_it_is_about(client):
    first = make_finding()
    _subscribe(client, findings=[first.pk])
    response = client.post(Subscriber.objects.get().get_choices_url(), {"coverage": "maybe"})
    html = response.content.decode()
    assert "Choose all areas, or the areas you want" in html
    assert _summary_targets(html) == {"id_coverage_0": True}
