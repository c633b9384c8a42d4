"""Fragments kept rendered (`{% fragment %}`, caching/fragments.py).

The whole-page cache is off in these tests, so every page is rendered and
only the fragments can come from the cache. To prove a page really used a
kept fragment, the tests overwrite what is kept with a marker and look for
it; to prove a change retires it, they make the change the way staff would
and look for the marker's absence and the new content.
"""

from datetime import date

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.utils import timezone

from sendprogress.accounts.roles import APPROVER, DATA_OFFICER
from sendprogress.caching import fragments
from sendprogress.plan.measures import services
from sendprogress.plan.models import Figure
from sendprogress.updates.models import Post
from tests.factories import make_figure, make_post, make_user

pytestmark = pytest.mark.django_db

MARKER = "KEPT-FRAGMENT-MARKER"


@pytest.fixture(autouse=True)
def _fragments_only(no_page_cache, settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600


def _kept(name: str) -> list[str]:
    # Local memory (the tests' cache): its keys are "<prefix>:<version>:<key>".
    return [k.split(":", 2)[2] for k in cache._cache if f":fragment:{name}:" in k]


def _mark_kept(name: str) -> None:
    kept = _kept(name)
    assert kept, f"no {name} fragment was kept"
    for key in kept:
        cache.set(key, MARKER)


def test_the_measure_page_uses_its_kept_table(client, measure):
    first = client.get("/measures/the-measure/").content.decode()
    assert "11.5" in first
    _mark_kept("measure-figures")
    again = client.get("/measures/the-measure/").content.decode()
    assert MARKER in again
    assert "Every approved figure" not in again  # the table came from the cache


def test_an_approved_figure_redraws_the_measure_table(client, measure):
    figure = make_figure(
        measure=measure,
        period=date(2023, 3, 1),
        value="17.25",
        status=Figure.Status.SUBMITTED,
        submitted_by=make_user(DATA_OFFICER),
        submitted_at=timezone.now(),
    )
    assert "17.2" not in client.get("/measures/the-measure/").content.decode()
    _mark_kept("measure-figures")
    services.approve_figure(figure=figure, by=make_user(APPROVER))
    page = client.get("/measures/the-measure/").content.decode()
    assert MARKER not in page
    assert "March 2023" in page
    assert "17.2" in page


def test_a_correction_redraws_the_measure_table(client, measure):
    figure = measure.figures.get()
    client.get("/measures/the-measure/")
    _mark_kept("measure-figures")
    services.correct_figure(
        figure=figure,
        by=make_user(APPROVER),
        value=figure.value + 30,
        commentary="Recounted.",
        reason="A mistake in the count",
        commentary_reviewed=True,
    )
    page = client.get("/measures/the-measure/").content.decode()
    assert MARKER not in page
    assert "A mistake in the count" in page


@pytest.mark.parametrize("status", [Figure.Status.DRAFT, Figure.Status.SUBMITTED])
def test_a_figure_not_approved_never_reaches_the_kept_table(client, measure, status):
    make_figure(measure=measure, period=date(2023, 4, 1), value="99.75", status=status)
    for _ in range(2):
        assert "99.7" not in client.get("/measures/the-measure/").content.decode()
    assert len(_kept("measure-figures")) == 1
    assert "99.7" not in cache.get(_kept("measure-figures")[0])


def test_an_edited_post_redraws_the_updates_list(client, measure):
    post = make_post(title="First words", slug="news")
    assert "First words" in client.get("/updates/").content.decode()
    _mark_kept("post-list")
    assert MARKER in client.get("/updates/").content.decode()
    post.title = "Better words"
    post.save()
    page = client.get("/updates/").content.decode()
    assert MARKER not in page
    assert "Better words" in page


def test_a_draft_post_never_reaches_the_kept_updates_list(client, measure):
    make_post(title="Public words", slug="public")
    make_post(title="Secret draft", slug="draft", status=Post.Status.DRAFT)
    for _ in range(2):
        page = client.get("/updates/").content.decode()
        assert "Public words" in page
        assert "Secret draft" not in page
    assert all("Secret draft" not in cache.get(key) for key in _kept("post-list"))


def test_a_fragment_sees_only_the_values_it_is_keyed_on(settings):
    template = Template(
        '{% load fragments %}{% fragment "t" text=text %}'
        "[{{ text }}|{{ secret }}]{% endfragment %}"
    )
    shown = template.render(Context({"text": "public", "secret": "staff only"}))
    assert shown == "[public|]"


def test_preview_and_public_renders_are_kept_apart():
    template = Template(
        '{% load fragments %}{% fragment "t" text=text preview=preview %}'
        "{% if preview %}PREVIEW {% endif %}{{ text }}{% endfragment %}"
    )
    assert template.render(Context({"text": "same", "preview": True})) == "PREVIEW same"
    assert template.render(Context({"text": "same", "preview": False})) == "same"
    assert len(_kept("t")) == 2


def test_keys_follow_model_fields_and_prefetched_relations(measure):
    post = make_post(title="A title", slug="a")
    before = fragments.key("p", {"post": post})
    post.title = "Another title"
    assert fragments.key("p", {"post": post}) != before
    with_findings = Post.objects.prefetch_related("findings").get(pk=post.pk)
    bare = fragments.key("p", {"post": with_findings})
    with_findings.findings.add(measure.findings.first())
    with_findings = Post.objects.prefetch_related("findings").get(pk=post.pk)
    assert fragments.key("p", {"post": with_findings}) != bare


def test_a_failing_cache_renders_the_fragment_afresh(client, measure, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(fragments.cache, "get", broken)
    monkeypatch.setattr(fragments.cache, "set", broken)
    response = client.get("/measures/the-measure/")
    assert response.status_code == 200
    assert "Every approved figure" in response.content.decode()


def test_zero_seconds_turns_fragments_off(client, measure, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get("/measures/the-measure/")
    assert _kept("measure-figures") == []
