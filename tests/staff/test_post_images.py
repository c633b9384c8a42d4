"""Adding and removing an update's pictures in the staff editor."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendprogress.updates.models import Post, PostImage
from tests.factories import crafted_gif, make_post, make_post_image, picture_bytes

pytestmark = pytest.mark.django_db

TYPED = {
    "title": "Autumn progress, as typed",
    "slug": "autumn-progress",
    "summary": "What changed this autumn.",
    "body": "Words the author typed and has not saved yet.",
    "author_name": "Alex Morgan",
    "author_role": "Assistant Director of SEND",
    "when": "draft",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft():
    return make_post(status=Post.Status.DRAFT, title="Autumn progress", body="Saved words.")


def add(client, post, *, name="chart.png", content=None, alt="Plans finished on time"):
    data = dict(TYPED)
    if name is not None:
        data["image-file"] = SimpleUploadedFile(
            name, picture_bytes() if content is None else content
        )
    if alt is not None:
        data["image-alt_text"] = alt
    return client.post(reverse("staff:add_post_image", args=[post.pk]), data)


def test_a_new_update_is_saved_as_a_draft_before_it_takes_pictures(client, approver):
    client.force_login(approver)
    html = client.get(reverse("staff:new_post")).content.decode()
    assert "Save the update as a draft first" in html
    assert 'type="file"' not in html


def test_the_editor_of_a_saved_update_offers_to_add_a_picture(client, approver, draft):
    client.force_login(approver)
    html = client.get(reverse("staff:edit_post", args=[draft.pk])).content.decode()
    assert "This update has no images yet." in html
    assert 'type="file"' in html
    assert "Alt text: what the picture shows" in html


@pytest.mark.parametrize("name", ["chart.png", "photo.jpg"])
def test_a_picture_is_added_and_its_markdown_given_keeping_the_typed_words(
    client, approver, draft, name
):
    client.force_login(approver)
    kind = "PNG" if name.endswith("png") else "JPEG"
    response = add(client, draft, name=name, content=picture_bytes(kind))
    assert response.status_code == 200
    image = PostImage.objects.get(post=draft)
    assert image.alt_text == "Plans finished on time"
    assert image.uploaded_by == approver
    assert name not in image.file.name  # the server's name, not the uploader's
    html = response.content.decode()
    assert "The image was added" in html
    assert f"![Plans finished on time](/updates/images/{image.pk}/)" in html
    # What was typed is still there, and nothing else was saved.
    assert "Words the author typed and has not saved yet." in html
    assert 'value="Autumn progress, as typed"' in html
    draft.refresh_from_db()
    assert draft.body == "Saved words."
    # The form still posts to the editor, so Save saves the update as usual.
    assert f'action="{reverse("staff:edit_post", args=[draft.pk])}"' in html


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("name", "content", "alt", "says"),
    [
        ("drawing.svg", SVG, "A drawing", "is not a type of picture we accept"),
        ("page.png", b"<!doctype html><script>alert(1)</script>", "A page", "not a real PNG"),
        ("cut.png", picture_bytes("PNG", (300, 300))[:200], "A cut picture", "not a real PNG"),
        ("chart.png", None, "", "Write alt text that says what the picture shows"),
        ("chart.png", None, "   ", "Write alt text that says what the picture shows"),
        ("chart.png", None, "Two\nlines", "Write the alt text on one line"),
        ("chart.png", None, "A tab\there", "Write the alt text on one line"),
        ("chart.png", None, "x" * 251, "Write the alt text in 250 characters or fewer"),
        (None, None, "A chart", "Choose a picture to upload"),
    ],
)
def test_a_refused_picture_says_why_beside_the_field_and_keeps_the_typed_words(
    client, approver, draft, name, content, alt, says
):
    client.force_login(approver)
    response = add(client, draft, name=name, content=content, alt=alt)
    assert response.status_code == 400
    html = response.content.decode()
    assert says in html
    assert "govuk-error-summary" in html
    assert "govuk-error-message" in html
    assert html.count(says) == 2  # in the summary, and beside the field
    assert "Words the author typed and has not saved yet." in html
    assert not PostImage.objects.exists()


def test_a_picture_over_the_size_limit_is_refused(client, approver, draft, settings):
    settings.UPDATE_IMAGE_MAX_UPLOAD_MB = 1
    client.force_login(approver)
    response = add(client, draft, content=picture_bytes() + b"\x00" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert "The largest image you can upload is 1 MB" in response.content.decode()
    assert not PostImage.objects.exists()


def test_a_tiny_gif_that_unpacks_to_gigabytes_is_refused_on_the_form(client, approver, draft):
    client.force_login(approver)
    response = add(client, draft, name="moving.gif", content=crafted_gif(6000, 6000, 300))
    assert response.status_code == 400
    html = response.content.decode()
    says = "The animation is too large: it has 300 frames of 6,000 by 6,000 pixels."
    assert html.count(says) == 2  # in the summary, and beside the field
    assert "Words the author typed and has not saved yet." in html
    assert not PostImage.objects.exists()


def test_the_editor_lists_the_pictures_with_their_alt_text(client, approver, draft):
    image = make_post_image(draft, alt_text="A map of the family hubs")
    client.force_login(approver)
    html = client.get(reverse("staff:edit_post", args=[draft.pk])).content.decode()
    assert "A map of the family hubs" in html
    assert f"![A map of the family hubs](/updates/images/{image.pk}/)" in html
    assert (
        'Remove<span class="govuk-visually-hidden"> the image “A map of the family hubs”' in html
    )


def test_the_preview_shows_a_picture_the_update_uses(client, approver, draft):
    image = make_post_image(draft, alt_text="A map of the family hubs")
    client.force_login(approver)
    response = client.post(
        reverse("staff:preview_post"), {"body": f"See the map.\n\n{image.markdown}"}
    )
    assert f'<img src="/updates/images/{image.pk}/" alt="A map of the family hubs"' in (
        response.content.decode()
    )


def test_a_picture_is_removed_keeping_the_typed_words(
    client, approver, draft, django_capture_on_commit_callbacks
):
    image = make_post_image(draft)
    stored = image.file.name
    client.force_login(approver)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff:remove_post_image", args=[draft.pk, image.pk]), TYPED
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "was removed" in html
    assert "Words the author typed and has not saved yet." in html
    assert not PostImage.objects.exists()
    assert not image.file.storage.exists(stored)
    assert client.get(f"/updates/images/{image.pk}/").status_code == 404


def test_a_picture_the_update_still_shows_is_not_removed(client, approver, draft):
    image = make_post_image(draft)
    client.force_login(approver)
    typed = TYPED | {"body": f"The chart:\n\n{image.markdown}"}
    response = client.post(reverse("staff:remove_post_image", args=[draft.pk, image.pk]), typed)
    assert response.status_code == 400
    assert "The update still shows the image" in response.content.decode()
    assert PostImage.objects.filter(pk=image.pk).exists()


def test_a_picture_of_another_update_is_not_found_here(client, approver, draft):
    other = make_post_image(make_post())
    client.force_login(approver)
    response = client.post(reverse("staff:remove_post_image", args=[draft.pk, other.pk]), TYPED)
    assert response.status_code == 404
    assert PostImage.objects.filter(pk=other.pk).exists()


def test_the_picture_addresses_take_only_posts(client, approver, draft):
    image = make_post_image(draft)
    client.force_login(approver)
    assert client.get(reverse("staff:add_post_image", args=[draft.pk])).status_code == 405
    remove = reverse("staff:remove_post_image", args=[draft.pk, image.pk])
    assert client.get(remove).status_code == 405
    assert PostImage.objects.filter(pk=image.pk).exists()


def test_the_editors_queries_do_not_grow_with_its_pictures(client, approver, draft):
    client.force_login(approver)
    make_post_image(draft)
    url = reverse("staff:edit_post", args=[draft.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        make_post_image(draft)
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six) == len(one)


def test_an_updates_pictures_go_with_it_when_it_is_deleted(
    client, draft, django_capture_on_commit_callbacks
):
    image = make_post_image(draft)
    stored = image.file.name
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert not PostImage.objects.exists()
    assert not image.file.storage.exists(stored)


def test_an_upload_sent_without_the_editors_fields_shows_the_saved_update(client, approver, draft):
    client.force_login(approver)
    response = client.post(
        reverse("staff:add_post_image", args=[draft.pk]),
        {"image-file": SimpleUploadedFile("map.png", picture_bytes()), "image-alt_text": "A map"},
    )
    assert response.status_code == 200
    assert "Saved words." in response.content.decode()
