"""Pictures in updates: which files are accepted, and who may fetch them."""

import io
import struct
import time
import zlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from sendprogress.accounts import roles
from sendprogress.updates.images import validate_update_image, without_metadata
from sendprogress.updates.markdown import IMAGE_ADDRESS, render_markdown
from sendprogress.updates.models import Post
from tests.factories import crafted_gif, make_post, make_post_image, make_user, picture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# What is accepted ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "content_type"),
    [
        ("chart.png", "PNG", "image/png"),
        ("photo.jpg", "JPEG", "image/jpeg"),
        ("photo.JPEG", "JPEG", "image/jpeg"),
        ("moving.gif", "GIF", "image/gif"),
        ("small.webp", "WEBP", "image/webp"),
    ],
)
def test_real_pictures_are_accepted_with_their_real_type(name, kind, content_type):
    checked = validate_update_image(upload(name, picture_bytes(kind, (30, 20))))
    assert (checked.content_type, checked.width, checked.height) == (content_type, 30, 20)


def _refusal(name, content) -> str:
    with pytest.raises(ValidationError) as refused:
        validate_update_image(upload(name, content))
    return refused.value.messages[0]


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("drawing.svg", SVG, "not a type of picture we accept"),
        ("page.html", HTML, "not a type of picture we accept"),
        ("no-extension", picture_bytes(), "not a type of picture we accept"),
        ("page.png", HTML, "not a real PNG picture"),
        ("drawing.png", SVG, "not a real PNG picture"),
        ("photo.png", picture_bytes("JPEG"), "not a real PNG picture"),
        ("chart.jpg", picture_bytes("PNG"), "not a real JPG picture"),
        ("chart.gif", b"GIF89a" + b"\x00" * 20, "not a real GIF picture"),
        ("chart.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "not a real WEBP picture"),
        ("empty.png", b"", "The file is empty"),
    ],
)
def test_files_that_are_not_what_they_say_are_refused(name, content, says):
    assert says in _refusal(name, content)


@pytest.mark.parametrize("lenient", [False, True], ids=["pillow-default", "after-weasyprint"])
def test_a_truncated_picture_is_refused(monkeypatch, lenient):
    from PIL import ImageFile

    # WeasyPrint, once imported, tells Pillow to accept cut-short files everywhere.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    whole = picture_bytes("PNG", (200, 200))
    assert "not a real PNG picture" in _refusal("cut.png", whole[: len(whole) // 2])
    whole = picture_bytes("JPEG", (200, 200))
    assert "not a real JPG picture" in _refusal("cut.jpg", whole[: len(whole) // 2])


def _claiming_size(png: bytes, width: int, height: int) -> bytes:
    """The PNG with its header saying it is width by height pixels (CRC fixed up)."""
    header = b"IHDR" + struct.pack(">II", width, height) + png[24:29]
    return png[:12] + header + struct.pack(">I", zlib.crc32(header)) + png[33:]


@pytest.mark.parametrize("size", [(20_000, 20_000), (9_000, 9_000), (10_001, 1)])
def test_a_picture_too_large_to_show_is_refused_without_unpacking_it(size):
    # A tiny file whose header says it unpacks to hundreds of millions of pixels.
    bomb = _claiming_size(picture_bytes("PNG", (1, 1)), *size)
    assert "too large to show on a web page" in _refusal("bomb.png", bomb)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.UPDATE_IMAGE_MAX_UPLOAD_MB = 1
    big = picture_bytes("PNG") + b"\x00" * (1024 * 1024)
    message = _refusal("big.png", big)
    assert "The largest image you can upload is 1 MB" in message


# The address the Markdown uses ---------------------------------------------


def test_the_markdown_given_for_a_picture_shows_it():
    image = make_post_image(alt_text="Plans on time [2024]")
    assert IMAGE_ADDRESS.fullmatch(image.get_absolute_url())
    html = render_markdown(image.markdown)
    assert f'src="{image.get_absolute_url()}"' in html
    assert 'alt="Plans on time 2024"' in html


# Who may fetch a picture -----------------------------------------------------


def _url(image) -> str:
    return reverse("updates:post_image", args=[image.pk])


def test_a_public_updates_picture_is_served_as_the_picture_it_is(client):
    image = make_post_image(make_post())
    response = client.get(_url(image))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image.file.open("rb").read()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="update-image-{image.pk}.png"'
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["Cache-Control"] == "public, max-age=300"


def test_the_type_comes_from_what_was_stored_not_the_name(client):
    image = make_post_image(make_post())
    image.content_type = "image/jpeg"
    image.save()
    assert client.get(_url(image))["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    "post",
    [
        pytest.param(lambda: make_post(status=Post.Status.DRAFT), id="draft"),
        pytest.param(
            lambda: make_post(published_at=timezone.now() + timedelta(days=2)), id="scheduled"
        ),
    ],
)
def test_pictures_of_updates_not_public_are_not_found(client, post):
    image = make_post_image(post())
    response = client.get(_url(image))
    assert response.status_code == 404
    assert b"\x89PNG" not in response.content


def test_a_withdrawn_updates_pictures_go_with_it(client, approver):
    from sendprogress.updates import services

    post = make_post()
    image = make_post_image(post)
    assert client.get(_url(image)).status_code == 200
    post.status = Post.Status.DRAFT
    services.save_post(post=post, by=approver)
    assert client.get(_url(image)).status_code == 404


def test_a_picture_that_does_not_exist_is_not_found(client):
    assert client.get("/updates/images/999999/").status_code == 404
    assert client.get("/updates/images/99999999999999999999/").status_code == 404


def test_a_picture_whose_file_is_gone_is_not_found(client):
    image = make_post_image(make_post())
    image.file.storage.delete(image.file.name)
    assert client.get(_url(image)).status_code == 404


def test_staff_who_preview_updates_see_a_drafts_pictures_never_cached(client):
    image = make_post_image(make_post(status=Post.Status.DRAFT))
    client.force_login(make_user(roles.PARTNER_VIEWER))
    response = client.get(_url(image))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_someone_signed_in_but_not_staff_gets_nothing_more_than_the_public(client):
    image = make_post_image(make_post(status=Post.Status.DRAFT))
    client.force_login(make_user(staff=False))
    assert client.get(_url(image)).status_code == 404


def test_the_picture_address_only_answers_get_and_head(client):
    image = make_post_image(make_post())
    assert client.head(_url(image)).status_code == 200
    for method in (client.post, client.put, client.delete):
        assert method(_url(image)).status_code == 405
    assert image.file.storage.exists(image.file.name)


@pytest.mark.parametrize(
    "address",
    [
        "/updates/images/../../admin/",
        "/updates/images/%2e%2e%2fsettings.py/",
        "/updates/images/1/..%2f..%2fmanage.py",
        "/updates/images/-1/",
        "/updates/images/1.png",
        "/updates/images/1/%00/",
        "/media/update-images/",
    ],
)
def test_no_other_address_reaches_a_file(client, address):
    image = make_post_image(make_post())
    response = client.get(address)
    assert response.status_code in (301, 404), address
    if response.status_code == 200:  # pragma: no cover - the assertion above says why
        assert image.file.open("rb").read() not in response.content


def test_the_page_cache_never_keeps_a_picture(client, settings):
    post = make_post()
    image = make_post_image(post)
    assert client.get(_url(image)).status_code == 200
    post.status = Post.Status.DRAFT
    post.save()
    assert client.get(_url(image)).status_code == 404


def test_a_public_update_shows_its_picture_with_its_alt_text(client):
    post = make_post()
    image = make_post_image(post, alt_text="Plans finished on time each month")
    post.body = f"Here is the chart.\n\n{image.markdown}"
    post.save()
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'<img src="{_url(image)}" alt="Plans finished on time each month"' in html


def test_no_list_feed_or_data_gives_away_a_drafts_picture(client):
    draft = make_post(status=Post.Status.DRAFT, title="Spring plans", summary="Spring plans.")
    hidden = make_post_image(draft, alt_text="A secret chart")
    draft.body = f"Spring plans.\n\n{hidden.markdown}"
    draft.save()
    scheduled = make_post(published_at=timezone.now() + timedelta(days=3), title="Spring plans 2")
    later = make_post_image(scheduled, alt_text="A secret chart")
    scheduled.body = f"Spring plans.\n\n{later.markdown}"
    scheduled.save()
    for address in (
        "/sitemap.xml",
        "/updates/",
        "/updates/feed.rss",
        "/updates/feed.atom",
        "/api/v1/updates/",
        "/search/?q=spring",
        "/search/?q=secret+chart",
    ):
        response = client.get(address)
        assert response.status_code == 200, address
        text = response.content.decode()
        for image in (hidden, later):
            assert image.get_absolute_url() not in text, address
        assert "A secret chart" not in text, address


def _photo_with_metadata(kind: str) -> bytes:
    """A photo as a phone saves it: where it was taken, the camera, and turned on its side."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: shown turned a quarter right
    exif[0x010F] = "SecretCam"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 40.0)}
    out = io.BytesIO()
    extra = {"xmp": b"<x:xmpmeta>SECRETXMP</x:xmpmeta>"}
    if kind == "JPEG":
        extra["comment"] = b"SECRETCOMMENT"
    Image.new("RGB", (40, 20), (10, 120, 200)).save(out, kind, exif=exif.tobytes(), **extra)
    return out.getvalue()


@pytest.mark.parametrize(("kind", "name"), [("JPEG", "photo.jpg"), ("WEBP", "photo.webp")])
def test_a_photo_is_kept_without_where_it_was_taken_and_the_right_way_up(
    client, approver, kind, name
):
    from PIL import Image

    from sendprogress.updates import services

    content = _photo_with_metadata(kind)
    assert b"SecretCam" in content
    image = services.add_post_image(
        post=make_post(), upload=upload(name, content), alt_text="A new hub", by=approver
    )
    stored = b"".join(client.get(_url(image)).streaming_content)
    for secret in (b"SecretCam", b"SECRETXMP", b"SECRETCOMMENT", b"GPS"):
        assert secret not in stored
    with Image.open(image.file.open("rb")) as picture:
        assert not picture.getexif()
        assert picture.size == (20, 40)  # turned as the phone meant it to be seen
    assert (image.width, image.height) == (20, 40)


# Animations that would take minutes and gigabytes to unpack (security issue 22, item 6) --


def test_a_small_gif_declaring_many_huge_frames_is_refused_before_it_is_unpacked():
    bomb = crafted_gif(6000, 6000, 300)
    assert len(bomb) < 8 * 1024
    started = time.monotonic()
    says = _refusal("moving.gif", bomb)
    assert time.monotonic() - started < 5  # before: a minute and more than a gigabyte
    assert says == (
        "The animation is too large: it has 300 frames of 6,000 by 6,000 pixels. "
        "Make it smaller or give it fewer frames, then upload it again."
    )


def test_a_gif_with_more_frames_than_a_picture_needs_is_refused_quickly():
    bomb = crafted_gif(10, 10, 200_000)
    started = time.monotonic()
    says = _refusal("moving.gif", bomb)
    assert time.monotonic() - started < 2
    assert "it has more than 300 frames of 10 by 10 pixels" in says


def test_a_modest_animation_is_still_accepted_and_kept_moving():
    frames = [Image.new("RGB", (400, 300), (n * 6, 0, 0)) for n in range(40)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
    checked = validate_update_image(upload("moving.gif", out.getvalue()))
    assert (checked.width, checked.height) == (400, 300)
    content, _, _ = without_metadata(upload("moving.gif", out.getvalue()), checked)
    with Image.open(io.BytesIO(content.read())) as saved:
        assert (saved.size, saved.n_frames) == ((400, 300), 40)
