from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from sendprogress.updates import services
from sendprogress.updates.models import Post
from tests.factories import make_post

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/updates/post/add/"


def _form(**overrides):
    data = {
        "title": "Plans on time",
        "slug": "plans-on-time",
        "summary": "More plans were issued on time.",
        "body": "We did better this month.",
        "author_name": "Alex Morgan",
        "author_role": "Assistant Director of SEND",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
    }
    return data | overrides


def _change_url(post):
    return f"/admin/updates/post/{post.pk}/change/"


# The rule, in code ------------------------------------------------------------


def test_only_an_approver_can_publish_through_the_service(writer, approver):
    post = make_post(status=Post.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.publish_post(post=post, by=writer)
    assert Post.objects.get(pk=post.pk).status == Post.Status.DRAFT

    services.publish_post(post=post, by=approver)
    post.refresh_from_db()
    assert post.is_public


def test_only_an_approver_can_schedule_through_the_service(writer):
    post = make_post(status=Post.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.publish_post(post=post, by=writer, at=timezone.now() + timedelta(days=1))


def test_only_an_approver_can_withdraw_a_published_post(writer, approver):
    post = make_post()
    post.status = Post.Status.DRAFT
    with pytest.raises(PermissionDenied):
        services.save_post(post=post, by=writer)
    assert Post.objects.get(pk=post.pk).is_public
    services.save_post(post=post, by=approver)
    assert not Post.objects.get(pk=post.pk).is_public


def test_a_writer_can_fix_a_typo_in_a_published_post(writer):
    post = make_post(title="Typo hre")
    post.title = "Typo here"
    services.save_post(post=post, by=writer)
    post.refresh_from_db()
    assert post.title == "Typo here"
    assert post.is_public


def test_anyone_who_may_edit_can_save_a_draft(writer):
    post = make_post(status=Post.Status.DRAFT)
    post.title = "Better title"
    services.save_post(post=post, by=writer)
    assert Post.objects.get(pk=post.pk).title == "Better title"


# The rule, in the admin -------------------------------------------------------


def test_a_writer_cannot_publish_in_the_admin(client, writer):
    client.force_login(writer)
    response = client.post(ADD_URL, _form(status="published"))
    assert response.status_code == 200
    assert (
        "Only an approver can publish, schedule or withdraw an update" in response.content.decode()
    )
    assert not Post.objects.exists()


def test_a_writer_can_save_a_draft_in_the_admin(client, writer):
    client.force_login(writer)
    response = client.post(ADD_URL, _form())
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.status == Post.Status.DRAFT
    assert post.created_by == writer


def test_an_approver_publishes_now_when_no_time_is_given(client, approver):
    client.force_login(approver)
    before = timezone.now()
    client.post(ADD_URL, _form(status="published"))
    post = Post.objects.get()
    assert post.is_public
    assert post.published_at >= before


def test_an_approver_schedules_with_a_future_time(client, approver):
    client.force_login(approver)
    client.post(
        ADD_URL, _form(status="published", published_at_0="2099-01-01", published_at_1="09:00")
    )
    post = Post.objects.get()
    assert post.state_label == "Scheduled"
    assert not post.is_public


def test_an_image_without_alt_text_is_refused_with_a_clear_message(client, approver):
    client.force_login(approver)
    response = client.post(ADD_URL, _form(body="Look: ![](/updates/images/7/)"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "needs alt text" in html
    assert not Post.objects.exists()


def test_a_slug_used_by_the_site_is_refused(client, approver):
    client.force_login(approver)
    response = client.post(ADD_URL, _form(slug="preview"))
    assert "is used by the site" in response.content.decode()


# Editing a published post -----------------------------------------------------


def test_editing_a_published_post_keeps_its_original_date(client, approver):
    original = timezone.now() - timedelta(days=10)
    post = make_post(published_at=original)
    client.force_login(approver)
    client.post(
        _change_url(post),
        _form(
            title="New title",
            slug=post.slug,
            status="published",
            published_at_0="2030-01-01",
            published_at_1="10:00",
        ),
    )
    post.refresh_from_db()
    assert post.title == "New title"
    assert post.published_at == original
    assert post.updated_date is None


def test_a_substantial_change_shows_updated_on(client, approver):
    post = make_post(published_at=timezone.now() - timedelta(days=10))
    client.force_login(approver)
    client.post(
        _change_url(post),
        _form(slug=post.slug, status="published", substantial_change="on"),
    )
    post.refresh_from_db()
    assert post.updated_date is not None
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'Updated on <time datetime="{timezone.localtime(post.revised_at).isoformat()}' in html


def test_a_small_fix_does_not_show_updated_on(client, approver):
    post = make_post(published_at=timezone.now() - timedelta(days=10))
    client.force_login(approver)
    client.post(_change_url(post), _form(slug=post.slug, status="published"))
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    post.refresh_from_db()
    assert post.title in html
    assert "Updated on" not in html


# Scheduling -------------------------------------------------------------------


def test_a_scheduled_post_appears_at_its_time_and_not_before(client):
    at = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
    post = make_post(published_at=at, title="Spring plans")
    with time_machine.travel(at - timedelta(minutes=1), tick=False):
        assert client.get(post.get_absolute_url()).status_code == 404
        assert "Spring plans" not in client.get("/updates/").content.decode()
        assert "Spring plans" not in client.get("/updates/feed.atom").content.decode()
    with time_machine.travel(at, tick=False):
        assert client.get(post.get_absolute_url()).status_code == 200
        assert "Spring plans" in client.get("/updates/").content.decode()
        assert "Spring plans" in client.get("/updates/feed.atom").content.decode()
        assert "Spring plans" in client.get("/").content.decode()


# Staff preview ----------------------------------------------------------------


def test_staff_can_preview_a_draft_at_its_own_address(client, data_officer):
    post = make_post(status=Post.Status.DRAFT, title="Not yet")
    client.force_login(data_officer)
    response = client.get(post.get_preview_url())
    assert response.status_code == 200
    assert "Not yet" in response.content.decode()
    assert "This update is draft" in response.content.decode()


def test_the_draft_preview_is_never_cached_nor_indexed(client, data_officer):
    post = make_post(status=Post.Status.DRAFT)
    client.force_login(data_officer)
    response = client.get(post.get_preview_url())
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_the_public_cannot_see_the_draft_preview(client):
    post = make_post(status=Post.Status.DRAFT, title="Secret")
    response = client.get(post.get_preview_url())
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert client.get(post.get_absolute_url()).status_code == 404


# The editor's preview ---------------------------------------------------------


def test_the_live_preview_renders_the_markdown(client, approver):
    client.force_login(approver)
    response = client.post(
        ADD_URL + "preview/", {"body": "## Hello\n\n<script>x</script>"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert '<h3 class="govuk-heading-s">Hello</h3>' in html
    assert "<script>" not in html
    assert "<html" not in html  # only the partial, for htmx to swap in


def test_without_javascript_the_preview_button_shows_a_page(client, approver):
    post = make_post(status=Post.Status.DRAFT)
    client.force_login(approver)
    response = client.post(
        _change_url(post) + "preview/", {"title": "Draft title", "body": "*Hi*"}
    )
    html = response.content.decode()
    assert "<html" in html
    assert "<em>Hi</em>" in html
    assert "nothing has been saved" in html


def test_the_editor_preview_is_staff_only(client):
    response = client.post(ADD_URL + "preview/", {"body": "x"})
    assert response.status_code == 302


def test_the_editor_has_the_preview_beside_it(client, approver):
    client.force_login(approver)
    html = client.get(ADD_URL).content.decode()
    assert 'data-hx-post="preview/"' in html
    assert 'id="post-preview"' in html
    assert 'formaction="preview/"' in html
