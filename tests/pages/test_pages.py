import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from sendprogress.pages.models import GlossaryTerm

pytestmark = pytest.mark.django_db


def test_glossary_explains_the_words_families_meet(client, demo):
    html = client.get(reverse("glossary")).content.decode()
    for heading in [
        "Special educational needs and disabilities (SEND)",
        "Education, health and care plan (EHCP)",
        "Education, health and care needs assessment (EHC needs assessment)",
        "Accelerated Progress Plan (APP)",
        "Written Statement of Action (WSoA)",
        "Care Quality Commission (CQC)",
        "Department for Education (DfE)",
        "NHS England",
        "Local Offer",
        "Co-production",
        "Parent carer forum (PCF)",
        "Special educational needs co-ordinator (SENCO)",
        "Educational psychologist",
        "Annual review",
    ]:
        assert heading in html
    assert "(Ofsted)" in html


def test_glossary_terms_can_be_linked_to_directly(client, demo):
    html = client.get(reverse("glossary")).content.decode()
    assert 'id="ehcp"' in html
    assert 'href="#letter-E"' in html


def test_glossary_fixture_loads_twice_without_duplicates(db):
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)
    count = GlossaryTerm.objects.count()
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)
    assert GlossaryTerm.objects.count() == count >= 15


def test_accessibility_statement_has_the_sections_the_regulations_require(client, demo):
    html = client.get(reverse("accessibility")).content.decode()
    for section in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Equality and Human Rights Commission (EHRC)",
        "Equality Advisory and Support Service (EASS)",
        "Compliance status",
        "Non-accessible content",
        "Disproportionate burden",
        "Preparation of this accessibility statement",
        "This statement was prepared on",
    ]:
        assert section in html
    assert "mailto:send.progress@example.org" in html


def test_privacy_notice_explains_email_updates(client, demo):
    html = client.get(reverse("privacy")).content.decode()
    assert "Email updates" in html
    assert "your email address, the areas you chose to hear about" in html
    assert "within 7 days" in html
    assert "one click" in html
    assert "Central Bedfordshire is the data controller" in html


def test_cookies_page_names_only_essential_cookies(client, demo, settings):
    html = client.get(reverse("cookies")).content.decode()
    assert settings.SESSION_COOKIE_NAME in html
    assert settings.CSRF_COOKIE_NAME in html
    assert "analytics" in html
    assert "do not use cookies to track you" in html


def test_reading_public_pages_sets_no_cookies(client, demo):
    for url in ["/", reverse("plan:measure_list"), reverse("cookies")]:
        assert not client.get(url).cookies


def test_not_found_page_is_in_the_site_look(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Page not found</h1>' in html
    assert "SEND progress in Central Bedfordshire" in html
    assert 'href="/accessibility/"' in html


def test_server_error_page_renders_without_a_request_or_the_database(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Sorry, there is a problem with this website" in html
    assert 'lang="en-GB"' in html
    assert "site.css" in html
