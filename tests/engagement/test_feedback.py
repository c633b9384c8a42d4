"""Page feedback: any visitor can say whether a page is useful, with or
without JavaScript, and what they type is stored safely and never shown."""

import re
import time

import pytest
import time_machine
from django.test import Client

from sendprogress.engagement.models import Feedback

from .helpers import FORM, answer, feedback_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/", "/findings/ehcp-quality/", "/measures/ehcp-20-weeks/", "/updates/", "/glossary/"]
)
def test_every_public_page_asks_if_it_is_useful(client, site, path):
    html = client.get(path).content.decode()
    assert "Is this page useful?" in html
    assert "Do not include your name, your child&#x27;s name or any details about a child" in html
    assert feedback_fields(client.get(path))["page"] == path


def test_pages_that_are_not_public_do_not_ask(client, site, data_officer):
    assert "Is this page useful?" not in client.get("/no-such-page/").content.decode()
    client.force_login(data_officer)
    assert "Is this page useful?" not in client.get("/staff/").content.decode()


def test_without_javascript_it_goes_back_to_the_page_and_its_thank_you(client, site):
    response = answer(client, "/findings/ehcp-quality/", useful="no", comment="No dates given")
    assert response.status_code == 303
    assert response["Location"] == "/findings/ehcp-quality/#feedback-thanks"
    page = client.get("/findings/ehcp-quality/").content.decode()
    assert 'id="feedback-thanks"' in page
    assert "Thank you for your feedback." in page
    stored = Feedback.objects.get()
    assert (stored.page, stored.useful, stored.comment) == (
        "/findings/ehcp-quality/",
        False,
        "No dates given",
    )
    assert stored.finding == site


def test_with_htmx_the_thank_you_replaces_the_form(client, site):
    response = answer(client, "/measures/ehcp-20-weeks/", useful="yes", htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thank you for your feedback." in html
    assert "<form" not in html
    stored = Feedback.objects.get()
    assert stored.useful is True
    assert stored.finding == site


def _opening_tag(html: str, css_class: str) -> str:
    return re.search(rf'<div class="{css_class}"[^>]*>', html).group(0)


def test_the_thank_you_and_the_bot_trap_are_hidden_even_without_styles(client, site):
    page = client.get("/glossary/").content.decode()
    # The hidden attribute, not only a class: a browser with styles off keeps
    # them hidden too. The thank-you on the page never takes focus by itself.
    assert " hidden" in _opening_tag(page, "app-feedback__thanks")
    assert " hidden" in _opening_tag(page, "app-feedback__trap")
    assert "autofocus" not in _opening_tag(page, "app-feedback__done")


def test_with_htmx_the_thank_you_takes_focus(client, site):
    html = answer(client, "/glossary/", useful="yes", htmx=True).content.decode()
    done = _opening_tag(html, "app-feedback__done")
    assert 'tabindex="-1"' in done
    assert "autofocus" in done


def test_the_page_still_works_from_a_form_that_came_with_no_csrf_token(site):
    # Pages come from the shared cache, so the form has no CSRF token.
    client = Client(enforce_csrf_checks=True)
    assert answer(client, "/", useful="yes").status_code == 303
    assert Feedback.objects.count() == 1


def test_email_addresses_and_phone_numbers_are_masked_before_storing(client, site):
    answer(
        client,
        "/",
        comment="Call me on 07700 900123 or +44 (0)20 7946 0958, or write to "
        "Jo.Bloggs@example.org. The plan came on 20 February 2020.",
    )
    assert Feedback.objects.get().comment == (
        "Call me on [phone number removed] or [phone number removed], or write to "
        "[email address removed]. The plan came on 20 February 2020."
    )


def test_a_filled_in_trap_looks_accepted_but_stores_nothing(client, site):
    response = answer(client, "/", website="http://spam.example")
    assert response.status_code == 303
    assert not Feedback.objects.exists()


def test_an_answer_sent_too_quickly_is_refused_and_kept_on_the_form(client, site, settings):
    settings.FEEDBACK_MIN_SECONDS = 60
    response = answer(client, "/", useful="no", comment="Too many acronyms")
    html = response.content.decode()
    assert "Your answer came too quickly" in html
    assert "Too many acronyms" in html
    assert not Feedback.objects.exists()


def test_a_made_up_start_time_is_refused(client, site):
    response = answer(client, "/", started="1")
    assert "Your answer came too quickly" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_form_started_a_day_or_more_ago_is_refused_then_offered_again(client, site):
    with time_machine.travel(time.time() - 24 * 60 * 60 - 1):
        old = feedback_fields(client.get("/"))
    response = client.post("/feedback/", {**old, "useful": "no", "comment": "Too many acronyms"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This form was opened a long time ago" in html
    assert "Too many acronyms" in html  # kept on the form
    assert not Feedback.objects.exists()
    offered = feedback_fields(response)
    assert offered["started"] != old["started"]
    again = client.post("/feedback/", {**offered, "useful": "no", "comment": "Too many acronyms"})
    assert again.status_code == 303
    assert Feedback.objects.get().comment == "Too many acronyms"


def test_a_form_started_within_the_day_is_accepted(client, site):
    with time_machine.travel(time.time() - 23 * 60 * 60):
        fields = feedback_fields(client.get("/"))
    assert client.post("/feedback/", {**fields, "useful": "yes"}).status_code == 303


def test_yes_or_no_is_needed_and_the_comment_is_kept(client, site):
    response = answer(client, "/", useful="", comment="Where are the dates?")
    html = response.content.decode()
    assert "Select yes if this page is useful, or no if it is not" in html
    assert "Where are the dates?" in html
    assert "<title>Error: " in html
    assert not Feedback.objects.exists()


def test_an_over_long_comment_gets_a_message(client, site):
    response = answer(client, "/", comment="x" * 1201, htmx=True)
    html = response.content.decode()
    assert "What was missing or wrong must be 1200 characters or fewer" in html
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "page", ["//evil.example/", "https://evil.example/", "/staff/", "/no-such-page/", ""]
)
def test_feedback_is_only_about_this_sites_public_pages(client, site, page):
    fields = feedback_fields(client.get("/"))
    response = client.post("/feedback/", {**fields, "page": page, "useful": "yes"})
    assert response.status_code == 200
    assert "We could not tell which page this was about" in response.content.decode()
    assert not Feedback.objects.exists()


def test_one_address_can_send_only_so_much_in_an_hour(client, site, settings):
    settings.FEEDBACK_LIMIT_PER_CLIENT = 2
    for _ in range(2):
        assert answer(client, "/", comment="Fine").status_code == 303
    response = answer(client, "/", comment="One more")
    html = response.content.decode()
    assert "You have sent a lot of feedback in the last hour" in html
    assert "One more" in html
    assert Feedback.objects.count() == 2


def test_the_feedback_page_shows_the_form_for_the_page_named(client, site):
    html = client.get("/feedback/", {"page": "/glossary/"}).content.decode()
    assert "Tell us what you think of a page" in html
    assert 'href="/glossary/">/glossary/</a>' in html
    assert html.count('class="app-feedback__form"') == 1


def test_what_people_type_is_never_shown_on_a_public_page(client, site):
    answer(client, "/findings/ehcp-quality/", comment="Secret words nobody published")
    for path in ["/", "/findings/ehcp-quality/", "/you-said-we-did/", "/sitemap.xml"]:
        assert "Secret words nobody published" not in client.get(path).content.decode()


def test_a_cached_page_carries_the_form_and_sending_it_leaves_the_page_cached(
    client, site, django_assert_num_queries
):
    first = client.get("/findings/ehcp-quality/")
    with django_assert_num_queries(1):  # the public content version: a cache hit
        cached = client.get("/findings/ehcp-quality/")
    assert cached.content == first.content
    fields = feedback_fields(cached)
    sent = client.post("/feedback/", {**fields, "useful": "no", "comment": "Hard to follow"})
    assert sent.status_code == 303
    assert Feedback.objects.filter(comment="Hard to follow").exists()
    with django_assert_num_queries(1):  # still the same cached page
        after = client.get("/findings/ehcp-quality/")
    assert after.content == first.content


def _form_of(response) -> str:
    return FORM.search(response.content.decode()).group()


@pytest.mark.usefixtures("no_page_cache")
def test_the_form_is_drawn_the_same_each_time_but_for_when_it_was_shown(client, site):
    first, again = (_form_of(client.get("/glossary/")) for _ in range(2))
    # Each drawing carries the time it was shown, signed: nothing else may vary.
    started = re.compile(r'name="started" value="[^"]*"')
    assert started.sub("", first) == started.sub("", again)
    assert "csrfmiddlewaretoken" not in first


def test_the_form_asks_yes_or_no_side_by_side_then_for_a_comment(client, site):
    form = _form_of(client.get("/glossary/"))
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Is this page useful?'
        in form
    )
    assert 'class="govuk-radios govuk-radios--inline govuk-radios--small"' in form
    assert 'type="radio" name="useful" value="yes"' in form
    assert '<label class="govuk-label" for="feedback-comment">What was missing or wrong?' in form
    assert 'id="feedback-comment_helptext">Do not include your name' in form
    textarea = re.search(r"<textarea [^>]*>", form)[0]
    assert 'aria-describedby="feedback-comment_helptext"' in textarea
    assert "maxlength" not in textarea  # too long gets a message, not a box that stops


def test_each_error_is_linked_to_its_question_and_the_trap_is_never_filled_in(client, site):
    response = answer(client, "/", useful="", comment="x" * 1201, website="", htmx=True)
    form = _form_of(response)
    assert 'href="#feedback-useful_0"' in form
    assert 'id="feedback-useful_0"' in form
    assert 'aria-describedby="feedback-useful_error"' in form
    assert 'id="feedback-useful_error"' in form
    assert 'href="#feedback-comment"' in form
    textarea = re.search(r"<textarea [^>]*>", form)[0]
    assert 'aria-describedby="feedback-comment_helptext feedback-comment_error"' in textarea
    assert "govuk-textarea--error" in textarea
    assert 'name="website" value=""' in form
