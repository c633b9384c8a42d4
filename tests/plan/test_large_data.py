"""The large data set follows the rules staff work under, so pages render as in real life."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sendprogress.plan.models import Evidence, Figure, Measure
from sendprogress.updates.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(db):
    call_command("generate_large_data", "--small", verbosity=0)


def test_every_generated_figure_passes_the_figure_rules(large):
    figures = Figure.objects.filter(measure__code__startswith="large-").select_related("measure")
    assert figures.count() > 100
    for figure in figures:
        figure.full_clean()


def test_most_figures_are_approved_and_some_latest_ones_are_not(large):
    figures = Figure.objects.filter(measure__code__startswith="large-")
    not_approved = figures.exclude(status=Figure.Status.APPROVED)
    assert not_approved.exists()
    assert figures.approved().count() > 10 * not_approved.count()
    for figure in not_approved.select_related("measure"):
        assert figure.period == figure.measure.figures.order_by("period").last().period


def test_updates_include_drafts_and_scheduled_posts_that_stay_hidden(large):
    now = timezone.now()
    posts = Post.objects.filter(slug__startswith="large-")
    assert posts.filter(status=Post.Status.DRAFT).exists()
    assert posts.filter(status=Post.Status.PUBLISHED, published_at__gt=now).exists()
    public = Post.objects.published(now=now).filter(slug__startswith="large-")
    assert 0 < public.count() <= posts.count()
    assert not public.filter(published_at__gt=now).exists()


def test_evidence_is_a_mix_of_public_and_internal(large):
    evidence = Evidence.objects.filter(url__startswith="https://example.org/evidence/")
    assert evidence.filter(is_public=True).exists()
    assert evidence.filter(is_public=False).exists()


def test_the_pages_render_with_the_large_data(client, large):
    measure = Measure.objects.filter(code__startswith="large-").first()
    for url in (
        "/",
        "/findings/large-finding-1/",
        measure.get_absolute_url(),
        "/measures/",
        "/updates/",
    ):
        assert client.get(url).status_code == 200


def test_it_runs_once_per_database(large):
    with pytest.raises(CommandError):
        call_command("generate_large_data", "--small", verbosity=0)


def test_it_retires_cached_pages(client, db):
    assert "Large finding 1" not in client.get("/").content.decode()
    call_command("generate_large_data", "--small", verbosity=0)
    assert "Large finding 1" in client.get("/").content.decode()
