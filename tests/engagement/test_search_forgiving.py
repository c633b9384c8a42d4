"""Search that forgives: word endings, the synonyms staff keep, a misspelt
word put right, and a page with a way on when nothing is found. Tried with
the words parent carers used (issue 24) on content like the demo's."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sendprogress.engagement.models import SearchSynonym
from sendprogress.pages.models import GlossaryTerm
from sendprogress.updates.models import Post
from tests.factories import make_finding, make_inspection, make_local_area, make_measure, make_post

from .factories import make_entry
from .test_search import _results

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _time_enough(settings):
    """What is found, not how fast: the time limit has tests of its own
    (test_search_limits.py), and a busy test machine must not stop a search."""
    settings.SEARCH_TIMEOUT_MS = 60_000


@pytest.fixture
def demo_like(db):
    """Pages worded as the Central Bedfordshire demo words them."""
    make_local_area(
        sendiass_url="https://example.org/sendiass",
        tribunal_url="https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability",
    )
    plans = make_finding(
        slug="ehcp-needs",
        title="Making sure children's needs are met in their education, health and care plans",
        summary="This area is about getting plans done on time and making them good.",
    )
    make_finding(
        slug="co-production",
        title="Working with families (co-production)",
        summary="Co-production means families and services deciding things together.",
    )
    make_measure(
        finding=plans,
        code="ehcp-20-weeks",
        title="New EHC plans issued within 20 weeks",
        why_it_matters="The law says a new plan should be ready within 20 weeks of the request. "
        "Every week of delay is a week a child may go without the right help.",
        definition="Of the new EHC plans issued in the month, the percentage issued within "
        "20 weeks of the request for assessment.",
    )
    make_measure(
        finding=plans,
        code="assessments-over-20-weeks",
        title="EHC needs assessments open for more than 20 weeks",
    )
    make_entry(
        you_said="Letters about plans were hard to follow.",
        we_did="We rewrote the letters with parent carers.",
    )
    make_post(
        title="Waiting times for autism assessments",
        summary="How long families wait to see the autism team.",
        body="We are hiring two more specialists.",
    )
    make_post(
        title="Fewer SEND appeals this year",
        summary="Families appealed fewer decisions about plans.",
        body="Mediation helped settle more disagreements early.",
    )
    GlossaryTerm.objects.create(
        term="Education, health and care plan",
        abbreviation="EHCP",
        slug="ehcp",
        definition="A legal document that says what help a child needs.",
    )


def _titles(client, query: str) -> list[str]:
    return [title for _, title in _results(client.get("/search/", {"q": query}))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("communication", "Letters about plans were hard to follow."),
        ("tribunal", "Fewer SEND appeals this year"),
        ("ASD", "Waiting times for autism assessments"),
        ("EHCP late", "New EHC plans issued within 20 weeks"),
        ("coproduction", "Working with families (co-production)"),
    ],
)
def test_the_words_parent_carers_used_find_what_they_came_for(client, demo_like, query, expected):
    assert expected in _titles(client, query)


def test_every_site_starts_with_the_synonyms_from_the_issue():
    """The starter list comes with `migrate`, so both demos and a new local area have it."""
    pairs = set(SearchSynonym.objects.values_list("term", "also_means"))
    assert {
        ("ASD", "autism"),
        ("ASD", "autistic spectrum"),
        ("EHCP", "EHC plan"),
        ("EHCP", "education, health and care plan"),
        ("coproduction", "co-production"),
        ("letters", "communication"),
        ("tribunal", "SEND appeals"),
        ("tribunal", "First-tier Tribunal"),
        ("late", "on time"),
        ("late", "timeliness"),
    } <= pairs


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("assessment", "EHC needs assessments open for more than 20 weeks"),
        ("waiting time", "Waiting times for autism assessments"),
        ("appeal", "Fewer SEND appeals this year"),
    ],
)
def test_a_word_finds_its_other_endings(client, demo_like, query, expected):
    assert expected in _titles(client, query)


def test_communicating_is_found_by_communication(client, demo_like):
    make_post(title="Communicating with families", summary="How we keep in touch.")
    assert "Communicating with families" in _titles(client, "communication")


def test_a_synonym_kept_both_ways_works_both_ways(client, demo_like):
    assert "Letters about plans were hard to follow." in _titles(client, "communication")
    make_post(title="Better communication with schools", summary="A new newsletter.")
    assert "Better communication with schools" in _titles(client, "letters")


def test_a_synonym_kept_one_way_works_only_that_way(client, demo_like):
    make_post(title="Late reviews", summary="Some reviews were not done in a year.")
    assert "New EHC plans issued within 20 weeks" in _titles(client, "late")
    assert "Late reviews" not in _titles(client, "timeliness")


def test_a_synonym_staff_add_is_used_at_once(client, demo_like):
    make_post(title="Speech and language therapy waits", summary="Waits are shorter.")
    assert _titles(client, "SALT") == []
    SearchSynonym.objects.create(term="SALT", also_means="speech and language therapy")
    assert _titles(client, "SALT") == ["Speech and language therapy waits"]


def test_the_words_found_through_a_synonym_are_marked(client, demo_like):
    html = client.get("/search/", {"q": "ASD"}).content.decode()
    assert "<mark>autism</mark>" in html.lower()


@pytest.mark.parametrize(("typed", "meant"), [("autsim", "autism"), ("tribunel", "tribunal")])
def test_a_misspelt_word_is_put_right_and_said_so(client, demo_like, typed, meant):
    response = client.get("/search/", {"q": typed})
    html = response.content.decode()
    assert f"No results for “{typed}”. Showing" in html
    assert f"for “<strong>{meant}</strong>” instead." in html
    assert _results(response)


def test_a_word_spelt_right_is_not_put_right(client, demo_like):
    html = client.get("/search/", {"q": "autism"}).content.decode()
    assert "instead." not in html


# Only approved, public content, however it is found --------------------------


@pytest.fixture
def hidden(demo_like):
    """Content about autism no visitor may see yet, in every way it can be hidden."""
    make_post(title="Autism draft plans", summary="Autism.", status=Post.Status.DRAFT)
    make_post(
        title="Autism scheduled news",
        summary="Autism.",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=3),
    )
    make_measure(code="autism-hidden", title="Autism hidden measure", is_public=False)
    embargoed = make_inspection(
        framework="2023", title="Area SEND inspection", published_on=date.today() + timedelta(30)
    )
    make_finding(inspection=embargoed, slug="autism-embargoed", title="Autism embargoed finding")
    make_entry(you_said="Autism draft entry about letters", published=False)


@pytest.mark.parametrize("query", ["autism", "ASD", "autsim", "autistic spectrum"])
def test_hidden_content_never_appears_by_word_synonym_or_spelling(client, hidden, query):
    titles = _titles(client, query)
    assert titles  # the public autism update is found...
    assert not [title for title in titles if "draft" in title.lower()]
    assert not {
        "Autism scheduled news",
        "Autism hidden measure",
        "Autism embargoed finding",
    } & set(titles)


def test_a_word_only_hidden_content_uses_is_never_suggested(client, demo_like):
    make_post(title="Quorvexian pilot", summary="Soon.", status=Post.Status.DRAFT)
    html = client.get("/search/", {"q": "quorvexia"}).content.decode()
    assert "quorvexian" not in html.lower()
    assert "No results for “quorvexia”" in html


# When nothing is found ----------------------------------------------------------


def test_the_no_results_page_says_so_and_gives_a_way_on(client, demo_like):
    html = client.get("/search/", {"q": "zzzxq"}).content.decode()
    assert "We found nothing on this site for “zzzxq”" in html
    assert "check the spelling" in html
    assert f'href="{reverse("plan:home")}">what inspectors found' in html
    assert f'href="{reverse("plan:measure_list")}">all measures</a>' in html
    assert f'href="{reverse("glossary")}">words we use</a>' in html
    assert "Get help now" in html
    assert 'href="https://example.org/sendiass"' in html


def test_the_no_results_page_suggests_words_that_find_things(client, demo_like):
    html = client.get("/search/", {"q": "zzzxq"}).content.decode()
    assert "try one of these words:" in html
    assert '<a class="govuk-link" href="/search/?q=ASD">ASD</a>' in html


def test_a_page_with_results_has_no_way_on_list(client, demo_like):
    html = client.get("/search/", {"q": "autism"}).content.decode()
    assert "We found nothing" not in html


# Speed ------------------------------------------------------------------------


def test_queries_do_not_grow_with_the_data_when_a_word_is_put_right(
    client, demo_like, no_page_cache, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30) as few:
        client.get("/search/", {"q": "autsim"})
    for n in range(20):
        make_post(title=f"Autism news {n}", summary=f"More about autism {n}.")
        make_measure(code=f"autism-{n}", title=f"Autism measure {n}")
        SearchSynonym.objects.create(term=f"term{n}", also_means=f"meaning {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/search/", {"q": "autsim"})


def test_queries_do_not_grow_with_the_synonyms(
    client, demo_like, no_page_cache, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as few:
        client.get("/search/", {"q": "EHCP late"})
    for n in range(30):
        SearchSynonym.objects.create(term="EHCP", also_means=f"plan kind {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/search/", {"q": "EHCP late"})


# Both demos, as `make run` loads them (a smoke test: the content tests are above) ---


@pytest.mark.parametrize("loaded", ["demo", "demo_2023"])
@pytest.mark.parametrize(
    "query", ["communication", "tribunal", "ASD", "EHCP late", "coproduction"]
)
def test_the_issues_queries_find_something_on_both_demos(client, request, loaded, query):
    request.getfixturevalue(loaded)
    assert _titles(client, query)
