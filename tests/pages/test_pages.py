import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse, set_script_prefix

from sendprogress.pages.models import GlossaryTerm
from tests.factories import make_local_area, make_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def glossary(db):
    """The glossary that ships with the site (not demo content: every local area uses it)."""
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)


def test_glossary_explains_the_words_families_meet(client, glossary):
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
    # Ofsted is known by its short name: the glossary gives the full one once.
    assert "Ofsted" in html
    assert "Office for Standards in Education" in html


@pytest.mark.parametrize(
    "term",
    [
        "Priority action",
        "Area for improvement",
        "Stocktake",
        "Monitoring inspection",
        "Integrated care board",
        "Local area partnership",
        "Part-time timetable",
        "Suspension",
        "Median",
        "Widespread and/or systemic failings",
    ],
)
def test_glossary_explains_the_2023_frameworks_words(client, glossary, term):
    html = client.get(reverse("glossary")).content.decode()
    assert term in html


@pytest.mark.parametrize(
    "term",
    [
        "Written Statement of Action (WSoA)",
        "Revisit",
        "Area of significant weakness",
        "Sufficient progress",
        "SEND information, advice and support service (SENDIASS)",
        "SEND tribunal",
        "Mediation",
    ],
)
def test_glossary_explains_the_2016_frameworks_and_a_familys_words(client, glossary, term):
    html = client.get(reverse("glossary")).content.decode()
    assert term in html


def test_glossary_terms_can_be_linked_to_directly(client, glossary):
    html = client.get(reverse("glossary")).content.decode()
    assert 'id="ehcp"' in html
    assert 'href="#letter-E"' in html


def test_glossary_fixture_loads_twice_without_duplicates(db):
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)
    count = GlossaryTerm.objects.count()
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)
    assert GlossaryTerm.objects.count() == count >= 15


def test_accessibility_statement_has_the_sections_the_regulations_require(client):
    make_local_area(contact_email="send.help@example.org")
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
    assert "mailto:send.help@example.org" in html


def test_privacy_notice_explains_email_updates(client):
    make_local_area(name="Testshire")
    html = client.get(reverse("privacy")).content.decode()
    assert "Email updates" in html
    assert "your email address, the topics you chose" in html
    assert "within 7 days" in html
    assert "one click" in html
    assert "Testshire is the data controller" in html


def test_cookies_page_names_only_essential_cookies(client, settings):
    html = client.get(reverse("cookies")).content.decode()
    assert settings.SESSION_COOKIE_NAME in html
    assert settings.CSRF_COOKIE_NAME in html
    assert "do not use cookies to track you, to count visits or for ads" in html


def test_reading_public_pages_sets_no_cookies(client):
    make_local_area()
    make_measure()
    for url in ["/", reverse("plan:measure_list"), reverse("cookies")]:
        assert not client.get(url).cookies


def test_not_found_page_is_in_the_site_look(client):
    make_local_area(site_name="SEND progress in Testshire")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Page not found</h1>' in html
    assert "SEND progress in Testshire" in html
    assert 'href="/accessibility/"' in html


def test_server_error_page_renders_without_a_request_or_the_database(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Sorry, there is a problem with this website" in html
    assert 'lang="en-GB"' in html
    assert "site.css" in html


def test_the_layout_links_every_page_to_the_main_sections_and_marks_where_you_are(client):
    html = client.get("/glossary/").content.decode()
    assert '<a class="app-header__link" href="/measures/">All measures</a>' in html
    assert 'href="/glossary/" aria-current="page">Words we use</a>' in html
    assert 'action="/search/" role="search"' in html
    assert 'href="/accessibility/">Accessibility statement</a>' in html
    assert 'title="All updates (Atom)" href="/updates/feed.atom"' in html


@pytest.mark.usefixtures("no_page_cache")
def test_the_layout_links_follow_the_address_the_site_is_served_under(client):
    client.get("/glossary/")
    # Served under /send/ by the web server, after a page served at the root (the
    # test client, unlike Django's WSGI handler, does not set the prefix itself).
    set_script_prefix("/send/")
    try:
        html = client.get("/glossary/").content.decode()
    finally:
        set_script_prefix("/")
    assert '<a class="app-header__link" href="/send/measures/">All measures</a>' in html
    assert 'action="/send/search/" role="search"' in html
    assert 'href="/send/accessibility/">Accessibility statement</a>' in html
